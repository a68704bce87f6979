import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { buildCatalogTrees } from '../probes/classify/tree.js';
import { parseCidr } from '../net/addresses.js';
import type { AssetChange, ChangeKind, Observation, ProbeResult } from '../api/model.js';
import { emptyStats } from '../scans/tally.js';
import { newId } from '../util/ids.js';
import { MemoryScanStore } from './memory-store.js';
import { SqliteScanStore } from './sqlite-store.js';
import { ALL_PRINCIPALS } from '../auth/principal.js';
import { DuplicateIdempotencyKeyError, type HistoryWrite, type ScanRecord, type ScanStore } from './store.js';
import type { PruneCursor } from '../assets/asset-store.js';

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

/** A new SQLite file in a directory of its own. */
const storeFile = (): string => path.join(mkdtempSync(path.join(tmpdir(), 'pscan-store-')), 's.sqlite');
/** A SQLite store in a new file, holding one scan. */
function sqliteWithScan(): { file: string; store: SqliteScanStore; s: ScanRecord } {
  const file = storeFile();
  const store = new SqliteScanStore(file);
  const s = scan();
  store.insertScan(s);
  return { file, store, s };
}

const implementations: Array<[string, () => ScanStore]> = [
  ['MemoryScanStore', () => new MemoryScanStore()],
  ['SqliteScanStore', () => new SqliteScanStore(storeFile())],
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

    test('a catalogue is kept with its trees and who created it, and comes back whole', () => {
      const store = make();
      const devices = [{ type: 'cam', ports: [80, 554] }, { type: 'plug', ports: [80] }];
      const trees = buildCatalogTrees(devices);
      store.insertCatalog({ id: 'cat_1', name: 'two', devices, createdBy: 'alice', trees });
      assert.deepEqual(store.listCatalogs(), [{ id: 'cat_1', name: 'two', devices, createdBy: 'alice', trees }]);
      const rebuilt = buildCatalogTrees([{ type: 'cam', ports: [554] }, { type: 'plug', ports: [80] }]);
      store.keepCatalogTrees('cat_1', rebuilt);
      assert.deepEqual(store.listCatalogs(), [{ id: 'cat_1', name: 'two', devices, createdBy: 'alice', trees: rebuilt }]);
    });

    test('a catalogue is in use while a queued or running scan names it; deleted, it is gone', () => {
      const store = make();
      const devices = [{ type: 'cam', ports: [80] }];
      for (const id of ['cat_a', 'cat_b']) store.insertCatalog({ id, name: id, devices, createdBy: 'alice', trees: buildCatalogTrees(devices) });
      const classify = (catalog: string) => ({ ...scan().request, probes: [{ type: 'tcp-banner' as const, ports: [22] }, { type: 'classify' as const, catalog }] });
      const running = scan({ request: classify('cat_a'), status: 'running' });
      store.insertScan(running);
      store.insertScan(scan({ request: classify('cat_b'), status: 'completed' }));
      assert.deepEqual([store.catalogInUse('cat_a'), store.catalogInUse('cat_b'), store.catalogInUse('cat_x')], [true, false, false]);
      store.updateScan(running.id, { status: 'cancelled' });
      assert.equal(store.catalogInUse('cat_a'), false, 'an ended scan does not hold it');
      store.deleteCatalog('cat_a');
      assert.deepEqual(store.listCatalogs().map((c) => c.id), ['cat_b']);
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
      store.updateScan(ids[0]!, { status: 'running' });
      store.updateScan(ids[2]!, { status: 'cancelled' });
      assert.deepEqual([store.countActiveScans('alice'), store.countActiveScans('bob'), store.countActiveScans('carol')], [1, 2, 0], 'queued and running count; ended scans do not');
    });

    test('a scan stored only once it has run is inserted whole: record, deliveries and results together, or nothing of them', () => {
      const store = make();
      const plan = { want: ['hostname' as const], steps: [{ step: 'discovery', probes: [], targets: 1, packets: 0 }], complete: 1 };
      const s = scan({ status: 'completed', startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), error: { code: 'x', message: 'y' }, plan, idempotencyKey: 'whole', requestHash: 'hmac-sha256:abc' });
      const d = { id: newId('msg'), scanId: s.id, url: 'https://example.test/hook', status: 'scheduled' as const, attempts: 0, createdAt: s.createdAt };
      store.insertScan(s, [d], [result(1), result(2)]);
      assert.deepEqual(store.getScan(s.id), s, 'every field of the record, the plan included');
      assert.deepEqual(store.listResults(s.id).map((r) => r.seq), [1, 2]);
      assert.deepEqual(store.listDeliveries(s.id).map((x) => x.id), [d.id]);
      const refused = scan();
      assert.throws(() => store.insertScan(refused, [], [result(1), result(1)]), 'a result twice');
      assert.equal(store.getScan(refused.id), undefined, 'the scan is not left behind without its results');
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
      store.insertScan(s, [delivery(s.id, 'whsec_copied')]);
      store.insertScan(other, [delivery(other.id, 'whsec_own')]);
      const third = scan();
      store.insertScan(third, [delivery(third.id)]);
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
      store.insertScan(s, [d]);
      assert.deepEqual(store.listDueDeliveries(Date.now(), 10), [], 'scheduled is not due');
      store.updateScan(s.id, { status: 'completed' });
      assert.deepEqual(store.listStrandedDeliveries().map((x) => x.id), ['msg_1']);
      assert.equal(store.hasScheduledDelivery(s.id), true);
      store.activateDeliveries(s.id, [{ from: 'msg_1', id: 'msg_1', event: 'scan.completed', payload: '{"a":1}' }], 1000);
      assert.equal(store.hasScheduledDelivery(s.id), false, 'activated');
      store.activateDeliveries(s.id, [{ from: 'msg_1', id: 'msg_1', event: 'scan.failed', payload: '{"b":2}' }], 2000);
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

    test("due deliveries by receiver: at most n per (principal, URL), due longest first, with the scan's principal; one read whole by id", () => {
      const store = make();
      const mallory = scan({ principal: 'mallory' });
      const alice = scan();
      store.insertScan(mallory, Array.from({ length: 6 }, (_, i) => ({ id: `msg_m${i}`, scanId: mallory.id, url: i < 5 ? 'https://slow/h' : 'https://slower/h', status: 'scheduled' as const, attempts: 0, createdAt: 'c' })));
      store.insertScan(alice, [{ id: 'msg_a', scanId: alice.id, url: 'https://slow/h', secret: 'whsec_a', status: 'scheduled' as const, attempts: 0, createdAt: 'c' }]);
      store.activateDeliveries(mallory.id, Array.from({ length: 6 }, (_, i) => ({ from: `msg_m${i}`, id: `msg_m${i}`, event: 'scan.completed', payload: '{}' })), 1000);
      store.activateDeliveries(alice.id, [{ from: 'msg_a', id: 'msg_a', event: 'scan.completed', payload: '{"a":1}' }], 2000);
      assert.deepEqual(store.listDueDeliveries(5000, 2).map((d) => d.id), ['msg_m0', 'msg_m1'], 'by due time alone, alice waits behind mallory');
      assert.deepEqual(
        store.listDueByReceiver(5000, 2).map((d) => [d.id, d.owner, d.url, d.nextAttemptAt]),
        [['msg_m0', 'mallory', 'https://slow/h', 1000], ['msg_m1', 'mallory', 'https://slow/h', 1000], ['msg_m5', 'mallory', 'https://slower/h', 1000], ['msg_a', 'alice', 'https://slow/h', 2000]],
      );
      assert.deepEqual(store.listDueByReceiver(1500, 8).map((d) => d.id), ['msg_m0', 'msg_m1', 'msg_m2', 'msg_m3', 'msg_m4', 'msg_m5'], 'not yet due: not listed');
      store.recordAttempt('msg_m0', { n: 1, at: 't', latencyMs: 1 }, { status: 'delivered' });
      assert.ok(!store.listDueByReceiver(5000, 8).some((d) => d.id === 'msg_m0'), 'delivered: no longer due');
      assert.deepEqual({ ...store.getDelivery('msg_a') }, { id: 'msg_a', scanId: alice.id, url: 'https://slow/h', secret: 'whsec_a', status: 'pending', event: 'scan.completed', payload: '{"a":1}', attempts: 0, nextAttemptAt: 2000, activatedAt: 2000, createdAt: 'c' });
      assert.equal(store.getDelivery('msg_none'), undefined);
    });

    test('a scheduled delivery becomes every delivery sent from it, with its url and secret, or goes if none is', () => {
      const store = make();
      const s = scan();
      const other = scan();
      const d = (id: string, scanId: string, events?: string[]) => ({ id, scanId, url: `https://x/${id}`, secret: 'whsec_x', ...(events ? { events } : {}), status: 'scheduled' as const, attempts: 0, createdAt: 'c' });
      store.insertScan(s, [d('msg_a', s.id, ['scan.completed', 'asset.changed']), d('msg_b', s.id, ['asset.changed'])]);
      store.insertScan(other, [d('msg_o', other.id)]);
      assert.deepEqual(store.listDeliveries(s.id).map((x) => x.events), [['scan.completed', 'asset.changed'], ['asset.changed']]);
      store.activateDeliveries(s.id, [{ from: 'msg_a', id: 'msg_a', event: 'scan.completed', payload: 'p1' }, { from: 'msg_a', id: 'msg_c', event: 'asset.changed', payload: 'p2' }], 1000);
      const due = store.listDueDeliveries(1000, 10).sort((x, y) => x.id.localeCompare(y.id));
      assert.deepEqual(due.map((x) => [x.id, x.url, x.secret, x.event, x.payload, x.status]), [
        ['msg_a', 'https://x/msg_a', 'whsec_x', 'scan.completed', 'p1', 'pending'],
        ['msg_c', 'https://x/msg_a', 'whsec_x', 'asset.changed', 'p2', 'pending'],
      ]);
      assert.deepEqual(store.listDeliveries(s.id).map((x) => x.id).sort(), ['msg_a', 'msg_c'], 'msg_b had nothing to send: gone');
      assert.equal(store.hasScheduledDelivery(other.id), true, "another scan's delivery is left alone");
    });

    test('history: the newest observation per fact and source, the change feed by principal, range, kind and position, retention', () => {
      const store = make();
      const s1 = scan();
      const s2 = scan();
      const s3 = scan({ principal: 'bob' });
      for (const x of [s1, s2, s3]) store.insertScan(x);
      const obs = (scanId: string, ip: string, fact: string, at: string, extra: Partial<Observation>): Observation => ({ ip, fact, scanId, observedAt: at, ...extra });
      const change = (scanId: string, ip: string, kind: ChangeKind, at: string): AssetChange => ({ kind, ip, fact: 'tcp/80', scanId, at, after: { scanId, observedAt: at, service: { state: 'open' } } });
      const write = (owner: string, observations: Observation[], changes: AssetChange[], recordedAt: string): HistoryWrite => ({ owner, observations, changes, recordedAt });
      const t = (h: number): string => new Date(Date.UTC(2026, 0, 1, h)).toISOString();
      store.appendResults(s1.id, [], { status: 'completed' }, write('alice', [
        obs(s1.id, '10.0.0.1', 'hostname', t(1), { value: 'a', source: 'snmp', confidence: 'stated', seq: 3 }),
        obs(s1.id, '10.0.0.1', 'hostname', t(1), { value: 'a.local', source: 'mdns', confidence: 'stated' }),
        obs(s1.id, '10.0.0.1', 'tcp/80', t(1), { service: { state: 'closed' }, seq: 1 }),
      ], [change(s1.id, '10.0.0.1', 'asset.new', t(1))], t(2)));
      store.appendResults(s2.id, [], { status: 'completed' }, write('alice', [
        obs(s2.id, '10.0.0.1', 'hostname', t(3), { value: 'b', source: 'snmp', confidence: 'stated' }),
        obs(s2.id, '10.0.0.1', 'tcp/80', t(3), { service: { state: 'open', product: 'lighttpd' } }),
        obs(s2.id, '10.0.1.9', 'mac', t(3), { value: '02:00:00:00:00:01', source: 'neighbour' }),
      ], [change(s2.id, '10.0.0.1', 'service.opened', t(3)), change(s2.id, '10.0.1.9', 'asset.new', t(3))], t(4)));
      store.appendResults(s3.id, [], { status: 'completed' }, write('bob', [obs(s3.id, '10.0.0.1', 'tcp/80', t(5), { service: { state: 'closed' } })], [change(s3.id, '10.0.0.1', 'asset.new', t(5))], t(6)));

      const latest = store.latestObservations('alice', ['10.0.0.1', '10.0.0.2']);
      assert.deepEqual([...latest.keys()], ['10.0.0.1'], 'nothing for an address never observed');
      const byKey = Object.fromEntries(latest.get('10.0.0.1')!.map((o) => [`${o.fact}/${o.source ?? ''}`, o]));
      assert.deepEqual(byKey['hostname/snmp'], obs(s2.id, '10.0.0.1', 'hostname', t(3), { value: 'b', source: 'snmp', confidence: 'stated' }));
      assert.equal(byKey['hostname/mdns']!.value, 'a.local', 'per source: an older value of another source stays the latest of its source');
      assert.deepEqual(byKey['tcp/80/'], obs(s2.id, '10.0.0.1', 'tcp/80', t(3), { service: { state: 'open', product: 'lighttpd' } }), "bob's later close is bob's");
      assert.equal(store.latestObservations('bob', ['10.0.0.1']).get('10.0.0.1')![0]!.service!.state, 'closed');
      store.appendResults(s2.id, [], undefined, write('alice', [obs(s2.id, '10.0.0.1', 'tcp/80', t(3), { service: { state: 'closed' } })], [], t(4)));
      assert.equal(store.latestObservations('alice', ['10.0.0.1']).get('10.0.0.1')!.find((o) => o.fact === 'tcp/80')!.service!.state, 'closed', 'of two at the same time, the one stored last');
      // Stored later but observed earlier (a scan that ran longer): not the newest.
      store.appendResults(s1.id, [], undefined, write('alice', [obs(s1.id, '10.0.0.1', 'hostname', t(2), { value: 'late', source: 'snmp', confidence: 'stated' })], [], t(5)));
      assert.equal(store.latestObservations('alice', ['10.0.0.1']).get('10.0.0.1')!.find((o) => o.fact === 'hostname' && o.source === 'snmp')!.value, 'b');

      // Every value is an interval; none of these repeated, so each is one observation long.
      const history = store.listIntervals({ owner: 'alice', ip: '10.0.0.1', limit: 10 });
      assert.deepEqual(history.map((i) => [i.fact, i.scans.first.scanId, i.principal, i.count, i.current]), [
        ['hostname', s1.id, 'alice', 1, false],
        ['tcp/80', s2.id, 'alice', 1, true],
        ['tcp/80', s2.id, 'alice', 1, false],
        ['hostname', s2.id, 'alice', 1, true],
        ['tcp/80', s1.id, 'alice', 1, false],
        ['hostname', s1.id, 'alice', 1, true],
        ['hostname', s1.id, 'alice', 1, false],
      ]);
      assert.deepEqual(history[6], {
        id: history[6]!.id, principal: 'alice', ip: '10.0.0.1', fact: 'hostname', value: 'a', source: 'snmp', confidence: 'stated',
        firstSeen: t(1), lastSeen: t(1), count: 1, scans: { first: { scanId: s1.id, seq: 3 }, last: { scanId: s1.id, seq: 3 } }, current: false,
      });
      assert.deepEqual(store.listIntervals({ owner: 'alice', ip: '10.0.0.1', fact: 'tcp/80', before: history[2]!.id, limit: 10 }).map((i) => i.scans.first.scanId), [s1.id]);
      assert.equal(store.listIntervals({ owner: ALL_PRINCIPALS, ip: '10.0.0.1', limit: 10 }).length, 8);

      const feed = store.listChanges({ owner: 'alice', limit: 10 });
      assert.deepEqual(feed.map((c) => [c.kind, c.ip, c.recordedAt, c.principal]), [['asset.new', '10.0.0.1', t(2), 'alice'], ['service.opened', '10.0.0.1', t(4), 'alice'], ['asset.new', '10.0.1.9', t(4), 'alice']]);
      assert.deepEqual(feed[1], { id: feed[1]!.id, principal: 'alice', recordedAt: t(4), ...change(s2.id, '10.0.0.1', 'service.opened', t(3)) });
      assert.ok(feed[0]!.id < feed[1]!.id && feed[1]!.id < feed[2]!.id);
      assert.deepEqual(store.listChanges({ owner: 'alice', after: feed[0]!.id, limit: 1 }).map((c) => c.id), [feed[1]!.id]);
      assert.deepEqual(store.listChanges({ owner: 'alice', since: t(3), limit: 10 }).length, 2);
      assert.deepEqual(store.listChanges({ owner: 'alice', range: parseCidr('10.0.1.0/24')!, limit: 10 }).map((c) => c.ip), ['10.0.1.9']);
      assert.deepEqual(store.listChanges({ owner: 'alice', range: parseCidr('10.0.0.0/31')!, limit: 10 }).map((c) => c.ip), ['10.0.0.1', '10.0.0.1']);
      assert.deepEqual(store.listChanges({ owner: 'alice', range: parseCidr('fc00::/7')!, limit: 10 }), []);
      assert.deepEqual(store.listChanges({ owner: 'alice', kinds: ['service.opened', 'mac.changed'], limit: 10 }).map((c) => c.kind), ['service.opened']);
      assert.equal(store.listChanges({ owner: ALL_PRINCIPALS, limit: 10 }).length, 4);
      assert.equal(store.listChanges({ owner: 'bob', limit: 10 }).length, 1);
    });

    test('history intervals: an unchanged value extends its interval, a changed one closes it and opens the next, a late observation widens or goes behind', () => {
      const store = make();
      const t = (h: number): string => new Date(Date.UTC(2026, 0, 1, h)).toISOString();
      const scans = Array.from({ length: 6 }, () => scan());
      for (const s of scans) store.insertScan(s);
      const see = (i: number, h: number, observations: Array<Partial<Observation> & { fact: string }>): void =>
        store.appendResults(scans[i]!.id, [], undefined, { owner: 'alice', observations: observations.map((o) => ({ ip: '10.0.0.1', scanId: scans[i]!.id, observedAt: t(h), ...o })), changes: [], recordedAt: t(h) });
      const mac = (value: string) => ({ fact: 'mac', value, source: 'neighbour', confidence: 'stated' as const });
      const ssh = (version: string, seq: number) => ({ fact: 'tcp/22', service: { state: 'open' as const, name: 'ssh', version }, seq });
      see(0, 1, [mac('02:00:00:00:00:0a'), ssh('1', 1)]);
      see(1, 2, [mac('02:00:00:00:00:0A'), ssh('1', 2)]);
      see(2, 3, [mac('02:00:00:00:00:0a'), ssh('1', 3)]);
      const rows = (): string[] => store.listIntervals({ owner: 'alice', ip: '10.0.0.1', limit: 100 }).map((i) => `${i.fact} ${i.value ?? i.service!.version} ${i.firstSeen.slice(11, 13)}-${i.lastSeen.slice(11, 13)} x${i.count}${i.current ? ' current' : ''}`);
      assert.deepEqual(rows(), ['tcp/22 1 01-03 x3 current', 'mac 02:00:00:00:00:0a 01-03 x3 current'], 'three scans, two intervals; a MAC in either case is the same value');
      const [port] = store.listIntervals({ owner: 'alice', ip: '10.0.0.1', fact: 'tcp/22', limit: 1 });
      assert.deepEqual(port!.scans, { first: { scanId: scans[0]!.id, seq: 1 }, last: { scanId: scans[2]!.id, seq: 3 } });
      assert.deepEqual(store.latestObservations('alice', ['10.0.0.1']).get('10.0.0.1')!.find((o) => o.fact === 'tcp/22'), { ip: '10.0.0.1', fact: 'tcp/22', service: { state: 'open', name: 'ssh', version: '1' }, scanId: scans[2]!.id, seq: 3, observedAt: t(3) }, 'the latest observation is the current interval\'s end');

      see(3, 4, [mac('02:00:00:00:00:0a'), ssh('2', 1)]);
      assert.deepEqual(rows(), ['tcp/22 2 04-04 x1 current', 'tcp/22 1 01-03 x3', 'mac 02:00:00:00:00:0a 01-04 x4 current'], 'the changed version: one new interval');
      // A scan that ran longer, stored after: the same value widens the interval backwards, another one goes behind the current.
      see(4, 0, [mac('02:00:00:00:00:0a'), ssh('3', 1)]);
      assert.deepEqual(rows(), ['tcp/22 3 00-00 x1', 'tcp/22 2 04-04 x1 current', 'tcp/22 1 01-03 x3', 'mac 02:00:00:00:00:0a 00-04 x5 current']);
      const [macRow] = store.listIntervals({ owner: 'alice', ip: '10.0.0.1', fact: 'mac', limit: 1 });
      assert.deepEqual([macRow!.scans.first.scanId, macRow!.scans.last.scanId], [scans[4]!.id, scans[3]!.id]);
      assert.equal(store.latestObservations('alice', ['10.0.0.1']).get('10.0.0.1')!.find((o) => o.fact === 'tcp/22')!.service!.version, '2');
      // Bob's observations are his own intervals.
      store.appendResults(scans[5]!.id, [], undefined, { owner: 'bob', observations: [{ ip: '10.0.0.1', scanId: scans[5]!.id, observedAt: t(5), ...ssh('2', 1) }], changes: [], recordedAt: t(5) });
      assert.equal(store.listIntervals({ owner: 'alice', ip: '10.0.0.1', limit: 100 }).length, 4);
      assert.equal(store.listIntervals({ owner: 'bob', ip: '10.0.0.1', limit: 100 }).length, 1);
    });

    test('history pruning: nothing past the horizon, per fact and source the newest N intervals (never the current), per address the newest N changes; bounded per run, resumed where it stopped', () => {
      const store = make();
      const t = (h: number): string => new Date(Date.UTC(2026, 0, 1, h)).toISOString();
      const scans = Array.from({ length: 4 }, () => scan());
      for (const [i, s] of scans.entries()) {
        store.insertScan(s);
        const at = t(i + 1);
        // Port 22 changes version every scan on both addresses (a new interval each time); the hostname is seen once.
        store.appendResults(s.id, [], { status: 'completed' }, {
          owner: 'alice',
          observations: [
            { ip: '10.0.0.1', fact: 'tcp/22', scanId: s.id, observedAt: at, service: { state: 'open', version: String(i) } },
            ...(i === 0 ? [{ ip: '10.0.0.1', fact: 'hostname', value: 'once', source: 'snmp', scanId: s.id, observedAt: at }] : []),
            { ip: '10.0.0.2', fact: 'tcp/22', scanId: s.id, observedAt: at, service: { state: 'open', version: String(i) } },
          ],
          changes: [{ kind: 'service.changed', ip: '10.0.0.1', fact: 'tcp/22', scanId: s.id, at }],
          recordedAt: at,
        });
      }
      const facts = (ip: string): string[] => store.listIntervals({ owner: 'alice', ip, limit: 100 }).map((o) => `${o.fact}@${o.lastSeen.slice(11, 13)}`);
      assert.deepEqual(facts('10.0.0.1'), ['tcp/22@04', 'tcp/22@03', 'tcp/22@02', 'hostname@01', 'tcp/22@01'], 'a scan\'s write prunes nothing');
      // Runs of at most 1 row: expiry first (the hostname last seen at 01, the change recorded at 01), then the trims, each resumed.
      const prune = { keepSince: t(2), keepPerAsset: 2, maxRows: 1 };
      let from: PruneCursor | undefined;
      const deleted: number[] = [];
      for (let run = 0; run < 12; run++) {
        const out = store.pruneHistory({ ...prune, ...(from ? { from } : {}) });
        deleted.push(out.deleted);
        from = out.next;
      }
      assert.ok(deleted.every((n) => n <= 1), `at most maxRows per run: ${deleted}`);
      assert.deepEqual(facts('10.0.0.1'), ['tcp/22@04', 'tcp/22@03'], 'two per fact; what was last seen before the horizon (02) is gone');
      assert.deepEqual(facts('10.0.0.2'), ['tcp/22@04', 'tcp/22@03']);
      assert.deepEqual(store.latestObservations('alice', ['10.0.0.1']).get('10.0.0.1')!.map((o) => `${o.fact}@${o.observedAt.slice(11, 13)}`), ['tcp/22@04'], 'a fact past the horizon is no latest fact');
      assert.deepEqual(store.listChanges({ owner: 'alice', limit: 10 }).map((c) => c.scanId), [scans[2]!.id, scans[3]!.id]);
      assert.equal(deleted.reduce((a, b) => a + b, 0), 1 + 2 + 2 + 2, 'the hostname, two intervals of each address (one expired, one trimmed), two changes (one expired, one trimmed)');
      assert.deepEqual(store.pruneHistory({ ...prune, maxRows: 100 }), { deleted: 0 }, 'nothing left to prune');
      // The lowest limit keeps the current interval.
      assert.equal(store.pruneHistory({ keepSince: t(0), keepPerAsset: 1, maxRows: 100 }).deleted, 3);
      assert.deepEqual(facts('10.0.0.1'), ['tcp/22@04']);
    });

    test('health follows close', () => {
      const store = make();
      assert.equal(store.isHealthy(), true);
      store.close();
      assert.equal(store.isHealthy(), false);
    });
  });
}

