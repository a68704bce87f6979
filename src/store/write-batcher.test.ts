import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { emptyStats } from '../scans/tally.js';
import { SqliteScanStore } from './sqlite-store.js';
import type { ScanRecord } from './store.js';
import { WriteBatcher } from './write-batcher.js';

const scan = (id: string): ScanRecord => ({
  id,
  principal: 'alice',
  status: 'queued',
  createdAt: new Date().toISOString(),
  request: { targets: ['10.0.0.1'], probes: [], timing: { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 }, mode: 'sync', profile: 'normal', labels: {} },
  stats: emptyStats(1),
  assets: [],
});

/** A store in a new file, a second connection to it (which sees only what is committed), and a batcher counting its transactions. */
function batched(t: { after: (fn: () => void) => void }, begin: () => void = () => {}) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pscan-batcher-')), 's.sqlite');
  const store = new SqliteScanStore(file);
  const other = new SqliteScanStore(file);
  t.after(() => {
    store.close();
    other.close();
  });
  let depth = 0;
  const stats = { transactions: 0 };
  const writes = new WriteBatcher((fn) => {
    if (depth === 0) {
      begin();
      stats.transactions++;
    }
    depth++;
    try {
      return store.transaction(fn);
    } finally {
      depth--;
    }
  });
  return { store, other, writes, stats };
}

test('writes queued in one turn, from any scan, commit in one transaction; each caller resolves once it is committed', async (t) => {
  const { store, other, writes, stats } = batched(t);
  const visibleWhenResolved: boolean[] = [];
  const all = ['scn_a', 'scn_b', 'scn_c'].map((id) => writes.write(() => store.insertScan(scan(id))).then(() => visibleWhenResolved.push(other.getScan(id) !== undefined)));
  assert.equal(other.getScan('scn_a'), undefined, 'nothing is written in the turn that queues it');
  assert.equal(store.getScan('scn_a'), undefined);
  await Promise.all(all);
  assert.equal(stats.transactions, 1, 'one transaction for the three');
  assert.deepEqual(visibleWhenResolved, [true, true, true], 'another connection sees each write by the time its caller hears of it');
  await writes.write(() => store.updateScan('scn_a', { status: 'running' }));
  assert.equal(stats.transactions, 2, 'a later turn, a new batch');
});

test('a write that throws is rolled back alone: only its caller gets the error, the others commit', async (t) => {
  const { store, other, writes, stats } = batched(t);
  const first = writes.write(() => store.insertScan(scan('scn_1')));
  const failing = writes.write(() => {
    store.insertScan(scan('scn_half'));
    throw new Error('the write broke halfway');
  });
  const last = writes.write(() => {
    store.insertScan(scan('scn_3'));
    return 'kept';
  });
  await assert.rejects(failing, /broke halfway/);
  await first;
  assert.equal(await last, 'kept', 'a write resolves with what it returned');
  assert.equal(stats.transactions, 1);
  assert.ok(other.getScan('scn_1') && other.getScan('scn_3'), 'the writes around the failed one are committed');
  assert.equal(other.getScan('scn_half'), undefined, 'what the failed write did before it threw is rolled back');
  assert.equal(store.getScan('scn_half'), undefined);
});

test('when the batch\'s transaction itself fails, every caller of the batch is told and nothing of it is stored', async (t) => {
  let fail = true;
  const { store, other, writes } = batched(t, () => {
    if (fail) throw new Error('database or disk is full');
  });
  const a = writes.write(() => store.insertScan(scan('scn_a')));
  const b = writes.write(() => store.insertScan(scan('scn_b')));
  await assert.rejects(a, /disk is full/);
  await assert.rejects(b, /disk is full/);
  assert.equal(other.getScan('scn_a'), undefined);
  fail = false;
  await writes.write(() => store.insertScan(scan('scn_c')));
  assert.ok(other.getScan('scn_c'), 'the next batch commits again');
});
