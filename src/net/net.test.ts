import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { closedPort, probeContext, tcpServer } from '../../test/support/probe-context.js';
import type { NetFactory } from '../probes/net.js';
import { systemNet } from '../probes/net.js';
import { parseCidr } from './addresses.js';
import { mapConcurrent } from '../util/map-concurrent.js';
import { HostDiscovery } from '../scans/host-discovery.js';
import { type Link, linkOf, localLinks, recentLocalLinks, sysfsFlags } from './links.js';
import os from 'node:os';
import { KernelNeighbours, type NeighbourEntry, type NeighbourSource, parseIpNeighJson, parseProcNetArp } from './neighbours.js';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { portState } from '../probes/port-state.js';
import { RoundTripTimes } from './round-trip-times.js';
import { vendorOf } from './oui.js';

test('/proc/net/arp: resolved entries give their MAC; incomplete, zero and garbage lines give none', () => {
  const text = [
    'IP address       HW type     Flags       HW address            Mask     Device',
    '198.18.77.21     0x1         0x2         C0:56:E3:00:00:21     *        eth0',
    '198.18.77.99     0x1         0x0         00:00:00:00:00:00     *        eth0',
    '198.18.77.98     0x1         0x2         00:00:00:00:00:00     *        eth0',
    'garbage',
    '198.18.77.22     0x1         0xzz        not-a-mac             *        eth0',
    '',
  ].join('\n');
  assert.deepEqual(parseProcNetArp(text), [
    { ip: '198.18.77.21', dev: 'eth0', state: 'reachable', mac: 'c0:56:e3:00:00:21' },
    { ip: '198.18.77.99', dev: 'eth0', state: 'incomplete' },
    { ip: '198.18.77.98', dev: 'eth0', state: 'reachable' },
    { ip: '198.18.77.22', dev: 'eth0', state: 'incomplete' },
  ]);
  assert.deepEqual(parseProcNetArp(''), []);
});

test('ip -j neigh: states and MACs as the kernel gives them; truncated or hostile JSON gives nothing', () => {
  const text = '[{"dst":"198.18.99.3","dev":"eth0","state":["FAILED"]},{"dst":"198.18.99.2","dev":"eth0","lladdr":"56:BF:F7:18:4A:F6","state":["REACHABLE"]},{"dst":"fe80::1","lladdr":"bogus","state":["STALE"]},{"dst":7},null]';
  assert.deepEqual(parseIpNeighJson(text), [
    { ip: '198.18.99.3', dev: 'eth0', state: 'failed' },
    { ip: '198.18.99.2', dev: 'eth0', state: 'reachable', mac: '56:bf:f7:18:4a:f6' },
    { ip: 'fe80::1', state: 'stale' },
  ]);
  for (const bad of [text.slice(0, 40), '{"dst":"1.2.3.4"}', 'null', '']) assert.deepEqual(parseIpNeighJson(bad), [], bad);
});

test('OUI vendor from the IEEE registry; locally administered, group and malformed MACs have none', () => {
  assert.equal(vendorOf('20:33:89:01:02:03'), 'Google, Inc.');
  assert.equal(vendorOf('3C-2A-F4-01-02-03'), 'Brother Industries, LTD.');
  assert.equal(vendorOf('02:33:89:01:02:03'), undefined, 'locally administered');
  assert.equal(vendorOf('21:33:89:01:02:03'), undefined, 'group address');
  for (const bad of ['', '20:33:89', 'zz:33:89:01:02:03', '20:33:89:01:02:03:04']) assert.equal(vendorOf(bad), undefined, bad);
});

