import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Asset, FingerprintRef } from '../../src/api/model.js';
import { lab, syncScan, useLabService } from './lab-service.js';

const d = lab.devices as Record<string, { ip: string; [k: string]: unknown }>;
const printer = d.printer as { ip: string; snmp: { community: string } };
const nas = d.nas as { ip: string; snmp: Record<string, string> };
const cast = d.cast as { ip: string; mdns: { type: string } };
const cam = d.cam as { ip: string };

/** The shipped database's file behind a fact: what names it is data, not code written for the lab. */
const ours = (asset: Asset, fact: 'manufacturer' | 'model' | 'os' | 'type'): string | undefined => {
  const ref: FingerprintRef | undefined = asset.sources?.[fact]?.fingerprint;
  return ref?.database === 'pscan' ? ref.file : undefined;
};

describe('lab: the real daemons named by the shipped fingerprints', () => {
  const svc = useLabService();

  test('printer: its JetDirect sysDescr names maker and type; NAS: its DSM sysDescr names maker, model, OS and type', async () => {
    const v2c = await syncScan(svc, { targets: [printer.ip], probe: { type: 'snmp', community: printer.snmp.community } });
    const p = v2c.assets[0]!;
    assert.deepEqual([p.manufacturer, p.type], ['HP', 'Printer']);
    assert.match(ours(p, 'type') ?? '', /^snmp_sys(descr|objid)\.xml$/, 'read from its sysDescr or sysObjectID by the shipped database');
    const v3 = { user: nas.snmp.user, authProtocol: nas.snmp.authProtocol, authKey: nas.snmp.authKey, privProtocol: nas.snmp.privProtocol, privKey: nas.snmp.privKey };
    const scan = await syncScan(svc, { targets: [nas.ip], probe: { type: 'snmp', version: '3', v3 } });
    const n = scan.assets[0]!;
    assert.deepEqual([n.manufacturer, n.model, n.type], ['Synology', 'DS220+', 'NAS']);
    assert.match(n.os!, /DSM/);
    for (const fact of ['model', 'os', 'type'] as const) assert.equal(ours(n, fact), 'snmp_sysdescr.xml', fact);
    // The kernel's platform suffix (`synology_geminilake_220+`) gives the model number; the series prefix is the fingerprint's.
    assert.equal(n.sources!.model!.confidence, 'inferred');
  });

  test('cast speaker: its Cast TXT names model, maker and type; the camera and the NAS: software with CPE names', async () => {
    const speaker = await syncScan(svc, { targets: ['198.18.77.11-198.18.77.254'], probe: { type: 'mdns', name: cast.mdns.type }, timing: { timeoutMs: 1500 } });
    const c = speaker.assets.find((a) => a.ip === cast.ip)!;
    assert.equal(c.type, 'Smart Speaker');
    assert.equal(ours(c, 'type'), 'mdns_txt.xml');
    assert.equal(c.model, 'Google Home Mini');
    const banners = await syncScan(svc, { targets: [cam.ip], probe: { type: 'tcp-banner', ports: [22, 80] } });
    const services = banners.assets[0]!.services;
    for (const [port, product] of [
      [22, 'Dropbear SSH'],
      [80, 'lighttpd'],
    ] as const) {
      const s = services.find((x) => x.port === port)!;
      assert.equal(s.product, product);
      assert.match(s.version!, /^\d/);
      assert.ok(s.cpe?.some((cpe) => cpe.startsWith('cpe:2.3:a:') && cpe.includes(s.version!)), `${port}: ${JSON.stringify(s.cpe)}`);
    }
    const ssdp = await syncScan(svc, { targets: [nas.ip], probe: { type: 'ssdp', mx: 1, st: 'ssdp:all', fetchDescription: false }, timing: { timeoutMs: 1000 } });
    const upnp = ssdp.assets[0]!.services.find((s) => s.port === 8200)!;
    assert.equal(upnp.product, 'MiniDLNA', 'the SSDP SERVER header, read by the shipped fingerprints');
  });
});
