/**
 * Subnet sweeps (issue 19), in the lab, in one run, inside the scanner namespace (`npm run bench`
 * builds the lab and runs this there):
 *
 * 1. A banner sweep of nmap's top-100 TCP ports over the lab /24 (the hostile host left out): the
 *    service (host discovery, banners and its own protocol requests) against `nmap -sT -sV
 *    --top-ports 100` over the same addresses. Wall time; IP frames the scanner sent (tshark);
 *    CPU and peak RSS; every port nmap finds open must be found.
 * 2. A /24 with no live host, on the scanner's link (an extra address put on its interface for
 *    the run): wall time, packets counted, ARP requests on the wire.
 * 3. A /16 of absent on-link addresses: wall time (bounded by ARP resolution) and the service's
 *    RSS before and after.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import request from 'supertest';
import { Capture } from '../test/e2e/capture.js';
import { median, procCpuSeconds, procRssMb, runNmapMeasured, TOP100 } from './lab-measure.js';
import { kill, startServer } from '../test/support/process.js';
import { bearer, TEST_SECRET, token } from '../test/support/service.js';
import { packageRoot } from '../src/util/package-root.js';
import type { Scan } from '../src/api/model.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'skip-16': { type: 'boolean', default: false }, 'only-empty': { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);
const root = packageRoot();
const lab = JSON.parse(readFileSync(path.join(root, 'test', 'lab', 'devices.json'), 'utf8'));
const hostile = lab.devices.hostile.ip as string;
/** The lab /24 less the hostile host (its endless and trickling answers measure nothing here). */
const SWEEP = ['198.18.77.1-198.18.77.31', '198.18.77.33-198.18.77.254'];
const EMPTY_24 = { cidr: '198.18.76.0/24', own: '198.18.76.10/24' };
const ABSENT_16 = { cidr: '198.19.0.0/16', own: '198.19.0.10/16' };

const cpuOf = procCpuSeconds;
const rssOf = procRssMb;

interface Measure {
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  packets: number;
  /** "ip:port" found open. */
  open: Set<string>;
}

async function service(env: Record<string, string> = {}) {
  const server = await startServer({
    PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-sweep-')),
    PSCAN_JWT_SECRET: TEST_SECRET,
    PSCAN_SCOPE_ALLOW: `${lab.subnet},${EMPTY_24.cidr},${ABSENT_16.cidr}`,
    PSCAN_INTERFACE: 'eth0',
    PSCAN_LOG_LEVEL: 'warn',
    ...env,
  });
  return { server, auth: bearer(await token()) };
}

async function sweepOurs(timeoutMs: number): Promise<Measure> {
  const { server, auth } = await service();
  const pid = server.child.pid!;
  const cpu0 = cpuOf(pid);
  const capture = new Capture();
  await capture.start(`src host ${lab.scanner} and ip`);
  const started = performance.now();
  const res = await request(server.url).post('/v1/scans').set(auth).send({ mode: 'sync', targets: SWEEP, probe: { type: 'tcp-banner', ports: TOP100 }, timing: { timeoutMs } });
  const wallSeconds = (performance.now() - started) / 1000;
  const frames = await capture.stop();
  if (res.status !== 200 || res.body.status !== 'completed') throw new Error(`our sweep: ${res.status} ${res.body.status} ${res.text.slice(0, 300)}`);
  const scan = res.body as Scan;
  const measure = {
    wallSeconds,
    cpuSeconds: cpuOf(pid) - cpu0,
    peakRssMb: rssOf(pid, 'VmHWM'),
    packets: frames.length,
    open: new Set(scan.results.filter((r) => r.probe === 'tcp-banner' && r.status === 'ok').map((r) => `${r.target}:${r.port}`)),
  };
  await kill(server, 'SIGTERM');
  return measure;
}

async function sweepNmap(outDir: string): Promise<Measure> {
  const xmlFile = path.join(outDir, `sweep-nmap-${Date.now()}.xml`);
  const args = ['-sT', '-sV', '--top-ports', '100', '-n', '--exclude', `${lab.scanner},${hostile}`, '-oX', xmlFile, lab.subnet];
  const measured = await runNmapMeasured(args, lab.scanner);
  const xml = readFileSync(xmlFile, 'utf8');
  const open = new Set<string>();
  for (const host of xml.split('<host ').slice(1)) {
    const addr = /addr="([\d.]+)" addrtype="ipv4"/.exec(host)?.[1];
    for (const m of host.matchAll(/portid="(\d+)"><state state="open"/g)) open.add(`${addr}:${m[1]}`);
  }
  return { ...measured, open };
}

