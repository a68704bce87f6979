import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Redis } from 'ioredis';
import { startRedis, type RedisServer } from '../../test/support/redis.js';
import { maxInWindow } from '../../test/support/window.js';
import { RedisPacketPacing } from './redis-pacing.js';
import { connectRedis } from './wire.js';

let redis: RedisServer;
const clients: Redis[] = [];
before(async () => {
  redis = await startRedis();
});
after(async () => {
  for (const c of clients) c.disconnect();
  await redis.stop();
});

/** One pacing per "sensor", each on its own Redis connection, as separate processes would have. */
function sensorPacing(caps: { globalPacketsPerSecond: number; perTargetPacketsPerSecond: number; fragilePacketsPerSecond: number }): RedisPacketPacing {
  const client = connectRedis(redis.url);
  clients.push(client);
  return new RedisPacketPacing(client, 'pace-test', caps);
}


test('the per-target cap is shared: two sensors together never exceed it at one device', async () => {
  const caps = { globalPacketsPerSecond: 100000, perTargetPacketsPerSecond: 20, fragilePacketsPerSecond: 2 };
  const sensors = [sensorPacing(caps), sensorPacing(caps)];
  const granted: number[] = [];
  const signal = new AbortController().signal;
  await Promise.all(
    sensors.map(async (pacing, i) => {
      const pace = pacing.forScan(`scn_${i}`, undefined);
      for (let n = 0; n < 15; n++) {
        await pace('198.18.77.21', signal, false);
        granted.push(performance.now());
      }
    }),
  );
  assert.equal(granted.length, 30);
  // 20/s means one slot every 50 ms: in any 500 ms at most 10 packets (+1 for the window's edge).
  assert.ok(maxInWindow(granted, 500) <= 11, `at most 11 packets in 500 ms, saw ${maxInWindow(granted, 500)}`);
  const span = Math.max(...granted) - Math.min(...granted);
  assert.ok(span >= 29 * 50 - 50, `30 packets at 20/s span at least ~1.4 s, took ${span.toFixed(0)} ms`);
});

test('a scan\'s own rate applies across the sensors running its chunks', async () => {
  const caps = { globalPacketsPerSecond: 100000, perTargetPacketsPerSecond: 5, fragilePacketsPerSecond: 1 };
  const [a, b] = [sensorPacing(caps), sensorPacing(caps)];
  const signal = new AbortController().signal;
  const scanRate = 10;
  const times: number[] = [];
  await Promise.all(
    [a!, b!].map(async (p, i) => {
      const pace = p.forScan('scn_shared', scanRate);
      for (let n = 0; n < 5; n++) {
        await pace(`198.18.78.${i * 10 + n + 1}`, signal, false);
        times.push(performance.now());
      }
    }),
  );
  assert.ok(maxInWindow(times, 300) <= 4, `scan cap 10/s: at most 4 packets in 300 ms, saw ${maxInWindow(times, 300)}`);
});

test('a fragile target gets its own slower cap; an aborted wait ends at once', async () => {
  const pacing = sensorPacing({ globalPacketsPerSecond: 100000, perTargetPacketsPerSecond: 1000, fragilePacketsPerSecond: 2 });
  const pace = pacing.forScan('scn_f', undefined);
  const controller = new AbortController();
  await pace('198.18.77.40', controller.signal, true);
  const waiting = pace('198.18.77.40', controller.signal, true);
  controller.abort(new Error('cancelled'));
  await assert.rejects(waiting, /cancelled/);
});

/** Script runs Redis has served so far (the caps' only command). */
async function scriptRuns(): Promise<number> {
  const client = connectRedis(redis.url);
  try {
    const stats = await client.info('commandstats');
    return [...stats.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
  } finally {
    client.disconnect();
  }
}

test('forty units waiting on one device cost about one script run per packet, not one each per packet', async () => {
  const pace = sensorPacing({ globalPacketsPerSecond: 100000, perTargetPacketsPerSecond: 100, fragilePacketsPerSecond: 1 }).forScan('scn_herd', undefined);
  const signal = new AbortController().signal;
  const before = await scriptRuns();
  const granted = await Promise.all(Array.from({ length: 40 }, async () => (await pace('198.18.77.22', signal, false), performance.now())));
  const runs = (await scriptRuns()) - before;
  assert.ok(runs <= 2 * 40, `${runs} script runs for 40 packets`);
  assert.ok(maxInWindow(granted, 100) <= 11, `100/s: at most 11 packets in 100 ms, saw ${maxInWindow(granted, 100)}`);
});

test('a packet held back by its device\'s cap does not hold back one for another device, even one that comes later', async () => {
  const pace = sensorPacing({ globalPacketsPerSecond: 100000, perTargetPacketsPerSecond: 1, fragilePacketsPerSecond: 1 }).forScan('scn_two', undefined);
  const signal = new AbortController().signal;
  await pace('198.18.77.23', signal, false);
  const order: string[] = [];
  // The first asks alone; the second therefore joins the line and waits ~1 s for its device.
  const first = pace('198.18.77.24', signal, false).then(() => order.push('free device'));
  const held = pace('198.18.77.23', signal, false).then(() => order.push('held device'));
  await first;
  await pace('198.18.77.26', signal, false).then(() => order.push('free device, later'));
  await held;
  assert.deepEqual(order, ['free device', 'free device, later', 'held device']);
});

test('when Redis fails, a waiting packet fails with it instead of waiting for ever', async () => {
  const client = connectRedis(redis.url);
  const pace = new RedisPacketPacing(client, 'pace-fail', { globalPacketsPerSecond: 100000, perTargetPacketsPerSecond: 1, fragilePacketsPerSecond: 1 }).forScan('scn_f', undefined);
  const signal = new AbortController().signal;
  await pace('198.18.77.25', signal, false);
  const waiting = pace('198.18.77.25', signal, false);
  client.disconnect();
  await assert.rejects(waiting, /Connection is closed/);
});
