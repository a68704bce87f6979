import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { buildCatalogTrees } from '../probes/classify/tree.js';
import type { ProbeResult } from '../scans/model.js';
import { emptyStats } from '../scans/tally.js';
import { newId } from '../util/ids.js';
import { MemoryScanStore } from './memory-store.js';
import { SqliteScanStore } from './sqlite-store.js';
import { ALL_PRINCIPALS, DuplicateIdempotencyKeyError, type ScanRecord, type ScanStore } from './store.js';

const scan = (over: Partial<ScanRecord> = {}): ScanRecord => ({
  id: newId('scn'),
  principal: 'alice',
  status: 'queued',
  createdAt: new Date().toISOString(),
  request: { targets: ['10.0.0.1'], probes: [{ type: 'tcp-banner', ports: [22] }], timing: { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 }, mode: 'async', profile: 'normal', labels: { a: 'b' } },
  stats: emptyStats(1),
  assets: [],
  ...over,
});
const result = (seq: number): ProbeResult => ({ seq, target: '10.0.0.1', probe: 'tcp-banner', port: 22, attempt: 1, tries: 1, status: 'timeout', observedAt: new Date().toISOString() });

const implementations: Array<[string, () => ScanStore]> = [
  ['MemoryScanStore', () => new MemoryScanStore()],
  ['SqliteScanStore', () => new SqliteScanStore(path.join(mkdtempSync(path.join(tmpdir(), 'pscan-store-')), 's.sqlite'))],
];

