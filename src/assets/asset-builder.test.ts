import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProbeResult } from '../api/model.js';
import { AssetBuilder } from './asset-builder.js';
import { parseFingerprintFile } from '../fingerprints/database.js';
import { FingerprintEngine } from '../fingerprints/engine.js';

/** A one-fingerprint database, so these tests do not depend on the shipped one's contents. */
const engine = new FingerprintEngine([
  {
    name: 'test',
    dir: '.',
    files: [
      parseFingerprintFile(
        `<fingerprints matches="snmp.sys_description"><fingerprint pattern="^Synology (\\S+) DSM ([\\d.]+)$"><description>Synology NAS</description>
          <param pos="0" name="hw.vendor" value="Synology"/><param pos="1" name="hw.product"/><param pos="0" name="os.product" value="DSM"/><param pos="2" name="os.version"/></fingerprint></fingerprints>`,
        'snmp.xml',
        '.',
      ),
    ],
  },
]);

function deriveAssets(results: ProbeResult[]) {
  const builder = new AssetBuilder(engine);
  for (const r of results) builder.add(r);
  return builder.assets();
}

let seq = 0;
const ok = (probe: string, data: unknown, port?: number): ProbeResult =>
  ({ seq: ++seq, target: '198.18.77.23', probe, ...(port ? { port } : {}), attempt: 1, tries: 1, status: 'ok', data, observedAt: new Date(Date.UTC(2026, 10, 21, 0, 0, seq)).toISOString() }) as ProbeResult;

const classified = ok('classify', { catalog: 'cat_1', match: 'exact', device: 'Lab NAS', signature: [22, 8200], path: [{ port: 22, state: 'open' }, { port: 8200, state: 'open' }], unchecked: [], uncheckedPorts: 0, probes: 2, roundTrips: 1, filtered: 0 });
const dropbear = ok('tcp-banner', { port: 22, service: 'ssh', product: 'dropbear', os: 'Linux', banner: 'SSH-2.0-dropbear_2022.83\r\n', bytes: 26 }, 22);
const synology = ok(
  'snmp',
  {
    operation: 'get',
    version: '3',
    varbinds: [
      { oid: '1.3.6.1.2.1.1.1.0', type: 'OctetString', value: 'Synology DS220+ DSM 7.2' },
      { oid: '1.3.6.1.2.1.1.5.0', type: 'OctetString', value: 'nas-lab' },
    ],
  },
  161,
);

test('what a device states of itself replaces what was inferred, in whichever order they arrive', () => {
  for (const order of [
    [classified, dropbear, synology],
    [synology, classified, dropbear],
  ]) {
    const [asset] = deriveAssets(order);
    assert.equal(asset!.model, 'DS220+', 'the sysDescr model, not the catalogue type');
    assert.equal(asset!.os, 'DSM 7.2', 'the sysDescr OS, not the banner hint');
    assert.deepEqual(asset!.sources?.model?.fingerprint, { database: 'test', file: 'snmp.xml', description: 'Synology NAS' }, 'the fingerprint behind the model');
    assert.equal(asset!.hostname, 'nas-lab');
    assert.deepEqual(asset!.services.map((s) => [s.port, s.protocol, s.name]), [
      [22, 'tcp', 'ssh'],
      [161, 'udp', 'snmp'],
      [8200, 'tcp', undefined],
    ]);
  }
});

test('an inferred fact stands when nothing better is known, and does not replace an earlier inference', () => {
  const otherType = ok('classify', { ...(classified.data as object), device: 'Other NAS' });
  const [asset] = deriveAssets([classified, dropbear, otherType]);
  assert.equal(asset!.model, 'Lab NAS');
  assert.equal(asset!.os, 'Linux');
});