test('links: the narrowest local subnet holding an address; loopback and link-local are no links', () => {
  const links = localLinks({
    lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
    eth0: [
      { address: '198.18.77.10', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '198.18.77.10/24' },
      { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
    ],
    wide: [{ address: '198.18.0.1', netmask: '255.254.0.0', family: 'IPv4', mac: '02:00:00:00:00:02', internal: false, cidr: '198.18.0.1/15' }],
  }, () => undefined);
  assert.deepEqual(links.map((l) => l.dev), ['eth0', 'wide']);
  assert.equal(linkOf(links, '198.18.77.21')?.dev, 'eth0');
  assert.equal(linkOf(links, '198.18.78.21')?.dev, 'wide');
  assert.equal(linkOf(links, '127.0.0.1'), undefined);
  assert.equal(linkOf(links, 'not an ip'), undefined);
});

test('links: an interface that resolves no neighbours (tun, WireGuard: NOARP) is no link, so its peers are reached by TCP', () => {
  const eth = (address: string, mac: string) => [{ address, netmask: '255.255.255.0', family: 'IPv4' as const, mac, internal: false, cidr: `${address}/24` }];
  const interfaces = { eth0: eth('198.18.77.10', '02:00:00:00:00:01'), wg0: eth('198.18.90.1', '00:00:00:00:00:00'), tun0: eth('198.18.91.1', '00:00:00:00:00:00'), arpOff: eth('198.18.92.1', '02:00:00:00:00:03') };
  // As sysfs shows them: UP|BROADCAST|RUNNING|MULTICAST for eth0, NOARP set on the others.
  const flags: Record<string, number> = { eth0: 0x1043, wg0: 0x90, tun0: 0x1091, arpOff: 0x10c3 };
  const links = localLinks(interfaces, (dev) => flags[dev]);
  assert.deepEqual(links.map((l) => l.dev), ['eth0']);
  assert.equal(linkOf(links, '198.18.90.2'), undefined);
  // Where the flags cannot be read, an interface without a hardware address is taken as NOARP.
  assert.deepEqual(localLinks(interfaces, () => undefined).map((l) => l.dev), ['eth0', 'arpOff']);
});

test('links: the flags read from sysfs are the kernel\'s (loopback has LOOPBACK), an alias reads its interface\'s, a missing interface has none', () => {
  const lo = sysfsFlags('lo');
  if (existsSync('/sys/class/net/lo/flags')) {
    assert.equal(lo! & 0x8, 0x8);
    assert.equal(sysfsFlags('lo:pscan'), lo);
  } else assert.equal(lo, undefined);
  assert.equal(sysfsFlags('no-such-interface-pscan'), undefined);
});

test('links: the flags are read once per interface, not once per address', () => {
  const v4 = (address: string) => ({ address, netmask: '255.255.255.0', family: 'IPv4' as const, mac: '02:00:00:00:00:01', internal: false, cidr: `${address}/24` });
  const read: string[] = [];
  const links = localLinks({ eth0: [v4('198.18.77.10'), v4('198.18.78.10')], 'eth0:1': [v4('198.18.79.10')] }, (dev) => {
    read.push(dev);
    return dev.startsWith('eth0') ? 0x10c3 : undefined;
  });
  assert.deepEqual(links, []);
  assert.deepEqual(read, ['eth0', 'eth0:1']);
});

test('mapConcurrent: at most `limit` in flight, results as they settle, the source read only as results are taken', async () => {
  let inFlight = 0;
  let peak = 0;
  let taken = 0;
  const source = (function* () {
    for (let i = 0; i < 20; i++) {
      taken++;
      yield i;
    }
  })();
  const out: number[] = [];
  for await (const v of mapConcurrent(source, 3, async (i) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setImmediate(r));
    inFlight--;
    return i * 2;
  })) {
    out.push(v);
    assert.ok(taken <= out.length + 3, `took ${taken} items for ${out.length} results`);
  }
  assert.equal(peak, 3);
  assert.deepEqual(out.sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i * 2));
});

test('an iproute2 that cannot read JSON: reads fall back to /proc/net/arp, which has no IPv6, so no IPv6 entry is removed as unanswered', async () => {
  // A stand-in `ip`: refuses -j as an old iproute2 does, logs what a batch asks; touches no table.
  const dir = mkdtempSync(path.join(tmpdir(), 'pscan-fake-ip-'));
  const log = path.join(dir, 'batches.log');
  const ip = path.join(dir, 'ip');
  writeFileSync(ip, `#!/bin/sh\nfor a in "$@"; do [ "$a" = "-j" ] && { echo 'Option "-j" is unknown' >&2; exit 255; }; done\ncat >> '${log}'\n`);
  chmodSync(ip, 0o700);
  const kernel = new KernelNeighbours(ip);
  const asked = [{ ip: '198.18.77.99', dev: 'eth9' }, { ip: 'fd00:77::5', dev: 'eth9' }];
  assert.equal(await kernel.solicit(asked), true);
  await kernel.read();
  await kernel.forget(asked);
  assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), ['neigh replace 198.18.77.99 dev eth9 use', 'neigh replace fd00:77::5 dev eth9 use', 'neigh del 198.18.77.99 dev eth9']);
});

