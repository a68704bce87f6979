import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Asset } from '../api/model.js';
import { ALL_PRINCIPALS } from '../auth/principal.js';
import { emptyStats } from '../scans/tally.js';
import { SqliteScanStore } from '../store/sqlite-store.js';
import { AssetHistory, PortStates } from './history.js';

const HOSTS = 254;
const ipOf = (i: number): string => `10.9.0.${i + 1}`;

/** Scan `n` of a /24: every host with a MAC, an SNMP hostname, SSH open on 22 and 80 refused; `changed` hosts with another SSH version and hostname. */
function sweep(store: SqliteScanStore, history: AssetHistory, n: number, changed: (i: number) => { version?: boolean; hostname?: boolean } = () => ({})): number {
  const scanId = `scn_rows_${n}`;
  const at = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
  store.insertScan({ id: scanId, principal: 'alice', status: 'running', createdAt: at, request: { targets: ['10.9.0.0/24'], probes: [], timing: { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 }, mode: 'async', profile: 'normal', labels: {} }, stats: emptyStats(HOSTS), assets: [] });
  const ports = new PortStates();
  const assets: Asset[] = [];
  for (let i = 0; i < HOSTS; i++) {
    const ip = ipOf(i);
    const c = changed(i);
    ports.add({ seq: 2 * i + 1, target: ip, probe: 'tcp-banner', port: 80, protocol: 'tcp', attempt: 1, tries: 1, status: 'closed', observedAt: at });
    ports.add({ seq: 2 * i + 2, target: ip, probe: 'tcp-banner', port: 22, protocol: 'tcp', attempt: 1, tries: 1, status: 'ok', observedAt: at, data: { port: 22, banner: 'SSH-2.0-dropbear' } as never });
    assets.push({
      ip,
      mac: `02:00:00:00:00:${i.toString(16).padStart(2, '0')}`,
      hostname: c.hostname ? `renamed-${i}` : `cam-${i}`,
      services: [{ port: 22, protocol: 'tcp', name: 'ssh', product: 'dropbear', version: c.version ? '2024.86' : '2022.83' }],
      observedAt: at,
      sources: { mac: { source: 'neighbour', observedAt: at, confidence: 'stated' }, hostname: { source: 'snmp', seq: 2 * i + 2, observedAt: at, confidence: 'stated' } },
    });
  }
  const out = history.close(scanId, 'alice', assets, ports);
  store.appendResults(scanId, [], { status: 'completed', assets: out.assets }, out.write);
  return out.assets.reduce((k, a) => k + (a.changes?.length ?? 0), 0);
}

const rows = (store: SqliteScanStore): number => {
  let n = 0;
  for (let i = 0; i < HOSTS; i++) n += store.listIntervals({ owner: ALL_PRINCIPALS, ip: ipOf(i), limit: 200 }).length;
  return n;
};

test('history rows through the store: 100 identical rescans of a /24 add none; a change adds one interval per changed fact', () => {
  const store = new SqliteScanStore(path.join(mkdtempSync(path.join(tmpdir(), 'pscan-rows-')), 's.sqlite'));
  let clock = Date.UTC(2026, 0, 1);
  const history = new AssetHistory(store, () => (clock += 60_000));
  assert.equal(sweep(store, history, 0), HOSTS, 'the first sweep: asset.new for each host');
  const first = rows(store);
  assert.equal(first, HOSTS * 4, 'MAC, hostname, tcp/22 open, tcp/80 closed: one interval each');
  for (let n = 1; n <= 100; n++) assert.equal(sweep(store, history, n), 0);
  const after100 = rows(store);
  assert.ok(after100 <= 1.1 * first, `${after100} rows after 100 rescans, ${first} after the first`);
  assert.equal(after100, first);
  const counted = store.listIntervals({ owner: 'alice', ip: ipOf(7), fact: 'tcp/22', limit: 10 });
  assert.deepEqual(counted.map((i) => [i.count, i.scans.first.scanId, i.scans.last.scanId]), [[101, 'scn_rows_0', 'scn_rows_100']]);

  // One host in 16 gets another SSH version, one in 32 another hostname: 16 + 8 facts change.
  const changes = sweep(store, history, 101, (i) => ({ version: i % 16 === 0, hostname: i % 32 === 0 }));
  const changedFacts = Math.ceil(HOSTS / 16) + Math.ceil(HOSTS / 32);
  assert.equal(changes, changedFacts, 'one change per changed fact');
  assert.equal(rows(store), first + changedFacts, 'one new interval per changed fact');
  store.close();
});
