import { isIPv4, isIPv6 } from 'node:net';

/** An address as a number, so ranges, CIDRs and scope checks are plain integer arithmetic. */
export interface Address {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/** An inclusive interval of addresses of one family. */
export interface AddressRange {
  readonly family: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;

function parseIPv4(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function parseIPv6(text: string): bigint {
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIPv4(text.slice(lastColon + 1));
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [left, right] = head.split('::') as [string, string | undefined];
  const leftGroups = left === '' ? [] : left.split(':');
  const rightGroups = right === undefined || right === '' ? [] : right.split(':');
  const missing = 8 - leftGroups.length - rightGroups.length;
  const groups = [...leftGroups, ...Array<string>(right === undefined ? 0 : missing).fill('0'), ...rightGroups];
  let value = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

/**
 * Parses a literal address. IPv4-mapped IPv6 (::ffff:a.b.c.d) is folded to IPv4 so that it cannot
 * be used to walk around an IPv4 scope rule. Zone ids (fe80::1%eth0) are not accepted.
 */
export function parseAddress(text: string): Address | undefined {
  if (isIPv4(text)) return { family: 4, value: parseIPv4(text) };
  if (isIPv6(text) && !text.includes('%')) {
    const value = parseIPv6(text);
    if (value >> 32n === 0xffffn) return { family: 4, value: value & 0xffffffffn };
    return { family: 6, value };
  }
  return undefined;
}

export function formatAddress(addr: Address): string {
  if (addr.family === 4) {
    const v = addr.value;
    return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
  }
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((addr.value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLen).join(':')}`;
}

export function parseCidr(text: string): AddressRange | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = parseAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!addr || !/^\d{1,3}$/.test(prefixText)) return undefined;
  // A mapped literal with a v6 prefix length is ambiguous; require the family's own notation.
  const declaredFamily = text.slice(0, slash).includes(':') ? 6 : 4;
  let prefix = Number(prefixText);
  if (declaredFamily === 6 && addr.family === 4) {
    if (prefix < 96) return undefined;
    prefix -= 96;
  }
  const bits = BITS[addr.family];
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const first = (addr.value >> hostBits) << hostBits;
  return { family: addr.family, first, last: first + (1n << hostBits) - 1n };
}

/** `a` for one address, else `a-b`: the text parseTarget reads back as the same range. */
export function rangeText(r: AddressRange): string {
  const first = formatAddress({ family: r.family, value: r.first });
  return r.first === r.last ? first : `${first}-${formatAddress({ family: r.family, value: r.last })}`;
}

export function rangeOf(addr: Address): AddressRange {
  return { family: addr.family, first: addr.value, last: addr.value };
}

export function rangeSize(r: AddressRange): bigint {
  return r.last - r.first + 1n;
}

/** A membership test for a list of CIDRs. */
export function cidrMatcher(cidrs: readonly string[]): (ip: string) => boolean {
  const ranges = cidrs.map((c) => parseCidr(c)!);
  return (ip) => {
    const a = parseAddress(ip);
    return a !== undefined && ranges.some((r) => contains(r, a));
  };
}

export function contains(r: AddressRange, addr: Address): boolean {
  return r.family === addr.family && addr.value >= r.first && addr.value <= r.last;
}

/** Loopback: the service's own host whatever its interfaces are. */
export const LOOPBACK: readonly string[] = ['127.0.0.0/8', '::1/128'];
const LOOPBACK_RANGES = LOOPBACK.map((c) => parseCidr(c)!);

export function isLoopback(ip: string): boolean {
  const addr = parseAddress(ip);
  return addr !== undefined && LOOPBACK_RANGES.some((r) => contains(r, addr));
}

/** Whether every address of the range is loopback. */
export function isLoopbackRange(range: AddressRange): boolean {
  return LOOPBACK_RANGES.some((r) => r.family === range.family && range.first >= r.first && range.last <= r.last);
}
