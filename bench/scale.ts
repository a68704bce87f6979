/**
 * Scale: (1) admitting a /16 — parse, scope check, count — and expanding it lazily; (2) scheduling
 * a /16 through the real runner and in-memory store with a probe that answers at once (the
 * service's own per-unit cost, no packets); (3) in the lab, a /24 sweep where most addresses are
 * dead, through the API. Run inside the lab's scanner namespace by `npm run bench`.
 */
import { runnerDeps } from '../test/support/runner.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Probe } from '../src/probes/probe.js';
import { ScanEvents } from '../src/scans/events.js';
import { ScanRunner } from '../src/scans/in-process-runner.js';
import { emptyStats } from '../src/scans/tally.js';
import { countHosts, expandTargets, parseTarget, Scope, type TargetSpec } from '../src/net/targets.js';
import { MemoryScanStore } from '../src/store/memory-store.js';
import { kill, startServer } from '../test/support/process.js';
import { bearer, TEST_SECRET, token } from '../test/support/service.js';

const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
global.gc?.();
const heap0 = process.memoryUsage().heapUsed;
let t = performance.now();
const spec = parseTarget('10.20.0.0/16') as TargetSpec;
const refused = new Scope(['10.0.0.0/8'], []).firstRefused(spec.range);
const hosts = countHosts([spec]);
const admitMs = performance.now() - t;
t = performance.now();
let n = 0;
for (const _ of expandTargets([spec])) n++;
const expandMs = performance.now() - t;
const heapAfterExpand = process.memoryUsage().heapUsed;
console.log(`| admit a /16 (parse, scope check, count ${hosts} hosts${refused ? ', refused' : ''}) | ${admitMs.toFixed(3)} ms |`);
console.log(`| expand the /16 lazily, ${n} addresses | ${expandMs.toFixed(0)} ms, heap +${mb(heapAfterExpand - heap0)} MiB |`);

const instant: Probe = {
  type: 'instant', description: 'answers at once', category: 'safe', reach: 'target', params: [], reveals: [], facts: () => ({}),
  units: () => [{ port: 1, protocol: 'tcp' }],
  packetBound: (_p, { hosts }) => hosts,
  run: async (_p, _t, _u, ctx) => {
    await ctx.gate.acquire(ctx.signal);
    return { data: { port: 1, banner: '', bytes: 0 } };
  },
};
const store = new MemoryScanStore();
const events = new ScanEvents();
const scope = new Scope(['10.0.0.0/8'], []);
const runner = new ScanRunner(
  runnerDeps({ store, events, inScope: (ip) => scope.allowsIp(ip), limits: { bannerMaxBytes: 1024 }, nmap: { path: 'nmap', versionIntensity: 7, hostTimeoutMs: 1000 } }),
);
const timing = { count: 1, intervalMs: 0, timeoutMs: 1000, retries: 0 };
store.insertScan({ id: 'scn_scale', principal: 'bench', status: 'queued', createdAt: '', request: { targets: [spec.text], probes: [], timing, mode: 'async', profile: 'normal', labels: {} }, stats: emptyStats(n), assets: [] });
const rss0 = process.memoryUsage().rss;
t = performance.now();
await new Promise<void>((resolve) => {
  events.subscribe('scn_scale', (e) => e.kind === 'end' && resolve());
  void runner.run({ scanId: 'scn_scale', principal: 'bench', targets: [spec], probes: [{ probe: instant as Probe<Record<string, unknown>, unknown>, params: {}, redacted: { type: 'tcp-banner', ports: [1] } }], timing, fragile: false });
});
const scheduleMs = performance.now() - t;
console.log(`| schedule a /16 through the runner (${store.listResults('scn_scale').length} results stored, in-memory store) | ${(scheduleMs / 1000).toFixed(1)} s, ${(n / (scheduleMs / 1000)).toFixed(0)} units/s, RSS +${mb(process.memoryUsage().rss - rss0)} MiB |`);

if (process.env.PSCAN_LAB_SUBNET) {
  const server = await startServer({ PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-scale-')), PSCAN_JWT_SECRET: TEST_SECRET, PSCAN_SCOPE_ALLOW: process.env.PSCAN_LAB_SUBNET, PSCAN_LOG_LEVEL: 'warn' });
  const auth = bearer(await token());
  t = performance.now();
  const res = await request(server.url).post('/v1/scans').set(auth).send({ mode: 'sync', targets: ['198.18.77.11-198.18.77.254'], probe: { type: 'tcp-banner', ports: [22, 80] }, timing: { timeoutMs: 1000 } });
  const sweepMs = performance.now() - t;
  const byStatus: Record<string, number> = {};
  for (const r of res.body.results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  console.log(`| /24 sweep of the lab (244 addresses, 7 alive; banner on 22 and 80, timeoutMs 1000) | ${(sweepMs / 1000).toFixed(1)} s, ${res.body.stats.packetsSent} packets; results ${JSON.stringify(byStatus)} |`);
  await kill(server, 'SIGTERM');
}
