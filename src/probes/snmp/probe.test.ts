import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import snmp from 'net-snmp';
import { probeContext } from '../../../test/support/probe-context.js';
import { validateObject } from '../params.js';
import { classifyError } from '../probe.js';
import { snmpProbe } from './probe.js';
import type { SnmpParams } from '../../api/generated/params.js';

const loopback = { ip: '127.0.0.1', family: 4 as const };
const params = (over: Partial<SnmpParams>): SnmpParams => validateObject<SnmpParams>(snmpProbe.params, { operation: 'get', oids: ['1.3.6.1.2.1.1.5.0'], ...over }, '').value;
const run = (p: SnmpParams, timeoutMs = 1000) => {
  const ctx = probeContext({ timeoutMs });
  return { ctx, result: snmpProbe.run(p, loopback, { port: p.port, protocol: 'udp' }, ctx) };
};

describe('snmp probe against net-snmp\'s in-process agent (unit)', () => {
  let agent: ReturnType<typeof snmp.createAgent>;
  const port = 16100 + (process.pid % 1000);
  before(() => {
    agent = snmp.createAgent({ port, address: '127.0.0.1', disableAuthorization: true }, () => {});
    const mib = agent.getMib();
    mib.registerProvider({ name: 'sysName', type: snmp.MibProviderType.Scalar, oid: '1.3.6.1.2.1.1.5', scalarType: snmp.ObjectType.OctetString, maxAccess: snmp.MaxAccess['read-only'] } as never);
    mib.setScalarValue('sysName', 'unit-agent');
  });
  after(() => agent.close());

  test('v2c get decodes the varbind and counts one packet', async () => {
    const { ctx, result } = run(params({ port, community: 'any' }));
    const { data, rttMs } = await result;
    assert.deepEqual(data, { operation: 'get', version: '2c', varbinds: [{ oid: '1.3.6.1.2.1.1.5.0', type: 'OctetString', value: 'unit-agent' }] });
    assert.equal(ctx.packets(), 1);
    assert.ok(rttMs! >= 0);
  });

  test('walk past the end of the MIB stops cleanly inside the subtree', async () => {
    const { data } = await run(params({ port, operation: 'walk', oids: ['1.3.6.1.2.1.1'] })).result;
    assert.deepEqual(data.varbinds.map((v) => v.oid), ['1.3.6.1.2.1.1.5.0']);
  });
});

test('garbage from the agent port → malformed with the bytes; silence → timeout with a hint', async () => {
  const garbage = dgram.createSocket('udp4');
  garbage.on('message', (_m, r) => garbage.send(Buffer.from([0x30, 0x03, 0x02, 0x01]), r.port, r.address));
  await new Promise<void>((r) => garbage.bind(0, '127.0.0.1', r));
  const silent = dgram.createSocket('udp4');
  await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
  try {
    await assert.rejects(run(params({ port: (garbage.address() as AddressInfo).port })).result, (err) => {
      const c = classifyError(err);
      return c.status === 'malformed' && c.raw === Buffer.from([0x30, 0x03, 0x02, 0x01]).toString('base64');
    });
    await assert.rejects(run(params({ port: (silent.address() as AddressInfo).port }), 100).result, (err) => {
      const c = classifyError(err);
      return c.status === 'timeout' && /credentials may be wrong/.test(c.error!.message);
    });
  } finally {
    garbage.close();
    silent.close();
  }
});

test('nothing listening on loopback → ICMP port unreachable → closed', async () => {
  const probe = dgram.createSocket('udp4');
  await new Promise<void>((r) => probe.bind(0, '127.0.0.1', r));
  const free = (probe.address() as AddressInfo).port;
  probe.close();
  await assert.rejects(run(params({ port: free })).result, (err) => classifyError(err).status === 'closed');
});

test('parameter rules: numeric OIDs, no getBulk in v1, v3 needs credentials and no community', () => {
  const errs = (raw: object) => {
    const v = validateObject<SnmpParams>(snmpProbe.params, raw, '');
    return [...v.errors, ...(v.errors.length ? [] : snmpProbe.check!(v.value))].map((e) => e.path);
  };
  assert.deepEqual(errs({ operation: 'get', oids: ['.1.3.6', 'sysName', '1.3.6.1.99999999999'] }), ['/oids/0', '/oids/1', '/oids/2']);
  assert.deepEqual(errs({ operation: 'getBulk', version: '1', oids: ['1.3.6.1'] }), ['/operation']);
  assert.deepEqual(errs({ operation: 'get', version: '3', oids: ['1.3.6.1'] }), ['/v3']);
  assert.deepEqual(errs({ operation: 'get', version: '3', community: 'x', v3: { user: 'u', privProtocol: 'aes', privKey: 'k' }, oids: ['1.3.6.1'] }), ['/community', '/v3/authProtocol']);
  assert.deepEqual(errs({ operation: 'get', version: '2c', v3: { user: 'u' }, oids: ['1.3.6.1'] }), ['/v3']);
  assert.deepEqual(errs({ operation: 'get', oids: ['1.3.6.1'], maxRepetitions: 101 }), ['/maxRepetitions']);
  assert.deepEqual(errs({ operation: 'get', oids: ['1.3.6.1'], nonRepeaters: 1 }), ['/nonRepeaters']);
  assert.deepEqual(errs({ operation: 'getBulk', version: '2c', oids: ['1.3.6.1.2.1.1'], nonRepeaters: 1 }), []);
});