/** A sweep of addresses nobody answers for on the scanner's own link. */
async function emptySweep(cidr: string, timing: { timeoutMs: number }, env: Record<string, string>): Promise<{ wallSeconds: number; packetsSent: number; arpRequests: number; dead: number; rssBeforeMb: number; rssPeakMb: number; heapPeakMb: number; heapEndMb: number; results: number; timeline: Array<{ judged: number; rssMb: number; heapMb: number }> }> {
  const { server, auth } = await service({ PSCAN_SYNC_WAIT_MS: '600000', ...env });
  const pid = server.child.pid!;
  const rssBeforeMb = rssOf(pid, 'VmRSS');
  // ARP requests (opcode 1) this machine sends, by the address asked for.
  const arp = spawn('tshark', ['-i', 'eth0', '-l', '-n', '-f', 'arp[6:2] = 1', '-T', 'fields', '-e', 'arp.dst.proto_ipv4'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const prefix = cidr.split('.').slice(0, cidr.endsWith('/16') ? 2 : 3).join('.') + '.';
  let arpText = '';
  arp.stdout.on('data', (d) => (arpText += d));
  await new Promise((r) => setTimeout(r, 1500)); // tshark's start (no marker can cross: nothing answers here)
  // Async, polled: the sweep's own memory, apart from what a sync answer of every result would cost.
  const started = performance.now();
  const res = await request(server.url).post('/v1/scans').set(auth).send({ mode: 'async', targets: [cidr], probe: { type: 'tcp-banner', ports: [80] }, timing });
  if (res.status !== 202) throw new Error(`empty sweep ${cidr}: ${res.status} ${res.text.slice(0, 300)}`);
  const id = (res.body as Scan).id;
  // The list's summary (no results): polling the whole scan would build 65,536 results a time.
  const summary = async (): Promise<Scan> => ((await request(server.url).get('/v1/scans?limit=1').set(auth)).body.items as Scan[]).find((s) => s.id === id)!;
  // What the JavaScript heap holds (prom-client's gauge), apart from what RSS keeps of past peaks.
  const admin = bearer(await token({ scopes: ['admin'] }));
  const heapUsedMb = async (): Promise<number> => Number(/^pscan_process_nodejs_heap_size_used_bytes (\d+)/m.exec((await request(server.url).get('/metrics').set(admin)).text)?.[1]) / 2 ** 20;
  let heapPeakMb = 0;
  // RSS and heap as the sweep goes (each tenth of the addresses judged): flat, or growing with the range.
  const timeline: Array<{ judged: number; rssMb: number; heapMb: number }> = [];
  let scan = await summary();
  const deadline = Date.now() + 30 * 60_000;
  for (let polls = 0; !['completed', 'failed', 'cancelled'].includes(scan.status); polls++) {
    if (Date.now() > deadline) throw new Error(`empty sweep ${cidr}: not done within 30 min`);
    await new Promise((r) => setTimeout(r, 100));
    scan = await summary();
    if (polls % 20 === 0) heapPeakMb = Math.max(heapPeakMb, await heapUsedMb());
    const hosts = scan.stats.hosts;
    const judged = hosts ? (hosts.alive + hosts.dead) / scan.stats.targets : 0;
    if (judged >= (timeline.length + 1) / 10 && judged < 1) timeline.push({ judged, rssMb: rssOf(pid, 'VmRSS'), heapMb: await heapUsedMb() });
  }
  const heapEndMb = await heapUsedMb();
  const wallSeconds = (performance.now() - started) / 1000;
  const rssPeakMb = rssOf(pid, 'VmHWM');
  await new Promise((r) => setTimeout(r, 500));
  arp.kill('SIGINT');
  await new Promise((r) => arp.on('close', r));
  await kill(server, 'SIGTERM');
  return { wallSeconds, packetsSent: scan.stats.packetsSent, arpRequests: arpText.split('\n').filter((a) => a.startsWith(prefix)).length, dead: scan.stats.hosts?.dead ?? 0, rssBeforeMb, rssPeakMb, heapPeakMb, heapEndMb, results: scan.stats.results, timeline };
}

const outDir = path.join(root, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const nmapVersion = execFileSync('nmap', ['--version'], { encoding: 'utf8' }).split('\n')[0];
const variants = [
  { label: 'pScan, timeoutMs 2000 (default)', run: () => sweepOurs(2000) },
  { label: 'pScan, timeoutMs 500', run: () => sweepOurs(500) },
  { label: 'nmap -sT -sV --top-ports 100', run: () => sweepNmap(outDir) },
];
const measured: Measure[][] = variants.map(() => []);
// --only-empty: the empty /24 and the absent /16 alone.
for (let i = 0; i < (values['only-empty'] ? 0 : RUNS); i++) {
  for (const [v, variant] of variants.entries()) measured[v]!.push(await variant.run());
  process.stderr.write(`sweep run ${i + 1}/${RUNS}: ${variants.map((v, n) => `${v.label} ${measured[n]!.at(-1)!.wallSeconds.toFixed(1)} s`).join(', ')}\n`);
}
if (!values['only-empty']) {
writeFileSync(path.join(outDir, 'sweep.json'), JSON.stringify(Object.fromEntries(variants.map((v, n) => [v.label, measured[n]!.map((m) => ({ ...m, open: [...m.open].sort() }))])), null, 2));
const nmapRuns = measured.at(-1)!;
console.log(`\n### Top-100 banner sweep of the lab /24 (${SWEEP.join(', ')}), ${RUNS} runs, medians; ${nmapVersion}; node ${process.version}\n`);
console.log(`| metric | ${variants.map((v) => v.label).join(' | ')} | ${variants.slice(0, -1).map((v) => `${v.label} / nmap`).join(' | ')} |`);
console.log(`| --- | ${variants.map(() => '---').join(' | ')} | ${variants.slice(0, -1).map(() => '---').join(' | ')} |`);
for (const [label, key] of [['wall time, s', 'wallSeconds'], ['IP frames sent (tshark)', 'packets'], ['CPU, s', 'cpuSeconds'], ['peak RSS, MiB', 'peakRssMb']] as const) {
  const vals = measured.map((xs) => median(xs.map((x) => x[key])));
  console.log(`| ${label} | ${vals.map((x) => x.toFixed(key === 'packets' ? 0 : 1)).join(' | ')} | ${vals.slice(0, -1).map((x) => (x / vals.at(-1)!).toFixed(2)).join(' | ')} |`);
}
const nmapOpen = new Set(nmapRuns.flatMap((m) => [...m.open]));
for (const [v, variant] of variants.slice(0, -1).entries()) {
  const missed = [...nmapOpen].filter((p) => measured[v]!.some((m) => !m.open.has(p)));
  const extra = [...new Set(measured[v]!.flatMap((m) => [...m.open]))].filter((p) => !nmapOpen.has(p));
  console.log(`\n${variant.label}: nmap's open ports found in every run: ${nmapOpen.size - missed.length}/${nmapOpen.size}${missed.length ? ` (missed: ${missed.join(', ')})` : ''}; open that nmap did not report: ${extra.length ? extra.join(', ') : 'none'}`);
}
}

const withAddress = async <T>(own: string, fn: () => Promise<T>): Promise<T> => {
  execFileSync('ip', ['addr', 'add', own, 'dev', 'eth0']);
  try {
    return await fn();
  } finally {
    execFileSync('ip', ['addr', 'del', own, 'dev', 'eth0']);
  }
};
const empty = await withAddress(EMPTY_24.own, () => emptySweep(EMPTY_24.cidr, { timeoutMs: 2000 }, {}));
console.log(`\n### A /24 with no live host, on the scanner's link (${EMPTY_24.cidr}, banner on port 80, default timing: ARP answers awaited 2 s)\n`);
console.log(`| wall time | packets counted (IP) | ARP requests on the wire | host-down results | service RSS before → peak | JS heap used: peak sampled, at the end |\n| --- | --- | --- | --- | --- | --- |\n| ${empty.wallSeconds.toFixed(2)} s | ${empty.packetsSent} | ${empty.arpRequests} | ${empty.dead} | ${empty.rssBeforeMb.toFixed(0)} → ${empty.rssPeakMb.toFixed(0)} MiB | ${empty.heapPeakMb.toFixed(0)}, ${empty.heapEndMb.toFixed(0)} MiB |`);
if (!values['skip-16']) {
  const big = await withAddress(ABSENT_16.own, () => emptySweep(ABSENT_16.cidr, { timeoutMs: 1000 }, { PSCAN_MAX_HOSTS: '70000', PSCAN_MAX_PROBES: '100000000', PSCAN_DISCOVERY_CONCURRENCY: '512' }));
  console.log(`\n### A /16 of absent on-link addresses (${ABSENT_16.cidr}, banner on port 80; ARP answers awaited 1 s, 512 addresses at a time)\n`);
  console.log(`| wall time | packets counted (IP) | ARP requests on the wire | host-down results | service RSS before → peak | JS heap used: peak sampled, at the end |\n| --- | --- | --- | --- | --- | --- |\n| ${big.wallSeconds.toFixed(1)} s | ${big.packetsSent} | ${big.arpRequests} | ${big.dead} | ${big.rssBeforeMb.toFixed(0)} → ${big.rssPeakMb.toFixed(0)} MiB | ${big.heapPeakMb.toFixed(0)}, ${big.heapEndMb.toFixed(0)} MiB |`);
  console.log(`\nAs the /16 went (share of its addresses judged: service RSS, JS heap in use):\n\n| judged | ${big.timeline.map((t) => `${Math.round(t.judged * 100)} %`).join(' | ')} |\n| --- | ${big.timeline.map(() => '---').join(' | ')} |\n| RSS, MiB | ${big.timeline.map((t) => t.rssMb.toFixed(0)).join(' | ')} |\n| heap in use, MiB | ${big.timeline.map((t) => t.heapMb.toFixed(0)).join(' | ')} |`);
}
