import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import request from 'supertest';
import { Capture, maxInWindow } from './capture.js';
import { lab, useLabService, syncScan } from './lab-service.js';

const TARGET_PPS = 20;
const GLOBAL_PPS = 30;
const closedHost = lab.devices.closed!.ip;
const cam = lab.devices.cam!.ip;

describe('lab: politeness and scope, measured on the wire with tshark', () => {
  const svc = useLabService({ PSCAN_TARGET_PPS: String(TARGET_PPS), PSCAN_GLOBAL_PPS: String(GLOBAL_PPS), PSCAN_FRAGILE_GAP_MS: '100', PSCAN_MAX_CONCURRENT_SCANS: '20' });

  test('a refused request emits zero packets: out of scope, the service itself named, a refused address beside a subnet', async () => {
    const capture = new Capture();
    await capture.start('not (udp port 5353)');
    for (const targets of [['198.18.78.1'], [lab.scanner], [lab.scanner, lab.subnet], ['198.18.77.21', '8.8.8.8']]) {
      const res = await request(svc.server.url).post('/v1/scans').set(svc.auth).send({ targets, probe: { type: 'tcp-banner', ports: [22, 80] } });
      assert.equal(res.status, 403, String(targets));
    }
    const frames = await capture.stop();
    assert.deepEqual(frames.filter((f) => f.syn || f.dst === '198.18.78.1' || f.dst === '8.8.8.8'), []);
  });

  test('20 concurrent scans never exceed the per-target cap in any 1 s window, nor the global cap', async () => {
    const capture = new Capture();
    await capture.start('tcp[tcpflags] & tcp-syn != 0 and tcp[tcpflags] & tcp-ack == 0');
    const ports = Array.from({ length: 10 }, (_, i) => 3000 + i);
    const scans = Array.from({ length: 20 }, (_, i) => syncScan(svc, { targets: [i % 2 ? closedHost : cam], probe: { type: 'tcp-banner', ports }, timing: { timeoutMs: 500 } }));
    const done = await Promise.all(scans);
    const syns = (await capture.stop()).filter((f) => f.syn && !f.ack);
    assert.equal(syns.length, 200, 'one SYN per port per scan');
    assert.equal(done.reduce((n, s) => n + s.stats.packetsSent, 0), 200, 'our count matches the wire');
    for (const ip of [closedHost, cam]) {
      const peak = maxInWindow(syns.filter((f) => f.dst === ip).map((f) => f.time), 1);
      assert.ok(peak <= TARGET_PPS, `${ip}: ${peak} SYNs in one second`);
    }
    const globalPeak = maxInWindow(syns.map((f) => f.time), 1);
    assert.ok(globalPeak <= GLOBAL_PPS, `${globalPeak} SYNs in one second overall`);
  });

  test('the fragile profile keeps one connection at a time per device', async () => {
    const capture = new Capture();
    await capture.start(`host ${cam} and tcp`);
    const scan = await syncScan(svc, { targets: [cam], probe: { type: 'tcp-banner', ports: [22, 80, 554, 23, 8080] }, profile: 'fragile', timing: { timeoutMs: 1000 } });
    assert.equal(scan.results.length, 5);
    const frames = await capture.stop();
    const streams = new Map<number, { start: number; end: number }>();
    for (const f of frames) {
      if (f.stream === undefined) continue;
      const s = streams.get(f.stream) ?? { start: f.time, end: f.time };
      s.start = Math.min(s.start, f.time);
      s.end = Math.max(s.end, f.time);
      streams.set(f.stream, s);
    }
    const spans = [...streams.values()].sort((a, b) => a.start - b.start);
    assert.equal(spans.length, 5);
    for (let i = 1; i < spans.length; i++) assert.ok(spans[i]!.start >= spans[i - 1]!.end, `connection ${i + 1} began before connection ${i} ended`);
  });
});
