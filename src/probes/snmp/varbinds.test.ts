import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeVarbind, humanTimeTicks } from './varbinds.js';

const oid = '1.3.6.1.2.1.1.1.0';

test('every SNMP type decodes to readable, typed JSON', () => {
  const cases: Array<[number, unknown, object]> = [
    [1, true, { type: 'Boolean', value: true }],
    [2, -5, { type: 'Integer', value: -5 }],
    [4, Buffer.from('Linux cam 5.10'), { type: 'OctetString', value: 'Linux cam 5.10' }],
    [4, Buffer.from([0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]), { type: 'OctetString', value: '00:1a:2b:3c:4d:5e', encoding: 'hex' }],
    [4, Buffer.alloc(0), { type: 'OctetString', value: '' }],
    [5, null, { type: 'Null', value: null }],
    [6, '1.3.6.1.4.1.9.1.1', { type: 'OID', value: '1.3.6.1.4.1.9.1.1' }],
    [64, '10.0.0.1', { type: 'IpAddress', value: '10.0.0.1' }],
    [65, 4294967295, { type: 'Counter', value: 4294967295 }],
    [66, 12, { type: 'Gauge', value: 12 }],
    [67, 123456789, { type: 'TimeTicks', value: 123456789, text: '14d 06:56:07.89' }],
    [68, Buffer.from([0x9f, 0x78, 0x04]), { type: 'Opaque', value: '9f:78:04', encoding: 'hex' }],
    [70, Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), { type: 'Counter64', value: '18446744073709551615' }],
    [70, Buffer.from([0x01, 0x00]), { type: 'Counter64', value: '256' }],
    [128, null, { type: 'noSuchObject', value: null }],
    [129, null, { type: 'noSuchInstance', value: null }],
    [130, null, { type: 'endOfMibView', value: null }],
    [99, 'x', { type: 'type-99', value: 'x' }],
  ];
  for (const [type, value, expected] of cases) assert.deepEqual(decodeVarbind({ oid, type, value }), { oid, ...expected }, `type ${type}`);
});

test('TimeTicks in words', () => {
  assert.equal(humanTimeTicks(0), '0d 00:00:00.00');
  assert.equal(humanTimeTicks(8640000), '1d 00:00:00.00');
  assert.equal(humanTimeTicks(359999), '0d 00:59:59.99');
});
