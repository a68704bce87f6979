/**
 * Sync scans per second through the full path (HTTP → JWT → validation → SQLite → runner → probe
 * → JSON), beside the raw library or probe function called in a loop, in the same run and at the
 * same concurrency: tcp-banner against a local SSH-like server, SNMP get against a real snmpd on
 * loopback (net-snmp called directly, one session reused). Rate caps are lifted: this measures the
 * service's overhead, not the politeness caps.
 *
 *   npm run bench -- [--requests 2000] [--concurrency 16]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import snmp from 'net-snmp';
import { pino } from 'pino';
import { compose } from '../src/composition-root.js';
import { loadConfig } from '../src/config/config.js';
import type { ProbeOutcome } from '../src/probes/probe.js';
import { type BannerData, tcpBannerProbe } from '../src/probes/tcp-banner/probe.js';
import { probeContext, tcpServer } from '../test/support/probe-context.js';
import { TEST_SECRET, token } from '../test/support/service.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '16' } } });
const N = Number(values.requests);
const C = Number(values.concurrency);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, op: () => Promise<void>): Promise<{ label: string; perSecond: number; p50: number; p95: number; p99: number }> {
  for (let i = 0; i < Math.min(100, N / 10); i++) await op(); // warm-up
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (next++ < N) {
        const t = performance.now();
        await op();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { label, perSecond: N / seconds, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
}

const banner = await tcpServer((s) => s.end('SSH-2.0-bench_1.0\r\n'));
const ctx = probeContext({ timeoutMs: 2000 });
const rawBanner = await measure('tcp-banner: raw probe function', async () => {
  const { data } = await (tcpBannerProbe.run as (...a: Parameters<typeof tcpBannerProbe.run>) => Promise<ProbeOutcome<BannerData>>)({ ports: [banner.port], additionalProbes: false }, { ip: '127.0.0.1', family: 4 }, { port: banner.port, protocol: 'tcp' }, ctx);
  if (data.product !== 'bench') throw new Error('unexpected banner');
});

// A real snmpd on loopback, in its own process.
const SNMP_PORT = 16161;
const snmpDir = mkdtempSync(path.join(tmpdir(), 'pscan-bench-snmpd-'));
writeFileSync(path.join(snmpDir, 'snmpd.conf'), 'rocommunity bench-community 127.0.0.1\nsysName bench-agent\n');
const snmpd = spawn('snmpd', ['-f', '-C', '-c', path.join(snmpDir, 'snmpd.conf'), '-Ln', `udp:127.0.0.1:${SNMP_PORT}`], { stdio: 'ignore', env: { ...process.env, SNMPCONFPATH: snmpDir } });
const session = snmp.createSession('127.0.0.1', 'bench-community', { port: SNMP_PORT, version: snmp.Version2c, retries: 0, timeout: 2000 });
const snmpGet = (s: typeof session) => new Promise<string>((resolve, reject) => s.get(['1.3.6.1.2.1.1.5.0'], (err, vbs) => (err ? reject(err) : resolve(String(vbs![0]!.value)))));
for (let i = 0; ; i++) {
  try {
    if ((await snmpGet(session)) === 'bench-agent') break;
  } catch (err) {
    if (i > 50) throw err;
  }
}
const rawSnmp = await measure('snmp get: net-snmp directly', async () => {
  if ((await snmpGet(session)) !== 'bench-agent') throw new Error('unexpected sysName');
});

const config = loadConfig({
  env: {
    PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-bench-')),
    PSCAN_JWT_SECRET: TEST_SECRET,
    PSCAN_SCOPE_ALLOW: '127.0.0.0/8',
    PSCAN_LOG_LEVEL: 'silent',
    PSCAN_GLOBAL_PPS: '1000000',
    PSCAN_TARGET_PPS: '100000',
    PSCAN_MAX_CONCURRENT_SCANS: String(C),
  },
});
const service = await compose(config, { logger: pino({ level: 'silent' }) });
const server = service.app.listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const port = (server.address() as AddressInfo).port;
const agent = new http.Agent({ keepAlive: true, maxSockets: C });
const auth = `Bearer ${await token()}`;
const apiScan = (label: string, body: string, expect: string) =>
  measure(label, () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/v1/scans', method: 'POST', agent, headers: { Authorization: auth, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => (res.statusCode === 200 && text.includes(expect) ? resolve() : reject(new Error(`${res.statusCode} ${text.slice(0, 300)}`))));
      });
      req.on('error', reject);
      req.end(body);
    }),
  );
const apiBanner = await apiScan('tcp-banner: API POST /v1/scans (sync)', JSON.stringify({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [banner.port] }, mode: 'sync' }), '"product":"bench"');
const apiSnmp = await apiScan(
  'snmp get: API POST /v1/scans (sync)',
  JSON.stringify({ targets: ['127.0.0.1'], probe: { type: 'snmp', operation: 'get', oids: ['1.3.6.1.2.1.1.5.0'], community: 'bench-community', port: SNMP_PORT }, mode: 'sync' }),
  '"value":"bench-agent"',
);

console.log(`requests ${N}, concurrency ${C}, node ${process.version}`);
console.log('| path | ops/s | p50 ms | p95 ms | p99 ms |\n| --- | --- | --- | --- | --- |');
for (const r of [rawBanner, apiBanner, rawSnmp, apiSnmp]) console.log(`| ${r.label} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} |`);
console.log(`tcp-banner API / raw: ${((apiBanner.perSecond / rawBanner.perSecond) * 100).toFixed(1)} %`);
console.log(`snmp get API / net-snmp: ${((apiSnmp.perSecond / rawSnmp.perSecond) * 100).toFixed(1)} %`);
agent.destroy();
server.close();
session.close();
snmpd.kill();
await service.close(0);
await banner.close();
