import type { Asset, ProbeResult } from '../../src/api/model.js';
import type { ScanStore } from '../../src/store/store.js';
import { newId } from '../../src/util/ids.js';

/** A finished scan put straight into the store, with the assets and results a test needs to read back. */
export function seedScan(store: ScanStore, scan: { principal?: string; targets?: string[]; assets?: Asset[]; results?: Array<Omit<ProbeResult, 'seq'>>; labels?: Record<string, string>; status?: 'completed' | 'failed' | 'running' }): string {
  const id = newId('scn');
  const now = new Date().toISOString();
  const results = (scan.results ?? []).map((r, i) => ({ ...r, seq: i + 1 }));
  store.insertScan({
    id,
    principal: scan.principal ?? 'alice',
    status: 'running',
    createdAt: now,
    startedAt: now,
    request: { targets: scan.targets ?? ['127.0.0.1'], probes: [{ type: 'tcp-banner', ports: [22] }], timing: { count: 1, intervalMs: 0, timeoutMs: 1000, retries: 0 }, mode: 'async', profile: 'normal', discovery: 'auto', labels: scan.labels ?? {} },
    stats: { targets: 1, packetsSent: results.length, responses: results.length, results: results.length, byProbe: {} },
    assets: [],
  });
  if (results.length) store.appendResults(id, results);
  store.updateScan(id, { status: scan.status ?? 'completed', finishedAt: now, assets: scan.assets ?? [] });
  return id;
}
