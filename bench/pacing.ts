/**
 * What the packet caps cost while they hold packets back: scans of many devices at the default
 * caps (2000 packets a second in all, 50 per device), 64 probe units in flight per scan, with a
 * probe that does nothing but take its packet slot, so all the CPU measured is the service's own
 * (runner, caps, results) and the rate is what the caps let through.
 *
 *   node --import tsx bench/pacing.ts [--seconds 5]
 */
import { runnerDeps } from '../test/support/runner.js';
import { parseArgs } from 'node:util';
import type { Probe, ProbeContext } from '../src/probes/probe.js';
import { MemoryScanStore } from '../src/store/memory-store.js';
import { PacketLimiter } from '../src/scans/rate-limiter.js';
import { ScanRunner } from '../src/scans/in-process-runner.js';
import { emptyStats } from '../src/scans/tally.js';
import { parseTarget, type TargetSpec } from '../src/net/targets.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' } } });
const SECONDS = Number(values.seconds);

let taken = 0;
const slotOnly = {
  type: 'slot-only',
  description: 'takes its packet slot and answers at once',
  category: 'safe',
  reach: 'target',
  params: [],
  units: () => [{ port: 22, protocol: 'tcp' }],
  run: async (_params: unknown, _target: unknown, _unit: unknown, ctx: ProbeContext) => {
    await ctx.gate.acquire(ctx.signal);
    taken++;
    return { data: {} };
  },
} as unknown as Probe<Record<string, unknown>, unknown>;

async function measure(scans: number, globalPps: number): Promise<string> {
  const store = new MemoryScanStore();
  const runner = new ScanRunner(
    runnerDeps({ store, pacing: new PacketLimiter(globalPps, 50), limits: { maxConcurrentScans: scans, perTargetPacketsPerSecond: 50 } }),
  );
  const timing = { count: 1, intervalMs: 0, timeoutMs: 2000, retries: 0 };
  for (let i = 0; i < scans; i++) {
    const scanId = `scn_${String(i).padStart(26, '0')}`;
    store.insertScan({ id: scanId, principal: 'bench', status: 'queued', createdAt: new Date().toISOString(), request: { targets: [], probes: [], timing, mode: 'async', profile: 'normal', labels: {} }, stats: emptyStats(65536), assets: [] });
    void runner.run({ scanId, principal: 'bench', targets: [parseTarget(`127.${i + 1}.0.0/16`) as TargetSpec], probes: [{ probe: slotOnly, params: {}, redacted: { type: 'tcp-banner', ports: [22] } }], timing, fragile: false });
  }
  await new Promise((resolve) => setTimeout(resolve, 1000)); // past the start
  const before = taken;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  await runner.shutdown(0);
  return `| ${scans} × /16, 64 units in flight each | ${globalPps} | ${((taken - before) / seconds).toFixed(0)} | ${(((used.user + used.system) / 1e6 / seconds) * 100).toFixed(0)} % |`;
}

console.log(`${SECONDS} s per row, node ${process.version}`);
console.log('| scans | global cap, packets/s | packets/s let through | CPU of the process |\n| --- | --- | --- | --- |');
for (const [scans, pps] of [[1, 2000], [8, 2000], [8, 200]] as const) console.log(await measure(scans, pps));
process.exit(0);
