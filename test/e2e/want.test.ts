import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Asset } from '../../src/api/model.js';
import { Capture } from './capture.js';
import { lab, syncScan, useLabService } from './lab-service.js';

const d = lab.devices as Record<string, { ip: string; mac?: string; vendor?: string; snmp?: Record<string, string>; hostname?: string }>;
const printer = d.printer!;
const nas = d.nas!;
const v3 = { user: nas.snmp!.user!, authProtocol: nas.snmp!.authProtocol, authKey: nas.snmp!.authKey, privProtocol: nas.snmp!.privProtocol, privKey: nas.snmp!.privKey };

describe('lab: a want scan of the whole subnet, default catalogue only', () => {
  const svc = useLabService();

  test('every ground-truth fact of the lab devices, with provenance; the plan in the scan; credentials tried in order', async () => {
    const capture = new Capture();
    await capture.start(`src host ${lab.scanner} and ip`);
    const scan = await syncScan(svc, {
      targets: ['198.18.77.1-198.18.77.31', '198.18.77.33-198.18.77.254'],
      want: ['hostname', 'manufacturer', 'model', 'os', 'services', 'mac'],
      credentials: { snmp: [{ version: '2c', community: printer.snmp!.community }, { version: '3', v3 }] },
      timing: { timeoutMs: 1000 },
    });
    const frames = await capture.stop();
    assert.equal(scan.status, 'completed');
    const asset = (name: string): Asset => scan.assets.find((a) => a.ip === d[name]!.ip)!;
    // Identity: what each device states of itself, else its registry entry.
    // The printer states its model in its mDNS TXT record: read by a fingerprint (kept), and as the probe reads `ty` whole.
    assert.deepEqual([asset('printer').hostname, asset('printer').manufacturer, asset('printer').model], ['printer-lab', 'HP', 'LaserJet 400 M401dn']);
    assert.equal(asset('printer').sources!.model!.fingerprint!.file, 'mdns_txt.xml');
    assert.deepEqual(asset('printer').sources!.model!.others!.map((o) => [o.value, o.source]), [['HP LaserJet 400 M401dn', 'mdns']]);
    assert.deepEqual(asset('printer').sources!.manufacturer!.others!.map((o) => o.source), ['oui'], 'the OUI (Brother) lost to the device');
    // The NAS speaks twice too: its UPnP description (the SSDP step, before SNMP) and its v3 agent.
    assert.deepEqual([asset('nas').hostname, asset('nas').manufacturer, asset('nas').model, asset('nas').os], ['nas-lab', 'Justin Maggard', 'Lab NAS DLNA', 'Debian']);
    for (const [fact, value] of [['manufacturer', 'Synology'], ['model', 'DS220+'], ['os', 'Synology DSM']] as const) {
      assert.ok(asset('nas').sources![fact]!.others!.some((o) => o.value === value && o.source === 'snmp'), `${fact}: ${value} from SNMP v3 kept beside it`);
    }
    // The Cast TXT record names its maker (a fingerprint's reading), which beats the OUI's registry entry.
    assert.deepEqual([asset('cast').hostname, asset('cast').model, asset('cast').manufacturer], ['cast-lab', 'Google Home Mini', 'Google']);
    assert.deepEqual(asset('cast').sources!.manufacturer!.others!.map((o) => [o.value, o.source]), [[d.cast!.vendor, 'oui']]);
    for (const name of ['router', 'cam', 'printer', 'nas', 'cast', 'closed']) assert.equal(asset(name).mac, d[name]!.mac, name);
    // Services: the camera's three, the NAS's media server.
    const tcp = (name: string) => asset(name).services.filter((s) => s.protocol === 'tcp').map((s) => [s.port, s.name]);
    assert.deepEqual(tcp('cam'), [[22, 'ssh'], [80, 'http'], [554, 'rtsp']]);
    assert.ok(tcp('nas').some(([port]) => port === 8200), JSON.stringify(tcp('nas')));
    assert.equal(asset('cam').os, 'Linux', 'from the Dropbear banner, an inference');
    assert.equal(asset('cam').sources!.os!.confidence, 'inferred');
    // Provenance: a fact points at the result that gave it.
    const hostnameSource = asset('nas').sources!.hostname!;
    assert.equal(scan.results.find((r) => r.seq === hostnameSource.seq)?.probe, hostnameSource.source);
    // The plan: cheapest first, and SNMP tried with the community before the v3 user.
    const steps = scan.plan!.steps.map((s) => s.step);
    assert.deepEqual(steps.slice(0, 2), ['discovery', 'mdns-service-types']);
    assert.ok(steps.indexOf('snmp') < steps.indexOf('classify'), steps.join(' '));
    assert.deepEqual(scan.plan!.steps.filter((s) => s.step === 'snmp').map((s) => s.detail), ['credential 1 of 2 (v2c)', 'credential 2 of 2 (v3)']);
    assert.equal(scan.plan!.steps.reduce((n, s) => n + s.packets, 0), scan.stats.packetsSent, 'the plan accounts for every packet');
    assert.ok(frames.length > 0);
    assert.ok(!JSON.stringify(scan).includes(nas.snmp!.authKey!) && !JSON.stringify(scan).includes(printer.snmp!.community!), 'no secret in the scan');
  });
});
