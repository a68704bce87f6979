import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import request from 'supertest';
import { REDACT_PATHS } from '../../src/logger.js';
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
