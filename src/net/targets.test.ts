import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAddress, parseAddress, parseCidr } from './addresses.js';
import { countHosts, expandTargets, parseTarget, Scope, targetsContain, type TargetSpec } from './targets.js';

const spec = (t: string): TargetSpec => {
  const s = parseTarget(t);
  if (typeof s === 'string') throw new Error(`${t}: ${s}`);
  return s;
};

test('addresses round-trip, IPv6 is compressed per RFC 5952, IPv4-mapped folds to IPv4', () => {
  for (const ip of ['10.1.2.3', '::1', '2001:db8::1', 'fe80::1:0:0:1', '2001:db8:0:1:1:1:1:1', '::']) assert.equal(formatAddress(parseAddress(ip)!), ip);
  assert.equal(formatAddress(parseAddress('2001:0db8:0000:0000:0000:0000:0000:0001')!), '2001:db8::1');
  assert.deepEqual(parseAddress('::ffff:10.0.0.1'), { family: 4, value: parseAddress('10.0.0.1')!.value });
  for (const bad of ['10.0.0', '256.1.1.1', 'fe80::1%eth0', '1.2.3.4 ', 'localhost', '0x7f.1']) assert.equal(parseAddress(bad), undefined, bad);
});

test('targets: address, CIDR, range; /30 and wider IPv4 CIDRs leave out network and broadcast', () => {
  assert.deepEqual([...expandTargets([spec('192.168.1.0/30')])].map((t) => t.ip), ['192.168.1.1', '192.168.1.2']);
  assert.deepEqual([...expandTargets([spec('192.168.1.4/31')])].map((t) => t.ip), ['192.168.1.4', '192.168.1.5']);
  assert.deepEqual([...expandTargets([spec('10.0.0.254-10.0.1.1')])].map((t) => t.ip), ['10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1']);
  assert.deepEqual([...expandTargets([spec('2001:db8::/126')])].map((t) => t.ip), ['2001:db8::', '2001:db8::1', '2001:db8::2', '2001:db8::3']);
  assert.equal(countHosts([spec('10.0.0.0/8')]), 16777214n);
  assert.equal(countHosts([spec('2001:db8::/64')]), 1n << 64n);
});

test('overlapping targets are probed once each', () => {
  assert.deepEqual([...expandTargets([spec('10.0.0.1'), spec('10.0.0.0/30'), spec('10.0.0.2')])].map((t) => t.ip), ['10.0.0.1', '10.0.0.2']);
});

test('expansion is lazy: the first address of a /8 comes without materialising the rest', () => {
  const it = expandTargets([spec('10.0.0.0/8')]);
  assert.equal(it.next().value?.ip, '10.0.0.1');
  assert.equal(it.next().value?.ip, '10.0.0.2');
});

test('bad targets are refused with a reason', () => {
  for (const bad of ['10.0.0.0/33', '10.0.0.5-10.0.0.1', '10.0.0.1-::1', 'example.com', '', ' 10.0.0.1', '10.0.0.1/', '::/129']) {
    assert.equal(typeof parseTarget(bad), 'string', bad);
  }
});

