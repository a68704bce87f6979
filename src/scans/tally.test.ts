import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { createMetrics } from '../observability/metrics.js';
import { MemoryScanStore } from '../store/memory-store.js';
import { ScanEvents, type ScanEvent } from './events.js';
import { emptyStats, MAX_UNSAVED, SAVE_WINDOW_MS, ScanTally, type UnstoredScan } from './tally.js';
import type { ResultDraft } from './probe-execution.js';

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

test('results are committed in groups (a window, or a full batch), the last ones with the end, and published only after their commit', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const store = new MemoryScanStore();
  const commits: Array<{ seqs: number[]; end?: string }> = [];
  const append = store.appendResults.bind(store);
  store.appendResults = (id, results, patch) => {
    commits.push({ seqs: results.map((r) => r.seq), ...(patch?.status ? { end: patch.status } : {}) });
    append(id, results, patch);
  };
  const { tally, seen, finished } = tallyOn(store);
  const published = () => seen.filter((e) => e.kind !== 'progress').map((e) => (e.kind === 'result' ? e.result.seq : e.kind));
  const progress = () => seen.flatMap((e) => (e.kind === 'progress' ? [e.progress.results] : []));
  tally.record(draft(1));
  t.mock.timers.tick(SAVE_WINDOW_MS - 1);
  tally.record(draft(2));
  assert.equal(commits.length, 0, 'nothing is written within the window');
  assert.equal(seen.length, 0, 'nothing is published before its commit');
  t.mock.timers.tick(1);
  assert.deepEqual(commits, [{ seqs: [1, 2] }], 'the window is counted from the first unsaved result');
  assert.deepEqual(published(), [1, 2]);
  assert.deepEqual(progress(), [2], 'the counts follow each commit');
  for (let port = 3; port < 3 + MAX_UNSAVED; port++) tally.record(draft(port));
  assert.equal(commits.length, 2, 'a full batch is committed without waiting');
  assert.equal(commits[1]!.seqs.length, MAX_UNSAVED);
  tally.record(draft(1000));
  tally.finish('completed');
  assert.deepEqual(commits[2], { seqs: [MAX_UNSAVED + 3], end: 'completed' }, 'the last results are committed with the final status');
  t.mock.timers.tick(SAVE_WINDOW_MS);
  assert.equal(commits.length, 3, 'the window of the last results was cancelled by the end');
  assert.deepEqual(published().slice(-2), [MAX_UNSAVED + 3, 'end']);
  assert.equal(published().length, MAX_UNSAVED + 4);
  assert.deepEqual(progress(), [2, MAX_UNSAVED + 2, MAX_UNSAVED + 3]);
  assert.equal(seen.at(-2)!.kind, 'progress', 'the final counts just before the end');
  assert.equal(store.getScan('scn_1')!.status, 'completed');
  assert.equal(store.listResults('scn_1').length, MAX_UNSAVED + 3);
  assert.deepEqual(finished, ['completed']);
});

