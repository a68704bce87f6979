/**
 * The cost and the growth of asset history on sweeps.
 *
 * The cost: the results of a /16 (every address alive, with a MAC,
 * port 22 open with an SSH banner and port 80 refused) go through the real ScanRecorder into a real
 * SQLite store, twice (the second sweep finds port 80 open on one address in 16 and another SSH
 * version on one in 64, so it diffs against the first and records changes), with and without
 * history. It measures the service's side only: no packets (the probes' answers are made up), so
 * it needs no lab. Prints a Markdown table: time to record and finish each sweep (the finish is
 * where history is diffed and written, in the scan's last transaction) and the store's size.
 *
 * The growth: `rescans` identical sweeps after the first, then one with the changes above, with
 * history; the history's rows (intervals) after each stage, and the mean finish time of a rescan.
 *
 *   node --import tsx bench/history.ts [prefix] [rescans]     # a /16 and no rescans by default
 *   node --import tsx bench/history.ts 24 100                  # the growth over 100 rescans of a /24
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type RecorderDeps, ScanRecorder } from '../src/scans/scan-recorder.js';
import { emptyStats } from '../src/scans/tally.js';
import { recorderDeps } from './recorder-deps.js';
import { SqliteScanStore } from '../src/store/sqlite-store.js';

const prefix = Number(process.argv[2] ?? 16);
const rescans = Number(process.argv[3] ?? 0);
const hosts = 2 ** (32 - prefix);
const ipOf = (i: number): string => `10.20.${(i >> 8) & 255}.${i & 255}`;
const macOf = (i: number): string => `c0:56:e3:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
const timing = { count: 1, intervalMs: 0, timeoutMs: 1000, retries: 0 };

/** Round 2 finds port 80 open on one address in 16 and another SSH version on one in 64; any other round gives the first sweep's answers. */
async function sweep(store: SqliteScanStore, deps: RecorderDeps, scanId: string, round: number): Promise<{ recordMs: number; finishMs: number; changes: number }> {
  store.insertScan({ id: scanId, principal: 'bench', status: 'queued', createdAt: new Date().toISOString(), request: { targets: [`10.20.0.0/${prefix}`], probes: [], timing, mode: 'async', profile: 'normal', labels: {} }, stats: emptyStats(hosts), assets: [] });
  let t = performance.now();
  // A recorder without a save window: every result goes with the end, so the finish column holds their writes too.
  const tally = ScanRecorder.unstarted(deps, scanId, emptyStats(hosts));
  for (let i = 0; i < hosts; i++) {
    const target = ipOf(i);
    tally.host({ ip: target, alive: true, mac: macOf(i), method: 'neighbour' } as never);
    const version = round === 2 && i % 64 === 0 ? '2024.86' : '2022.83';
    tally.record({ target, probe: 'tcp-banner', port: 22, protocol: 'tcp', attempt: 1, tries: 1, status: 'ok', rttMs: 0.4, data: { port: 22, banner: `SSH-2.0-dropbear_${version}`, service: 'ssh', product: 'dropbear', version, bytes: 24 } as never });
    if (round === 2 && i % 16 === 0) tally.record({ target, probe: 'tcp-banner', port: 80, protocol: 'tcp', attempt: 1, tries: 1, status: 'ok', rttMs: 0.4, data: { port: 80, banner: '', service: 'http', bytes: 0 } as never });
    else tally.record({ target, probe: 'tcp-banner', port: 80, protocol: 'tcp', attempt: 1, tries: 1, status: 'closed', rttMs: 0.2 });
  }
  const recordMs = performance.now() - t;
  t = performance.now();
  await tally.finish('completed');
  const finishMs = performance.now() - t;
  const changes = store.getScan(scanId)!.assets.reduce((n, a) => n + (a.changes?.length ?? 0), 0);
  return { recordMs, finishMs, changes };
}

const size = (file: string): number => ['', '-wal'].reduce((n, s) => n + (statSync(`${file}${s}`, { throwIfNoEntry: false })?.size ?? 0), 0);
const mib = (n: number): string => (n / 1024 / 1024).toFixed(1);

console.log(`| /${prefix} sweep, ${hosts} hosts, 2 results each | history | record results | finish (assets + history) | changes | store after |`);
console.log('| --- | --- | ---: | ---: | ---: | ---: |');
for (const withHistory of [false, true]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pscan-bench-history-'));
  const file = path.join(dir, 'pscan.sqlite');
  for (const round of [1, 2]) {
    // Opened per sweep and closed after it, so the size is the checkpointed file's.
    const store = new SqliteScanStore(file);
    const deps = recorderDeps(store, withHistory);
    const r = await sweep(store, deps, `scn_bench_${round}`, round);
    store.close();
    console.log(`| sweep ${round} | ${withHistory ? 'yes' : 'no'} | ${(r.recordMs / 1000).toFixed(2)} s | ${(r.finishMs / 1000).toFixed(2)} s | ${r.changes} | ${mib(size(file))} MiB |`);
  }
  rmSync(dir, { recursive: true, force: true });
}

if (rescans > 0) {
  const dir = mkdtempSync(path.join(tmpdir(), 'pscan-bench-history-'));
  const file = path.join(dir, 'pscan.sqlite');
  const store = new SqliteScanStore(file);
  const deps = recorderDeps(store, true);
  const count = new Database(file, { readonly: true }).prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM history');
  const rows = (): number => count.get()!.n;
  await sweep(store, deps, 'scn_growth_0', 1);
  const first = rows();
  let finishMs = 0;
  for (let n = 1; n <= rescans; n++) finishMs += (await sweep(store, deps, `scn_growth_${n}`, 1)).finishMs;
  const rescanned = rows();
  const changed = await sweep(store, deps, 'scn_growth_changed', 2);
  const afterChange = rows();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(`\n| /${prefix}, ${hosts} hosts | history rows | ratio to the first sweep |`);
  console.log('| --- | ---: | ---: |');
  console.log(`| after the first sweep | ${first} | 1.00 |`);
  console.log(`| after ${rescans} identical rescans (mean finish ${(finishMs / rescans).toFixed(1)} ms) | ${rescanned} | ${(rescanned / first).toFixed(2)} |`);
  console.log(`| after one sweep with ${changed.changes} changed facts | ${afterChange} (+${afterChange - rescanned}) | ${(afterChange / first).toFixed(2)} |`);
}
