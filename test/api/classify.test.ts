import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { closedPort, tcpServer } from '../support/probe-context.js';
import { bearer, testService, token } from '../support/service.js';

describe('classification API', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let auth: Record<string, string>;
  const servers: Array<Awaited<ReturnType<typeof tcpServer>>> = [];
  before(async () => {
    svc = await testService();
    auth = bearer(await token());
    for (let i = 0; i < 3; i++) servers.push(await tcpServer(() => {}));
  });
  after(async () => {
    await svc.close(0);
    for (const s of servers) await s.close();
  });

  test('the default catalogue and its tree are inspectable, with the optimum statistics', async () => {
    const list = await request(svc.app).get('/v1/catalogs').set(auth);
    assert.equal(list.status, 200);
    const def = list.body.find((c: { id: string }) => c.id === 'default');
    assert.deepEqual(def.stats, { devices: 19, ports: 42, averageProbesConfirm: 6.263, averageProbesIdentify: 4.684, maxProbes: 11, flatProbes: 42 });
    assert.match(def.source, /Sivanathan/);
    const tree = await request(svc.app).get('/v1/catalogs/default/tree').set(auth);
    assert.equal(tree.body.confirm.optimal, true);
    assert.equal(typeof tree.body.confirm.root.port, 'number');
    assert.equal((await request(svc.app).get('/v1/catalogs/nope/tree').set(auth)).status, 404);
  });

  test('a catalogue added through the API classifies live devices: consistent or exact, and unknown with the nearest candidates', async () => {
    const [a, b, c] = servers.map((s) => s.port);
    const gone = await closedPort();
    const create = async (devices: object[]) => {
      const res = await request(svc.app).post('/v1/catalogs').set(auth).send({ name: 'loopback devices', devices });
      assert.equal(res.status, 201);
      assert.equal(res.headers.location, `/v1/catalogs/${res.body.id}`);
      return res.body.id as string;
    };
    const classify = async (catalog: string, exact = false) => {
      const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'classify', catalog, exact }, mode: 'sync' });
      assert.equal(res.status, 200);
      assert.equal(res.body.results[0].status, 'ok');
      return res.body;
    };
    const known = await create([{ type: 'Camera', ports: [a!, b!] }, { type: 'Plug', ports: [a!, gone] }, { type: 'Hub', ports: [gone] }]);
    const camera = await classify(known);
    const answer = camera.results[0].data;
    // Which of the tree's equally good first ports comes first depends on the ports the servers got.
    assert.deepEqual([answer.match, answer.device], [answer.uncheckedPorts === 0 ? 'exact' : 'consistent', 'Camera']);
    assert.deepEqual(answer.unchecked, answer.uncheckedPorts === 0 ? [] : [gone]);
    assert.equal(camera.assets[0].model, 'Camera');
    assert.equal(camera.stats.packetsSent, camera.results[0].data.probes);
    const withSpeaker = await create([{ type: 'Camera', ports: [a!, b!] }, { type: 'Plug', ports: [a!, gone] }, { type: 'Speaker', ports: [c!] }]);
    const e = (await classify(withSpeaker, true)).results[0].data;
    assert.equal(e.match, 'unknown', 'an extra open catalogue port is seen in exact mode');
    assert.equal(e.uncheckedPorts, 0);
    assert.ok(e.nearest[0].disagreeing.length >= 1);
  });

  test('an open port another probe of the scan found outside the signature leaves the asset without a model, even after an exact answer', async () => {
    const [a, b] = servers.map((s) => s.port);
    const res = await request(svc.app).post('/v1/catalogs').set(auth).send({ name: 'one plug', devices: [{ type: 'Plug', ports: [a!] }] });
    const scan = async (probes: object[]) => (await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probes, mode: 'sync', timing: { timeoutMs: 500 } })).body;
    const alone = await scan([{ type: 'classify', catalog: res.body.id }]);
    assert.deepEqual([alone.results[0].data.match, alone.assets[0].model], ['exact', 'Plug']);
    const withBanner = await scan([{ type: 'classify', catalog: res.body.id }, { type: 'tcp-banner', ports: [b!] }]);
    assert.equal(withBanner.results.find((r: { probe: string }) => r.probe === 'tcp-banner').status, 'ok');
    assert.equal(withBanner.results.find((r: { probe: string }) => r.probe === 'classify').data.match, 'exact', 'the probe itself never looked at that port');
    assert.equal(withBanner.assets[0].model, undefined);
    assert.deepEqual(withBanner.assets[0].services.map((s: { port: number }) => s.port), [a!, b!].sort((x, y) => x - y));
  });

  test("catalogues are their creator's: others cannot see, use or delete them; DELETE by owner or admin, never the built-in one, not while a scan names it", async () => {
    const bob = bearer(await token({ sub: 'bob' }));
    const admin = bearer(await token({ sub: 'root', scopes: 'admin' }));
    const created = await request(svc.app).post('/v1/catalogs').set(auth).send({ name: 'alice only', devices: [{ type: 'Cam', ports: [servers[0]!.port] }, { type: 'Plug', ports: [servers[1]!.port] }] });
    assert.equal(created.status, 201);
    const id: string = created.body.id;
    assert.equal(created.body.owner, 'alice');
    const bobs = await request(svc.app).get('/v1/catalogs').set(bob);
    assert.deepEqual(bobs.body.filter((c: { id: string }) => c.id === id || c.id === 'default').map((c: { id: string }) => c.id), ['default'], 'bob sees the built-in catalogue, not alice\'s');
    for (const path of [`/v1/catalogs/${id}`, `/v1/catalogs/${id}/tree`]) assert.equal((await request(svc.app).get(path).set(bob)).status, 404);
    const bobScan = await request(svc.app).post('/v1/scans').set(bob).send({ targets: ['127.0.0.1'], probe: { type: 'classify', catalog: id } });
    assert.deepEqual([bobScan.status, bobScan.body.errors?.[0]?.path], [400, '/probe/catalog']);
    assert.equal((await request(svc.app).delete(`/v1/catalogs/${id}`).set(bob)).status, 404);
    assert.equal((await request(svc.app).get(`/v1/catalogs/${id}`).set(admin)).status, 200, 'an admin sees every catalogue');
    const builtIn = await request(svc.app).delete('/v1/catalogs/default').set(admin);
    assert.deepEqual([builtIn.status, builtIn.body.code], [403, 'forbidden']);
    // A banner on a port that never speaks keeps the scan running while its classify unit is done.
    const scan = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probes: [{ type: 'tcp-banner', ports: [servers[2]!.port] }, { type: 'classify', catalog: id }], timing: { timeoutMs: 30000 } });
    assert.equal(scan.status, 202);
    const inUse = await request(svc.app).delete(`/v1/catalogs/${id}`).set(auth);
    assert.deepEqual([inUse.status, inUse.body.code], [409, 'conflict']);
    assert.equal((await request(svc.app).delete(`/v1/scans/${scan.body.id}`).set(auth)).status, 202);
    assert.equal((await request(svc.app).delete(`/v1/catalogs/${id}`).set(auth)).status, 204);
    assert.equal((await request(svc.app).get(`/v1/catalogs/${id}`).set(auth)).status, 404);
    assert.equal((await request(svc.app).delete(`/v1/catalogs/${id}`).set(auth)).status, 404);
  });

  test('invalid catalogues and unknown catalogue ids are 400 with paths', async () => {
    const bad = await request(svc.app).post('/v1/catalogs').set(auth).send({ name: 'x', devices: [{ type: 'a', ports: ['80'] }] });
    assert.equal(bad.status, 400);
    const unknown = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'classify', catalog: 'missing' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].path, '/probe/catalog');
  });
});
