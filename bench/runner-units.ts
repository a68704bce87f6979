/**
 * What the runner costs per probe unit, without HTTP or packets: 16 scans of 32 units each (one
 * target, 32 ports) run at once through the real ScanRunner (packet limiter with the caps lifted,
 * target slots, result tally, group commit into a real SQLite store, SSE publish, assets and
 * history), with a probe that only takes its packet slot and answers. This is the per-unit part of
 * the API's cost; the per-request part is HTTP, admission and the scan's set-up.
 *
 *   node --import tsx bench/runner-units.ts [--scans 16] [--units 32] [--rounds 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { AssetHistory } from '../src/assets/history.js';
import { loadConfig } from '../src/config/config.js';
import { buildExecutionHost, executionEnv } from '../src/execution-env.js';
import { createMetrics } from '../src/observability/metrics.js';
import { tcpBannerProbe } from '../src/probes/tcp-banner/probe.js';
import type { Probe } from '../src/probes/probe.js';
import { ScanEvents } from '../src/scans/events.js';
import { PacketLimiter } from '../src/scans/rate-limiter.js';
import type { ProbeEntry } from '../src/scans/request.js';
import { ScanRunner } from '../src/scans/in-process-runner.js';
import { emptyStats } from '../src/scans/tally.js';
import { parseTarget, type TargetSpec } from '../src/net/targets.js';
import { WriteBatcher } from '../src/store/write-batcher.js';
import { SqliteScanStore } from '../src/store/sqlite-store.js';
import { newId } from '../src/util/ids.js';

const { values } = parseArgs({ options: { scans: { type: 'string', default: '16' }, units: { type: 'string', default: '32' }, rounds: { type: 'string', default: '5' } } });
const SCANS = Number(values.scans);
const UNITS = Number(values.units);
const ROUNDS = Number(values.rounds);
const ports = Array.from({ length: UNITS }, (_, i) => 10_000 + i);

// The banner probe's contract with a run that sends nothing: it takes its packet slot and answers.
const echo = {
  ...tcpBannerProbe,
  type: 'tcp-banner',
  units: () => ports.map((port) => ({ port, protocol: 'tcp' as const })),
  run: async (_params: unknown, _target: unknown, unit: { port?: number }, ctx: { signal: AbortSignal; gate: { acquire(s: AbortSignal): Promise<void> } }) => {
    await ctx.gate.acquire(ctx.signal);
    return { data: { port: unit.port, banner: 'SSH-2.0-bench_1.0\r\n', service: 'ssh', product: 'bench', version: '1.0', bytes: 19 } };
  },
} as unknown as Probe<Record<string, unknown>, unknown>;
const entry: ProbeEntry = { probe: echo, params: { ports }, redacted: { type: 'tcp-banner', ports } };
const target = parseTarget('127.0.0.1') as TargetSpec;
const timing = { count: 1, intervalMs: 0, timeoutMs: 2000, retries: 0 };

const dataDir = mkdtempSync(path.join(tmpdir(), 'pscan-bench-runner-'));
const config = loadConfig({ env: { PSCAN_DATA_DIR: dataDir, PSCAN_LOG_LEVEL: 'silent', PSCAN_TARGET_CONCURRENCY: '16', PSCAN_MAX_CONCURRENT_SCANS: String(SCANS) } });
const host = await buildExecutionHost(config, undefined);
const store = new SqliteScanStore(path.join(dataDir, 'pscan.sqlite'));
const logger = pino({ level: 'silent' });
const events = new ScanEvents();
const limits = { ...config.limits, perTargetConcurrency: 16, maxConcurrentScans: SCANS, bannerMaxBytes: config.probes.bannerMaxBytes, discoveryConcurrency: config.discovery.concurrency };
let finished = 0;
let wake: () => void = () => {};
const runner = new ScanRunner({
  ...executionEnv(host, {
    pacing: new PacketLimiter(1_000_000, 100_000, undefined, config.fragile.packetsPerSecond),
    isFragile: () => false,
    fragileGapMs: 0,
    inScope: () => true,
    catalogs: { get: () => undefined },
    logger,
    limits,
  }),
  limits,
  has: (tool) => tool === 'nmap' && host.nmapInfo.available,
  store,
  writes: new WriteBatcher((fn) => store.transaction(fn)),
  events,
  metrics: createMetrics(),
  logger,
  history: new AssetHistory(store),
  onFinished: () => {
    if (++finished === SCANS) wake();
  },
});

async function round(): Promise<{ usPerUnit: number; cpuUsPerUnit: number }> {
  finished = 0;
  const done = new Promise<void>((resolve) => (wake = resolve));
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < SCANS; i++) {
    const id = newId('scn');
    store.insertScan({ id, principal: `bench-${i % 4}`, status: 'queued', createdAt: new Date().toISOString(), request: { targets: ['127.0.0.1'], probes: [{ type: 'tcp-banner', ports }], timing, mode: 'async', profile: 'normal', labels: {} }, stats: emptyStats(1), assets: [] });
    void runner.run({ scanId: id, principal: `bench-${i % 4}`, targets: [target], probes: [entry], timing, fragile: false, discovery: 'none' });
  }
  await done;
  const wallUs = (performance.now() - start) * 1000;
  const used = process.cpuUsage(cpu);
  const units = SCANS * UNITS;
  return { usPerUnit: wallUs / units, cpuUsPerUnit: (used.user + used.system) / units };
}

await round(); // warm-up
const rounds = [];
for (let r = 0; r < ROUNDS; r++) rounds.push(await round());
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${SCANS} scans × ${UNITS} units at once, ${ROUNDS} rounds; node ${process.version}`);
console.log(`wall µs per unit: ${median(rounds.map((r) => r.usPerUnit)).toFixed(1)} (${rounds.map((r) => r.usPerUnit.toFixed(1)).join(', ')})`);
console.log(`CPU µs per unit: ${median(rounds.map((r) => r.cpuUsPerUnit)).toFixed(1)} (${rounds.map((r) => r.cpuUsPerUnit.toFixed(1)).join(', ')})`);
await runner.shutdown(0);
store.close();
rmSync(dataDir, { recursive: true, force: true });
