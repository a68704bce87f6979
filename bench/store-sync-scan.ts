/**
 * What the store costs one sync scan, without HTTP or packets: N scans of one banner result at the
 * same address (so the asset history fills up to its per-asset limit, as under load) go through
 * the real ScanRecorder and WriteBatcher into a real SQLite store (WAL, a temporary file), in three
 * ways:
 *
 * - `stored first`: insert the scan, mark it running, commit its result with its end, read it back
 *   for the answer (the path of a scan that waits in the queue or runs longer than the save window);
 * - `stored whole`: one write with the scan, its result and its end; the answer built from what
 *   was written; one scan at a time, so each batch holds one scan;
 * - `stored whole, 16 at once`: the same with 16 scans in flight, as 16 connections make them: their
 *   writes share transactions (group commit).
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
import { ScanReader, toScan } from '../src/scans/scan-reader.js';
import { ScanRecorder } from '../src/scans/scan-recorder.js';
import { emptyStats } from '../src/scans/tally.js';
import { recorderDeps } from './recorder-deps.js';
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

type Way = 'stored first' | 'stored whole' | 'stored whole, 16 at once';

async function run(way: Way, history: boolean): Promise<{ wall: number; cpu: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pscan-bench-store-'));
  const store = new SqliteScanStore(path.join(dir, 's.sqlite'));
  const deps = recorderDeps(store, history);
  const reader = new ScanReader(store);
  let bytes = 0;
  const scan = async (): Promise<void> => {
    const rec = record();
    const job = { scanId: rec.id, principal: rec.principal, targets: [target], singleUnit: true };
    if (way === 'stored first') {
      store.insertScan(rec);
      const recorder = await ScanRecorder.start(deps, job);
      recorder.record(banner as never);
      await recorder.finish('completed');
      bytes += JSON.stringify(reader.view(rec.id)).length;
    } else {
      const recorder = await ScanRecorder.start(deps, { ...job, newScan: { record: rec, deliveries: [] } });
      recorder.record(banner as never);
      const { whole } = await recorder.finish('completed');
      bytes += JSON.stringify(toScan(whole!.record, whole!.results)).length;
    }
  };
  const inFlight = way === 'stored whole, 16 at once' ? 16 : 1;
  let started = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (started++ < SCANS) await scan();
    }),
  );
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
  ['stored whole, 16 at once', false],
  ['stored first', true],
  ['stored whole', true],
  ['stored whole, 16 at once', true],
] as const;
const times = new Map<string, Array<{ wall: number; cpu: number }>>();
await run('stored whole', true); // warm-up
for (let r = 0; r < ROUNDS; r++) {
  // Interleaved, so a drift of the machine weighs on every case alike.
  for (const [way, history] of cases) {
    const key = `${way} | ${history ? 'yes' : 'no'}`;
    times.set(key, [...(times.get(key) ?? []), await run(way, history)]);
  }
}
console.log(`${SCANS} sync scans of one banner result at one address per case, ${ROUNDS} rounds, medians; node ${process.version}`);
console.log('| way | asset history | wall µs per scan (rounds) | CPU µs per scan (rounds) |\n| --- | --- | --- | --- |');
const cell = (xs: number[]): string => `${median(xs).toFixed(0)} (${xs.map((x) => x.toFixed(0)).join(', ')})`;
for (const [key, xs] of times) console.log(`| ${key} | ${cell(xs.map((x) => x.wall))} | ${cell(xs.map((x) => x.cpu))} |`);
