import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import request from 'supertest';
import type { NmapData } from '../../src/probes/nmap/types.js';
import type { BannerData } from '../../src/probes/tcp-banner/data.js';
import { lab, useLabService, syncScan } from './lab-service.js';

const cam = lab.devices.cam!.ip;
const hostile = lab.devices.hostile!;
const HOST_TIMEOUT_MS = 15000;

const nmapRunning = (): boolean => {
  try {
    execFileSync('pgrep', ['-x', 'nmap']);
    return true;
  } catch {
    return false;
  }
};

describe('lab: deep service detection through nmap', () => {
  const svc = useLabService({ PSCAN_NMAP_HOST_TIMEOUT_MS: String(HOST_TIMEOUT_MS) });

  const sync = (body: object) => syncScan<BannerData & Partial<NmapData>>(svc, body);

  test('camera: dropbear with product and version through nmap; lighttpd and the RTSP server recognised', async () => {
    // nmap spends ~40 s walking its probes against this RTSP server, so it gets 22 and 80; 554 gets the banner probe.
    const scan = await sync({
      targets: [cam],
      probes: [
        { type: 'tcp-banner', ports: [22, 80], additionalProbes: true },
        { type: 'tcp-banner', ports: [554] },
      ],
    });
    const deep = scan.results.find((r) => r.data?.nmap)!;
    assert.equal(deep.status, 'ok');
    const ports = Object.fromEntries(deep.data!.nmap!.ports.map((p) => [p.port, p]));
    assert.equal(ports[22]!.product, 'Dropbear sshd');
    assert.match(ports[22]!.version!, /^\d{4}\.\d+$/);
    assert.ok(ports[22]!.cpe.some((c) => c.startsWith('cpe:/a:matt_johnston:dropbear_ssh_server')));
    assert.equal(ports[80]!.product, 'lighttpd');
    assert.equal(ports[554], undefined, 'nmap ran on exactly the ports it was asked for');
    const rtspBanner = scan.results.find((r) => r.port === 554)!;
    assert.equal(rtspBanner.data!.service, 'rtsp');
    assert.deepEqual(rtspBanner.data!.rtsp!.public, ['OPTIONS', 'DESCRIBE', 'TEARDOWN', 'SETUP', 'PLAY', 'STOP']);
    const services = Object.fromEntries(scan.assets[0]!.services.map((s) => [s.port, s]));
    assert.equal(services[22]!.product, 'Dropbear sshd', "nmap's product wins over the banner's");
    assert.equal(services[80]!.product, 'lighttpd');
    assert.equal(services[554]!.name, 'rtsp');
    assert.equal(scan.assets[0]!.os, 'Linux');
    assert.ok(deep.data!.nmap!.packetsCounted >= 3);
  });

  test('a silent port and the hostile host are bounded by the host timeout', async () => {
    const tcp = hostile.tcp as Record<string, number>;
    const scan = await sync({ targets: [hostile.ip], probe: { type: 'tcp-banner', ports: [tcp.endless!, tcp.trickling!, tcp.silent!], additionalProbes: true }, timing: { timeoutMs: 300 } });
    const deep = scan.results.find((r) => r.data?.nmap)!;
    assert.equal(deep.status, 'ok');
    assert.ok(scan.stats.durationMs! < HOST_TIMEOUT_MS + 6000, `took ${scan.stats.durationMs} ms`);
    assert.ok(deep.data!.nmap!.timedOut || deep.data!.nmap!.ports.length === 3);
    assert.equal(nmapRunning(), false);
  });

  test('cancel kills nmap', async () => {
    const tcp = hostile.tcp as Record<string, number>;
    const created = await request(svc.server.url).post('/v1/scans').set(svc.auth).send({ targets: [hostile.ip], probe: { type: 'tcp-banner', ports: [tcp.silent!], additionalProbes: true } });
    const events = request(svc.server.url).get(`${created.headers.location}/events`).set(svc.auth);
    for (let i = 0; i < 100 && !nmapRunning(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(nmapRunning(), true, 'nmap started');
    assert.equal((await request(svc.server.url).delete(created.headers.location!).set(svc.auth)).status, 202);
    assert.match((await events).text, /event: end\ndata: \{"status":"cancelled"\}/);
    assert.equal(nmapRunning(), false, 'nmap was killed');
  });
});
