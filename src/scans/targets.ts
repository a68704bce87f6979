import os from 'node:os';
import { type Address, type AddressRange, formatAddress, parseAddress, parseCidr, rangeOf, rangeSize } from './addresses.js';

/** A parsed `targets[]` entry: one contiguous range, never materialised address by address. */
export interface TargetSpec {
  readonly text: string;
  readonly range: AddressRange;
}

export interface Target {
  readonly ip: string;
  readonly family: 4 | 6;
}

/**
 * Parses one target: an address, a CIDR, or an `a-b` range. For IPv4 CIDRs of /30 and wider the
 * network and broadcast addresses are left out: they are not hosts, and a probe sent to a
 * broadcast address reaches every device of the subnet, which nobody asked for.
 */
export function parseTarget(text: string): TargetSpec | string {
  const trimmed = text.trim();
  if (trimmed !== text || text === '') return 'must be an address, a CIDR or an a-b range, without spaces';
  if (text.includes('/')) {
    const cidr = parseCidr(text);
    if (!cidr) return 'is not a valid CIDR';
    const prefixBits = Number(text.slice(text.indexOf('/') + 1));
    if (cidr.family === 4 && !text.slice(0, text.indexOf('/')).includes(':') && prefixBits <= 30) {
      return { text, range: { family: 4, first: cidr.first + 1n, last: cidr.last - 1n } };
    }
    return { text, range: cidr };
  }
  const dash = text.indexOf('-');
  if (dash > 0) {
    const a = parseAddress(text.slice(0, dash));
    const b = parseAddress(text.slice(dash + 1));
    if (!a || !b) return 'is not a valid a-b range of two addresses';
    if (a.family !== b.family) return 'mixes IPv4 and IPv6';
    if (b.value < a.value) return 'ends before it starts';
    return { text, range: { family: a.family, first: a.value, last: b.value } };
  }
  const addr = parseAddress(text);
  if (!addr) return 'is not a valid IP address';
  return { text, range: rangeOf(addr) };
}

export function countHosts(specs: readonly TargetSpec[]): bigint {
  return specs.reduce((sum, s) => sum + rangeSize(s.range), 0n);
}

/** Yields each address once, in request order, lazily: a /16 costs one bigint at a time. */
export function* expandTargets(specs: readonly TargetSpec[]): Generator<Target> {
  const seen = new Set<string>();
  const dedupe = specs.length > 1;
  for (const spec of specs) {
    for (let v = spec.range.first; v <= spec.range.last; v++) {
      const ip = formatAddress({ family: spec.range.family, value: v });
      if (dedupe) {
        if (seen.has(ip)) continue;
        seen.add(ip);
      }
      yield { ip, family: spec.range.family };
    }
  }
}

/** Whether an address (of a result, a multicast answer, a LOCATION URL) falls inside the targets. */
export function targetsContain(specs: readonly TargetSpec[], ip: string): boolean {
  const addr = parseAddress(ip);
  if (!addr) return false;
  return specs.some((s) => s.range.family === addr.family && addr.value >= s.range.first && addr.value <= s.range.last);
}

/** Addresses never probed whatever the allow list says: not hosts, or not ours to touch. */
export const ALWAYS_DENIED: readonly string[] = [
  '0.0.0.0/8', // "this network"
  '169.254.0.0/16', // link-local, including cloud metadata at 169.254.169.254
  '224.0.0.0/4', // multicast as a target (multicast probes use their own group, not a target)
  '240.0.0.0/4', // reserved, including 255.255.255.255
  '::/128',
  'fe80::/10',
  'ff00::/8',
];

/** Loopback reaches the service's own host whatever its interfaces are. */
export const SELF_RANGES: readonly string[] = ['127.0.0.0/8', '::1/128'];

export class Scope {
  private readonly allow: AddressRange[];
  private readonly deny: Array<AddressRange & { reason: string }>;

  /**
   * @param self the service's own addresses (and loopback): denied unless `allowSelf`, so the
   *   service cannot be aimed at itself by a CIDR that happens to contain it.
   */
  constructor(allow: readonly string[], deny: readonly string[], self: readonly string[] = [], allowSelf = true) {
    const parse = (c: string): AddressRange => {
      const r = parseCidr(c.includes('/') ? c : `${c}/${c.includes(':') ? 128 : 32}`);
      if (!r) throw new Error(`invalid CIDR in scope: ${c}`);
      return r;
    };
    this.allow = allow.map(parse);
    this.deny = [
      ...ALWAYS_DENIED.map((c) => ({ ...parse(c), reason: 'never a target' })),
      ...deny.map((c) => ({ ...parse(c), reason: 'denied by PSCAN_SCOPE_DENY' })),
      ...(allowSelf ? [] : [...SELF_RANGES, ...self].map((c) => ({ ...parse(c), reason: "the service's own address (PSCAN_SCOPE_ALLOW_SELF)" }))),
    ];
  }

  /** The configured scope of this process, its own interface addresses included. */
  static ofThisHost(scope: { readonly allow: readonly string[]; readonly deny: readonly string[]; readonly allowSelf: boolean }): Scope {
    const own = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address.replace(/%.*$/, '')));
    return new Scope(scope.allow, scope.deny, own, scope.allowSelf);
  }

  /** The first address of `range` that may not be probed, with the reason; undefined when all may. */
  firstRefused(range: AddressRange): { address: string; reason: string } | undefined {
    const fam = range.family;
    const allows = this.allow.filter((r) => r.family === fam);
    const denies = this.deny.filter((r) => r.family === fam);
    let cur = range.first;
    while (cur <= range.last) {
      const denied = denies.find((d) => cur >= d.first && cur <= d.last);
      if (denied) return { address: formatAddress({ family: fam, value: cur }), reason: denied.reason };
      const covering = allows.filter((a) => cur >= a.first && cur <= a.last);
      if (covering.length === 0) return { address: formatAddress({ family: fam, value: cur }), reason: 'not in the allow list' };
      const coveredTo = covering.reduce((m, a) => (a.last > m ? a.last : m), cur);
      const end = coveredTo < range.last ? coveredTo : range.last;
      const nextDeny = denies.filter((d) => d.first > cur && d.first <= end).sort((a, b) => (a.first < b.first ? -1 : 1))[0];
      if (nextDeny) return { address: formatAddress({ family: fam, value: nextDeny.first }), reason: nextDeny.reason };
      cur = coveredTo + 1n;
    }
    return undefined;
  }

  allows(address: Address): boolean {
    return this.firstRefused(rangeOf(address)) === undefined;
  }

  allowsIp(ip: string): boolean {
    const addr = parseAddress(ip);
    return addr !== undefined && this.allows(addr);
  }
}
