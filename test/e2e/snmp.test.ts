import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SnmpData } from '../../src/probes/snmp/data.js';
import { lab, useLabService, syncScan } from './lab-service.js';

const printer = lab.devices.printer as { ip: string; hostname: string; snmp: { community: string } };
const nas = lab.devices.nas as { ip: string; hostname: string; snmp: Record<string, string> };
const SYSTEM = '1.3.6.1.2.1.1';

describe('lab: snmp against real snmpd', () => {
  const svc = useLabService();

  const sync = (body: object) => syncScan<SnmpData>(svc, body);

  test('v2c get of sysDescr, sysObjectID and sysName: typed varbinds and device facts; the community is never returned', async () => {
    const scan = await sync({ targets: [printer.ip], probe: { type: 'snmp', operation: 'get', oids: [`${SYSTEM}.1.0`, `${SYSTEM}.2.0`, `${SYSTEM}.5.0`, `${SYSTEM}.3.0`], community: printer.snmp.community } });
    const [r] = scan.results;
    assert.equal(r!.status, 'ok');
    assert.equal(r!.port, 161);
    assert.equal(r!.protocol, 'udp');
    const vbs = r!.data!.varbinds;
    assert.deepEqual(vbs[0], { oid: `${SYSTEM}.1.0`, type: 'OctetString', value: 'HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI24090012' });
    assert.deepEqual(vbs[1], { oid: `${SYSTEM}.2.0`, type: 'OID', value: '1.3.6.1.4.1.11.2.3.9.1' });
    assert.deepEqual(vbs[2], { oid: `${SYSTEM}.5.0`, type: 'OctetString', value: printer.hostname });
    assert.equal(vbs[3]!.type, 'TimeTicks');
    assert.match(vbs[3]!.text!, /^\d+d \d\d:\d\d:\d\d\.\d\d$/);
    const asset = scan.assets[0]!;
    assert.equal(asset.hostname, printer.hostname);
    assert.equal(asset.manufacturer, 'HP');
    assert.equal(asset.type, 'Printer', 'the shipped fingerprints read the JetDirect sysDescr');
    assert.equal(scan.stats.packetsSent, 1);
    assert.ok(!JSON.stringify(scan).includes(printer.snmp.community), 'community redacted');
    assert.equal((scan.request.probes[0] as { community?: string }).community, '[redacted]');
  });

  test('v2c: a missing OID is a per-varbind noSuchObject, not a failure', async () => {
    const scan = await sync({ targets: [printer.ip], probe: { type: 'snmp', operation: 'get', oids: [`${SYSTEM}.5.0`, `${SYSTEM}.99.0`], community: printer.snmp.community } });
    assert.equal(scan.results[0]!.status, 'ok');
    assert.deepEqual(scan.results[0]!.data!.varbinds[1], { oid: `${SYSTEM}.99.0`, type: 'noSuchObject', value: null });
  });

  test('v1: a missing OID is the noSuchName PDU error it is', async () => {
    const scan = await sync({ targets: [printer.ip], probe: { type: 'snmp', operation: 'get', version: '1', oids: [`${SYSTEM}.99.0`], community: printer.snmp.community } });
    assert.equal(scan.results[0]!.status, 'error');
    assert.equal(scan.results[0]!.error!.code, 'snmp-noSuchName');
  });

  test('getBulk and walk of the system group stay inside it', async () => {
    const bulk = await sync({ targets: [printer.ip], probe: { type: 'snmp', operation: 'getBulk', oids: [SYSTEM], maxRepetitions: 7, community: printer.snmp.community } });
    assert.equal(bulk.results[0]!.status, 'ok');
    assert.equal(bulk.results[0]!.data!.varbinds.length, 7);
    const walk = await sync({ targets: [printer.ip], probe: { type: 'snmp', operation: 'walk', oids: [SYSTEM], maxRepetitions: 5, community: printer.snmp.community } });
    const vbs = walk.results[0]!.data!.varbinds;
    assert.ok(vbs.length >= 7, `walked ${vbs.length}`);
    assert.ok(vbs.every((v) => v.oid.startsWith(`${SYSTEM}.`)), 'inside the subtree');
    assert.equal(walk.results[0]!.data!.cut, undefined);
    assert.ok(walk.stats.packetsSent >= 2, 'a walk takes several requests, each counted');
    const cut = await sync({ targets: [printer.ip], probe: { type: 'snmp', operation: 'walk', oids: [SYSTEM], maxVarbinds: 3, community: printer.snmp.community } });
    assert.equal(cut.results[0]!.data!.varbinds.length, 3);
    assert.equal(cut.results[0]!.data!.cut, 'maxVarbinds');
  });

  test('v3 authPriv get; keys redacted', async () => {
    const v3 = { user: nas.snmp.user, authProtocol: nas.snmp.authProtocol, authKey: nas.snmp.authKey, privProtocol: nas.snmp.privProtocol, privKey: nas.snmp.privKey };
    const scan = await sync({ targets: [nas.ip], probe: { type: 'snmp', operation: 'get', version: '3', v3, oids: [`${SYSTEM}.5.0`, `${SYSTEM}.2.0`] } });
    assert.equal(scan.results[0]!.status, 'ok', JSON.stringify(scan.results[0]));
    assert.equal(scan.results[0]!.data!.varbinds[0]!.value, nas.hostname);
    assert.equal(scan.assets[0]!.manufacturer, 'Synology');
    assert.equal(scan.stats.packetsSent, 2, 'engine discovery, then the request');
    const text = JSON.stringify(scan);
    assert.ok(!text.includes(nas.snmp.authKey!) && !text.includes(nas.snmp.privKey!));
  });

  test('wrong credentials: no answer is a timeout with a hint; a rejected v3 key is an error with a code', async () => {
    const wrongCommunity = await sync({ targets: [printer.ip], probe: { type: 'snmp', operation: 'get', oids: [`${SYSTEM}.5.0`], community: 'not-it' }, timing: { timeoutMs: 500 } });
    assert.equal(wrongCommunity.results[0]!.status, 'timeout');
    assert.match(wrongCommunity.results[0]!.error!.message, /community or SNMPv3 credentials may be wrong/);
    const base = { user: nas.snmp.user, authProtocol: 'sha', authKey: nas.snmp.authKey, privProtocol: 'aes', privKey: nas.snmp.privKey };
    const wrongAuth = await sync({ targets: [nas.ip], probe: { type: 'snmp', operation: 'get', version: '3', v3: { ...base, authKey: 'wrong-auth-key' }, oids: [`${SYSTEM}.5.0`] }, timing: { timeoutMs: 1000 } });
    assert.equal(wrongAuth.results[0]!.status, 'error');
    assert.equal(wrongAuth.results[0]!.error!.code, 'snmpv3-wrong-digest');
    const unknownUser = await sync({ targets: [nas.ip], probe: { type: 'snmp', operation: 'get', version: '3', v3: { ...base, user: 'ghost' }, oids: [`${SYSTEM}.5.0`] }, timing: { timeoutMs: 1000 } });
    assert.equal(unknownUser.results[0]!.status, 'error');
    assert.equal(unknownUser.results[0]!.error!.code, 'snmpv3-unknown-user');
    const wrongPriv = await sync({ targets: [nas.ip], probe: { type: 'snmp', operation: 'get', version: '3', v3: { ...base, privKey: 'wrong-priv-key' }, oids: [`${SYSTEM}.5.0`] }, timing: { timeoutMs: 500 } });
    assert.equal(wrongPriv.results[0]!.status, 'timeout');
  });

  test('garbage answers are malformed with their bytes; a closed port and a silent host are told apart', async () => {
    const scan = await sync({
      targets: [lab.devices.hostile!.ip, lab.devices.closed!.ip, lab.devices.dropped!.ip],
      probe: { type: 'snmp', operation: 'get', oids: [`${SYSTEM}.5.0`] },
      timing: { timeoutMs: 500 },
    });
    const by = Object.fromEntries(scan.results.map((r) => [r.target, r]));
    assert.equal(by[lab.devices.hostile!.ip]!.status, 'malformed');
    assert.ok(Buffer.from(by[lab.devices.hostile!.ip]!.raw!, 'base64').subarray(0, 2).equals(Buffer.from([0x30, 0x82])));
    assert.equal(by[lab.devices.closed!.ip]!.status, 'closed');
    assert.equal(by[lab.devices.dropped!.ip]!.status, 'timeout');
  });

  test('count × (1 + retries) packets at most, exactly counted', async () => {
    const scan = await sync({ targets: [lab.devices.dropped!.ip], probe: { type: 'snmp', operation: 'get', oids: [`${SYSTEM}.5.0`] }, timing: { count: 2, retries: 1, timeoutMs: 200, intervalMs: 10 } });
    assert.deepEqual(scan.results.map((r) => [r.attempt, r.tries, r.status]), [[1, 2, 'timeout'], [2, 2, 'timeout']]);
    assert.equal(scan.stats.packetsSent, 4);
  });
});
