import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProbeResult } from '../scans/model.js';
import { AssetBuilder } from './assets.js';

function deriveAssets(results: ProbeResult[]) {
  const builder = new AssetBuilder();
  for (const r of results) builder.add(r);
  return builder.assets();
}

let seq = 0;
const ok = (probe: string, data: unknown, port?: number): ProbeResult =>
  ({ seq: ++seq, target: '198.18.77.23', probe, ...(port ? { port } : {}), attempt: 1, tries: 1, status: 'ok', data, observedAt: new Date(Date.UTC(2026, 10, 21, 0, 0, seq)).toISOString() }) as ProbeResult;

const classified = ok('classify', { catalog: 'cat_1', match: 'confirmed', device: 'Lab NAS', path: [{ port: 8200, state: 'open' }], uncheckedPorts: 0, probes: 1, filtered: 0 });
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
    assert.equal(asset!.os, 'Linux (DSM)', 'the sysDescr OS, not the banner hint');
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
