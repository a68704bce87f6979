import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { MemoryScanStore } from '../store/memory-store.js';
import { emptyStats } from '../scans/tally.js';
import type { HistoryPrune } from './asset-store.js';
import { HistoryRetention } from './retention.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10);

/** A store with one address whose port 22 changed version on each of `days` days (one interval a day). */
function storeWithHistory(days: number): MemoryScanStore {
  const store = new MemoryScanStore();
  for (let d = 0; d < days; d++) {
    const id = `scn_${d}`;
    const at = new Date(T0 - (days - d) * DAY).toISOString();
    store.insertScan({ id, principal: 'alice', status: 'queued', createdAt: at, request: { targets: ['10.0.0.1'], probes: [], timing: { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 }, mode: 'async', profile: 'normal', labels: {} }, stats: emptyStats(1), assets: [] });
    store.appendResults(id, [], undefined, { owner: 'alice', observations: [{ ip: '10.0.0.1', fact: 'tcp/22', service: { state: 'open', version: String(d) }, scanId: id, observedAt: at }], changes: [], recordedAt: at });
  }
  return store;
}

const count = (store: MemoryScanStore): number => store.listIntervals({ owner: 'alice', ip: '10.0.0.1', limit: 1000 }).length;
const settings = { maxAgeDays: 3, perAsset: 100, pruneIntervalMs: 60_000, pruneRowsPerRun: 2 };
const silent = { warn: () => {} };

test('history retention runs on its own timer, bounded per run, against the injected clock', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const store = storeWithHistory(10);
  let now = T0;
  const retention = new HistoryRetention(store, settings, silent, () => now);
  retention.start();
  assert.equal(count(store), 10, 'nothing is pruned before the first run');
  t.mock.timers.tick(59_999);
  assert.equal(count(store), 10);
  // Intervals last seen 10 to 4 days ago are past a 3-day horizon: 7 of them, 2 a run.
  t.mock.timers.tick(1);
  assert.equal(count(store), 8);
  t.mock.timers.tick(60_000 * 3);
  assert.equal(count(store), 3, 'the backlog is worked off over runs');
  t.mock.timers.tick(60_000);
  assert.equal(count(store), 3, 'the current interval and the ones within the horizon stay');
  // A day later, one more has aged past the horizon.
  now += DAY;
  t.mock.timers.tick(60_000);
  assert.equal(count(store), 2);
  retention.stop();
  now += 10 * DAY;
  t.mock.timers.tick(600_000);
  assert.equal(count(store), 2, 'stopped: no more runs');
});

test('history retention: a run that fails (a full disk) is logged and the next run tries again', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const store = storeWithHistory(5);
  const asked: HistoryPrune[] = [];
  let fail = true;
  const failing = {
    pruneHistory: (p: HistoryPrune) => {
      asked.push(p);
      if (fail) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return store.pruneHistory(p);
    },
  };
  const warned = mock.fn();
  const retention = new HistoryRetention(failing, { ...settings, maxAgeDays: 1, pruneRowsPerRun: 10 }, { warn: warned }, () => T0);
  retention.start();
  t.mock.timers.tick(60_000);
  assert.equal(warned.mock.callCount(), 1);
  assert.equal(count(store), 5);
  fail = false;
  t.mock.timers.tick(60_000);
  assert.equal(count(store), 1);
  assert.deepEqual(asked.map((p) => [p.keepSince, p.keepPerAsset, p.maxRows]), [[new Date(T0 - DAY).toISOString(), 100, 10], [new Date(T0 - DAY).toISOString(), 100, 10]]);
  retention.stop();
});

test('history retention passes on where the last run stopped its trim walk', () => {
  const store = new MemoryScanStore();
  const froms: Array<HistoryPrune['from']> = [];
  const cursor = { intervals: ['alice', '10.0.0.1', 'tcp/22', ''] as const };
  const retention = new HistoryRetention({ pruneHistory: (p) => (froms.push(p.from), froms.length === 1 ? { deleted: 2, next: cursor } : store.pruneHistory(p)) }, settings, silent, () => T0);
  retention.runOnce();
  retention.runOnce();
  retention.runOnce();
  assert.deepEqual(froms, [undefined, cursor, undefined]);
});
