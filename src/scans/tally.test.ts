import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { test } from 'node:test';
import { pino } from 'pino';
import { createMetrics } from '../http/metrics.js';
import { MemoryScanStore } from '../store/memory-store.js';
import type { ProbeResult } from './model.js';
import { ScanEvents, type ScanEvent } from './events.js';
import { emptyStats, ScanTally } from './tally.js';
import type { ResultDraft } from './execute.js';

const draft = (port: number): ResultDraft => ({ target: '10.0.0.1', probe: 'tcp-banner', port, protocol: 'tcp', attempt: 1, tries: 1, status: 'timeout' });

function tallyOn(store: MemoryScanStore) {
  store.insertScan({
    id: 'scn_1',
    principal: 'alice',
    status: 'running',
    createdAt: new Date().toISOString(),
    request: { targets: ['10.0.0.1'], probes: [{ type: 'tcp-banner', ports: [1, 2, 3] }], timing: { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 }, mode: 'async', profile: 'normal', labels: {} },
    stats: emptyStats(1),
    assets: [],
  });
  const events = new ScanEvents();
  const seen: ScanEvent[] = [];
  events.subscribe('scn_1', (e) => seen.push(e));
  const finished: string[] = [];
  const tally = new ScanTally('scn_1', emptyStats(1), { store, events, metrics: createMetrics(), logger: pino({ level: 'silent' }), onFinished: (_id, status) => finished.push(status) });
  return { tally, seen, finished };
}

test('results of one event-loop turn are committed in one batch, and published only after it', async () => {
  const store = new MemoryScanStore();
  const batches: number[][] = [];
  const append = store.appendResults.bind(store);
  store.appendResults = (id: string, results: readonly ProbeResult[]) => {
    batches.push(results.map((r) => r.seq));
    append(id, results);
  };
  const { tally, seen, finished } = tallyOn(store);
  tally.record(draft(1));
  tally.record(draft(2));
  assert.equal(batches.length, 0, 'nothing is written within the turn');
  assert.equal(seen.length, 0, 'nothing is published before its commit');
  await nextTurn();
  assert.deepEqual(batches, [[1, 2]]);
  assert.deepEqual(seen.map((e) => (e.kind === 'result' ? e.result.seq : e.kind)), [1, 2]);
  tally.record(draft(3));
  tally.finish('completed');
  assert.deepEqual(batches, [[1, 2], [3]], 'the last results are committed before the final status');
  assert.deepEqual(seen.map((e) => (e.kind === 'result' ? e.result.seq : e.kind)), [1, 2, 3, 'end']);
  assert.equal(store.getScan('scn_1')!.status, 'completed');
  assert.deepEqual(store.listResults('scn_1').map((r) => r.seq), [1, 2, 3]);
  assert.deepEqual(finished, ['completed']);
});

test('a batch the store refuses fails the scan with an internal error instead of crashing the process', async () => {
  const store = new MemoryScanStore();
  store.appendResults = () => {
    throw new Error('disk I/O error');
  };
  const { tally, finished } = tallyOn(store);
  tally.record(draft(1));
  await nextTurn(); // the deferred commit fails here, outside any caller
  tally.finish('completed');
  const scan = store.getScan('scn_1')!;
  assert.equal(scan.status, 'failed');
  assert.equal(scan.error?.code, 'internal');
  assert.deepEqual(finished, ['failed']);
});
