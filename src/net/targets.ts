import os from 'node:os';
import { type Address, type AddressRange, formatAddress, LOOPBACK, parseAddress, parseCidr, rangeOf, rangeSize } from './addresses.js';

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
 * broadcast address reaches every device of the subnet, which nobody asked for. The same holds
 * for an IPv4 CIDR written in IPv4-mapped IPv6 form (`::ffff:10.0.0.0/120`): it is the same subnet.
 */
export function parseTarget(text: string): TargetSpec | string {
  const trimmed = text.trim();
  if (trimmed !== text || text === '') return 'must be an address, a CIDR or an a-b range, without spaces';
  if (text.includes('/')) {
    const cidr = parseCidr(text);
    if (!cidr) return 'is not a valid CIDR';
    if (hasNetworkAndBroadcast(cidr)) {
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

/** An IPv4 block of four addresses or more (a /30 or wider): its first and last are no hosts. */
function hasNetworkAndBroadcast(range: AddressRange): boolean {
  return range.family === 4 && rangeSize(range) >= 4n;
}

export function countHosts(specs: readonly TargetSpec[]): bigint {
  return specs.reduce((sum, s) => sum + rangeSize(s.range), 0n);
}

/** Whether no two specs share an address (then expansion needs no memory of what it yielded). */
function disjoint(specs: readonly TargetSpec[]): boolean {
  const sorted = specs.map((s) => s.range).sort((a, b) => a.family - b.family || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  return sorted.every((r, i) => i === 0 || sorted[i - 1]!.family !== r.family || sorted[i - 1]!.last < r.first);
}

/** Yields each address once, in request order, lazily: a /16 costs one bigint at a time. */
export function* expandTargets(specs: readonly TargetSpec[]): Generator<Target> {
  const seen = new Set<string>();
  const dedupe = specs.length > 1 && !disjoint(specs);
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
export const SELF_RANGES = LOOPBACK;

/** Why scope leaves an address inside an allowed range out: the stable keys of `stats.excluded`. */
export type ExclusionReason = 'never-target' | 'not-a-host' | 'scope-deny' | 'self';

const REASON_TEXT: Record<ExclusionReason, string> = {
  'never-target': 'never a target',
  'not-a-host': 'the network or broadcast address of a PSCAN_SCOPE_ALLOW range, not a host',
  'scope-deny': 'denied by PSCAN_SCOPE_DENY',
  self: "the service's own address (PSCAN_SCOPE_ALLOW_SELF)",
};

const NOT_ALLOWED = 'not in PSCAN_SCOPE_ALLOW';

/** What scope makes of one target entry: refused whole, or the addresses left once exclusions are cut out. */
export type ScopeVerdict =
  | { refused: { address: string; reason: string } }
  | { refused?: undefined; kept: AddressRange[]; excluded: Partial<Record<ExclusionReason, bigint>> };

export class Scope {
  private readonly allow: AddressRange[];
  private readonly deny: Array<AddressRange & { code: ExclusionReason }>;

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
      ...ALWAYS_DENIED.map((c) => ({ ...parse(c), code: 'never-target' as const })),
      ...this.allowEdges().map((value) => ({ family: 4 as const, first: value, last: value, code: 'not-a-host' as const })),
      ...deny.map((c) => ({ ...parse(c), code: 'scope-deny' as const })),
      ...(allowSelf ? [] : [...SELF_RANGES, ...self].map((c) => ({ ...parse(c), code: 'self' as const }))),
    ];
  }

  /** The configured scope of this process, its own interface addresses included. */
  static ofThisHost(scope: { readonly allow: readonly string[]; readonly deny: readonly string[]; readonly allowSelf: boolean }): Scope {
    const own = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address.replace(/%.*$/, '')));
    return new Scope(scope.allow, scope.deny, own, scope.allowSelf);
  }

  /**
   * The network and broadcast addresses of the allowed IPv4 subnets (/30 and wider): denied whether
   * listed alone or inside a range, as a target CIDR's are, so that no probe reaches a whole subnet
   * through its broadcast address. Where allow ranges adjoin (two /25 of one /24, a /16 inside a
   * /8), an edge with an allowed neighbour outside its own range is inside the union, a host.
   */
  private allowEdges(): bigint[] {
    const allowed = (v: bigint): boolean => this.allow.some((a) => a.family === 4 && v >= a.first && v <= a.last);
    return this.allow.filter(hasNetworkAndBroadcast).flatMap((r) => [...(allowed(r.first - 1n) ? [] : [r.first]), ...(allowed(r.last + 1n) ? [] : [r.last])]);
  }

  /** The first address of `range` outside the allow list; undefined when the allow list covers it all. */
  private firstNotAllowed(range: AddressRange): string | undefined {
    const allows = this.allow.filter((r) => r.family === range.family);
    let cur = range.first;
    while (cur <= range.last) {
      const covering = allows.filter((a) => cur >= a.first && cur <= a.last);
      if (covering.length === 0) return formatAddress({ family: range.family, value: cur });
      cur = covering.reduce((m, a) => (a.last > m ? a.last : m), cur) + 1n;
    }
    return undefined;
  }

  /**
   * The parts of `range` the deny rules cover, disjoint and in address order; where rules overlap,
   * the first rule (never-targets, then the deny list, then the service's own addresses) names it.
   */
  private denied(range: AddressRange): Array<AddressRange & { code: ExclusionReason }> {
    const cuts = this.deny
      .filter((d) => d.family === range.family && d.last >= range.first && d.first <= range.last)
      .map((d) => ({ ...d, first: d.first > range.first ? d.first : range.first, last: d.last < range.last ? d.last : range.last }));
    const bounds = [...new Set(cuts.flatMap((c) => [c.first, c.last + 1n]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const out: Array<{ family: 4 | 6; first: bigint; last: bigint; code: ExclusionReason }> = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const [first, last] = [bounds[i]!, bounds[i + 1]! - 1n];
      const rule = cuts.find((c) => c.first <= first && c.last >= last);
      if (!rule) continue;
      const prev = out.at(-1);
      if (prev && prev.code === rule.code && prev.last + 1n === first) prev.last = last;
      else out.push({ family: range.family, first, last, code: rule.code });
    }
    return out;
  }

  /** The first address of `range` that may not be probed, with the reason; undefined when all may. */
  firstRefused(range: AddressRange): { address: string; reason: string } | undefined {
    const notAllowed = this.firstNotAllowed(range);
    const denied = this.denied(range)[0];
    const deniedAt = denied ? formatAddress({ family: range.family, value: denied.first }) : undefined;
    if (denied && (notAllowed === undefined || denied.first < parseAddress(notAllowed)!.value)) return { address: deniedAt!, reason: REASON_TEXT[denied.code] };
    return notAllowed === undefined ? undefined : { address: notAllowed, reason: NOT_ALLOWED };
  }

  /**
   * As nmap's --exclude: a range inside the allow list keeps its addresses less those the deny
   * rules cover, counted by reason; a single address, or a range reaching outside the allow list,
   * is refused whole.
   */
  partition(spec: TargetSpec): ScopeVerdict {
    const { range } = spec;
    const single = range.first === range.last;
    if (single) {
      const refused = this.firstRefused(range);
      return refused ? { refused } : { kept: [range], excluded: {} };
    }
    const notAllowed = this.firstNotAllowed(range);
    if (notAllowed !== undefined) return { refused: { address: notAllowed, reason: NOT_ALLOWED } };
    const kept: AddressRange[] = [];
    const excluded: Partial<Record<ExclusionReason, bigint>> = {};
    let next = range.first;
    for (const cut of this.denied(range)) {
      if (cut.first > next) kept.push({ family: range.family, first: next, last: cut.first - 1n });
      excluded[cut.code] = (excluded[cut.code] ?? 0n) + rangeSize(cut);
      next = cut.last + 1n;
    }
    if (next <= range.last) kept.push({ family: range.family, first: next, last: range.last });
    return { kept, excluded };
  }

  allows(address: Address): boolean {
    return this.firstRefused(rangeOf(address)) === undefined;
  }

  allowsIp(ip: string): boolean {
    const addr = parseAddress(ip);
    return addr !== undefined && this.allows(addr);
  }
}
