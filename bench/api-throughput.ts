/**
 * Sync probes per second through the full path, beside the raw probe functions (tcp-banner, snmp)
 * called in a loop, and net-snmp itself with one session reused, in the same run, at the same
 * concurrency.
 *
 * The service runs as its own process (as deployed), and the load comes from wrk in another, so the
 * service has a core of its own, as the raw loop does. The devices are separate processes too: an
 * SSH-like banner server and a real snmpd. Rate caps are lifted: this measures the service's
 * overhead, not the politeness caps. Every response is checked (its status, every expected answer).
 * The service logs at the default level (`info`: an audit line per scan), as deployed.
 *
 * Each workload is run with 1, 8 and 32 probes per request: one device with k open ports
 * (tcp-banner), or k devices answering one SNMP get each (snmpd listening on 127.0.0.1..k).
 * The rows are interleaved (raw loop, then the API, for each workload and k) and the whole set is
 * repeated; medians are reported, and each ratio is the median of the ratios of the same round, so
 * a drift of the machine (loopback TIME_WAIT sockets pile up over a run) weighs on both sides alike.
 *
 *   node --import tsx bench/api-throughput.ts [--seconds 5] [--rounds 3] [--connections 16]   (npm run bench: the defaults)
 */
import { spawn, spawnSync } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import snmp from 'net-snmp';
import type { ProbeOutcome } from '../src/probes/probe.js';
import type { SnmpData } from '../src/probes/snmp/data.js';
import { snmpProbe } from '../src/probes/snmp/probe.js';
import type { BannerData } from '../src/probes/tcp-banner/data.js';
import { tcpBannerProbe } from '../src/probes/tcp-banner/probe.js';
import { probeContext } from '../test/support/probe-context.js';
import { kill, startServer } from '../test/support/process.js';
import { TEST_SECRET, token } from '../test/support/service.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '3' }, connections: { type: 'string', default: '16' } } });
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const C = Number(values.connections);
const BATCHES = [1, 8, 32];
const MAX_K = Math.max(...BATCHES);

if (spawnSync('wrk', ['--version']).error) {
  console.error('bench/api-throughput: wrk is not installed (apt-get install wrk)');
  process.exit(1);
}

interface Row {
  label: string;
  k: number;
  probesPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  cpuMsPerProbe: number;
}

/** The raw loop: `op(i)` C at a time for the same number of seconds; latency per call. */
async function rawLoop(label: string, k: number, op: (i: number) => Promise<void>): Promise<Row> {
  for (let i = 0; i < 500; i++) await op(i); // warm-up
  const latencies: number[] = [];
  let calls = 0;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await op(calls++);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { label, k, probesPerSecond: calls / seconds, p50: at(50), p90: at(90), p99: at(99), cpuMsPerProbe: (cpu.user + cpu.system) / 1000 / calls };
}

