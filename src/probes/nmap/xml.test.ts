import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { nmapArgs } from './run.js';
import { countTracedPackets, parseNmapXml } from './xml.js';

/** Recorded in the lab with nmap 7.93: `nmap -sT -sV -Pn -n --max-retries 1 -p … -oX - <host>`. */
const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

test('a host with open and closed ports: product, version, extrainfo, ostype, cpe, method, conf', () => {
  const run = parseNmapXml(fixture('cam-open-and-closed.xml'));
  assert.equal(run.version, '7.93');
  assert.equal(run.exit, 'success');
  const [host] = run.hosts;
  assert.equal(host!.address, '198.18.77.21');
  assert.equal(host!.timedOut, false);
  const byPort = Object.fromEntries(host!.ports.map((p) => [p.port, p]));
  assert.deepEqual(byPort[22], {
    port: 22,
    protocol: 'tcp',
    state: 'open',
    reason: 'syn-ack',
    name: 'ssh',
    product: 'Dropbear sshd',
    version: '2022.83',
    extrainfo: 'protocol 2.0',
    ostype: 'Linux',
    method: 'probed',
    conf: 10,
    cpe: ['cpe:/a:matt_johnston:dropbear_ssh_server:2022.83', 'cpe:/o:linux:linux_kernel'],
  });
  assert.equal(byPort[80]!.product, 'lighttpd');
  assert.deepEqual(byPort[80]!.cpe, ['cpe:/a:lighttpd:lighttpd:1.4.69']);
  assert.equal(byPort[23]!.state, 'closed');
  assert.equal(byPort[23]!.method, 'table');
});

test('a host with no open ports', () => {
  const [host] = parseNmapXml(fixture('no-open-ports.xml')).hosts;
  assert.deepEqual(host!.ports.map((p) => [p.port, p.state]), [[22, 'closed'], [80, 'closed']]);
});

test('a scan cut by --host-timeout says so', () => {
  const run = parseNmapXml(fixture('host-timeout.xml'));
  assert.equal(run.hosts[0]!.timedOut, true);
  assert.deepEqual(run.hosts[0]!.ports, []);
});

test('not nmap XML, truncated XML and entity tricks are refused or yield nothing, never crash', () => {
  assert.throws(() => parseNmapXml('<html></html>'), /nmaprun/);
  assert.throws(() => parseNmapXml('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><nmaprun/>'), /entity/);
  const xml = fixture('cam-open-and-closed.xml');
  for (const n of [0, 50, 300, Math.floor(xml.length / 2), xml.length - 20]) {
    try {
      const run = parseNmapXml(xml.slice(0, n));
      assert.ok(Array.isArray(run.hosts));
    } catch (err) {
      assert.ok(err instanceof Error);
    }
  }
});

test('nmap runs with an argument array: exactly the requested ports, caps from the scan', () => {
  const args = nmapArgs({ ip: '198.18.77.21', family: 4 }, [22, 80], { path: 'nmap', versionIntensity: 5, hostTimeoutMs: 30000 }, { retries: 1, maxRate: 20 });
  assert.deepEqual(args, ['-sT', '-sV', '-Pn', '-n', '-p', '22,80', '--version-intensity', '5', '--max-retries', '1', '--host-timeout', '30s', '--max-rate', '20', '--packet-trace', '-oX', '-', '198.18.77.21']);
  assert.ok(nmapArgs({ ip: '2001:db8::1', family: 6 }, [22], { path: 'nmap', versionIntensity: 7, hostTimeoutMs: 1000 }, { retries: 0, maxRate: undefined }).includes('-6'));
});

test('traced packets: each connection request and write', () => {
  const trace = [
    'NSOCK INFO [0.3010s] nsock_iod_new2(): nsock_iod_new (IOD #1)',
    'NSOCK INFO [0.3010s] nsock_connect_tcp(): TCP connection requested to 198.18.77.21:22 (IOD #1) EID 8',
    'NSOCK INFO [6.3080s] nsock_write(): Write request for 18 bytes to IOD #2 EID 43 [198.18.77.21:80]',
    'NSOCK INFO [6.3090s] nsock_read(): Read request from IOD #2 [198.18.77.21:80] (timeout: 5000ms) EID 50',
  ].join('\n');
  assert.equal(countTracedPackets(trace), 2);
});