/** Table I's iHome Plug {80} as the lab camera {22, 80, 554} answers a partial check of it. */
const plug = ok('classify', { catalog: 'default', match: 'consistent', device: 'iHome Plug', signature: [80], path: [{ port: 80, state: 'open' }, { port: 8080, state: 'closed' }], unchecked: [22, 554, 9100], uncheckedPorts: 3, probes: 2, roundTrips: 2, filtered: 0 });
const ssh = ok('tcp-banner', { port: 22, service: 'ssh', banner: 'SSH-2.0-dropbear\r\n', bytes: 18 }, 22);
const nmap = ok('tcp-banner', { nmap: { ports: [{ port: 554, protocol: 'tcp', state: 'open', name: 'rtsp' }] } }, 554);

test('a consistent classify answer names the model; an open port another probe of the scan found outside its signature leaves it unset, in whichever order', () => {
  assert.equal(deriveAssets([plug])[0]!.model, 'iHome Plug');
  for (const order of [
    [plug, ssh],
    [ssh, plug],
    [nmap, plug],
    [plug, nmap],
  ]) {
    const [asset] = deriveAssets(order);
    assert.equal(asset!.model, undefined, order.map((r) => r.probe).join(', '));
    assert.ok(asset!.services.some((s) => s.port === 80));
  }
  const httpOnly = ok('tcp-banner', { port: 80, service: 'http', bytes: 10 }, 80);
  assert.equal(deriveAssets([httpOnly, plug])[0]!.model, 'iHome Plug', 'an open port of the signature contradicts nothing');
});

test('a candidate or unknown classify answer names no model; a candidate whose unprobed signature port another probe found open does', () => {
  const candidate = ok('classify', { ...(plug.data as object), match: 'candidate', path: [{ port: 8080, state: 'closed' }], unchecked: [22, 80, 554, 9100], uncheckedPorts: 4 });
  assert.equal(deriveAssets([candidate])[0]!.model, undefined);
  assert.equal(deriveAssets([candidate, ok('tcp-banner', { port: 80, service: 'http', bytes: 10 }, 80)])[0]!.model, 'iHome Plug');
  const unknown = ok('classify', { catalog: 'default', match: 'unknown', nearest: [{ type: 'iHome Plug', disagreeing: [22] }], path: [{ port: 22, state: 'open' }, { port: 80, state: 'open' }], unchecked: [], uncheckedPorts: 0, probes: 2, roundTrips: 1, filtered: 0 });
  assert.equal(deriveAssets([unknown])[0]!.model, undefined);
  assert.equal(deriveAssets([plug, unknown])[0]!.model, undefined, 'the ports an unknown answer found open contradict the earlier answer');
});

test('the same value from the same answer, inferred by one reading and stated by another, counts as stated', () => {
  // A sysObjectID fingerprint infers the maker (the OID does not spell it); the enterprise number states it.
  const oidEngine = new FingerprintEngine([
    {
      name: 'test',
      dir: '.',
      files: [parseFingerprintFile(`<fingerprints matches="snmp.sys_object_id"><fingerprint pattern="^1\\.3\\.6\\.1\\.4\\.1\\.11\\."><description>HP</description><param pos="0" name="hw.vendor" value="HP"/></fingerprint></fingerprints>`, 'oid.xml', '.')],
    },
  ]);
  const builder = new AssetBuilder(oidEngine);
  builder.addHost('198.18.77.23', '3c:2a:f4:77:00:22', new Date(Date.UTC(2026, 10, 21)).toISOString());
  builder.add(ok('snmp', { operation: 'get', version: '2c', varbinds: [{ oid: '1.3.6.1.2.1.1.2.0', type: 'OID', value: '1.3.6.1.4.1.11.2.3.9.1' }] }, 161));
  const asset = builder.asset('198.18.77.23')!;
  assert.deepEqual([asset.manufacturer, asset.sources!.manufacturer!.confidence], ['HP', 'stated'], 'stated, so it beats the OUI (a registry)');
  assert.deepEqual(asset.sources!.manufacturer!.others!.map((o) => o.source), ['oui']);
});