// The banner device: MAX_K ports on loopback, in a process of its own.
const device = spawn(
  process.execPath,
  ['-e', `const net = require('node:net'); const ports = [];
   const open = (n) => { if (n === 0) return console.log(JSON.stringify(ports));
     const s = net.createServer((c) => { c.on('error', () => {}); c.write('SSH-2.0-bench_1.0\\r\\n'); });
     s.listen(0, '127.0.0.1', () => { ports.push(s.address().port); open(n - 1); }); };
   open(${MAX_K});`],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
// Whatever ends this run, its helper processes end with it (a failed run used to leave them running).
const children: Array<{ kill: () => unknown }> = [device];
process.on('exit', () => children.forEach((c) => c.kill()));
const bannerPorts = await new Promise<number[]>((resolve) => device.stdout!.once('data', (d) => resolve(JSON.parse(String(d)) as number[])));

// A real snmpd answering on 127.0.0.1..MAX_K, in its own process.
const SNMP_PORT = 16161;
const snmpAddresses = Array.from({ length: MAX_K }, (_, i) => `127.0.0.${i + 1}`);
const snmpDir = mkdtempSync(path.join(tmpdir(), 'pscan-bench-snmpd-'));
writeFileSync(path.join(snmpDir, 'snmpd.conf'), 'rocommunity bench-community 127.0.0.0/8\nsysName bench-agent\n');
const snmpd = spawn('snmpd', ['-f', '-C', '-c', path.join(snmpDir, 'snmpd.conf'), '-Ln', snmpAddresses.map((a) => `udp:${a}:${SNMP_PORT}`).join(',')], {
  stdio: 'ignore',
  env: { ...process.env, SNMPCONFPATH: snmpDir },
});
children.push(snmpd);
const sessions = snmpAddresses.map((a) => snmp.createSession(a, 'bench-community', { port: SNMP_PORT, version: snmp.Version2c, retries: 0, timeout: 2000 }));
const snmpGet = (s: snmp.Session) => new Promise<string>((resolve, reject) => s.get(['1.3.6.1.2.1.1.5.0'], (err, vbs) => (err ? reject(err) : resolve(String(vbs![0]!.value)))));
for (let i = 0; ; i++) {
  try {
    if ((await Promise.all(sessions.map(snmpGet))).every((v) => v === 'bench-agent')) break;
  } catch (err) {
    if (i > 50) throw err;
  }
}

const REFUSED_RANGE = '127.255.255.0/24';
const ctx = probeContext({ timeoutMs: 2000 });
setMaxListeners(2 * C, ctx.signal); // one signal shared by the C calls in flight, each listening while it runs
const runBanner = tcpBannerProbe.run as (...a: Parameters<typeof tcpBannerProbe.run>) => Promise<ProbeOutcome<BannerData>>;
const runSnmp = snmpProbe.run as (...a: Parameters<typeof snmpProbe.run>) => Promise<ProbeOutcome<SnmpData>>;
const snmpParams = { operation: 'get', oids: ['1.3.6.1.2.1.1.5.0'], version: '2c', community: 'bench-community', nonRepeaters: 0, maxRepetitions: 10, port: SNMP_PORT, maxVarbinds: 1000, walkTimeoutMs: 10000 } as const;
const service = await startServer({
  PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-bench-')),
  PSCAN_JWT_SECRET: TEST_SECRET,
  PSCAN_SCOPE_ALLOW: '127.0.0.0/8',
  // The refusal row's target: denied, and on loopback should the check ever let it through.
  PSCAN_SCOPE_DENY: REFUSED_RANGE,
  PSCAN_SCOPE_ALLOW_SELF: 'true',
  // The default level, as deployed: every scan's audit line is written (to a pipe this process drains).
  PSCAN_LOG_LEVEL: 'info',
  PSCAN_GLOBAL_PPS: '1000000',
  PSCAN_TARGET_PPS: '100000',
  PSCAN_PRINCIPAL_RPM: '1000000',
  PSCAN_MAX_CONCURRENT_SCANS: String(C),
  PSCAN_TARGET_CONCURRENCY: String(C), // as many in flight at one device as the raw loop has
});
children.push(service.child);
// The service's log is read and dropped, not kept in memory as startServer keeps it for tests.
service.child.stdout!.removeAllListeners('data').resume();
service.child.stderr!.removeAllListeners('data').resume();
/** utime + stime of a process, in ms (clock ticks of 10 ms). */
const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const wrkScript = path.join(mkdtempSync(path.join(tmpdir(), 'pscan-bench-wrk-')), 'scan.lua');
writeFileSync(
  wrkScript,
  `wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
local expect = os.getenv("BENCH_EXPECT")
local want = tonumber(os.getenv("BENCH_EXPECT_COUNT"))
local status_wanted = tonumber(os.getenv("BENCH_STATUS"))
bad = 0
function response(status, headers, body)
  local n, from = 0, 1
  while true do
    local at = string.find(body, expect, from, true)
    if not at then break end
    n, from = n + 1, at + 1
  end
  if status ~= status_wanted or n ~= want then
    if bad == 0 then io.stderr:write(string.format("first wrong answer: %d %s\\n", status, string.sub(body, 1, 1500))) end
    bad = bad + 1
  end
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local wrong = 0
  for _, t in ipairs(threads) do wrong = wrong + t:get("bad") end
  local e = summary.errors
  io.write(string.format("ERRORS wrong=%d connect=%d read=%d write=%d timeout=%d\\n", wrong, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.duration, wrong + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), e.status))
end
`,
);
const auth = await token();
interface Server {
  url: string;
  pid: number;
}
const pscan: Server = { url: service.url, pid: service.child.pid! };
// The framework's floor: express 5 with express.json() and a handler that answers at once, no auth,
// store or probe. What it costs per request, the service cannot go below.
const bareExpress = spawn(
  process.execPath,
  ['-e', `const express = require('express'); const app = express(); app.use(express.json());
   app.post('/v1/scans', (req, res) => res.json({ ok: Array.isArray(req.body.targets) }));
   const s = app.listen(0, '127.0.0.1', () => console.log(s.address().port));`],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
children.push(bareExpress);
const floor: Server = { url: `http://127.0.0.1:${await new Promise<number>((resolve) => bareExpress.stdout!.once('data', (d) => resolve(Number(String(d)))))}`, pid: bareExpress.pid! };

const wrk = (server: Server, seconds: number, body: object, expect: string, count: number, status: number) => {
  // wrk gives up on a response after 2 s by default; 32 probes per request on a busy machine can take longer.
  const out = spawnSync('wrk', ['-t1', `-c${C}`, `-d${seconds}s`, '--timeout', '10s', '-s', wrkScript, `${server.url}/v1/scans`], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_BODY: JSON.stringify(body), BENCH_TOKEN: auth, BENCH_EXPECT: expect, BENCH_EXPECT_COUNT: String(count), BENCH_STATUS: String(status) },
  });
  const m = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out.stdout);
  if (!m) throw new Error(`wrk: ${out.stdout}${out.stderr}`);
  const [requests, durationUs, wrong, p50, p90, p99] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (wrong > 0) throw new Error(`wrk: ${wrong} of ${requests} responses were not ${status} with ${count} × ${expect} (${/ERRORS (.*)/.exec(out.stdout)?.[1]}) ${out.stderr.slice(0, 2000)}`);
  return { requests, seconds: durationUs / 1e6, p50: p50 / 1000, p90: p90 / 1000, p99: p99 / 1000 };
};
const api = (label: string, k: number, body: object, expect: string, server = pscan, count = k, status = 200): Row => {
  wrk(server, 1, body, expect, count, status); // warm-up
  const before = cpuMs(server.pid);
  const r = wrk(server, SECONDS, body, expect, count, status);
  const probes = r.requests * k;
  return { label, k, probesPerSecond: probes / r.seconds, p50: r.p50, p90: r.p90, p99: r.p99, cpuMsPerProbe: (cpuMs(server.pid) - before) / probes };
};
const BANNER_RAW = 'tcp-banner: raw probe function';
const BANNER_API = 'tcp-banner: API POST /v1/scans (sync)';
const SNMP_RAW = 'snmp get: raw probe function';
const SNMP_API = 'snmp get: API POST /v1/scans (sync)';
const NET_SNMP = 'snmp get: net-snmp directly';
const FLOOR = 'express 5 alone: express.json() and an empty handler (requests/s)';
const FRONT = 'the service refusing a target at its scope check: token, JSON, validation, scope; no scan, no probe (requests/s)';
const REFUSED_BODY = { targets: ['127.255.255.1'], probe: { type: 'tcp-banner', ports: bannerPorts.slice(0, 1) }, mode: 'sync' };
{
  // Checked once before wrk sends thousands: nothing is sent for this target.
  const res = await fetch(`${pscan.url}/v1/scans`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}` }, body: JSON.stringify(REFUSED_BODY) });
  const problem = (await res.json()) as { code?: string };
  if (res.status !== 403 || problem.code !== 'out-of-scope') throw new Error(`the refusal row's target was not refused: ${res.status} ${JSON.stringify(problem)}`);
}
const rounds: Row[][] = [];
for (let round = 0; round < ROUNDS; round++) {
  const rows: Row[] = [
    api(FLOOR, 1, { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: bannerPorts.slice(0, 1) }, mode: 'sync' }, '"ok":true', floor, 1),
    // The same request for an address the scope denies: the token, the body and the scope are
    // checked as for every scan request, then it is refused (403) before a scan exists.
    api(FRONT, 1, REFUSED_BODY, '"code":"out-of-scope"', pscan, 1, 403),
  ];
  for (const k of BATCHES) {
    rows.push(
      await rawLoop(BANNER_RAW, k, async (i) => {
        const port = bannerPorts[i % k]!;
        const { data } = await runBanner({ ports: [port], additionalProbes: false }, { ip: '127.0.0.1', family: 4 }, { port, protocol: 'tcp' }, ctx);
        if (data.product !== 'bench') throw new Error('unexpected banner');
      }),
    );
    rows.push(api(BANNER_API, k, { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: bannerPorts.slice(0, k) }, mode: 'sync' }, '"status":"ok"'));
    rows.push(
      await rawLoop(SNMP_RAW, k, async (i) => {
        const { data } = await runSnmp({ ...snmpParams, oids: [...snmpParams.oids] }, { ip: snmpAddresses[i % k]!, family: 4 }, { port: SNMP_PORT, protocol: 'udp' }, ctx);
        if (data.varbinds[0]?.value !== 'bench-agent') throw new Error('unexpected sysName');
      }),
    );
    rows.push(
      api(
        SNMP_API,
        k,
        { targets: [`127.0.0.1-127.0.0.${k}`], probe: { type: 'snmp', operation: 'get', oids: ['1.3.6.1.2.1.1.5.0'], community: 'bench-community', port: SNMP_PORT }, mode: 'sync' },
        // A varbind's own text: an address's first scan also names the value in its asset's changes.
        '"type":"OctetString","value":"bench-agent"',
      ),
    );
    rows.push(
      await rawLoop(NET_SNMP, k, async (i) => {
        if ((await snmpGet(sessions[i % k]!)) !== 'bench-agent') throw new Error('unexpected sysName');
      }),
    );
  }
  rounds.push(rows);
  console.error(`round ${round + 1} of ${ROUNDS} done`);
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const row = (rows: Row[], label: string, k: number): Row => rows.find((r) => r.label === label && r.k === k)!;
const medianRow = (label: string, k: number): Row => {
  const all = rounds.map((rows) => row(rows, label, k));
  const of = (f: (r: Row) => number): number => median(all.map(f));
  return { label, k, probesPerSecond: of((r) => r.probesPerSecond), p50: of((r) => r.p50), p90: of((r) => r.p90), p99: of((r) => r.p99), cpuMsPerProbe: of((r) => r.cpuMsPerProbe) };
};
/** The median over rounds of API ÷ baseline, each measured in the same round. */
const ratio = (apiLabel: string, baseLabel: string, k: number): string => {
  const each = rounds.map((rows) => (row(rows, apiLabel, k).probesPerSecond / row(rows, baseLabel, k).probesPerSecond) * 100);
  return `${median(each).toFixed(1)} % (rounds: ${each.map((x) => x.toFixed(1)).join(', ')})`;
};

