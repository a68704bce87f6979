import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import type { ClassifyData } from '../../src/probes/classify/data.js';
import { lab, startLabService, syncScan } from './lab-service.js';

const ip = (name: string): string => lab.devices[name]!.ip;

describe('lab: classification by hierarchical port probing', () => {
  let svc: Awaited<ReturnType<typeof startLabService>>;
  let catalog: string;
  before(async () => {
    svc = await startLabService();
    const res = await request(svc.server.url)
      .post('/v1/catalogs')
      .set(svc.auth)
      .send({
        name: 'the lab',
        devices: [
          { type: 'LabCam IPC-100', ports: [22, 80, 554] },
          { type: 'Lab NAS', ports: [8200] },
          { type: 'Hostile box', ports: [1000, 1001, 1002] },
          { type: 'Web-only plug', ports: [80] },
        ],
      });
    assert.equal(res.status, 201);
    catalog = res.body.id;
  });
  after(() => svc.stop());

  test('every lab host: known devices consistent with the catalogue ports left unchecked, unknown ones unknown with their nearest candidates', async () => {
    const scan = await syncScan<ClassifyData>(svc, { targets: ['cam', 'nas', 'hostile', 'closed', 'printer'].map(ip), probe: { type: 'classify', catalog }, timing: { timeoutMs: 1000 } });
    const by = Object.fromEntries(scan.results.map((r) => [r.target, r.data!]));
    // The walks of this catalogue's tree, as simulated: the ports each leaves unprobed.
    assert.deepEqual([by[ip('cam')]!.match, by[ip('cam')]!.device, by[ip('cam')]!.unchecked], ['consistent', 'LabCam IPC-100', [1000, 1001, 1002, 8200]]);
    assert.deepEqual([by[ip('nas')]!.match, by[ip('nas')]!.device, by[ip('nas')]!.unchecked], ['consistent', 'Lab NAS', [22, 554, 1001, 1002]]);
    assert.deepEqual([by[ip('hostile')]!.match, by[ip('hostile')]!.device, by[ip('hostile')]!.unchecked], ['consistent', 'Hostile box', [22, 554, 8200]]);
    for (const host of ['closed', 'printer']) {
      assert.equal(by[ip(host)]!.match, 'unknown', host);
      assert.ok(by[ip(host)]!.nearest!.length > 0);
    }
    assert.equal(scan.assets.find((a) => a.ip === ip('cam'))!.model, 'LabCam IPC-100');
    for (const r of scan.results) assert.ok(r.data!.probes <= 6 && r.data!.roundTrips <= r.data!.probes);
  });

  test('exact: every catalogue port checked, the camera is exact', async () => {
    const scan = await syncScan<ClassifyData>(svc, { targets: [ip('cam')], probe: { type: 'classify', catalog, exact: true }, timing: { timeoutMs: 1000 } });
    const cam = scan.results[0]!.data!;
    assert.deepEqual([cam.match, cam.device, cam.unchecked, cam.probes], ['exact', 'LabCam IPC-100', [], 7]);
    assert.equal(scan.assets[0]!.model, 'LabCam IPC-100');
  });

  test('issue 20: the camera against Table I, which lacks it, is never a confident match', async () => {
    const partial = await syncScan<ClassifyData>(svc, { targets: [ip('cam')], probes: [{ type: 'classify' }, { type: 'tcp-banner', ports: [22, 80, 554] }], timing: { timeoutMs: 1000 } });
    const answer = partial.results.find((r) => r.probe === 'classify')!.data!;
    assert.deepEqual([answer.match, answer.device, answer.uncheckedPorts], ['consistent', 'iHome Plug', 36]);
    assert.equal(partial.assets[0]!.model, undefined, 'ports 22 and 554, open to the banner probe, contradict the signature {80}');
    const exact = await syncScan<ClassifyData>(svc, { targets: [ip('cam')], probe: { type: 'classify', exact: true }, timing: { timeoutMs: 1000 } });
    const e = exact.results[0]!.data!;
    assert.deepEqual([e.match, e.device, e.uncheckedPorts], ['unknown', undefined, 0]);
    assert.ok(e.nearest!.length > 0 && e.nearest![0]!.disagreeing.length > 0);
    assert.equal(exact.assets[0]!.model, undefined);
  });

  test('subnet discovery: a range streams one result per address; dead addresses are unreachable', async () => {
    const created = await request(svc.server.url).post('/v1/scans').set(svc.auth).send({ targets: ['198.18.77.20-198.18.77.33'], probe: { type: 'classify', catalog, speculative: true }, timing: { timeoutMs: 4000 } });
    assert.equal(created.status, 202);
    const events = await request(svc.server.url).get(`${created.headers.location}/events`).set(svc.auth);
    const results = events.text.split('\n\n').filter((b) => b.includes('event: result')).map((b) => JSON.parse(b.slice(b.indexOf('data: ') + 6)));
    assert.equal(results.length, 14);
    const by = Object.fromEntries(results.map((r) => [r.target, r]));
    assert.equal(by[ip('cam')].data.device, 'LabCam IPC-100');
    assert.equal(by['198.18.77.20'].status, 'unreachable');
    assert.equal(by[ip('closed')].data.match, 'unknown');
  });
});
