import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { packageRoot } from '../../src/util/package-root.js';
import { testService, token } from '../support/service.js';

// The shipped Postman collection run by newman against a server in the README walk-through's scope
// (loopback only), with a file server on one loopback port as the walk-through has: every request
// asserts its status and key fields, and none of them fails.

const root = packageRoot();
const resolved: string[] = [];
let svc: Awaited<ReturnType<typeof testService>>;
let api: Server;
let files: Server;
let out: string;

const listen = async (server: Server): Promise<number> => {
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return (server.address() as AddressInfo).port;
};

before(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'pscan-newman-'));
  svc = await testService(
    // The README walk-through's scope; the webhook request's receiver is allowed on loopback.
    { PSCAN_SCOPE_ALLOW: '127.0.0.0/8', PSCAN_SCOPE_ALLOW_SELF: 'true', PSCAN_WEBHOOK_ALLOW: '127.0.0.1', PSCAN_SYNC_WAIT_MS: '30000' },
    {
      dnsLookup: ((host: string) => {
        resolved.push(host);
        throw new Error('no name is resolved in this test');
      }) as never,
    },
  );
  api = svc.app.listen(0, '127.0.0.1');
  await new Promise((r) => api.once('listening', r));
  files = createServer((_req, res) => res.end('ok'));
});
after(async () => {
  api.close();
  files.close();
  await svc.close(0);
  rmSync(out, { recursive: true, force: true });
});

interface NewmanReport {
  run: {
    stats: { requests: { total: number; failed: number }; assertions: { total: number; failed: number } };
    failures: Array<{ error: { message: string; test?: string }; source?: { name?: string } }>;
    executions: Array<{ item: { name: string }; response?: { code: number }; assertions?: unknown[] }>;
  };
}

test('the Postman collection passes with newman against a loopback server: every request asserted, none failing', async () => {
  const apiPort = (api.address() as AddressInfo).port;
  const filePort = await listen(files);
  const report = path.join(out, 'report.json');
  const collection = path.join(root, 'examples', 'pscan.postman_collection.json');
  const vars = { baseUrl: `http://127.0.0.1:${apiPort}`, token: await token({ sub: 'postman', scopes: ['scans:read', 'scans:write', 'admin'] }), port: String(filePort) };
  const args = ['run', collection, ...Object.entries(vars).flatMap(([k, v]) => ['--env-var', `${k}=${v}`]), '--reporters', 'json', '--reporter-json-export', report, '--timeout-request', '60000'];
  await promisify(execFile)(path.join(root, 'node_modules', '.bin', 'newman'), args, { cwd: root }).catch((err: { code?: number }) => {
    // newman exits 1 when an assertion failed: the report says which.
    if (err.code !== 1) throw err;
  });
  const { run } = JSON.parse(readFileSync(report, 'utf8')) as NewmanReport;
  const items = JSON.parse(readFileSync(collection, 'utf8')).item.flatMap((f: { item: unknown[] }) => f.item).length;
  assert.deepEqual(
    run.failures.map((f) => `${f.source?.name}: ${f.error.test ?? ''} ${f.error.message}`),
    [],
    run.executions.map((e) => `${e.item.name} → ${e.response?.code}`).join('\n'),
  );
  assert.equal(run.stats.requests.total, items, 'every request ran');
  assert.equal(run.stats.requests.failed, 0);
  assert.deepEqual(run.executions.filter((e) => !e.assertions?.length).map((e) => e.item.name), [], 'every request asserts');
  assert.ok(run.stats.assertions.total > items, `assertions counted: ${run.stats.assertions.total} for ${items} requests`);
  assert.equal(run.stats.assertions.failed, 0);
  assert.deepEqual(resolved, [], 'no name was resolved');
});