/** A neighbour table the test drives: answers per address, and every solicit batch recorded. */
function fakeTable(answers: Record<string, NeighbourEntry | undefined>, canSolicit = true): NeighbourSource & { batches: string[][]; reads: number; forgotten: string[] } {
  const table = {
    batches: [] as string[][],
    reads: 0,
    forgotten: [] as string[],
    forget: async (requests: ReadonlyArray<{ ip: string; dev: string }>) => {
      table.forgotten.push(...requests.map((r) => `${r.ip}%${r.dev}`));
    },
    solicit: async (requests: ReadonlyArray<{ ip: string; dev: string }>) => {
      table.batches.push(requests.map((r) => `${r.ip}%${r.dev}`));
      return canSolicit;
    },
    read: async () => {
      table.reads++;
      return Object.values(answers).filter((e): e is NeighbourEntry => e !== undefined);
    },
  };
  return table;
}

const lab: Link[] = [{ dev: 'eth0', range: parseCidr('198.18.77.0/24')! }];
const target = (ip: string) => ({ ip, family: 4 as const });

test('on-link discovery: one batch for addresses asked together, alive with its MAC, failed or silent is down, no packet either way', async () => {
  const table = fakeTable({
    a: { ip: '198.18.77.21', state: 'reachable', mac: 'c0:56:e3:00:00:21' },
    b: { ip: '198.18.77.31', state: 'stale', mac: '02:00:00:00:00:31' },
    c: { ip: '198.18.77.99', state: 'failed' },
    d: { ip: '198.18.77.98', state: 'incomplete' },
  });
  const discovery = new HostDiscovery(table, () => lab, { tcpPorts: [80], pollMs: 10 });
  const ctx = probeContext({ timeoutMs: 100 });
  const verdicts = await Promise.all(['198.18.77.21', '198.18.77.31', '198.18.77.99', '198.18.77.98', '127.0.0.5'].map((ip) => discovery.check(target(ip), ctx)));
  assert.deepEqual(verdicts.map((v) => [v.ip, v.alive, v.method, v.mac]), [
    ['198.18.77.21', true, 'neighbour', 'c0:56:e3:00:00:21'],
    ['198.18.77.31', true, 'neighbour', '02:00:00:00:00:31'],
    ['198.18.77.99', false, 'neighbour', undefined],
    ['198.18.77.98', false, 'neighbour', undefined],
    ['127.0.0.5', true, 'loopback', undefined],
  ]);
  assert.match(verdicts[3]!.reason!, /no ARP answer on eth0 within 100 ms/);
  assert.deepEqual(table.batches, [['198.18.77.21%eth0', '198.18.77.31%eth0', '198.18.77.99%eth0', '198.18.77.98%eth0']], 'one batch, loopback not asked');
  assert.deepEqual(table.forgotten.sort(), ['198.18.77.98%eth0', '198.18.77.99%eth0'], 'the entries of addresses that never answered are removed, the answered kept');
  assert.equal(ctx.packets(), 0, 'neighbour resolution sends no IP packet');
});

test('on-link discovery: a neighbour that answered gives its round trip (bounded by the poll) to time the probes; a dead one gives none', async () => {
  const table = fakeTable({ a: { ip: '198.18.77.21', state: 'reachable', mac: 'c0:56:e3:00:00:21' }, c: { ip: '198.18.77.99', state: 'failed' } });
  const discovery = new HostDiscovery(table, () => lab, { tcpPorts: [80], pollMs: 10 });
  const heard: number[] = [];
  const ctx = probeContext({ timeoutMs: 1000, onRoundTrip: (ms) => heard.push(ms) });
  await discovery.check(target('198.18.77.99'), ctx);
  assert.deepEqual(heard, []);
  await discovery.check(target('198.18.77.21'), ctx);
  assert.equal(heard.length, 1);
  assert.ok(heard[0]! >= 0 && heard[0]! < 1000, `${heard[0]}`);
});

test('on-link discovery: removing a dead address\'s entry never removes the one another scan has just asked for', { timeout: 10_000 }, async () => {
  // A kernel table as `ip` changes it: a request makes an entry (reachable once the host is up),
  // and the removal of the first scan's entry, an `ip` process of its own, ends a while later.
  const ip = '198.18.77.40';
  let hostUp = false;
  const entries = new Map<string, NeighbourEntry>();
  const table: NeighbourSource = {
    solicit: async (requests) => {
      for (const r of requests) entries.set(r.ip, hostUp ? { ip: r.ip, dev: r.dev, state: 'reachable', mac: '02:00:00:00:00:40' } : { ip: r.ip, dev: r.dev, state: 'incomplete' });
      return true;
    },
    read: async () => [...entries.values()],
    forget: async (requests) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const r of requests) entries.delete(r.ip);
    },
  };
  const discovery = new HostDiscovery(table, () => lab, { tcpPorts: [80], pollMs: 10 });
  const first = await discovery.check(target(ip), probeContext({ timeoutMs: 30 }));
  assert.equal(first.alive, false, 'down for the first scan');
  // The host is up when the next scan asks, while the first scan's entry is still being removed.
  hostUp = true;
  const second = await discovery.check(target(ip), probeContext({ timeoutMs: 1000 }));
  assert.equal(second.alive, true, 'the second scan\'s answered request is not deleted under it');
});