test('scope: allow list, deny wins, always-denied ranges, first offending address named', () => {
  const scope = new Scope(['10.0.0.0/8', '169.254.0.0/16', '2001:db8::/32'], ['10.9.0.0/16']);
  assert.equal(scope.firstRefused(spec('10.1.0.0/16').range), undefined);
  assert.deepEqual(scope.firstRefused(spec('10.8.255.250-10.9.0.3').range), { address: '10.9.0.0', reason: 'denied by PSCAN_SCOPE_DENY' });
  assert.deepEqual(scope.firstRefused(spec('9.255.255.255-10.0.0.1').range), { address: '9.255.255.255', reason: 'not in PSCAN_SCOPE_ALLOW' });
  assert.deepEqual(scope.firstRefused(spec('10.255.255.254-11.0.0.1').range), { address: '10.255.255.255', reason: 'the network or broadcast address of a PSCAN_SCOPE_ALLOW range, not a host' });
  assert.deepEqual(scope.partition(spec('10.255.255.254-11.0.0.1')).refused, { address: '11.0.0.0', reason: 'not in PSCAN_SCOPE_ALLOW' });
  assert.equal(scope.allowsIp('169.254.169.254'), false, 'metadata address is always denied');
  assert.equal(scope.allowsIp('::ffff:10.9.0.1'), false, 'mapped IPv6 cannot dodge an IPv4 deny');
  assert.equal(scope.allowsIp('2001:db8::5'), true);
  assert.equal(scope.allowsIp('2001:db9::5'), false);
  assert.equal(new Scope(['0.0.0.0/0'], []).allowsIp('224.0.0.251'), false, 'multicast is never a target');
  assert.equal(new Scope(['0.0.0.0/0'], []).allowsIp('255.255.255.255'), false);
});

test("the service's own addresses and loopback are refused unless allowed", () => {
  const strict = new Scope(['10.0.0.0/8', '127.0.0.0/8'], [], ['10.0.0.5'], false);
  assert.deepEqual(strict.firstRefused(spec('10.0.0.0/24').range), { address: '10.0.0.5', reason: "the service's own address (PSCAN_SCOPE_ALLOW_SELF)" });
  assert.equal(strict.allowsIp('127.0.0.2'), false);
  assert.equal(strict.allowsIp('10.0.0.6'), true);
  const relaxed = new Scope(['10.0.0.0/8', '127.0.0.0/8'], [], ['10.0.0.5'], true);
  assert.equal(relaxed.allowsIp('10.0.0.5'), true);
  assert.equal(relaxed.allowsIp('127.0.0.1'), true);
});

test('scope over adjacent allow ranges covers their union', () => {
  const scope = new Scope(['10.0.0.0/25', '10.0.0.128/25'], []);
  assert.equal(scope.firstRefused(spec('10.0.0.1-10.0.0.254').range), undefined, 'where the ranges meet, .127 and .128 are hosts of the union');
  assert.deepEqual(['10.0.0.0', '10.0.0.255'].map((ip) => scope.allowsIp(ip)), [false, false], 'the union\'s own network and broadcast addresses are not');
  const nested = new Scope(['127.0.0.0/8', '127.0.0.0/16'], []);
  assert.deepEqual(['127.0.255.255', '127.1.0.0', '127.0.0.0', '127.255.255.255'].map((ip) => nested.allowsIp(ip)), [true, true, false, false]);
});

test('scope agrees with an address-by-address reference on random ranges', () => {
  let seed = 7;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let round = 0; round < 200; round++) {
    const cidr = () => `10.0.${rnd(4)}.${rnd(4) * 64}/${26 + rnd(6)}`;
    const allow = Array.from({ length: 1 + rnd(3) }, cidr);
    const deny = Array.from({ length: rnd(2) }, cidr);
    const scope = new Scope(allow, deny);
    const a = rnd(1024);
    const b = a + rnd(64);
    const ip = (n: number): string => `10.0.${n >> 8}.${n & 255}`;
    const range = spec(`${ip(a)}-${ip(b)}`).range;
    const inAny = (list: string[], n: number): boolean => list.some((c) => targetsContain([spec(c)].map((s) => ({ ...s, range: parseCidr(c)! })), ip(n)));
    // An allowed /30-or-wider CIDR's first and last address are no hosts unless the union of the allow list goes on past them.
    const edge = (n: number): boolean =>
      allow.some((c) => {
        const r = parseCidr(c)!;
        return r.last - r.first >= 3n && ((BigInt(n) === (r.first & 0xffffn) && !inAny(allow, n - 1)) || (BigInt(n) === (r.last & 0xffffn) && !inAny(allow, n + 1)));
      });
    let expected: string | undefined;
    for (let n = a; n <= b && expected === undefined; n++) if (inAny(deny, n) || !inAny(allow, n) || edge(n)) expected = ip(n);
    assert.equal(scope.firstRefused(range)?.address, expected, JSON.stringify({ allow, deny, a: ip(a), b: ip(b) }));
  }
});