test('a scan handed over unstored is written once, whole, if it ends within the window; else `running` with its first batch', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const store = new MemoryScanStore();
  const writes: string[] = [];
  for (const m of ['insertScan', 'appendResults', 'updateScan'] as const) {
    const original = store[m].bind(store) as (...a: unknown[]) => void;
    (store as unknown as Record<string, unknown>)[m] = (...a: unknown[]) => {
      writes.push(m);
      original(...a);
    };
  }
  const deps = { store, events: new ScanEvents(), metrics: createMetrics(), logger: pino({ level: 'silent' }), onFinished: () => {} };
  const handOver = (id: string) => {
    const told: Array<Parameters<UnstoredScan['stored']>[0]> = [];
    const record = { id, principal: 'alice', status: 'queued' as const, createdAt: new Date().toISOString(), request: { targets: ['10.0.0.1'], probes: [], timing: { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 }, mode: 'sync' as const, profile: 'normal' as const, labels: {} }, stats: emptyStats(1), assets: [] };
    const tally = ScanTally.start(deps, { scanId: id, principal: 'alice', targets: [], unstored: { record, deliveries: [], stored: (w) => told.push(w) } });
    return { tally, told };
  };

  const quick = handOver('scn_quick');
  quick.tally.record(draft(1));
  quick.tally.record(draft(2));
  assert.equal(store.getScan('scn_quick'), undefined, 'not stored while it runs within the window');
  quick.tally.finish('completed');
  assert.deepEqual(writes, ['insertScan'], 'one write: the scan, its results and its end');
  assert.equal(quick.told.length, 1);
  assert.deepEqual(quick.told[0]!.results.map((r) => r.seq), [1, 2]);
  assert.deepEqual({ ...quick.told[0]!.record, stats: undefined }, { ...store.getScan('scn_quick')!, stats: undefined }, 'what it is told is what was stored');
  assert.deepEqual(quick.told[0]!.results, store.listResults('scn_quick'));

  writes.length = 0;
  const slow = handOver('scn_slow');
  t.mock.timers.tick(SAVE_WINDOW_MS);
  assert.deepEqual(writes, ['insertScan'], 'stored at the end of the window even without a result');
  assert.equal(store.getScan('scn_slow')?.status, 'running');
  assert.deepEqual(slow.told, [undefined], 'told it is stored, with nothing to answer from');
  slow.tally.record(draft(1));
  slow.tally.finish('completed');
  assert.deepEqual(writes.slice(0, 2), ['insertScan', 'appendResults'], 'then its results go as any stored scan\'s');
  assert.equal(store.getScan('scn_slow')?.status, 'completed');
  assert.equal(slow.told.length, 1, 'told once');
});

test('assets are built as results arrive and stored with the end', () => {
  const store = new MemoryScanStore();
  const { tally } = tallyOn(store);
  tally.record({ ...draft(22), status: 'ok', data: { port: 22, service: 'ssh', product: 'dropbear', os: 'Linux', banner: 'SSH-2.0-dropbear\r\n', bytes: 18 } });
  tally.record(draft(23));
  tally.finish('completed');
  const [asset, ...others] = store.getScan('scn_1')!.assets;
  assert.equal(others.length, 0);
  assert.equal(asset!.ip, '10.0.0.1');
  assert.equal(asset!.os, 'Linux');
  assert.deepEqual(asset!.services.map((s) => [s.port, s.product]), [[22, 'dropbear']]);
});

test('a batch the store refuses fails the scan with an internal error instead of crashing the process', (t) => {
  const store = new MemoryScanStore();
  store.appendResults = () => {
    throw new Error('disk I/O error');
  };
  const { tally, finished } = tallyOn(store);
  t.mock.timers.enable({ apis: ['setTimeout'] });
  tally.record(draft(1));
  t.mock.timers.tick(SAVE_WINDOW_MS); // the deferred commit fails here, outside any caller
  tally.finish('completed');
  const scan = store.getScan('scn_1')!;
  assert.equal(scan.status, 'failed');
  assert.equal(scan.error?.code, 'internal');
  assert.deepEqual(finished, ['failed']);
});

test('when the last results cannot be stored with the end, the scan still ends, failed, and they are not published', () => {
  const store = new MemoryScanStore();
  const append = store.appendResults.bind(store);
  store.appendResults = (id, results, patch) => {
    if (patch) throw new Error('disk I/O error');
    append(id, results, patch);
  };
  const { tally, seen, finished } = tallyOn(store);
  tally.record(draft(1));
  tally.finish('completed');
  const scan = store.getScan('scn_1')!;
  assert.deepEqual([scan.status, scan.error?.code], ['failed', 'internal']);
  assert.deepEqual(store.listResults('scn_1'), []);
  assert.deepEqual(seen.map((e) => e.kind), ['end']);
  assert.deepEqual(finished, ['failed']);
});