test('on-link discovery an aborted scan stops waiting at once', async () => {
  const discovery = new HostDiscovery(fakeTable({}), () => lab, { tcpPorts: [80], pollMs: 10 });
  const controller = new AbortController();
  const pending = discovery.check(target('198.18.77.50'), probeContext({ timeoutMs: 60_000, signal: controller.signal }));
  controller.abort(new Error('cancelled'));
  await assert.rejects(pending, /cancelled/);
});

/** Sockets for off-link addresses, served on loopback: `to` maps (host:port) to a loopback port or an error code. */
function redirectingNet(to: Record<string, number | string>): NetFactory {
  return {
    connectTcp: ({ host, port }) => {
      const where = to[`${host}:${port}`];
      if (typeof where === 'number') return systemNet.connectTcp({ host: '127.0.0.1', port: where });
      const socket = new net.Socket();
      if (typeof where === 'string') setImmediate(() => socket.emit('error', Object.assign(new Error(where), { code: where })));
      return socket; // no mapping: never connects (a filtered port)
    },
    createUdp: (family) => systemNet.createUdp(family),
  };
}

test('off-link discovery: any answer on the TCP ports is alive, unreachable or silence on all is down; each try is a counted packet', async () => {
  const open = await tcpServer((s) => s.end());
  const refused = await closedPort();
  try {
    const netf = redirectingNet({ '198.18.79.2:80': open.port, '198.18.79.3:443': refused, '198.18.79.4:80': 'EHOSTUNREACH', '198.18.79.4:443': 'EHOSTUNREACH' });
    const discovery = new HostDiscovery(fakeTable({}), () => lab, { tcpPorts: [80, 443], pollMs: 10 });
    const ctx = probeContext({ timeoutMs: 200, net: netf });
    const verdicts = await Promise.all(['198.18.79.2', '198.18.79.3', '198.18.79.4', '198.18.79.5'].map((ip) => discovery.check(target(ip), ctx)));
    assert.deepEqual(verdicts.map((v) => [v.ip, v.alive, v.method]), [
      ['198.18.79.2', true, 'tcp'],
      ['198.18.79.3', true, 'tcp'],
      ['198.18.79.4', false, 'tcp'],
      ['198.18.79.5', false, 'tcp'],
    ]);
    assert.match(verdicts[2]!.reason!, /unreachable/);
    assert.match(verdicts[3]!.reason!, /no answer within 200 ms/);
    assert.equal(ctx.packets(), 8, 'two ports per address');
  } finally {
    await open.close();
  }
});

test('on-link without the right to ask the kernel: a TCP connect makes it resolve, and the table still gives the MAC', async () => {
  const refused = await closedPort();
  const table = fakeTable({ a: { ip: '198.18.77.21', state: 'reachable', mac: 'c0:56:e3:00:00:21' } }, false);
  const discovery = new HostDiscovery(table, () => lab, { tcpPorts: [80, 443], pollMs: 10 });
  const ctx = probeContext({ timeoutMs: 200, net: redirectingNet({ '198.18.77.21:80': refused, '198.18.77.99:80': 'EHOSTUNREACH' }) });
  const [alive, dead] = await Promise.all([discovery.check(target('198.18.77.21'), ctx), discovery.check(target('198.18.77.99'), ctx)]);
  assert.deepEqual([alive.alive, alive.mac, dead.alive], [true, 'c0:56:e3:00:00:21', false]);
  assert.equal(ctx.packets(), 2, 'one SYN each, on the first discovery port only');
});

test('recentLocalLinks reads the interfaces again only once its age is past', (t) => {
  let reads = 0;
  const original = performance.now;
  let now = 0;
  performance.now = () => now;
  t.after(() => (performance.now = original));
  const links = recentLocalLinks(1000);
  t.mock.method(os, 'networkInterfaces', () => (reads++, {}));
  links();
  links();
  now = 999;
  links();
  assert.equal(reads, 1, 'one read within the age');
  now = 1001;
  links();
  assert.equal(reads, 2);
});

