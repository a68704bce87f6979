import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SsdpData } from '../../src/probes/ssdp/data.js';
import { lab, useLabService, syncScan } from './lab-service.js';

const nas = lab.devices.nas as { ip: string; upnp: Record<string, string> };
const hostile = lab.devices.hostile!.ip;

describe('lab: ssdp against real minidlna', () => {
  const svc = useLabService();

  const sync = (body: object) => syncScan<SsdpData>(svc, body);

  test('multicast M-SEARCH: minidlna answers with LOCATION and SERVER; its description gives the model fields', async () => {
    const scan = await sync({ targets: [nas.ip], probe: { type: 'ssdp', mx: 1, st: 'ssdp:all', fetchDescription: true }, timing: { timeoutMs: 1000 } });
    const [r] = scan.results;
    assert.equal(r!.status, 'ok', JSON.stringify(r));
    const data = r!.data!;
    assert.ok(data.responses.length >= 2, 'root device, uuid and device/service types');
    const root = data.responses.find((x) => x.st === 'upnp:rootdevice')!;
    assert.match(root.location!, new RegExp(`^http://${nas.ip.replace(/\./g, '\\.')}:8200/`));
    assert.match(root.server!, /MiniDLNA/);
    const desc = data.descriptions![0]!;
    assert.equal(desc.status, 'ok');
    for (const [k, v] of Object.entries(nas.upnp)) assert.equal((desc.device as Record<string, string>)[k], v, k);
    assert.match(desc.device!.UDN!, /^uuid:/);
    const asset = scan.assets[0]!;
    assert.equal(asset.model, nas.upnp.modelName);
    assert.ok(asset.manufacturer);
    assert.equal(asset.os, root.server!.split(' ')[0], 'the OS token of SERVER (minidlna says its distribution)');
    assert.deepEqual(asset.services.find((s) => s.port === 8200)?.name, 'upnp');
    assert.equal(scan.stats.byProbe.ssdp!.packetsSent, 3, 'the M-SEARCH, then the connection and GET for the description');
  });

  test('unicast M-SEARCH to each target: an answering responder, minidlna (bound to the group only) refuses, a dropping host is silent', async () => {
    const scan = await sync({ targets: [hostile, nas.ip, lab.devices.dropped!.ip], probe: { type: 'ssdp', mx: 1, st: 'upnp:rootdevice', unicast: true }, timing: { timeoutMs: 1200 } });
    const by = Object.fromEntries(scan.results.map((r) => [r.target, r]));
    assert.equal(by[hostile]!.status, 'ok');
    assert.equal(by[hostile]!.data!.mode, 'unicast');
    assert.equal(by[hostile]!.data!.responses[0]!.st, 'upnp:rootdevice');
    assert.equal(by[nas.ip]!.status, 'closed', 'minidlna binds 239.255.255.250:1900, so its own address answers port-unreachable');
    assert.equal(by[lab.devices.dropped!.ip]!.status, 'timeout');
  });

  test('hostile answers: garbage and a huge SERVER are bounded; a LOCATION on another host and a silent one are not fetched or time out', async () => {
    const scan = await sync({ targets: [hostile], probe: { type: 'ssdp', mx: 1, fetchDescription: true }, timing: { timeoutMs: 1000 } });
    const [r] = scan.results;
    assert.equal(r!.status, 'ok');
    const data = r!.data!;
    assert.equal(data.malformedDatagrams, 1);
    assert.ok(data.responses.every((x) => Object.values(x.headers).every((v) => v.length <= 1024)));
    const byLocation = Object.fromEntries(data.descriptions!.map((d) => [d.location, d]));
    // Another host than the one that answered (here also out of scope): never contacted.
    assert.deepEqual(byLocation['http://8.8.8.8/description.xml'], { location: 'http://8.8.8.8/description.xml', status: 'skipped', reason: 'not-the-answering-address' });
    assert.equal(byLocation[`http://${hostile}:1002/description.xml`]!.status, 'error');
    assert.equal(byLocation[`http://${hostile}:1002/description.xml`]!.reason, 'timeout');
    assert.ok(scan.stats.durationMs! < 6000);
  });
});
