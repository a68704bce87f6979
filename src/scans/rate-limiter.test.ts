import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { setImmediate as settle } from 'node:timers/promises';
import { PacketLimiter } from './rate-limiter.js';

/** A limiter on a mocked clock and mocked timers; `tick(ms)` moves both and lets woken units run. */
function pacedClock(t: TestContext) {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  let reads = 0;
  const now = (): number => (reads++, Date.now());
  return {
    now,
    reads: () => reads,
    tick: async (ms: number) => {
      for (let i = 0; i < ms; i++) {
        t.mock.timers.tick(1);
        await settle();
      }
    },
  };
}

test('a cap faster than the timer tick reaches its rate, and never runs ahead of it by more than one tick', async (t) => {
  const clock = pacedClock(t);
  const limiter = new PacketLimiter(2000, 100000, clock.now);
  const signal = new AbortController().signal;
  let sent = 0;
  for (let i = 0; i < 2100; i++) void limiter.acquire(`10.0.${i >> 8}.${i & 255}`, undefined, signal).then(() => sent++);
  await settle();
  for (let ms = 1; ms <= 1000; ms++) {
    await clock.tick(1);
    assert.ok(sent <= 2 * ms + 3, `${sent} packets by ${ms} ms`);
  }
  assert.ok(sent >= 2000, `2000 a second, got ${sent}`);
});

test('waiting units are woken once per packet, not each once per tick', async (t) => {
  const clock = pacedClock(t);
  const limiter = new PacketLimiter(100, 100000, clock.now);
  const signal = new AbortController().signal;
  let sent = 0;
  for (let i = 0; i < 200; i++) void limiter.acquire(`10.0.0.${i}`, undefined, signal).then(() => sent++);
  await clock.tick(2000);
  assert.equal(sent, 200);
  assert.ok(clock.reads() < 10 * 200, `${clock.reads()} clock reads for 200 packets`);
});

test('a packet held back by its own target\'s cap does not hold back the others; a cancelled one leaves the line', async (t) => {
  const clock = pacedClock(t);
  const limiter = new PacketLimiter(1000, 10, clock.now);
  const signal = new AbortController().signal;
  await limiter.acquire('a', undefined, signal);
  const order: string[] = [];
  const again = limiter.acquire('a', undefined, signal).then(() => order.push('a'));
  const cancel = new AbortController();
  const cancelled = limiter.acquire('c', undefined, cancel.signal);
  const other = limiter.acquire('b', undefined, signal).then(() => order.push('b'));
  cancel.abort();
  await assert.rejects(cancelled, (e) => (e as Error).name === 'AbortError');
  await clock.tick(2);
  assert.deepEqual(order, ['b'], 'b goes on the next global slot while a waits for its own');
  await clock.tick(98);
  await Promise.all([again, other]);
  assert.deepEqual(order, ['b', 'a']);
  assert.equal(Date.now(), 100, 'a went when its target\'s 10/s allowed, not later');
});
