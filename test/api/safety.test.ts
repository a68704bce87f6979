import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import request from 'supertest';
import { systemNet, type NetFactory } from '../../src/probes/net.js';
import { bearer, testService, token } from '../support/service.js';
import { ALL_PRINCIPALS } from '../../src/store/store.js';

const banner = (ports: number[]) => ({ type: 'tcp-banner', ports });

describe('scan safety through the API', () => {
  test('the probe budget (hosts × units × count × tries) is checked before anything is stored', async () => {
    const svc = await testService({ PSCAN_MAX_PROBES: '100' });
    try {
      const auth = bearer(await token());
      const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.0/28'], probe: banner([1, 2, 3, 4]), timing: { count: 2 } });
      assert.equal(res.status, 422);
      assert.deepEqual([res.body.budget, res.body.limit, res.body.requested], ['maxProbesPerScan', 100, '112']);
      assert.equal(svc.store.listScans({ owner: ALL_PRINCIPALS, limit: 10 }).length, 0);
      assert.equal((await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.0/28'], probe: banner([1]) })).status, 202);
    } finally {
      await svc.close(0);
    }
  });

  test('intrusive options: forbidden, or only with the scans:intrusive scope, as configured', async () => {
    const deny = await testService({ PSCAN_INTRUSIVE: 'deny' });
    const scope = await testService({ PSCAN_INTRUSIVE: 'scope' });
    try {
      const body = { targets: ['127.0.0.1'], probe: { ...banner([1]), additionalProbes: true } };
      const denied = await request(deny.app).post('/v1/scans').set(bearer(await token({ scopes: 'admin' }))).send(body);
      assert.equal(denied.status, 403);
      assert.match(denied.body.detail, /forbidden on this server/);
      assert.equal((await request(scope.app).post('/v1/scans').set(bearer(await token())).send(body)).status, 403);
      assert.equal((await request(scope.app).post('/v1/scans').set(bearer(await token({ scopes: ['scans:write', 'scans:intrusive'] }))).send(body)).status, 202);
      assert.equal((await request(deny.app).post('/v1/scans').set(bearer(await token())).send({ ...body, probe: banner([1]) })).status, 202, 'safe probes are unaffected');
    } finally {
      await deny.close(0);
      await scope.close(0);
    }
  });

  test('per-principal rate limit: 429 with Retry-After, other principals unaffected', async () => {
    const svc = await testService({ PSCAN_PRINCIPAL_RPM: '3' });
    try {
      const alice = bearer(await token({ sub: 'alice' }));
      for (let i = 0; i < 3; i++) assert.equal((await request(svc.app).get('/v1/scans').set(alice)).status, 200);
      const limited = await request(svc.app).get('/v1/scans').set(alice);
      assert.equal(limited.status, 429);
      assert.equal(limited.body.code, 'rate-limited');
      assert.ok(Number(limited.headers['retry-after']) >= 1);
      assert.equal((await request(svc.app).get('/v1/scans').set(bearer(await token({ sub: 'bob' })))).status, 200);
    } finally {
      await svc.close(0);
    }
  });

  test("the service's own addresses are refused unless PSCAN_SCOPE_ALLOW_SELF, and nothing is sent", async () => {
    let connects = 0;
    const counting: NetFactory = { connectTcp: (o) => (connects++, systemNet.connectTcp(o)), createUdp: (f) => systemNet.createUdp(f) };
    const svc = await testService({ PSCAN_SCOPE_ALLOW_SELF: 'false' }, { net: counting });
    try {
      const res = await request(svc.app).post('/v1/scans').set(bearer(await token())).send({ targets: ['127.0.0.0/30'], probe: banner([22]) });
      assert.equal(res.status, 403);
      assert.equal(res.body.address, '127.0.0.1');
      assert.match(res.body.detail, /own address/);
      assert.equal(connects, 0);
    } finally {
      await svc.close(0);
    }
  });

  test('profile and per-target accounting: packets per target, fragile accepted, bad profile refused', async () => {
    const svc = await testService({ PSCAN_FRAGILE_GAP_MS: '0' });
    try {
      const auth = bearer(await token());
      const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1', '127.0.0.2'], probe: banner([1, 2]), profile: 'fragile', mode: 'sync' });
      assert.equal(res.status, 200);
      assert.equal(res.body.request.profile, 'fragile');
      assert.deepEqual(res.body.stats.byTarget, { '127.0.0.1': 2, '127.0.0.2': 2 });
      const bad = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: banner([1]), profile: 'gentle' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].path, '/profile');
    } finally {
      await svc.close(0);
    }
  });
});
