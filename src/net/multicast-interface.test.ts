import assert from 'node:assert/strict';
import type os from 'node:os';
import { test } from 'node:test';
import { resolveMulticastInterface } from './multicast-interface.js';

const addr = (address: string, internal = false): os.NetworkInterfaceInfo =>
  ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: `${address}/24` }) as os.NetworkInterfaceInfo;
const ifaces = { lo: [addr('127.0.0.1', true)], eth0: [addr('198.18.77.10')], wlan0: [addr('198.18.78.5')] };

test('PSCAN_INTERFACE by name or address; unset: the default route, else the first non-loopback', () => {
  assert.equal(resolveMulticastInterface('wlan0', ifaces, 'eth0'), '198.18.78.5');
  assert.equal(resolveMulticastInterface('198.18.78.5', ifaces, 'eth0'), '198.18.78.5');
  assert.equal(resolveMulticastInterface(undefined, ifaces, 'wlan0'), '198.18.78.5');
  assert.equal(resolveMulticastInterface(undefined, ifaces, undefined), '198.18.77.10');
  assert.equal(resolveMulticastInterface(undefined, { lo: ifaces.lo }, undefined), undefined);
});

test('a named interface or address that is not here stops the start, naming the setting', () => {
  assert.throws(() => resolveMulticastInterface('eth9', ifaces, 'eth0'), /PSCAN_INTERFACE.*"eth9"/);
  assert.throws(() => resolveMulticastInterface('10.9.9.9', ifaces, 'eth0'), /PSCAN_INTERFACE.*10\.9\.9\.9/);
});
