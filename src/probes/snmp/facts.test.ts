import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brandOf, enterpriseOf } from './enterprises.js';
import { snmpFacts, SYS_DESCR, SYS_NAME, SYS_OBJECT_ID } from './facts.js';

test('sysObjectID names the manufacturer through the IANA registry, by brand where the registry spells it otherwise', () => {
  assert.deepEqual(enterpriseOf('1.3.6.1.4.1.11.2.3.9.1'), { number: 11, manufacturer: 'HP' });
  assert.deepEqual(enterpriseOf('.1.3.6.1.4.1.9.1.1208'), { number: 9, manufacturer: 'Cisco' });
  // Numbers no brand list names come from the registry itself, less the corporate suffix.
  assert.deepEqual(enterpriseOf('1.3.6.1.4.1.534.6.6.7'), { number: 534, manufacturer: 'Eaton' });
  assert.deepEqual(enterpriseOf('1.3.6.1.4.1.8691.2.8'), { number: 8691, manufacturer: 'Moxa Technologies' });
  assert.deepEqual(enterpriseOf('1.3.6.1.4.1.12356.101.1.1'), { number: 12356, manufacturer: 'Fortinet' });
  assert.equal(enterpriseOf('1.3.6.1.4.1.4294967295.1')?.manufacturer, undefined);
  assert.equal(enterpriseOf('1.3.6.1.2.1.1'), undefined);
});

test('registry names lose their corporate suffixes', () => {
  assert.equal(brandOf('Synology Inc.'), 'Synology');
  assert.equal(brandOf('HUAWEI Technology Co.,Ltd'), 'HUAWEI Technology');
  assert.equal(brandOf('Ubiquiti Networks, Inc.'), 'Ubiquiti Networks');
  assert.equal(brandOf('Inc.'), 'Inc.');
});

test("system group → the hostname and the enterprise's maker stated, sysDescr and sysObjectID for the fingerprints; Net-SNMP's own number names no maker; binary values ignored", () => {
  const facts = snmpFacts([
    { oid: SYS_DESCR, type: 'OctetString', value: 'Linux nas 5.10.55+ Synology DS220+' },
    { oid: SYS_OBJECT_ID, type: 'OID', value: '1.3.6.1.4.1.6574.1' },
    { oid: SYS_NAME, type: 'OctetString', value: ' nas-lab ' },
  ]);
  assert.deepEqual(facts, {
    stated: { hostname: 'nas-lab', manufacturer: 'Synology' },
    answers: [
      { matches: 'snmp.sys_object_id', text: '1.3.6.1.4.1.6574.1' },
      { matches: 'snmp.sys_description', text: 'Linux nas 5.10.55+ Synology DS220+' },
    ],
  });
  assert.deepEqual(snmpFacts([{ oid: SYS_OBJECT_ID, type: 'OID', value: '1.3.6.1.4.1.8072.3.2.10' }]).stated, {});
  assert.deepEqual(snmpFacts([{ oid: SYS_NAME, type: 'OctetString', value: '00:01', encoding: 'hex' }]), { stated: {}, answers: [] });
  assert.deepEqual(snmpFacts([{ oid: SYS_NAME, type: 'noSuchObject', value: null }]), { stated: {}, answers: [] });
});
