import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import request from 'supertest';
import type { BannerData } from '../../src/probes/tcp-banner/data.js';
import type { ProbeResult, Scan } from '../../src/api/model.js';

type BannerResult = Omit<ProbeResult, 'data'> & { data?: BannerData };
import { lab, useLabService } from './lab-service.js';

const ip = (name: string): string => lab.devices[name]!.ip;

describe('lab: tcp-banner against real daemons', () => {
  const svc = useLabService();

  const sync = async (body: object): Promise<Scan> => {
    const res = await request(svc.server.url).post('/v1/scans').set(svc.auth).send({ mode: 'sync', ...body });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as Scan;
  };
  const byPort = (scan: Scan): Record<number, BannerResult> => Object.fromEntries(scan.results.map((r) => [r.port!, r as BannerResult]));

  test('camera: dropbear SSH and lighttpd HTTP identified, an unused port closed', async () => {
    const scan = await sync({ targets: [ip('cam')], probe: { type: 'tcp-banner', ports: [22, 80, 23] } });
    const r = byPort(scan);
    assert.equal(r[22]!.status, 'ok');
    assert.equal(r[22]!.data!.service, 'ssh');
    assert.equal(r[22]!.data!.product, 'dropbear');
    assert.match(r[22]!.data!.version!, /^\d{4}\.\d+$/);
    assert.equal(r[80]!.status, 'ok');
    assert.equal(r[80]!.data!.http!.status, 200);
    assert.equal(r[80]!.data!.http!.title, 'LabCam IPC-100 Web Client');
    assert.equal(r[80]!.data!.product, 'lighttpd');
    assert.equal(r[23]!.status, 'closed');
    const services = scan.assets[0]!.services.map((s) => [s.port, s.name, s.product]);
    // The assets name the software as the shipped fingerprints read it.
    assert.deepEqual(services, [[22, 'ssh', 'Dropbear SSH'], [80, 'http', 'lighttpd']]);
    assert.equal(scan.stats.packetsSent, 4, 'one SYN per port plus the HTTP request');
  });

  test('a host with everything closed answers closed; one that drops everything times out', async () => {
    const scan = await sync({ targets: [ip('closed'), ip('dropped')], probe: { type: 'tcp-banner', ports: [22, 80] }, timing: { timeoutMs: 500 } });
    for (const res of scan.results) assert.equal(res.status, res.target === ip('closed') ? 'closed' : 'timeout', `${res.target}:${res.port}`);
    assert.equal(scan.results.length, 4);
  });

  test('timeouts are retried, and each try is a packet', async () => {
    const scan = await sync({ targets: [ip('dropped')], probe: { type: 'tcp-banner', ports: [80] }, timing: { timeoutMs: 200, retries: 2 } });
    assert.equal(scan.results[0]!.status, 'timeout');
    assert.equal(scan.results[0]!.tries, 3);
    assert.equal(scan.stats.packetsSent, 3);
  });

  test('an address where no host answers ARP is unreachable, not a timeout', async () => {
    const scan = await sync({ targets: [lab.noHost], probe: { type: 'tcp-banner', ports: [80] }, timing: { timeoutMs: 8000 }, discovery: 'none' });
    assert.equal(scan.results[0]!.status, 'unreachable');
    assert.equal(scan.results[0]!.error!.code, 'EHOSTUNREACH');
  });

  test('hostile device: endless banner cut by size, trickling one by the deadline, silent one bounded', async () => {
    const ports = lab.devices.hostile!.tcp as Record<string, number>;
    const scan = await sync({ targets: [ip('hostile')], probe: { type: 'tcp-banner', ports: [ports.endless, ports.trickling, ports.silent] }, timing: { timeoutMs: 400 } });
    const r = byPort(scan);
    assert.equal(r[ports.endless!]!.status, 'ok');
    assert.equal(r[ports.endless!]!.data!.cut, 'size');
    assert.equal(r[ports.endless!]!.data!.bytes, 65536);
    assert.equal(r[ports.trickling!]!.data!.cut, 'deadline');
    assert.ok(r[ports.trickling!]!.data!.bytes < 20);
    assert.equal(r[ports.silent!]!.data!.bytes, 0);
    assert.ok(scan.stats.durationMs! < 5000, 'every connection ended within its deadline');
  });

  test('async scan of the lab subnet range: SSE delivers every result, then end', async () => {
    const created = await request(svc.server.url).post('/v1/scans').set(svc.auth).send({ targets: ['198.18.77.20-198.18.77.24'], probe: { type: 'tcp-banner', ports: [22] }, timing: { timeoutMs: 1000 } });
    assert.equal(created.status, 202);
    const events = await request(svc.server.url).get(`${created.headers.location}/events`).set(svc.auth);
    const results = events.text.split('\n\n').filter((b) => b.includes('event: result'));
    assert.equal(results.length, 5);
    assert.match(events.text, /event: end\ndata: \{"status":"completed"\}/);
    const scan = (await request(svc.server.url).get(created.headers.location!).set(svc.auth)).body as Scan;
    const status = Object.fromEntries(scan.results.map((r) => [r.target, r.status]));
    assert.equal(status[ip('cam')], 'ok');
    assert.equal(status[ip('printer')], 'closed');
    assert.equal(status['198.18.77.20'], 'unreachable', 'no host: discovery found nobody answering ARP');
    assert.equal(scan.results.find((r) => r.target === '198.18.77.20')!.error!.code, 'host-down');
  });

  test('a target outside the configured scope is refused before anything is sent', async () => {
    const res = await request(svc.server.url).post('/v1/scans').set(svc.auth).send({ targets: ['198.18.78.1'], probe: { type: 'tcp-banner', ports: [22] } });
    assert.equal(res.status, 403);
    assert.equal(res.body.address, '198.18.78.1');
  });
});
