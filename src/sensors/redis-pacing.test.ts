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
  await assert.rejects(waiting, { name: 'AbortError' });
});
