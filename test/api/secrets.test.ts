import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { REDACT_PATHS } from '../../src/logger.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { closedPort } from '../support/probe-context.js';
import { bearer, testService, token } from '../support/service.js';

const COMMUNITY = 'community-s3cret-4711';
const AUTH_KEY = 'auth-key-s3cret-0815';
const PRIV_KEY = 'priv-key-s3cret-1337';
const lines: string[] = [];
const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
let svc: Awaited<ReturnType<typeof testService>>;
let auth: Record<string, string>;

before(async () => {
  svc = await testService({}, { logger: pino({ level: 'trace', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, sink) });
  auth = bearer(await token());
});
after(() => svc.close(0));

test('communities and v3 keys appear in no log line, stored request, or answer', async () => {
  const body = {
    targets: ['127.0.0.1'],
    probes: [
      { type: 'snmp', operation: 'get', oids: ['1.3.6.1.2.1.1.5.0'], community: COMMUNITY },
      { type: 'snmp', operation: 'get', oids: ['1.3.6.1.2.1.1.5.0'], version: '3', v3: { user: 'u', authProtocol: 'sha', authKey: AUTH_KEY, privProtocol: 'aes', privKey: PRIV_KEY } },
    ],
    timing: { timeoutMs: 200 },
    mode: 'sync',
  };
  const created = await request(svc.app).post('/v1/scans').set(auth).set('Authorization', auth.Authorization!).send(body);
  assert.equal(created.status, 200);
  assert.equal(created.body.results.length, 2);
  const invalid = await request(svc.app).post('/v1/scans').set(auth).send({ ...body, probes: [{ ...body.probes[0], oids: ['bad'] }] });
  assert.equal(invalid.status, 400);
  const answers = [JSON.stringify(created.body), invalid.text, (await request(svc.app).get(`/v1/scans/${created.body.id}`).set(auth)).text, (await request(svc.app).get('/v1/scans').set(auth)).text];
  const stored = JSON.stringify(svc.store.getScan(created.body.id));
  for (const secret of [COMMUNITY, AUTH_KEY, PRIV_KEY]) {
    for (const text of [...answers, stored, ...lines]) assert.ok(!text.includes(secret), `${secret} leaked into ${text.slice(0, 120)}`);
  }
  assert.ok(lines.some((l) => l.includes('scan accepted')), 'the audit line was logged');
  assert.ok(!lines.some((l) => l.includes(auth.Authorization!.slice(7))), 'no token in logs');
});

test('a queued scan whose credentials were redacted away fails on restart with that reason', async () => {
  const id = 'scn_01ZZZZZZZZZZZZZZZZZZZZZZZZ';
  svc.store.insertScan({
    id,
    principal: 'alice',
    status: 'queued',
    createdAt: new Date().toISOString(),
    request: { targets: ['127.0.0.1'], probes: [{ type: 'snmp', operation: 'get', oids: ['1.3.6.1.2.1.1.5.0'], community: '[redacted]' }], timing: { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 }, mode: 'async', profile: 'normal', labels: {} },
    stats: { targets: 1, packetsSent: 0, responses: 0, results: 0, byProbe: {} },
    assets: [],
  });
  assert.deepEqual(await svc.scans.recover(), { resumed: 0, failed: 1 });
  const scan = svc.store.getScan(id)!;
  assert.equal(scan.status, 'failed');
  assert.match(scan.error!.message, /credentials are not kept on disk/);
});

test('secrets at rest: data dir 0700 and its files 0600 whatever the umask; no server webhook secret in the store; the idempotency hash is keyed', async () => {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'pscan-rest-')), 'data');
  mkdirSync(dataDir, { mode: 0o755 });
  chmodSync(dataDir, 0o755);
  const serverSecret = `whsec_${randomBytes(32).toString('base64')}`;
  const umask = process.umask(0);
  let rest: Awaited<ReturnType<typeof testService>>;
  try {
    rest = await testService({ PSCAN_DATA_DIR: dataDir, PSCAN_JWT_SECRET: '', PSCAN_WEBHOOK_SECRET: serverSecret, PSCAN_WEBHOOK_ALLOW: '127.0.0.1' });
  } finally {
    process.umask(umask);
  }
  try {
    const auth = bearer(await rest.authenticator.mint({ sub: 'alice', scopes: ['scans:read', 'scans:write'], ttlSeconds: 60 }));
    const body = { targets: ['127.0.0.1'], probe: { type: 'snmp', operation: 'get', oids: ['1.3.6.1.2.1.1.5.0'], community: COMMUNITY }, timing: { timeoutMs: 100 }, mode: 'sync', webhook: { url: `http://127.0.0.1:${await closedPort()}/h` } };
    const created = await request(rest.app).post('/v1/scans').set(auth).set('Idempotency-Key', 'rest-1').send(body);
    assert.equal(created.status, 200, created.text);
    assert.equal((await request(rest.app).post('/v1/scans').set(auth).set('Idempotency-Key', 'rest-1').send(body)).body.id, created.body.id, 'the keyed hash still matches the same body');
    const mode = (f: string) => (statSync(path.join(dataDir, f)).mode & 0o777).toString(8);
    assert.equal(mode('.'), '700');
    for (const f of ['pscan.sqlite', 'pscan.sqlite-wal', 'pscan.sqlite-shm', 'jwt-secret', 'request-hash-key']) assert.equal(mode(f), '600', f);
    const stored = readdirSync(dataDir).filter((f) => f.startsWith('pscan.sqlite')).map((f) => readFileSync(path.join(dataDir, f)).toString('latin1')).join('');
    assert.ok(stored.includes(created.body.id), 'the store files were read');
    assert.ok(!stored.includes(serverSecret.slice('whsec_'.length)), "the server's webhook secret is not copied into the store");
    const hash = rest.store.getScan(created.body.id)!.requestHash!;
    assert.match(hash, /^hmac-sha256:[0-9a-f]{64}$/);
    assert.ok(!stored.includes(createHash('sha256').update(canonicalJson(body)).digest('hex')), 'no unkeyed hash of the body');
  } finally {
    await rest.close(0);
  }
});