test('expansion agrees with a reference enumeration on random CIDRs and ranges, IPv4 and IPv6', () => {
  let seed = 11;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const v4 = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
  const v6 = (n: number): string => `2001:db8::${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  for (let round = 0; round < 300; round++) {
    const six = round % 3 === 0;
    const base = rnd(2 ** 20) * 64;
    const fmt = six ? v6 : v4;
    let text: string;
    let expected: string[];
    if (rnd(2) === 0) {
      const prefix = six ? 122 + rnd(7) : 26 + rnd(7);
      const size = 2 ** ((six ? 128 : 32) - prefix);
      const first = base - (base % size);
      text = `${fmt(first)}/${prefix}`;
      expected = Array.from({ length: size }, (_, i) => fmt(first + i));
      if (!six && prefix <= 30) expected = expected.slice(1, -1);
    } else {
      const a = base + rnd(50);
      const b = a + rnd(40);
      text = `${fmt(a)}-${fmt(b)}`;
      expected = Array.from({ length: b - a + 1 }, (_, i) => fmt(a + i));
    }
    const got = [...expandTargets([spec(text)])].map((t) => t.ip);
    assert.deepEqual(got, expected.map((ip) => formatAddress(parseAddress(ip)!)), text);
    assert.equal(countHosts([spec(text)]), BigInt(expected.length), text);
  }
});

test('a range inside the allow list keeps its addresses less the excluded ones, counted by reason', () => {
  const scope = new Scope(['10.0.0.0/8', '0.0.0.0/0'], ['10.0.0.8/29'], ['10.0.0.2', '10.0.0.9'], false);
  const verdict = scope.partition(spec('10.0.0.0/24'));
  assert.ok(!verdict.refused);
  // .2 is the service's own; .8–.15 the deny list (.9 too: the deny list names it first); .0 and .255 are not hosts.
  assert.deepEqual(verdict.excluded, { self: 1n, 'scope-deny': 8n });
  const kept = [...expandTargets(verdict.kept.map((range) => ({ text: 'x', range })))].map((t) => t.ip);
  assert.equal(kept.length, 254 - 9);
  for (const ip of ['10.0.0.2', '10.0.0.8', '10.0.0.9', '10.0.0.15']) assert.ok(!kept.includes(ip), ip);
  for (const ip of ['10.0.0.1', '10.0.0.3', '10.0.0.7', '10.0.0.16', '10.0.0.254']) assert.ok(kept.includes(ip), ip);
  const everywhere = scope.partition(spec('169.253.255.254-169.254.0.1'));
  assert.deepEqual(everywhere.refused ? undefined : everywhere.excluded, { 'never-target': 2n });
});

test('scope still refuses whole: a single excluded address, and a range reaching outside the allow list', () => {
  const scope = new Scope(['10.0.0.0/24'], ['10.0.0.8/29'], ['10.0.0.2'], false);
  assert.deepEqual(scope.partition(spec('10.0.0.2')).refused, { address: '10.0.0.2', reason: "the service's own address (PSCAN_SCOPE_ALLOW_SELF)" });
  assert.deepEqual(scope.partition(spec('10.0.0.9')).refused, { address: '10.0.0.9', reason: 'denied by PSCAN_SCOPE_DENY' });
  assert.deepEqual(scope.partition(spec('10.0.0.0/23')).refused, { address: '10.0.1.0', reason: 'not in PSCAN_SCOPE_ALLOW' });
  const allOut = scope.partition(spec('10.0.0.8-10.0.0.15'));
  assert.ok(!allOut.refused);
  assert.deepEqual(allOut.kept, []);
  assert.deepEqual(allOut.excluded, { 'scope-deny': 8n });
});

test('partition agrees with an address-by-address reference on random ranges', () => {
  let seed = 5;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const ip = (n: number): string => `10.0.${n >> 8}.${n & 255}`;
  for (let round = 0; round < 200; round++) {
    const cidr = () => `10.0.${rnd(4)}.${rnd(4) * 64}/${26 + rnd(6)}`;
    const deny = Array.from({ length: rnd(3) }, cidr);
    const self = Array.from({ length: rnd(2) }, () => ip(rnd(1024)));
    const scope = new Scope(['10.0.0.0/22'], deny, self, false);
    const a = rnd(1000);
    const b = a + 1 + rnd(20);
    const verdict = scope.partition(spec(`${ip(a)}-${ip(b)}`));
    assert.ok(!verdict.refused);
    const kept = [...expandTargets(verdict.kept.map((range) => ({ text: 'x', range })))].map((t) => t.ip);
    const expected = Array.from({ length: b - a + 1 }, (_, i) => ip(a + i)).filter((x) => scope.allowsIp(x));
    assert.deepEqual(kept, expected, JSON.stringify({ deny, self, a, b }));
    const excluded = Object.values(verdict.excluded).reduce((n, v) => n + Number(v), 0);
    assert.equal(excluded, b - a + 1 - expected.length);
  }
});

test('an IPv4 CIDR in IPv4-mapped IPv6 form is trimmed like its IPv4 form: no network, no broadcast', () => {
  for (const [mapped, plain] of [['::ffff:127.0.0.0/120', '127.0.0.0/24'], ['::ffff:7f00:0/126', '127.0.0.0/30'], ['::FFFF:10.0.0.0/104', '10.0.0.0/8'], ['::ffff:10.0.0.4/127', '10.0.0.4/31']]) {
    assert.deepEqual(spec(mapped!).range, spec(plain!).range, mapped);
  }
  const ips = [...expandTargets([spec('::ffff:127.0.0.0/120')])].map((t) => t.ip);
  assert.equal(ips.length, 254);
  assert.ok(!ips.includes('127.0.0.0') && !ips.includes('127.0.0.255'));
});

test("an allow range's network and broadcast addresses: refused with a reason when listed alone, skipped and counted inside ranges", () => {
  const scope = new Scope(['127.0.0.0/8', '10.1.0.0/24', '::ffff:192.168.0.0/112'], []);
  const reason = 'the network or broadcast address of a PSCAN_SCOPE_ALLOW range, not a host';
  for (const ip of ['127.255.255.255', '127.0.0.0', '10.1.0.255', '10.1.0.0', '::ffff:10.1.0.255', '192.168.255.255']) {
    assert.deepEqual(scope.partition(spec(ip)).refused, { address: formatAddress(parseAddress(ip)!), reason }, ip);
  }
  const range = scope.partition(spec('10.1.0.250-10.1.0.255'));
  assert.ok(!range.refused);
  assert.deepEqual(range.excluded, { 'not-a-host': 1n });
  assert.deepEqual([...expandTargets(range.kept.map((r) => ({ text: 'x', range: r })))].map((t) => t.ip), ['10.1.0.250', '10.1.0.251', '10.1.0.252', '10.1.0.253', '10.1.0.254']);
  for (const ip of ['127.0.0.1', '127.255.255.254', '10.1.0.1', '10.1.0.254']) assert.equal(scope.allowsIp(ip), true, ip);
  const hosts = new Scope(['10.2.0.1', '10.2.0.2', '10.2.0.3', '10.2.0.4', '10.3.0.0/31'], []);
  assert.deepEqual(['10.2.0.1', '10.2.0.4', '10.3.0.0', '10.3.0.1'].map((ip) => hosts.allowsIp(ip)), [true, true, true, true], 'single hosts and a /31 have no network or broadcast address');
});
