import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { createMetrics } from '../observability/metrics.js';
import { MemoryScanStore } from '../store/memory-store.js';
import type { ScanRecord } from '../store/store.js';
import { WriteBatcher } from '../store/write-batcher.js';
import { ScanEvents, type ScanEvent } from './events.js';
import { MAX_UNSAVED, type RecorderDeps, SAVE_WINDOW_MS, ScanRecorder } from './scan-recorder.js';
import { emptyStats } from './tally.js';
import type { ResultDraft } from './probe-execution.js';

const draft = (port: number): ResultDraft => ({ target: '10.0.0.1', probe: 'tcp-banner', port, protocol: 'tcp', attempt: 1, tries: 1, status: 'timeout' });
const record = (id: string, mode: 'sync' | 'async'): ScanRecord => ({
  id,
  principal: 'alice',
  status: 'queued',
  createdAt: new Date().toISOString(),
  request: { targets: ['10.0.0.1'], probes: [{ type: 'tcp-banner', ports: [1, 2, 3] }], timing: { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 }, mode, profile: 'normal', labels: {} },
  stats: emptyStats(1),
  assets: [],
});

function depsOn(store: MemoryScanStore) {
  const events = new ScanEvents();
  const seen: ScanEvent[] = [];
  const finished: string[] = [];
  const deps: RecorderDeps = { store, writes: new WriteBatcher((fn) => store.transaction(fn)), events, metrics: createMetrics(), logger: pino({ level: 'silent' }), onFinished: (_id, status) => finished.push(status) };
  /** Resolves at the next event of this kind for the scan. */
  const next = (scanId: string, kind: ScanEvent['kind']) => new Promise<void>((resolve) => {
    const stop = events.subscribe(scanId, (e) => e.kind === kind && (stop(), resolve()));
  });
  events.subscribe('scn_1', (e) => seen.push(e));
  return { deps, seen, finished, next };
}

/** A stored async scan's recorder, started (marked running). */
async function stored(store: MemoryScanStore, singleUnit = false) {
  store.insertScan(record('scn_1', 'async'));
  const d = depsOn(store);
  const recorder = await ScanRecorder.start(d.deps, { scanId: 'scn_1', principal: 'alice', targets: [], singleUnit });
  return { recorder, ...d };
}

test('results are committed in groups (a window, or a full batch), the last ones with the end, and published only after their commit', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const store = new MemoryScanStore();
  const { recorder, seen, finished, next } = await stored(store);
  const commits: Array<{ seqs: number[]; end?: string; publishedBefore: number }> = [];
  const append = store.appendResults.bind(store);
  store.appendResults = (id, results, patch) => {
    commits.push({ seqs: results.map((r) => r.seq), ...(patch?.status ? { end: patch.status } : {}), publishedBefore: seen.filter((e) => e.kind === 'result').length });
    append(id, results, patch);
  };
  const published = () => seen.filter((e) => e.kind !== 'progress').map((e) => (e.kind === 'result' ? e.result.seq : e.kind));
  const progress = () => seen.flatMap((e) => (e.kind === 'progress' ? [e.progress.results] : []));
  recorder.record(draft(1));
  t.mock.timers.tick(SAVE_WINDOW_MS - 1);
  recorder.record(draft(2));
  assert.equal(commits.length, 0, 'nothing is written within the window');
  let progressed = next('scn_1', 'progress');
  t.mock.timers.tick(1);
  await progressed;
  assert.deepEqual(commits, [{ seqs: [1, 2], publishedBefore: 0 }], 'the window is counted from the first unsaved result; nothing is published before its commit');
  assert.deepEqual(published(), [1, 2]);
  assert.deepEqual(progress(), [2], 'the counts follow each commit');
  progressed = next('scn_1', 'progress');
  for (let port = 3; port < 3 + MAX_UNSAVED; port++) recorder.record(draft(port));
  await progressed;
  assert.equal(commits.length, 2, 'a full batch is committed without waiting for the window');
  assert.equal(commits[1]!.seqs.length, MAX_UNSAVED);
  recorder.record(draft(1000));
  const outcome = await recorder.finish('completed');
  assert.deepEqual(outcome, { scanId: 'scn_1', status: 'completed' }, 'a stored scan\'s outcome names its end; its results are read from the store');
  assert.deepEqual(commits[2], { seqs: [MAX_UNSAVED + 3], end: 'completed', publishedBefore: MAX_UNSAVED + 2 }, 'the last results are committed with the final status');
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

test('a scan of one unit has no save window: its results go with its end', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const store = new MemoryScanStore();
  const { recorder } = await stored(store, true);
  const appends: number[] = [];
  const append = store.appendResults.bind(store);
  store.appendResults = (id, results, patch) => {
    appends.push(results.length);
    append(id, results, patch);
  };
  recorder.record(draft(1));
  t.mock.timers.tick(SAVE_WINDOW_MS);
  await recorder.finish('completed');
  assert.deepEqual(appends, [1], 'one write, the end\'s');
});