/** Hour `h` of a fixed day; a hostname observation of `ip` made then by the scan `scanId`. */
const hour = (h: number): string => new Date(Date.UTC(2026, 0, 1, h)).toISOString();
const hostnameSeen = (scanId: string, ip: string, h: number, value = ip): Observation => ({ ip, fact: 'hostname', value, source: 'snmp', confidence: 'stated', scanId, observedAt: hour(h) });

test('SQLite store of a version that kept every observation as a row: migrated once on opening into intervals, the latest of each key current', () => {
  const { file, store: a, s } = sqliteWithScan();
  const other = scan();
  a.insertScan(other);
  a.close();
  // The observation tables exactly as the older version created them, with its rows.
  const older = new Database(file);
  older.exec(`DROP TABLE history; DROP TABLE write_check;
    CREATE TABLE observations (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, ip TEXT NOT NULL, fact TEXT NOT NULL, source TEXT NOT NULL, scan_id TEXT NOT NULL, observed_at TEXT NOT NULL, body TEXT NOT NULL);
    CREATE INDEX observations_latest ON observations (owner, ip, fact, source, observed_at);
    CREATE INDEX observations_ip ON observations (ip, id);
    CREATE INDEX observations_age ON observations (observed_at);
    CREATE TABLE observations_newest (owner TEXT NOT NULL, ip TEXT NOT NULL, fact TEXT NOT NULL, source TEXT NOT NULL, observed_at TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (owner, ip, fact, source)) WITHOUT ROWID;`);
  const add = older.prepare('INSERT INTO observations (owner, ip, fact, source, scan_id, observed_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const hostname = (owner: string, scanId: string, h: number, value: string) => add.run(owner, '10.0.0.1', 'hostname', 'snmp', scanId, hour(h), JSON.stringify({ value, confidence: 'stated' }));
  const port = (scanId: string, h: number, state: string, seq: number) => add.run('alice', '10.0.0.1', 'tcp/80', '', scanId, hour(h), JSON.stringify({ service: { state }, seq }));
  // Inserted out of time order, as concurrent scans' ends could: the migration orders by observation time.
  hostname('alice', s.id, 3, 'b');
  hostname('alice', s.id, 1, 'a');
  hostname('alice', s.id, 2, 'a');
  hostname('alice', other.id, 4, 'b');
  hostname('bob', other.id, 5, 'a');
  port(s.id, 1, 'open', 7);
  port(s.id, 2, 'open', 8);
  port(other.id, 3, 'open', 9);
  older.exec("INSERT INTO observations_newest SELECT owner, ip, fact, source, observed_at, id FROM observations o WHERE id = (SELECT id FROM observations WHERE owner = o.owner AND ip = o.ip AND fact = o.fact AND source = o.source ORDER BY observed_at DESC, id DESC LIMIT 1)");
  older.close();

  const b = new SqliteScanStore(file);
  const rows = (owner: string) => b.listIntervals({ owner, ip: '10.0.0.1', limit: 100 }).map((i) => [i.fact, i.value ?? i.service!.state, i.firstSeen, i.lastSeen, i.count, i.scans.first.scanId, i.scans.last.scanId, i.current]);
  assert.deepEqual(rows('alice').sort(), [
    ['hostname', 'a', hour(1), hour(2), 2, s.id, s.id, false],
    ['hostname', 'b', hour(3), hour(4), 2, s.id, other.id, true],
    ['tcp/80', 'open', hour(1), hour(3), 3, s.id, other.id, true],
  ].sort());
  assert.deepEqual(rows('bob'), [['hostname', 'a', hour(5), hour(5), 1, other.id, other.id, true]]);
  assert.deepEqual(b.listIntervals({ owner: 'alice', ip: '10.0.0.1', fact: 'tcp/80', limit: 1 })[0]!.scans, { first: { scanId: s.id, seq: 7 }, last: { scanId: other.id, seq: 9 } });
  assert.deepEqual(b.latestObservations('alice', ['10.0.0.1']).get('10.0.0.1')!.map((o) => [o.fact, o.value ?? o.service!.state, o.scanId, o.observedAt]), [['hostname', 'b', other.id, hour(4)], ['tcp/80', 'open', other.id, hour(3)]]);
  // The next observation of an unchanged value extends the migrated interval.
  b.appendResults(s.id, [], undefined, { owner: 'alice', observations: [hostnameSeen(s.id, '10.0.0.1', 6, 'b')], changes: [], recordedAt: hour(6) });
  assert.equal(b.listIntervals({ owner: 'alice', ip: '10.0.0.1', fact: 'hostname', limit: 10 }).find((i) => i.current)!.count, 3);
  b.close();
  const tables = new Database(file, { readonly: true });
  assert.deepEqual(tables.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'observations%'").all(), [], 'the old tables are gone: the migration ran once');
  tables.close();
  // Opened again: nothing to migrate, nothing lost.
  const c = new SqliteScanStore(file);
  assert.equal(c.listIntervals({ owner: ALL_PRINCIPALS, ip: '10.0.0.1', limit: 100 }).length, 4);
  c.close();
});

test('SQLite store uses WAL and keeps data across reopen', () => {
  const { file, store: a, s } = sqliteWithScan();
  a.appendResults(s.id, [result(1)]);
  assert.ok(existsSync(`${file}-wal`), 'a write-ahead log exists while open');
  a.close();
  const b = new SqliteScanStore(file);
  assert.deepEqual(b.getScan(s.id), s);
  assert.equal(b.listResults(s.id).length, 1);
  b.close();
});
