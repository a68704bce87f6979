import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PrincipalRateLimiter } from '../http/principal-rate-limit.js';
import { TargetSlots } from './target-slots.js';

test('target slots: at most `limit` in flight per target, others unaffected, released slots wake a waiter', async () => {
  const slots = new TargetSlots();
  const signal = new AbortController().signal;
  const a1 = await slots.acquire('a', 2, signal);
  await slots.acquire('a', 2, signal);
  let third = false;
  const pending = slots.acquire('a', 2, signal).then((r) => ((third = true), r));
  const b = await slots.acquire('b', 1, signal);
  assert.equal(slots.inFlight('a'), 2);
  assert.equal(third, false);
  a1();
  a1();
  const r3 = await pending;
  assert.equal(third, true);
  assert.equal(slots.inFlight('a'), 2, 'a double release counts once');
  r3();
  b();
  assert.equal(slots.inFlight('b'), 0);
});

test('a unit waiting for a slot leaves when its scan is cancelled', async () => {
  const slots = new TargetSlots();
  await slots.acquire('a', 1, new AbortController().signal);
  const c = new AbortController();
  const waiting = slots.acquire('a', 1, c.signal);
  c.abort();
  await assert.rejects(waiting, (e) => (e as Error).name === 'AbortError');
});

test('per-principal rate limit: a burst of `perMinute`, then 429 with a Retry-After, refilled over time', () => {
  let now = 0;
  const limiter = new PrincipalRateLimiter(6, () => now);
  for (let i = 0; i < 6; i++) limiter.take('alice');
  assert.throws(() => limiter.take('alice'), (e: { status?: number; retryAfterSeconds?: number }) => e.status === 429 && e.retryAfterSeconds === 10);
  limiter.take('bob');
  now = 10_000;
  limiter.take('alice');
  assert.throws(() => limiter.take('alice'));
});
