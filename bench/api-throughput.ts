/**
 * Sync tcp-banner scans per second through the full path (HTTP → JWT → validation → SQLite →
 * runner → probe → SSE hub → JSON) against a local SSH-like server, beside the raw probe function
 * called in a loop, in the same run and at the same concurrency. Rate caps are lifted for both:
 * this measures the service's overhead, not the politeness caps.
 *
 *   npm run bench -- [--requests 2000] [--concurrency 16]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { compose } from '../src/composition-root.js';
import { loadConfig } from '../src/config/config.js';
import { tcpBannerProbe } from '../src/probes/tcp-banner/probe.js';
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
const raw = await measure('raw probe function', async () => {
  const { data } = await tcpBannerProbe.run({ ports: [banner.port], additionalProbes: false }, { ip: '127.0.0.1', family: 4 }, { port: banner.port, protocol: 'tcp' }, ctx);
  if (data.product !== 'bench') throw new Error('unexpected banner');
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
const body = JSON.stringify({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [banner.port] }, mode: 'sync' });
const api = await measure('API: POST /v1/scans (sync)', () =>
  new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/v1/scans', method: 'POST', agent, headers: { Authorization: auth, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => (res.statusCode === 200 && text.includes('"product":"bench"') ? resolve() : reject(new Error(`${res.statusCode} ${text.slice(0, 200)}`))));
    });
    req.on('error', reject);
    req.end(body);
  }),
);

const rows = [raw, api];
console.log(`requests ${N}, concurrency ${C}, node ${process.version}`);
console.log('| path | ops/s | p50 ms | p95 ms | p99 ms |\n| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.label} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} |`);
console.log(`API / raw throughput: ${((api.perSecond / raw.perSecond) * 100).toFixed(1)} %`);
agent.destroy();
server.close();
await service.close(0);
await banner.close();
