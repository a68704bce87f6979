/**
 * What the store costs one sync scan, without HTTP or packets: N scans of one banner result at the
 * same address (so the asset history fills up to its per-asset limit, as under load) go through
 * the real ScanTally into a real SQLite store (WAL, a temporary file), in two ways:
 *
 * - `stored first`: insert the scan, mark it running, commit its result with its end, read it back
 *   for the answer (what a sync scan did before it was written in one transaction; still the path
 *   of a scan that waits in the queue or runs longer than the save window);
 * - `stored whole`: one transaction with the scan, its result and its end; the answer built from
 *   what was written.
 *
 * Each with and without asset history. Prints µs per scan, wall and CPU of this process (medians of
 * the rounds): the wall time also holds the waits for the disk at WAL checkpoints.
 *
 *   node --import tsx bench/store-sync-scan.ts [--scans 5000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { AssetHistory } from '../src/assets/history.js';
import { createMetrics } from '../src/observability/metrics.js';
import { ScanEvents } from '../src/scans/events.js';
import type { ProbeResult } from '../src/api/model.js';
import { ScanReader, toScan } from '../src/scans/scan-reader.js';
import { emptyStats, ScanTally, type TallyDeps } from '../src/scans/tally.js';
import { parseTarget, type TargetSpec } from '../src/net/targets.js';
import { SqliteScanStore } from '../src/store/sqlite-store.js';
import type { ScanRecord } from '../src/store/store.js';
import { newId } from '../src/util/ids.js';

const { values } = parseArgs({ options: { scans: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '3' } } });
const SCANS = Number(values.scans);
const ROUNDS = Number(values.rounds);
const target = parseTarget('127.0.0.1') as TargetSpec;
const timing = { count: 1, intervalMs: 0, timeoutMs: 2000, retries: 0 };

const record = (): ScanRecord => ({
  id: newId('scn'),
  principal: 'bench',
  status: 'queued',
  createdAt: new Date().toISOString(),
  request: { targets: ['127.0.0.1'], probes: [{ type: 'tcp-banner', ports: [22] }], timing, mode: 'sync', profile: 'normal', labels: {} },
  stats: emptyStats(1),
  assets: [],
});
const banner = { target: '127.0.0.1', probe: 'tcp-banner', port: 22, protocol: 'tcp', attempt: 1, tries: 1, status: 'ok', rttMs: 0.3, data: { port: 22, banner: 'SSH-2.0-dropbear_2022.83\r\n', service: 'ssh', product: 'dropbear', version: '2022.83', bytes: 26 } } as const;

function run(way: 'stored first' | 'stored whole', history: boolean): { wall: number; cpu: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pscan-bench-store-'));
  const store = new SqliteScanStore(path.join(dir, 's.sqlite'));
  const deps: TallyDeps = { store, events: new ScanEvents(), metrics: createMetrics(), logger: pino({ level: 'silent' }), onFinished: () => {}, ...(history ? { history: new AssetHistory(store) } : {}) };
  const reader = new ScanReader(store);
  let bytes = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < SCANS; i++) {
    const rec = record();
    const job = { scanId: rec.id, principal: rec.principal, targets: [target] };
    if (way === 'stored first') {
      store.insertScan(rec);
      const tally = ScanTally.start(deps, job);
      tally.record(banner as never);
      tally.finish('completed');
      bytes += JSON.stringify(reader.view(rec.id)).length;
    } else {
      let whole: { record: ScanRecord; results: ProbeResult[] } | undefined;
      const tally = ScanTally.start(deps, { ...job, unstored: { record: rec, deliveries: [], stored: (w) => (whole = w) } });
      tally.record(banner as never);
      tally.finish('completed');
      bytes += JSON.stringify(toScan(whole!.record, whole!.results)).length;
    }
  }
  const us = ((performance.now() - start) * 1000) / SCANS;
  const cpu = process.cpuUsage(cpuStart);
  const cpuUs = (cpu.user + cpu.system) / SCANS;
  store.close();
  rmSync(dir, { recursive: true, force: true });
  if (bytes === 0) throw new Error('no answer built');
  return { wall: us, cpu: cpuUs };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cases = [
  ['stored first', false],
  ['stored whole', false],
  ['stored first', true],
  ['stored whole', true],
] as const;
const times = new Map<string, Array<{ wall: number; cpu: number }>>();
run('stored whole', true); // warm-up
for (let r = 0; r < ROUNDS; r++) {
  // Interleaved, so a drift of the machine weighs on every case alike.
  for (const [way, history] of cases) {
    const key = `${way} | ${history ? 'yes' : 'no'}`;
    times.set(key, [...(times.get(key) ?? []), run(way, history)]);
  }
}
console.log(`${SCANS} sync scans of one banner result at one address per case, ${ROUNDS} rounds, medians; node ${process.version}`);
console.log('| way | asset history | wall µs per scan (rounds) | CPU µs per scan (rounds) |\n| --- | --- | --- | --- |');
const cell = (xs: number[]): string => `${median(xs).toFixed(0)} (${xs.map((x) => x.toFixed(0)).join(', ')})`;
for (const [key, xs] of times) console.log(`| ${key} | ${cell(xs.map((x) => x.wall))} | ${cell(xs.map((x) => x.cpu))} |`);
