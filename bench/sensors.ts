/**
 * Sensors: the same two workloads through the embedded API and through the queue with 1, 2 and 4
 * sensor processes (one site, capacity 2 each), all on loopback, in one run.
 *   fast — 254 addresses × 4 ports: one answers a banner at once, three are refused (CPU-bound);
 *   slow — 254 addresses × 1 port whose banner comes after 200 ms (wait-bound, like slow devices).
 * Reports wall time and results per second; every run must return every result.
 */
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { kill, type ServerProcess, startSensorProcess, startServer } from '../test/support/process.js';
import { startRedis } from '../test/support/redis.js';
import { bearer, TEST_SECRET, token } from '../test/support/service.js';

const SLOW_MS = 200;
const listen = async (onConnection: (s: net.Socket) => void): Promise<net.Server> => {
  const server = net.createServer((s) => {
    s.on('error', () => {});
    onConnection(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return server;
};
const portOf = (s: net.Server): number => (s.address() as net.AddressInfo).port;
const fast = await listen((s) => s.end('SSH-2.0-bench\r\n'));
const slow = await listen((s) => setTimeout(() => s.end('SSH-2.0-slow\r\n'), SLOW_MS));
const closed = await Promise.all([1, 2, 3].map(() => listen(() => {})));
const closedPorts = closed.map(portOf);
for (const c of closed) await new Promise((r) => c.close(r));

const workloads = {
  fast: { targets: ['127.0.1.1-127.0.1.254'], probe: { type: 'tcp-banner', ports: [portOf(fast), ...closedPorts] }, timing: { timeoutMs: 2000 } },
  slow: { targets: ['127.0.2.1-127.0.2.254'], probe: { type: 'tcp-banner', ports: [portOf(slow)] }, timing: { timeoutMs: 2000 } },
} as const;
const expected = { fast: 254 * 4, slow: 254 };

const redis = await startRedis();
const common = {
  PSCAN_JWT_SECRET: TEST_SECRET,
  PSCAN_SCOPE_ALLOW: '127.0.0.0/8',
  PSCAN_SCOPE_ALLOW_SELF: 'true',
  PSCAN_INTERFACE: 'lo',
  PSCAN_GLOBAL_PPS: '100000',
  PSCAN_TARGET_PPS: '1000',
  PSCAN_MAX_CONCURRENT_PROBES: '16',
  PSCAN_SYNC_WAIT_MS: '600000',
  PSCAN_LOG_LEVEL: 'warn',
};
const auth = bearer(await token({ sub: 'bench' }));

async function measure(api: ServerProcess, label: string): Promise<string> {
  const cells: string[] = [];
  for (const name of ['fast', 'slow'] as const) {
    const t = performance.now();
    const res = await request(api.url).post('/v1/scans').set(auth).send({ mode: 'sync', ...workloads[name] });
    const s = (performance.now() - t) / 1000;
    if (res.status !== 200 || res.body.status !== 'completed' || res.body.results.length !== expected[name]) {
      throw new Error(`${label} ${name}: ${res.status} ${res.body.status} ${res.body.results?.length} results, expected ${expected[name]}`);
    }
    cells.push(`${s.toFixed(2)} s, ${(expected[name] / s).toFixed(0)} results/s`);
  }
  return `| ${label} | ${cells.join(' | ')} |`;
}

const rows: string[] = [];
const embedded = await startServer({ ...common, PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-bench-emb-')) });
try {
  rows.push(await measure(embedded, 'embedded (no queue)'));
} finally {
  await kill(embedded, 'SIGTERM');
}
const queued = { ...common, PSCAN_QUEUE_URL: redis.url };
const api = await startServer({ ...queued, PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-bench-q-')), PSCAN_QUEUE_CHUNK_HOSTS: '16' });
try {
  for (const n of [1, 2, 4]) {
    const sensors = await Promise.all(Array.from({ length: n }, () => startSensorProcess(['--site', 'bench', '--cidrs', '127.0.0.0/8', '--capacity', '2'], queued)));
    try {
      rows.push(await measure(api, `queue, ${n} sensor${n > 1 ? 's' : ''}`));
    } finally {
      for (const s of sensors) await kill(s, 'SIGTERM');
    }
  }
} finally {
  await kill(api, 'SIGTERM');
  await redis.stop();
  fast.close();
  slow.close();
}
console.log(`\nSensors, loopback, one run (${new Date().toISOString().slice(0, 10)}):\n`);
console.log(`| executor | fast: 254 × 4 ports (${expected.fast} results) | slow: 254 × 1 port, ${SLOW_MS} ms banner (${expected.slow} results) |`);
console.log('|---|---|---|');
for (const r of rows) console.log(r);
