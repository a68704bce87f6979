import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import request from 'supertest';
import { tcpServer } from '../support/probe-context.js';
import { bearer, testService, token } from '../support/service.js';

let svc: Awaited<ReturnType<typeof testService>>;
let server: http.Server;
let silent: Awaited<ReturnType<typeof tcpServer>>;
before(async () => {
  svc = await testService({ PSCAN_SSE_STREAMS: '3', PSCAN_SSE_STREAMS_PER_PRINCIPAL: '2' });
  silent = await tcpServer(() => {});
  server = svc.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
});
after(async () => {
  server.closeAllConnections();
  server.close();
  await svc.close(0);
  await silent.close();
});

/** Opens an event stream and resolves with its response once the headers are in. */
function openStream(path: string, auth: Record<string, string>): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path, headers: auth }, resolve);
    req.on('error', reject);
  });
}

const body = async (res: http.IncomingMessage): Promise<string> => {
  let text = '';
  for await (const chunk of res) text += chunk;
  return text;
};

test('event streams are capped per principal and in all: beyond, 429 problem+json with Retry-After', async () => {
  const alice = bearer(await token({ sub: 'alice' }));
  const bob = bearer(await token({ sub: 'bob' }));
  const admin = bearer(await token({ sub: 'root', scopes: ['admin'] }));
  // A scan that stays running: its one probe waits on a port that never answers.
  const scan = await request(svc.app).post('/v1/scans').set(alice).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [silent.port] }, timing: { timeoutMs: 30000 } });
  assert.equal(scan.status, 202);
  const path = `/v1/scans/${scan.body.id}/events`;
  const open: http.IncomingMessage[] = [];
  for (const auth of [alice, alice]) {
    const res = await openStream(path, auth);
    assert.equal(res.statusCode, 200);
    open.push(res);
  }
  const third = await openStream(path, alice);
  assert.equal(third.statusCode, 429);
  assert.match(third.headers['content-type']!, /application\/problem\+json/);
  assert.ok(Number(third.headers['retry-after']) > 0);
  const problem = JSON.parse(await body(third));
  assert.equal(problem.code, 'rate-limited');
  assert.match(problem.detail, /PSCAN_SSE_STREAMS_PER_PRINCIPAL/);
  const byAdmin = await openStream(path, admin);
  assert.equal(byAdmin.statusCode, 200, 'another principal still has room');
  open.push(byAdmin);
  const overall = await openStream(path, bob);
  assert.equal(overall.statusCode, 429, 'bob would be within his own cap, but the server is full');
  assert.match(JSON.parse(await body(overall)).detail, /PSCAN_SSE_STREAMS\)/);
  assert.equal(svc.sseStreams.count(), 3);
  assert.equal((await request(svc.app).delete(`/v1/scans/${scan.body.id}`).set(alice)).status, 202);
  const ends = await Promise.all(open.map(body));
  for (const text of ends) assert.match(text, /event: end\ndata: \{"status":"cancelled"\}/);
  assert.equal(svc.sseStreams.count(), 0, 'ended streams give their slots back');
});
