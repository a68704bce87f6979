import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enterpriseOf, ENTERPRISES } from './enterprises.js';
import { factsFromSysDescr, snmpFacts, SYS_DESCR, SYS_NAME, SYS_OBJECT_ID } from './facts.js';

test('sysDescr patterns name OS, manufacturer and model where recognisable', () => {
  assert.deepEqual(factsFromSysDescr('Linux nas-lab 5.10.55+ #42962 SMP Synology DS220+ x86_64'), { manufacturer: 'Synology', model: 'DS220+', os: 'Linux (DSM)' });
  assert.deepEqual(factsFromSysDescr('Linux router 4.14.180 #0 SMP Thu Jan 1 mips'), { os: 'Linux 4.14.180' });
  assert.deepEqual(factsFromSysDescr('HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI24090012'), { manufacturer: 'HP', model: 'JetDirect JD153' });
  assert.deepEqual(
    factsFromSysDescr('Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 12.2(55)SE7, RELEASE SOFTWARE (fc1)'),
    { manufacturer: 'Cisco', os: 'Cisco IOS 12.2(55)SE7', model: 'C2960' },
  );
  assert.deepEqual(factsFromSysDescr('Hardware: Intel64 Family 6 - Software: Windows Version 6.3 (Build 17763 Multiprocessor Free)'), { manufacturer: 'Microsoft', os: 'Windows 6.3' });
  assert.deepEqual(factsFromSysDescr('Brother NC-8300w, Firmware Ver.1.20'), { manufacturer: 'Brother', model: 'NC-8300w' });
  assert.deepEqual(factsFromSysDescr('something else entirely'), {});
});

test('sysObjectID names the manufacturer through the enterprise number', () => {
  assert.deepEqual(enterpriseOf('1.3.6.1.4.1.11.2.3.9.1'), { number: 11, manufacturer: 'HP' });
  assert.deepEqual(enterpriseOf('1.3.6.1.4.1.99999.1'), { number: 99999 });
  assert.equal(enterpriseOf('1.3.6.1.2.1.1'), undefined);
  assert.ok(ENTERPRISES.size >= 30);
  for (const n of [9, 11, 2435, 1602, 368, 39165, 41112, 6574, 14988]) assert.ok(ENTERPRISES.has(n), `enterprise ${n}`);
});

test('system group → facts; the enterprise wins over sysDescr for the manufacturer; binary names ignored', () => {
  const facts = snmpFacts([
    { oid: SYS_DESCR, type: 'OctetString', value: 'Linux nas 5.10.55+ Synology DS220+' },
    { oid: SYS_OBJECT_ID, type: 'OID', value: '1.3.6.1.4.1.6574.1' },
    { oid: SYS_NAME, type: 'OctetString', value: ' nas-lab ' },
  ]);
  assert.deepEqual(facts, { hostname: 'nas-lab', manufacturer: 'Synology', model: 'DS220+', os: 'Linux (DSM)' });
  assert.deepEqual(snmpFacts([{ oid: SYS_NAME, type: 'OctetString', value: '00:01', encoding: 'hex' }]), {});
  assert.deepEqual(snmpFacts([{ oid: SYS_NAME, type: 'noSuchObject', value: null }]), {});
});