test('a new scan is written once, whole, if it ends within the window, and answered from what was written; else `running` with its first batch', async (t) => {
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
  const { deps, next } = depsOn(store);
  const start = (id: string) => ScanRecorder.start(deps, { scanId: id, principal: 'alice', targets: [], newScan: { record: record(id, 'sync'), deliveries: [] } });

  const quick = await start('scn_quick');
  quick.record(draft(1));
  quick.record(draft(2));
  assert.equal(store.getScan('scn_quick'), undefined, 'not stored while it runs within the window');
  const outcome = await quick.finish('completed');
  assert.deepEqual(writes, ['insertScan'], 'one write: the scan, its results and its end');
  assert.deepEqual(outcome.whole!.results.map((r) => r.seq), [1, 2]);
  assert.deepEqual({ ...outcome.whole!.record, stats: undefined }, { ...store.getScan('scn_quick')!, stats: undefined }, 'the outcome is what was stored');
  assert.deepEqual(outcome.whole!.results, store.listResults('scn_quick'));

  writes.length = 0;
  const slow = await start('scn_slow');
  const progressed = next('scn_slow', 'progress');
  t.mock.timers.tick(SAVE_WINDOW_MS);
  await progressed;
  assert.deepEqual(writes, ['insertScan'], 'stored at the end of the window even without a result');
  assert.equal(store.getScan('scn_slow')?.status, 'running');
  slow.record(draft(1));
  const end = await slow.finish('completed');
  assert.deepEqual(writes.slice(0, 2), ['insertScan', 'appendResults'], 'then its results go as any stored scan\'s');
  assert.equal(store.getScan('scn_slow')?.status, 'completed');
  assert.equal(end.whole, undefined, 'not written whole: the answer reads the store');
});

test('a batch the store refuses fails the scan with an internal error instead of crashing the process', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const store = new MemoryScanStore();
  const { recorder, finished } = await stored(store);
  const append = store.appendResults.bind(store);
  store.appendResults = (id, results, patch) => {
    if (!patch?.status) throw new Error('disk I/O error');
    append(id, results, patch);
  };
  recorder.record(draft(1));
  t.mock.timers.tick(SAVE_WINDOW_MS); // the deferred commit fails, outside any caller
  const outcome = await recorder.finish('completed');
  const scan = store.getScan('scn_1')!;
  assert.equal(scan.status, 'failed');
  assert.equal(scan.error?.code, 'internal');
  assert.equal(outcome.status, 'failed');
  assert.deepEqual(finished, ['failed']);
});

test('when the last results cannot be stored with the end, the scan still ends, failed, and they are not published', async () => {
  const store = new MemoryScanStore();
  const { recorder, seen, finished } = await stored(store);
  const append = store.appendResults.bind(store);
  store.appendResults = (id, results, patch) => {
    if (patch) throw new Error('disk I/O error');
    append(id, results, patch);
  };
  recorder.record(draft(1));
  const outcome = await recorder.finish('completed');
  const scan = store.getScan('scn_1')!;
  assert.deepEqual([scan.status, scan.error?.code], ['failed', 'internal']);
  assert.deepEqual(outcome, { scanId: 'scn_1', status: 'failed', error: { code: 'internal', message: 'results of the scan could not be stored; see the server log' } });
  assert.deepEqual(store.listResults('scn_1'), []);
  assert.deepEqual(seen.map((e) => e.kind), ['end']);
  assert.deepEqual(finished, ['failed']);
});
