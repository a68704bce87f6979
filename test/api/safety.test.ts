import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import request from 'supertest';
import { systemNet, type NetFactory } from '../../src/probes/net.js';
import { bearer, testService, token } from '../support/service.js';
import { ALL_PRINCIPALS } from '../../src/auth/principal.js';

const banner = (ports: number[]) => ({ type: 'tcp-banner', ports });

describe('scan safety through the API', () => {
  test('the packet budget (the most packets the probes can send × count × tries) is checked before anything is stored', async () => {
    const svc = await testService({ PSCAN_MAX_PROBES: '1000' });
    try {
      const auth = bearer(await token());
      // 14 hosts × 4 ports × (SYN + request) × count 10
      const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.0/28'], probe: banner([1, 2, 3, 4]), timing: { count: 10 } });
      assert.equal(res.status, 422);
      assert.deepEqual([res.body.budget, res.body.limit, res.body.requested], ['maxProbesPerScan', 1000, '1120']);
      assert.equal(svc.store.listScans({ owner: ALL_PRINCIPALS, limit: 10 }).length, 0);
      assert.equal((await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.0/28'], probe: banner([1]) })).status, 202);
      // classify with exact probes every catalogue port: 14 hosts × 42 ports of Table I, twice over the budget with two of them
      const classify = { type: 'classify', exact: true };
      const one = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.0/28'], probes: [classify], discovery: 'none' });
      assert.equal(one.status, 202, JSON.stringify(one.body));
      const two = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.0/28'], probes: [classify, { ...classify, speculative: true }] });
      assert.deepEqual([two.status, two.body.requested], [422, String(14 * 42 * 2)]);
      // a walk is bounded by its maxVarbinds: 1000 varbinds, 10 a request, plus one to see the subtree end
      const walk = { type: 'snmp', operation: 'walk', oids: ['1.3.6.1.2.1'] };
      const walks = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1-127.0.0.10'], probe: walk });
      assert.deepEqual([walks.status, walks.body.requested], [422, String(10 * 101)]);
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
      const auth = bearer(await token());
      const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: banner([22]) });
      assert.equal(res.status, 403, 'an address listed on its own is refused by name');
      assert.equal(res.body.address, '127.0.0.1');
      assert.match(res.body.detail, /own address \(PSCAN_SCOPE_ALLOW_SELF\)/);
      // In a range, the service's own addresses are skipped, as nmap's --exclude; all of them: nothing left.
      const range = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.0/30'], probe: banner([22]) });
      assert.equal(range.status, 422);
      assert.equal(range.body.type, 'urn:pscan:problem:nothing-to-scan');
      assert.deepEqual(range.body.excluded, { self: 2 });
      assert.equal(connects, 0);
    } finally {
      await svc.close(0);
    }
  });

  test('a range keeps its allowed addresses: the deny list inside it is skipped and counted, not refused', async () => {
    const connected: string[] = [];
    const counting: NetFactory = { connectTcp: (o) => (connected.push(o.host), systemNet.connectTcp(o)), createUdp: (f) => systemNet.createUdp(f) };
    const svc = await testService({ PSCAN_SCOPE_DENY: '127.0.0.4/31' }, { net: counting });
    try {
      const auth = bearer(await token());
      const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.0/29'], probe: banner([1]), mode: 'sync', timing: { timeoutMs: 200 } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.stats.excluded, { 'scope-deny': 2 });
      assert.equal(res.body.stats.targets, 4, '.1 .2 .3 .6: the /29 less network, broadcast and the two denied');
      assert.deepEqual(res.body.results.map((r: { target: string }) => r.target).sort(), ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.6']);
      assert.deepEqual(connected.sort(), ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.6'], 'nothing went to a denied address');
      const named = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.0/29', '127.0.0.5'], probe: banner([1]) });
      assert.equal(named.status, 403, 'a denied address listed on its own still refuses the request');
      assert.equal(named.body.address, '127.0.0.5');
      assert.equal(named.body.pointer, '/targets/1');
      const allDenied = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.4-127.0.0.5'], probe: banner([1]) });
      assert.equal(allDenied.status, 422);
      assert.deepEqual(allDenied.body.excluded, { 'scope-deny': 2 });
      const outside = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['126.255.255.254-127.0.0.2'], probe: banner([1]) });
      assert.equal(outside.status, 403, 'a range reaching outside the allow list is refused whole');
      assert.equal(outside.body.address, '126.255.255.254');
      const badDiscovery = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: banner([1]), discovery: 'ping' });
      assert.equal(badDiscovery.status, 400);
      assert.deepEqual(badDiscovery.body.errors.map((e: { path: string }) => e.path), ['/discovery']);
      assert.equal(connected.length, 4, 'refused requests sent nothing');
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
