import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PrincipalRateLimiter } from '../auth/principal-rate-limit.js';
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

test('waiters are served in arrival order; a fragile unit (one slot) is not overtaken by later ones', async () => {
  const slots = new TargetSlots();
  const signal = new AbortController().signal;
  const order: string[] = [];
  const first = await slots.acquire('a', 2, signal);
  const second = await slots.acquire('a', 2, signal);
  const take = (name: string, limit: number) => slots.acquire('a', limit, signal).then((release) => (order.push(name), release));
  const fragile = take('fragile', 1);
  const later = take('later', 2);
  first();
  await Promise.resolve();
  assert.deepEqual(order, [], 'the fragile unit waits for the target to be idle, and the later one waits behind it');
  second();
  const releaseFragile = await fragile;
  await Promise.resolve();
  assert.deepEqual(order, ['fragile'], 'nothing joins the fragile unit while it is in flight');
  assert.equal(slots.inFlight('a'), 1);
  releaseFragile();
  (await later)();
  assert.deepEqual(order, ['fragile', 'later']);
  assert.equal(slots.inFlight('a'), 0);
});

test('a unit of a normal scan does not join a fragile scan\'s unit in flight at the same device', async () => {
  const slots = new TargetSlots();
  const signal = new AbortController().signal;
  const fragile = await slots.acquire('a', 1, signal);
  let joined = false;
  const normal = slots.acquire('a', 4, signal).then((r) => ((joined = true), r));
  await Promise.resolve();
  assert.equal(joined, false);
  fragile();
  (await normal)();
  assert.equal(joined, true);
});

test('a cancelled waiter at the head of the line lets the ones behind it through', async () => {
  const slots = new TargetSlots();
  const held = await slots.acquire('a', 2, new AbortController().signal);
  const c = new AbortController();
  const fragile = slots.acquire('a', 1, c.signal);
  const behind = slots.acquire('a', 2, new AbortController().signal);
  c.abort();
  await assert.rejects(fragile, (e) => (e as Error).name === 'AbortError');
  const release = await behind;
  assert.equal(slots.inFlight('a'), 2);
  release();
  held();
  assert.equal(slots.inFlight('a'), 0);
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