test('round trips: the whole timeout until a host is measured, then srtt + 4·rttvar between the floor and the timeout', () => {
  let now = 0;
  const trips = new RoundTripTimes(100, 2, 60_000, () => now);
  assert.equal(trips.timeoutMs('198.18.77.21', 2000), 2000, 'unmeasured');
  trips.observe('198.18.77.21', 1);
  assert.equal(trips.timeoutMs('198.18.77.21', 2000), 100, 'a fast host: the floor');
  trips.observe('198.18.77.22', 200);
  assert.equal(trips.timeoutMs('198.18.77.22', 2000), 600, 'first measure: srtt 200, rttvar 100');
  assert.equal(trips.timeoutMs('198.18.77.22', 500), 500, 'never past the scan\'s timeout');
  trips.observe('198.18.77.22', 100);
  // rttvar = 0.75·100 + 0.25·|200 − 100| = 100; srtt = 0.875·200 + 0.125·100 = 187.5
  assert.equal(trips.timeoutMs('198.18.77.22', 2000), 588);
  for (const bad of [-1, Number.NaN, Infinity]) trips.observe('198.18.77.23', bad);
  assert.equal(trips.timeoutMs('198.18.77.23', 2000), 2000, 'nonsense measures are ignored');
  trips.observe('198.18.77.24', 1);
  assert.equal(trips.timeoutMs('198.18.77.21', 2000), 2000, 'bounded: the oldest entry went');
  now = 60_001;
  assert.equal(trips.timeoutMs('198.18.77.24', 2000), 2000, 'a stale measure no longer counts');
});

test('port state: an answered handshake (SYN-ACK or RST) is measured; silence waits the connect timeout, not the whole timeout', async () => {
  const open = await tcpServer((s) => s.end());
  const refused = await closedPort();
  try {
    const heard: number[] = [];
    const netf = redirectingNet({ '198.18.77.21:80': open.port, '198.18.77.21:81': refused });
    const ctx = probeContext({ timeoutMs: 60_000, connectTimeoutMs: 20, net: netf, onRoundTrip: (ms) => heard.push(ms) });
    const states = await Promise.all([80, 81, 82].map((port) => portState(target('198.18.77.21'), port, ctx)));
    assert.deepEqual(states, ['open', 'closed', 'filtered']);
    assert.equal(heard.length, 2, 'the open and the closed port');
  } finally {
    await open.close();
  }
});

test('port state under a stalled event loop: a handshake the kernel completed in time is open, not filtered by a timer that expired meanwhile', async () => {
  const open = await tcpServer((s) => s.end());
  try {
    const stalling: NetFactory = { ...systemNet, connectTcp: (o) => {
      const socket = systemNet.connectTcp(o);
      // The connect is issued on the next tick; the thread then stalls 100 ms, past the 20 ms wait.
      process.nextTick(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100));
      return socket;
    } };
    const ctx = probeContext({ timeoutMs: 60_000, connectTimeoutMs: 20, net: stalling });
    assert.equal(await portState(target('127.0.0.1'), open.port, ctx), 'open');
  } finally {
    await open.close();
  }
});

test('off-link discovery waits the whole timeout, not a wait shortened by an earlier measure of the host: a slow answer is alive', async () => {
  const open = await tcpServer((s) => s.end());
  try {
    // The SYN-ACK comes after 80 ms; an earlier measure would have cut the wait at 20 ms.
    const slow: NetFactory = {
      connectTcp: () => {
        const socket = new net.Socket();
        setTimeout(() => socket.connect({ host: '127.0.0.1', port: open.port }), 80);
        return socket;
      },
      createUdp: (family) => systemNet.createUdp(family),
    };
    const discovery = new HostDiscovery(fakeTable({}), () => lab, { tcpPorts: [80], pollMs: 10 });
    const verdict = await discovery.check(target('198.18.79.2'), probeContext({ timeoutMs: 2000, connectTimeoutMs: 20, net: slow }));
    assert.deepEqual([verdict.alive, verdict.method], [true, 'tcp']);
  } finally {
    await open.close();
  }
});

test('mapConcurrent: a call that rejects ends the iteration with its error, not a wait forever', { timeout: 10_000 }, async () => {
  const out: number[] = [];
  await assert.rejects(async () => {
    for await (const v of mapConcurrent([1, 2, 3, 4].values(), 2, async (i) => {
      if (i === 2) throw new Error(`item ${i} failed`);
      return i;
    })) out.push(v);
  }, /item 2 failed/);
  assert.ok(out.every((v) => v !== 2));
});
