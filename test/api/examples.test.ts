import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { after, test } from 'node:test';
import path from 'node:path';
import { packageRoot } from '../../src/util/package-root.js';
import { signedHeaders } from '../../src/webhooks/signer.js';

const children: Array<ReturnType<typeof spawn>> = [];
after(() => children.forEach((c) => c.kill()));

test('examples/webhook-receiver.mjs accepts a pScan-signed event once and refuses forged or stale ones', async () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const child = spawn(process.execPath, [path.join(packageRoot(), 'examples', 'webhook-receiver.mjs')], { env: { ...process.env, WEBHOOK_SECRET: secret, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  while (!/listening on (\S+)/.test(err)) await once(child.stderr!, 'data');
  const url = /listening on (\S+)/.exec(err)![1]!;
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  const body = JSON.stringify({ type: 'scan.completed', timestamp: new Date().toISOString(), data: { id: 'scn_1', status: 'completed' } });
  const post = (headers: Record<string, string>) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  assert.equal((await post(signedHeaders(secret, 'msg_1', body))).status, 204);
  assert.equal((await post(signedHeaders(secret, 'msg_1', body))).status, 204, 'a redelivery is acknowledged');
  assert.equal((await post(signedHeaders(`whsec_${randomBytes(32).toString('base64')}`, 'msg_2', body))).status, 401);
  assert.equal((await post(signedHeaders(secret, 'msg_3', body, Date.now() - 10 * 60 * 1000))).status, 401, 'stale timestamp');
  assert.equal((await post({})).status, 401);
  while (!out.includes('\n')) await once(child.stdout!, 'data');
  assert.deepEqual(out.trim().split('\n').map((l) => JSON.parse(l)), [{ id: 'msg_1', type: 'scan.completed', scan: { id: 'scn_1', status: 'completed' } }]);
});
