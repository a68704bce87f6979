import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { tcpServer } from '../support/probe-context.js';
import { bearer, testService, token } from '../support/service.js';

describe('per-principal cap on queued and running scans', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let silent: Awaited<ReturnType<typeof tcpServer>>;
  let alice: Record<string, string>;
  let bob: Record<string, string>;
  before(async () => {
    svc = await testService({ PSCAN_PRINCIPAL_ACTIVE_SCANS: '2', PSCAN_MAX_CONCURRENT_SCANS: '1' });
    silent = await tcpServer(() => {});
    alice = bearer(await token({ sub: 'alice' }));
    bob = bearer(await token({ sub: 'bob' }));
  });
  after(async () => {
    await svc.close(0);
    await silent.close();
  });

  // A banner scan of a port that never speaks runs until cancelled.
  const slow = { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [0] }, timing: { timeoutMs: 30000 } };
  const post = (headers: Record<string, string>, key?: string) => {
    const req = request(svc.app).post('/v1/scans').set(headers);
    if (key) req.set('Idempotency-Key', key);
    return req.send({ ...slow, probe: { ...slow.probe, ports: [silent.port] } });
  };

  test('beyond the cap: 429 problem+json with Retry-After; other principals, replays and freed places are unaffected', async () => {
    const first = await post(alice, 'first');
    const second = await post(alice);
    assert.deepEqual([first.status, second.status], [202, 202]);
    const refused = await post(alice);
    assert.equal(refused.status, 429);
    assert.match(refused.headers['content-type'], /^application\/problem\+json/);
    assert.equal(refused.body.code, 'rate-limited');
    assert.match(refused.body.detail, /2 scans queued or running.*limits\.activeScansPerPrincipal/);
    assert.ok(Number(refused.headers['retry-after']) >= 1);
    assert.equal((await request(svc.app).get('/v1/scans').set(alice)).body.items.length, 2, 'nothing stored for the refused request');
    assert.equal((await post(bob)).status, 202, "another principal's scan is accepted");
    assert.equal((await post(alice, 'first')).body.id, first.body.id, 'a replay of an accepted request is not a new scan');
    assert.equal((await request(svc.app).delete(`/v1/scans/${second.body.id}`).set(alice)).status, 202);
    const third = await post(alice);
    assert.equal(third.status, 202, 'a cancelled scan frees its place');
    for (const [id, who] of [[first.body.id, alice], [third.body.id, alice]] as const) await request(svc.app).delete(`/v1/scans/${id}`).set(who);
  });

});

describe('the cap counts sync scans that are not stored yet', () => {
  test('two at once with a cap of one: one runs, one is refused', async () => {
    const svc = await testService({ PSCAN_PRINCIPAL_ACTIVE_SCANS: '1' });
    const silent = await tcpServer(() => {});
    try {
      const carol = bearer(await token({ sub: 'carol' }));
      const sync = () => request(svc.app).post('/v1/scans').set(carol).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [silent.port] }, timing: { timeoutMs: 300 }, mode: 'sync' });
      const answers = await Promise.all([sync(), sync()]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 429]);
    } finally {
      await svc.close(0);
      await silent.close();
    }
  });
});