for (const [name, make] of implementations) {
  describe(`ScanStore contract: ${name}`, () => {
    test('tokens are kept without their JWT, listed newest first, and revoked once', () => {
      const store = make();
      const base = { sub: 'token:a', scopes: ['scans:read' as const], createdAt: '2025-01-01T00:00:00.000Z', expiresAt: '2025-04-01T00:00:00.000Z', createdBy: 'root' };
      const a = { ...base, id: newId('tok'), name: 'a' };
      const b = { ...base, id: newId('tok'), name: 'b' };
      store.insertToken(a);
      store.insertToken(b);
      assert.deepEqual(store.listTokens(), [b, a]);
      assert.equal(store.revokeToken(a.id, '2025-02-01T00:00:00.000Z'), true);
      assert.equal(store.revokeToken(a.id, '2025-03-01T00:00:00.000Z'), true);
      assert.equal(store.revokeToken('tok_none', '2025-03-01T00:00:00.000Z'), false);
      assert.deepEqual(store.listTokens(), [b, { ...a, revokedAt: '2025-02-01T00:00:00.000Z' }]);
    });

    test('a catalogue is kept with its trees and comes back whole, without who created it', () => {
      const store = make();
      const devices = [{ type: 'cam', ports: [80, 554] }, { type: 'plug', ports: [80] }];
      const trees = buildCatalogTrees(devices);
      store.insertCatalog({ id: 'cat_1', name: 'two', devices, createdBy: 'alice', trees });
      assert.deepEqual(store.listCatalogs(), [{ id: 'cat_1', name: 'two', devices, trees }]);
      const rebuilt = buildCatalogTrees([{ type: 'cam', ports: [554] }, { type: 'plug', ports: [80] }]);
      store.keepCatalogTrees('cat_1', rebuilt);
      assert.deepEqual(store.listCatalogs(), [{ id: 'cat_1', name: 'two', devices, trees: rebuilt }]);
    });

    test('insert, get, update round-trip every field', () => {
      const store = make();
      const s = scan({ idempotencyKey: 'k1', requestHash: 'h1' });
      store.insertScan(s);
      assert.deepEqual(store.getScan(s.id), s);
      assert.equal(store.hasScheduledDelivery(s.id), false, 'no webhook, no delivery');
      store.updateScan(s.id, { status: 'failed', finishedAt: 'f', error: { code: 'x', message: 'y' } });
      assert.deepEqual(store.getScan(s.id), { ...s, status: 'failed', finishedAt: 'f', error: { code: 'x', message: 'y' } });
      assert.equal(store.getScan('scn_nope'), undefined);
      assert.throws(() => store.updateScan('scn_nope', { status: 'failed' }));
      store.close();
    });

    test('idempotency keys are unique per principal', () => {
      const store = make();
      store.insertScan(scan({ idempotencyKey: 'k' }));
      assert.throws(() => store.insertScan(scan({ idempotencyKey: 'k' })), DuplicateIdempotencyKeyError);
      store.insertScan(scan({ idempotencyKey: 'k', principal: 'bob' }));
      assert.equal(store.findByIdempotencyKey('bob', 'k')?.principal, 'bob');
      assert.equal(store.findByIdempotencyKey('carol', 'k'), undefined);
    });

    test('list: newest first, by principal and status, cursor pages', () => {
      const store = make();
      const ids = Array.from({ length: 5 }, (_, i) => {
        const s = scan({ principal: i % 2 ? 'bob' : 'alice', status: i === 4 ? 'completed' : 'queued' });
        store.insertScan(s);
        return s.id;
      });
      assert.deepEqual(store.listScans({ owner: ALL_PRINCIPALS, limit: 10 }).map((s) => s.id), [...ids].reverse());
      assert.deepEqual(store.listScans({ owner: 'alice', limit: 10 }).map((s) => s.id), [ids[4], ids[2], ids[0]]);
      assert.deepEqual(store.listScans({ owner: ALL_PRINCIPALS, status: 'completed', limit: 10 }).map((s) => s.id), [ids[4]]);
      assert.deepEqual(store.listScans({ owner: ALL_PRINCIPALS, limit: 2, before: ids[3] }).map((s) => s.id), [ids[2], ids[1]]);
      assert.deepEqual(store.listUnfinished().map((s) => s.id), ids.slice(0, 4));
    });

    test('list by labels: every label given must be there with exactly that value', () => {
      const store = make();
      const base = scan();
      const withLabels = (labels: Record<string, string>) => {
        const s = scan({ request: { ...base.request, labels } });
        store.insertScan(s);
        return s.id;
      };
      const a = withLabels({ ticket: 'A-1', site: 'lab' });
      const b = withLabels({ ticket: 'A-2', site: 'lab' });
      withLabels({ 'odd"key': 'x:y' });
      const ids = (labels: Record<string, string>) => store.listScans({ owner: ALL_PRINCIPALS, labels, limit: 10 }).map((s) => s.id);
      assert.deepEqual(ids({ site: 'lab' }), [b, a]);
      assert.deepEqual(ids({ site: 'lab', ticket: 'A-1' }), [a]);
      assert.deepEqual(ids({ ticket: 'A-1', site: 'other' }), []);
      assert.deepEqual(ids({ ticket: 'A' }), [], 'values match whole');
      assert.equal(ids({ 'odd"key': 'x:y' }).length, 1);
      assert.deepEqual(ids({ toString: '' }), [], 'no inherited key counts as a label');
    });

    test('a read names its principal: an empty or missing one is refused, never read as all principals', () => {
      const store = make();
      store.insertScan(scan({ principal: 'alice', assets: [{ ip: '10.0.0.1', services: [], observedAt: new Date().toISOString() }] }));
      for (const owner of ['', undefined, null, 0, false] as never[]) {
        assert.throws(() => store.listScans({ owner, limit: 10 }), TypeError, String(owner));
        assert.throws(() => store.listScanAssets(owner, 10), TypeError, String(owner));
      }
      assert.equal(store.listScans({ owner: 'bob', limit: 10 }).length, 0);
      assert.equal(store.listScanAssets('bob', 10).length, 0);
      assert.equal(store.listScanAssets(ALL_PRINCIPALS, 10).length, 1);
    });

    test("a delivery without a secret of its own refers to the server's; copies of the server's secret are forgotten", () => {
      const store = make();
      const s = scan();
      const other = scan();
      const delivery = (scanId: string, secret?: string) => ({ id: newId('msg'), scanId, url: 'https://x/', ...(secret ? { secret } : {}), status: 'scheduled' as const, attempts: 0, createdAt: new Date().toISOString() });
      store.insertScan(s, delivery(s.id, 'whsec_copied'));
      store.insertScan(other, delivery(other.id, 'whsec_own'));
      const third = scan();
      store.insertScan(third, delivery(third.id));
      store.forgetServerSecret('whsec_copied');
      assert.equal(store.listDeliveries(s.id)[0]!.secret, undefined);
      assert.equal(store.listDeliveries(other.id)[0]!.secret, 'whsec_own');
      assert.equal(store.listDeliveries(third.id)[0]!.secret, undefined);
    });

    test('results in order, after a seq, duplicates refused', () => {
      const store = make();
      const s = scan();
      store.insertScan(s);
      const first = result(1);
      store.appendResults(s.id, [result(2)]);
      store.appendResults(s.id, [first, result(3)]);
      assert.deepEqual(store.listResults(s.id).map((r) => r.seq), [1, 2, 3]);
      assert.deepEqual(store.listResults(s.id, 1).map((r) => r.seq), [2, 3]);
      assert.deepEqual(store.listResults(s.id, 0, 2).map((r) => r.seq), [1, 2]);
      assert.throws(() => store.appendResults(s.id, [result(4), result(1)]));
      assert.throws(() => store.appendResults(s.id, [result(5), result(5)]));
      assert.deepEqual(store.listResults(s.id).map((r) => r.seq), [1, 2, 3], 'a batch with a duplicate stores none of its results');
      assert.deepEqual(store.listResults(s.id)[0], first);
    });

    test('the last results and the end of the scan are committed together, or neither', () => {
      const store = make();
      const s = scan();
      store.insertScan(s);
      store.appendResults(s.id, [result(1)]);
      assert.throws(() => store.appendResults(s.id, [result(2), result(1)], { status: 'completed' }));
      assert.equal(store.getScan(s.id)!.status, s.status, 'a refused batch leaves the scan as it was');
      assert.deepEqual(store.listResults(s.id).map((r) => r.seq), [1]);
      store.appendResults(s.id, [result(2)], { status: 'completed', finishedAt: 'f' });
      assert.deepEqual([store.getScan(s.id)!.status, store.getScan(s.id)!.finishedAt], ['completed', 'f']);
      assert.deepEqual(store.listResults(s.id).map((r) => r.seq), [1, 2]);
      store.appendResults(s.id, [], { status: 'failed' });
      assert.equal(store.getScan(s.id)!.status, 'failed', 'an end without results');
    });

    test('deliveries: stored with the scan, activated once, due in order, tried, redelivered', () => {
      const store = make();
      const s = scan();
      const d = { id: 'msg_1', scanId: s.id, url: 'https://x/h', secret: 'whsec_x', status: 'scheduled' as const, attempts: 0, createdAt: 'c' };
      store.insertScan(s, d);
      assert.deepEqual(store.listDueDeliveries(Date.now(), 10), [], 'scheduled is not due');
      store.updateScan(s.id, { status: 'completed' });
      assert.deepEqual(store.listStrandedDeliveries().map((x) => x.id), ['msg_1']);
      assert.equal(store.hasScheduledDelivery(s.id), true);
      store.activateDelivery(s.id, 'scan.completed', '{"a":1}', 1000);
      assert.equal(store.hasScheduledDelivery(s.id), false, 'activated');
      store.activateDelivery(s.id, 'scan.failed', '{"b":2}', 2000);
      assert.deepEqual(store.listStrandedDeliveries(), []);
      const [due] = store.listDueDeliveries(1000, 10);
      assert.deepEqual({ ...due }, { ...d, status: 'pending', event: 'scan.completed', payload: '{"a":1}', nextAttemptAt: 1000, activatedAt: 1000 });
      assert.deepEqual(store.listDueDeliveries(999, 10), []);
      store.recordAttempt('msg_1', { n: 1, at: 't1', statusCode: 500, latencyMs: 3 }, { status: 'pending', nextAttemptAt: 5000, lastError: 'HTTP 500' });
      assert.deepEqual(store.listDueDeliveries(4999, 10), []);
      assert.equal(store.redeliver('msg_1', 6000), false, 'not while pending');
      store.recordAttempt('msg_1', { n: 2, at: 't2', statusCode: 200, latencyMs: 4 }, { status: 'delivered' });
      const [log] = store.listDeliveries(s.id);
      assert.equal(log!.status, 'delivered');
      assert.equal(log!.attempts, 2);
      assert.equal(log!.nextAttemptAt, undefined);
      assert.deepEqual(log!.tries.map((t) => t.statusCode), [500, 200]);
      assert.equal(store.redeliver('msg_1', 7000), true);
      assert.equal(store.listDueDeliveries(7000, 10)[0]!.id, 'msg_1');
    });

    test('health follows close', () => {
      const store = make();
      assert.equal(store.isHealthy(), true);
      store.close();
      assert.equal(store.isHealthy(), false);
    });
  });
}

test('SQLite store uses WAL and keeps data across reopen', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pscan-store-')), 's.sqlite');
  const a = new SqliteScanStore(file);
  const s = scan();
  a.insertScan(s);
  a.appendResults(s.id, [result(1)]);
  assert.ok(existsSync(`${file}-wal`), 'a write-ahead log exists while open');
  a.close();
  const b = new SqliteScanStore(file);
  assert.deepEqual(b.getScan(s.id), s);
  assert.equal(b.listResults(s.id).length, 1);
  b.close();
});
