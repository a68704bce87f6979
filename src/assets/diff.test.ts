import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Observation, ProbeResult } from '../api/model.js';
import { MemoryScanStore } from '../store/memory-store.js';
import { diffAsset } from './diff.js';
import { AssetHistory, observationsOf, PortStates } from './history.js';

const IP = '10.0.0.5';
const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';

const port = (scanId: string, fact: string, service: Observation['service'], at = T0): Observation => ({ ip: IP, fact, service, scanId, observedAt: at });
const fact = (scanId: string, name: string, value: string, source: string, at = T0): Observation => ({ ip: IP, fact: name, value, source, confidence: 'stated', scanId, observedAt: at });

let seq = 0;
const result = (over: Partial<ProbeResult>): ProbeResult => ({ seq: ++seq, target: IP, probe: 'tcp-banner', attempt: 1, tries: 1, status: 'ok', observedAt: T1, ...over });

/** What a scan whose results are `results` observed of IP, with the asset those results give. */
function observed(results: ProbeResult[], services: Array<{ port: number; version?: string }>): Observation[] {
  const states = new PortStates();
  for (const r of results) states.add(r);
  return observationsOf({ ip: IP, services: services.map((s) => ({ port: s.port, protocol: 'tcp', ...(s.version ? { version: s.version } : {}) })), observedAt: T1 }, states.of(IP), 's2');
}

test('an address never observed before is one asset.new, not a change per fact', () => {
  const changes = diffAsset(IP, [], [fact('s1', 'hostname', 'cam', 'snmp'), port('s1', 'tcp/80', { state: 'open' })]);
  assert.deepEqual(changes, [{ kind: 'asset.new', ip: IP, scanId: 's1', at: T0 }]);
  assert.deepEqual(diffAsset(IP, [], []), [], 'nothing observed, nothing new');
});

test('a port the scan did not probe is not reported closed', () => {
  const before = [port('s1', 'tcp/80', { state: 'open' }), port('s1', 'tcp/22', { state: 'open' })];
  const now = observed([result({ port: 22, data: { port: 22, banner: 'SSH-2.0-dropbear' } as never })], [{ port: 22 }]);
  assert.deepEqual(now.map((o) => o.fact), ['tcp/22']);
  assert.deepEqual(diffAsset(IP, before, now), []);
});

test('a timeout, an unreachable host and a dead one are not a close; a RST is', () => {
  const before = [port('s1', 'tcp/80', { state: 'open' })];
  const silent = [
    result({ port: 80, status: 'timeout' }),
    result({ port: 80, status: 'unreachable' }),
    result({ probe: 'discovery', status: 'unreachable', error: { code: 'host-down', message: 'no answer' } }),
  ];
  assert.deepEqual(observed(silent, []), [], 'nothing observed of the port');
  assert.deepEqual(diffAsset(IP, before, observed(silent, [])), []);
  const refused = observed([result({ port: 80, status: 'closed' })], []);
  const [closed] = diffAsset(IP, before, refused);
  assert.equal(closed!.kind, 'service.closed');
  assert.equal(closed!.fact, 'tcp/80');
  assert.deepEqual(closed!.before!.service, { state: 'open' });
  assert.deepEqual(closed!.after!.service, { state: 'closed' });
  assert.equal(closed!.after!.seq, refused[0]!.seq, 'the result that showed it');
  assert.deepEqual(diffAsset(IP, [port('s1', 'tcp/80', { state: 'closed' })], refused), [], 'closed again is no change');
});

test('a port answering in the same scan that also refused once is open', () => {
  const now = observed([result({ port: 80, status: 'closed' }), result({ port: 80, data: { port: 80 } as never })], [{ port: 80 }]);
  assert.deepEqual(now.map((o) => o.service?.state), ['open']);
});

test('a port opens after a close, or is seen open for the first time on a known address', () => {
  const now = observed([result({ port: 8080, data: { port: 8080 } as never })], [{ port: 8080 }]);
  const [reopened] = diffAsset(IP, [port('s1', 'tcp/8080', { state: 'closed' })], now);
  assert.equal(reopened!.kind, 'service.opened');
  assert.deepEqual(reopened!.before!.service, { state: 'closed' });
  const [first] = diffAsset(IP, [port('s1', 'tcp/22', { state: 'open' })], now);
  assert.equal(first!.kind, 'service.opened');
  assert.equal(first!.before, undefined, 'never observed before');
  assert.deepEqual(diffAsset(IP, [port('s1', 'tcp/8080', { state: 'open' })], now), [], 'open again');
});

test('a product or version change is service.changed; a detail one side lacks is not', () => {
  const before = [port('s1', 'tcp/22', { state: 'open', product: 'dropbear', version: '2020.81' })];
  const [changed] = diffAsset(IP, before, [port('s2', 'tcp/22', { state: 'open', product: 'dropbear', version: '2022.83' }, T1)]);
  assert.equal(changed!.kind, 'service.changed');
  assert.equal(changed!.before!.service!.version, '2020.81');
  assert.equal(changed!.after!.service!.version, '2022.83');
  assert.equal(changed!.at, T1);
  assert.deepEqual(diffAsset(IP, before, [port('s2', 'tcp/22', { state: 'open', product: 'dropbear' })]), [], 'a bare banner without the version');
  assert.equal(diffAsset(IP, before, [port('s2', 'tcp/22', { state: 'open', product: 'OpenSSH' })])[0]!.kind, 'service.changed');
});

