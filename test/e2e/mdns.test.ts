import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MdnsData } from '../../src/probes/mdns/data.js';
import { lab, useLabService, syncScan } from './lab-service.js';

const cast = lab.devices.cast as { ip: string; hostname: string; mdns: { type: string; txt: Record<string, string> } };
const printer = lab.devices.printer as { ip: string; hostname: string; mdns: { type: string; txt: Record<string, string> } };

describe('lab: mdns against real avahi-daemon', () => {
  const svc = useLabService();

  const sync = (body: object) => syncScan<MdnsData>(svc, body);

  test('multicast query for Google Cast: the service with its TXT, SRV and address; asset facts', async () => {
    // The subnet without the scanner's own address, which the service refuses to target.
    const scan = await sync({ targets: ['198.18.77.11-198.18.77.254'], probe: { type: 'mdns', name: cast.mdns.type }, timing: { timeoutMs: 1500 } });
    const answered = scan.results.filter((r) => r.status === 'ok');
    assert.deepEqual(answered.map((r) => r.target), [cast.ip], 'only the cast device answers this name');
    const data = answered[0]!.data!;
    assert.equal(data.mode, 'multicast');
    const svcRecord = data.services[0]!;
    assert.equal(svcRecord.type, cast.mdns.type);
    assert.equal(svcRecord.port, 8009);
    assert.equal(svcRecord.host, `${cast.hostname}.local`);
    assert.deepEqual(svcRecord.addresses, [cast.ip]);
    for (const [k, v] of Object.entries(cast.mdns.txt)) assert.equal(svcRecord.txt[k], v);
    assert.equal(scan.stats.packetsSent, 1, 'one multicast query');
    assert.equal(scan.results.length, 244, 'one result per target address');
    assert.equal(scan.results.find((r) => r.target === printer.ip)!.status, 'timeout');
    const asset = scan.assets.find((a) => a.ip === cast.ip)!;
    assert.equal(asset.hostname, cast.hostname);
    assert.equal(asset.model, cast.mdns.txt.md);
    assert.deepEqual(asset.services.find((s) => s.port === 8009), { port: 8009, protocol: 'tcp', name: 'googlecast', product: cast.mdns.txt.md });
  });

  test('answers from addresses that are not targets are dropped', async () => {
    const scan = await sync({ targets: [printer.ip], probe: { type: 'mdns', name: '_services._dns-sd._udp.local' }, timing: { timeoutMs: 1000 } });
    assert.deepEqual(scan.results.map((r) => [r.target, r.status]), [[printer.ip, 'ok']]);
    assert.ok(scan.stats.byProbe.mdns!.droppedAnswers! >= 2, 'cast and hostile answered too, and were dropped');
  });

  test('unicast query to each target\'s 5353: the printer\'s IPP service with TXT; closed and silent hosts told apart', async () => {
    const scan = await sync({ targets: [printer.ip, lab.devices.closed!.ip, lab.devices.dropped!.ip], probe: { type: 'mdns', name: printer.mdns.type, unicast: true }, timing: { timeoutMs: 800 } });
    const by = Object.fromEntries(scan.results.map((r) => [r.target, r]));
    assert.equal(by[printer.ip]!.status, 'ok');
    const service = by[printer.ip]!.data!.services[0]!;
    assert.equal(service.port, 631);
    assert.equal(service.txt.ty, printer.mdns.txt.ty);
    assert.equal(by[printer.ip]!.data!.mode, 'unicast');
    assert.equal(by[lab.devices.closed!.ip]!.status, 'closed');
    assert.equal(by[lab.devices.dropped!.ip]!.status, 'timeout');
    // The fingerprint reads `ty` as the maker and the model.
    const found = scan.assets.find((a) => a.ip === printer.ip)!;
    assert.deepEqual([found.manufacturer, found.model], ['HP', printer.mdns.txt.ty.replace(/^HP /, '')]);
  });

  test('the hostile host\'s garbage is malformed, with its bytes, in both modes', async () => {
    const hostile = lab.devices.hostile!.ip;
    const multi = await sync({ targets: [hostile], probe: { type: 'mdns', name: '_services._dns-sd._udp.local' }, timing: { timeoutMs: 800 } });
    assert.equal(multi.results[0]!.status, 'malformed');
    assert.ok(multi.results[0]!.raw);
    const uni = await sync({ targets: [hostile], probe: { type: 'mdns', name: '_services._dns-sd._udp.local', unicast: true }, timing: { timeoutMs: 800 } });
    assert.equal(uni.results[0]!.status, 'malformed');
  });
});
