import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import request from 'supertest';
import type { Asset, Scan } from '../../src/api/model.js';
import { Capture } from './capture.js';
import { lab, syncScan, useLabService } from './lab-service.js';

const devices = Object.values(lab.devices) as Array<{ ip: string; mac?: string; vendor?: string }>;
/** Every address of the lab /24 that answers ARP: the devices and the second sensor (the scanner is the service itself). */
const alive = new Set([...devices.map((d) => d.ip), lab.sensorA2]);

describe('lab: subnet sweeps from a sensor inside the subnet', () => {
  const svc = useLabService({ PSCAN_SCOPE_ALLOW: `${lab.subnet},${lab.offLink.subnet}` });

  test('a /24 sweep is accepted with the service itself left out; dead addresses cost no IP packet, each ends as one host-down result', async () => {
    const capture = new Capture();
    await capture.start('ip and not (udp port 5353 or udp port 1900)');
    const scan = await syncScan(svc, { targets: [lab.subnet], probe: { type: 'tcp-banner', ports: [22, 80] }, timing: { timeoutMs: 1500 } });
    const frames = await capture.stop();
    assert.equal(scan.status, 'completed');
    assert.deepEqual(scan.stats.excluded, { self: 1 }, 'the scanner, 198.18.77.10');
    assert.equal(scan.stats.targets, 253);
    assert.deepEqual(scan.stats.hosts, { alive: alive.size, dead: 253 - alive.size, pending: 0 });
    assert.ok(!scan.results.some((r) => r.target === lab.scanner), 'nothing for the service itself');
    const dead = scan.results.filter((r) => !alive.has(r.target));
    assert.equal(dead.length, 253 - alive.size, 'one result per dead address');
    assert.ok(dead.every((r) => r.probe === 'discovery' && r.status === 'unreachable' && r.error?.code === 'host-down'));
    const toDead = frames.filter((f) => f.dst !== '' && f.dst !== lab.scanner && !alive.has(f.dst));
    assert.deepEqual(toDead, [], 'not one IP packet to an address nobody answers ARP for');
    const live = scan.results.filter((r) => alive.has(r.target));
    assert.equal(live.length, alive.size * 2, 'two ports per live host');
    const cam = Object.fromEntries(live.filter((r) => r.target === lab.devices.cam!.ip).map((r) => [r.port, r.status]));
    assert.deepEqual(cam, { 22: 'ok', 80: 'ok' });
  });

  test('MAC and vendor at zero packets: the neighbour table and the IEEE registry, for every device with a registered OUI', async () => {
    const scan = await syncScan(svc, { targets: [`${lab.devices.router!.ip}-${lab.devices.closed!.ip}`], probe: { type: 'tcp-banner', ports: [9] }, timing: { timeoutMs: 500 } });
    const byIp = new Map(scan.assets.map((a) => [a.ip, a]));
    const withOui = devices.filter((d) => d.vendor && alive.has(d.ip) && byIp.has(d.ip));
    assert.ok(withOui.length >= 5, `${withOui.length} devices with a vendor in range`);
    for (const d of withOui) {
      const asset = byIp.get(d.ip)!;
      assert.equal(asset.mac, d.mac, d.ip);
      assert.equal(asset.manufacturer, d.vendor, d.ip);
      assert.deepEqual([asset.sources?.mac?.source, asset.sources?.manufacturer?.source, asset.sources?.manufacturer?.confidence], ['neighbour', 'oui', 'registry'], d.ip);
    }
    assert.equal(scan.stats.byProbe.discovery?.packetsSent ?? 0, 0, 'on-link discovery sends no IP packet');
  });

  test("what a device states of itself beats its OUI, and the OUI's value stays visible", async () => {
    const printer = lab.devices.printer as { ip: string; vendor: string; snmp: { community: string } };
    const scan = await syncScan(svc, { targets: [printer.ip], probe: { type: 'snmp', operation: 'get', oids: ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0'], version: '2c', community: printer.snmp.community } });
    const asset = scan.assets[0] as Asset;
    assert.equal(asset.manufacturer, 'HP', 'SNMP sysObjectID/sysDescr: the device says it is an HP JetDirect');
    assert.equal(asset.sources!.manufacturer!.source, 'snmp');
    assert.equal(asset.sources!.manufacturer!.confidence, 'stated');
    assert.deepEqual(asset.sources!.manufacturer!.others!.map((o) => [o.value, o.source]), [[printer.vendor, 'oui']]);
  });

  test('off-link: a TCP connect decides; a live host is probed, one with no host behind the router ends host-down at once', async () => {
    const remote = lab.offLink.devices.remote!.ip;
    const capture = new Capture();
    await capture.start(`host ${lab.offLink.noHost} or host ${remote}`);
    const scan = await syncScan(svc, { targets: [remote, lab.offLink.noHost], probe: { type: 'tcp-banner', ports: [22, 23] }, timing: { timeoutMs: 1500 } });
    const frames = await capture.stop();
    const byTarget = (ip: string) => scan.results.filter((r) => r.target === ip);
    assert.deepEqual(byTarget(remote).map((r) => [r.port, r.status]).sort(), [[22, 'ok'], [23, 'closed']]);
    assert.deepEqual(byTarget(lab.offLink.noHost).map((r) => [r.probe, r.status, r.error?.code]), [['discovery', 'unreachable', 'host-down']]);
    assert.deepEqual(scan.stats.hosts, { alive: 1, dead: 1, pending: 0 });
    assert.equal(scan.stats.byTarget?.[lab.offLink.noHost], 2, 'the two discovery ports (80, 443), and no probe after them');
    // The router gives up on ARP after ~3 s, later than this timeout: silence, and the kernel may retry each SYN once.
    const synsToNoHost = frames.filter((f) => f.dst === lab.offLink.noHost && f.syn && !f.ack);
    assert.ok(synsToNoHost.length >= 2 && synsToNoHost.length <= 4, `${synsToNoHost.length} SYNs`);
    assert.equal(scan.assets.find((a) => a.ip === remote)?.mac, undefined, 'no MAC across a router');
  });

  test('without discovery, a host that answers unreachable gets no further packet: its other units end host-down', async () => {
    const ports = [80, 81, 82, 83, 84, 85, 86, 87];
    // An address behind the router that no other test asks for (so no stale neighbour entry of the
    // router's shortens or stretches its ARP), and a timeout well past the ~3 s the router takes
    // to give up on ARP and answer ICMP host-unreachable (one CI run saw it take over 6 s).
    const noHost = lab.offLink.noHost.replace(/\d+$/, '98');
    const scan = await syncScan(svc, { targets: [noHost], probe: { type: 'tcp-banner', ports }, discovery: 'none', timing: { timeoutMs: 15000 } });
    const codes = scan.results.map((r) => r.error?.code);
    assert.equal(scan.results.length, ports.length, 'every unit reported');
    assert.deepEqual(scan.results.filter((r) => r.status !== 'unreachable').map((r) => [r.port, r.status, r.error?.code]), [], 'each unit unreachable: by ICMP, or not sent');
    const tried = codes.filter((c) => c === 'EHOSTUNREACH').length;
    assert.ok(tried >= 1 && tried <= 4, `${tried} tried before the host was known down (at most the per-target concurrency)`);
    assert.equal(codes.filter((c) => c === 'host-down').length, ports.length - tried);
    assert.equal(scan.stats.packetsSent, tried);
  });

  test('progress: a running sweep shows addresses alive, dead and pending, and SSE ends with them converged', async () => {
    const created = await request(svc.server.url).post('/v1/scans').set(svc.auth).send({ targets: ['198.18.77.0/25'], probe: { type: 'tcp-banner', ports: [22] }, timing: { timeoutMs: 1500 } });
    assert.equal(created.status, 202);
    const events = await request(svc.server.url).get(`${created.headers.location}/events`).set(svc.auth);
    const progress = events.text.split('\n\n').filter((b) => b.includes('event: progress')).map((b) => JSON.parse(b.slice(b.indexOf('data: ') + 6)) as { hosts: { alive: number; dead: number; pending: number } });
    assert.ok(progress.length >= 1, 'progress events while it runs');
    const last = progress.at(-1)!.hosts;
    const scan = (await request(svc.server.url).get(created.headers.location!).set(svc.auth)).body as Scan;
    assert.deepEqual(last, scan.stats.hosts);
    assert.equal(last.pending, 0);
    assert.equal(last.alive + last.dead, scan.stats.targets);
  });
});