test('a MAC change on the same address is mac.changed; the same MAC in another case is not', () => {
  const before = [fact('s1', 'mac', '02:00:00:00:00:aa', 'neighbour')];
  const [changed] = diffAsset(IP, before, [fact('s2', 'mac', '02:00:00:00:00:bb', 'neighbour', T1)]);
  assert.deepEqual(changed, {
    kind: 'mac.changed',
    ip: IP,
    fact: 'mac',
    before: { value: '02:00:00:00:00:aa', source: 'neighbour', scanId: 's1', observedAt: T0 },
    after: { value: '02:00:00:00:00:bb', source: 'neighbour', scanId: 's2', observedAt: T1 },
    scanId: 's2',
    at: T1,
  });
  assert.deepEqual(diffAsset(IP, before, [fact('s2', 'mac', '02:00:00:00:00:AA', 'neighbour')]), []);
});

test('facts are compared with the same source; a fact no source gave before is reported without before', () => {
  const before = [fact('s1', 'manufacturer', 'Hangzhou Hikvision Digital Technology Co.,Ltd.', 'oui'), fact('s1', 'hostname', 'cam-1', 'snmp')];
  const now = [fact('s2', 'manufacturer', 'Hikvision', 'snmp'), fact('s2', 'hostname', 'printer-7', 'snmp'), fact('s2', 'model', 'DS-2CD', 'ssdp')];
  const changes = diffAsset(IP, before, now);
  assert.deepEqual(changes.map((c) => [c.kind, c.before?.value, c.after?.value]), [
    ['hostname.changed', 'cam-1', 'printer-7'],
    ['model.changed', undefined, 'DS-2CD'],
  ]);
});

test('a classify walk says closed only when none of its ports was silent', () => {
  const walk = (filtered: number): ProbeResult =>
    result({ probe: 'classify', data: { catalog: 'default', filtered, path: [{ port: 80, state: 'open' }, { port: 554, state: 'closed' }] } as never });
  assert.deepEqual(observed([walk(1)], [{ port: 80 }]).map((o) => [o.fact, o.service?.state]), [['tcp/80', 'open']]);
  assert.deepEqual(observed([walk(0)], [{ port: 80 }]).map((o) => [o.fact, o.service?.state]), [['tcp/80', 'open'], ['tcp/554', 'closed']]);
});

test("nmap's closed is a close, its filtered is not", () => {
  const r = result({ data: { nmap: { args: [], ports: [{ port: 23, protocol: 'tcp', state: 'closed', cpe: [] }, { port: 25, protocol: 'tcp', state: 'filtered', cpe: [] }], timedOut: false, packetsCounted: 2 } } as never });
  assert.deepEqual(observed([r], []).map((o) => [o.fact, o.service?.state]), [['tcp/23', 'closed']]);
});

test('AssetHistory: the first scan of an address is asset.new, the next one gives its changes, per principal', () => {
  const store = new MemoryScanStore();
  let now = Date.parse(T1);
  const history = new AssetHistory(store, () => now);
  const scanOf = (scanId: string, owner: string, open: number[], closed: number[]) => {
    store.insertScan({ id: scanId, principal: owner, status: 'running', createdAt: T0, request: { targets: [IP], probes: [], timing: { count: 1, intervalMs: 0, timeoutMs: 1, retries: 0 }, mode: 'async', profile: 'normal', labels: {} }, stats: { targets: 1, packetsSent: 0, responses: 0, results: 0, byProbe: {} }, assets: [] });
    const states = new PortStates();
    for (const p of closed) states.add(result({ port: p, status: 'closed' }));
    for (const p of open) states.add(result({ port: p, data: { port: p } as never }));
    const out = history.close(scanId, owner, [{ ip: IP, services: open.map((p) => ({ port: p, protocol: 'tcp' as const })), observedAt: T1 }], states);
    store.appendResults(scanId, [], { status: 'completed', assets: out.assets }, out.write);
    return out.assets[0]!.changes?.map((c) => `${c.kind} ${c.fact ?? ''}`.trim());
  };
  assert.deepEqual(scanOf('s1', 'alice', [22], [8080]), ['asset.new']);
  now += 1000;
  assert.deepEqual(scanOf('s2', 'alice', [22, 8080], []), ['service.opened tcp/8080']);
  assert.deepEqual(scanOf('s3', 'alice', [22, 8080], []), undefined, 'nothing changed: no changes on the asset');
  assert.deepEqual(scanOf('s4', 'bob', [22], []), ['asset.new'], "alice's history is not bob's");
  assert.deepEqual(store.listChanges({ owner: 'alice', limit: 10 }).map((c) => c.kind), ['asset.new', 'service.opened']);
  assert.deepEqual(history.close('s5', 'alice', [], new PortStates()), { assets: [] }, 'no assets, nothing to write');
});