console.log(`${SECONDS} s per row, ${ROUNDS} rounds, medians; ${C} concurrent requests (raw: ${C} concurrent calls), node ${process.version}`);
console.log('| path | probes per request | probes/s | p50 ms | p90 ms | p99 ms | CPU ms per probe (raw loop process or service process) |\n| --- | --- | --- | --- | --- | --- | --- |');
for (const label of [BANNER_RAW, BANNER_API, SNMP_RAW, SNMP_API, NET_SNMP, FLOOR, FRONT]) {
  for (const k of label === FLOOR || label === FRONT ? [1] : BATCHES) {
    const r = medianRow(label, k);
    console.log(`| ${r.label} | ${r.k} | ${r.probesPerSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p90.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.cpuMsPerProbe.toFixed(3)} |`);
  }
}
for (const k of BATCHES) {
  console.log(`- ${k} probes per request: API / raw probe function = ${ratio(BANNER_API, BANNER_RAW, k)} (tcp-banner), ${ratio(SNMP_API, SNMP_RAW, k)} (snmp get); API / net-snmp with one session = ${ratio(SNMP_API, NET_SNMP, k)}`);
}
// Both sides are CPU-bound on one core, so a service that cost nothing beyond express would spend
// (probe + express/k) per probe: the best ratio the decided stack allows.
const expressMs = medianRow(FLOOR, 1).cpuMsPerProbe;
const ceiling = (rawLabel: string, k: number): string => {
  const probeMs = medianRow(rawLabel, k).cpuMsPerProbe;
  return `${((probeMs / (probeMs + expressMs / k)) * 100).toFixed(0)} %`;
};
console.log(`- express 5 alone costs ${expressMs.toFixed(3)} ms CPU per request; with nothing else, API / raw could reach at most: ${BATCHES.map((k) => `${ceiling(BANNER_RAW, k)} / ${ceiling(SNMP_RAW, k)} at ${k}`).join(', ')} probes per request (tcp-banner / snmp get)`);
const frontMs = medianRow(FRONT, 1).cpuMsPerProbe;
const serviceMs = (apiLabel: string, rawLabel: string, k: number): string => (medianRow(apiLabel, k).cpuMsPerProbe * k - medianRow(rawLabel, k).cpuMsPerProbe * k).toFixed(3);
console.log(
  `- the service refusing a target at its scope check costs ${frontMs.toFixed(3)} ms CPU per request, ${(frontMs - expressMs).toFixed(3)} ms beyond express; a whole sync request, less its probes' raw cost: ${BATCHES.map((k) => `${serviceMs(BANNER_API, BANNER_RAW, k)} / ${serviceMs(SNMP_API, SNMP_RAW, k)} ms at ${k}`).join(', ')} probes per request (tcp-banner / snmp get)`,
);
await kill(service, 'SIGTERM');
bareExpress.kill();
for (const s of sessions) s.close();
snmpd.kill();
device.kill();
