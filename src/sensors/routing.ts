import { type AddressRange, parseCidr, rangeSize } from '../net/addresses.js';
export { rangeText } from '../net/addresses.js';
import type { TargetSpec } from '../net/targets.js';

/** A site and the CIDRs its live sensors serve. */
export interface SiteCoverage {
  site: string;
  cidrs: readonly string[];
}

export interface Routing {
  /** Per site, disjoint sorted ranges of the targets it serves. */
  bySite: Map<string, AddressRange[]>;
  /** What no site serves. */
  uncovered: AddressRange[];
}

function subtract(piece: AddressRange, cut: AddressRange): AddressRange[] {
  const out: AddressRange[] = [];
  if (piece.first < cut.first) out.push({ family: piece.family, first: piece.first, last: cut.first - 1n });
  if (piece.last > cut.last) out.push({ family: piece.family, first: cut.last + 1n, last: piece.last });
  return out;
}

/** Sorts ranges and merges those that overlap or touch, so no address is listed twice. */
export function mergeRanges(ranges: readonly AddressRange[]): AddressRange[] {
  const sorted = [...ranges].sort((a, b) => a.family - b.family || (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const out: AddressRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && last.family === r.family && r.first <= last.last + 1n) {
      if (r.last > last.last) out[out.length - 1] = { ...last, last: r.last };
    } else out.push(r);
  }
  return out;
}

/**
 * Sends each part of the targets to the site whose CIDR holds it; where sites overlap, the most
 * specific CIDR wins (as in routing), so a site inside a bigger one keeps its own devices.
 */
export function routeTargets(targets: readonly TargetSpec[], sites: readonly SiteCoverage[]): Routing {
  const cidrs = sites
    .flatMap((s) => s.cidrs.map((c) => ({ site: s.site, range: parseCidr(c)! })))
    .filter((c) => c.range !== undefined)
    .sort((a, b) => (rangeSize(a.range) < rangeSize(b.range) ? -1 : rangeSize(a.range) > rangeSize(b.range) ? 1 : a.site.localeCompare(b.site)));
  let remaining = mergeRanges(targets.map((t) => t.range));
  const bySite = new Map<string, AddressRange[]>();
  for (const { site, range } of cidrs) {
    const next: AddressRange[] = [];
    for (const piece of remaining) {
      if (piece.family !== range.family || piece.last < range.first || piece.first > range.last) {
        next.push(piece);
        continue;
      }
      const inside = { family: piece.family, first: piece.first > range.first ? piece.first : range.first, last: piece.last < range.last ? piece.last : range.last };
      const pieces = bySite.get(site) ?? [];
      pieces.push(inside);
      bySite.set(site, pieces);
      next.push(...subtract(piece, range));
    }
    remaining = next;
  }
  for (const [site, ranges] of bySite) bySite.set(site, mergeRanges(ranges));
  return { bySite, uncovered: remaining };
}

/** Cuts disjoint ranges into groups of at most `hosts` addresses, in order. */
export function chunkRanges(ranges: readonly AddressRange[], hosts: number): AddressRange[][] {
  const size = BigInt(hosts);
  const chunks: AddressRange[][] = [];
  let current: AddressRange[] = [];
  let room = size;
  for (const r of ranges) {
    let first = r.first;
    while (first <= r.last) {
      const take = r.last - first + 1n < room ? r.last - first + 1n : room;
      current.push({ family: r.family, first, last: first + take - 1n });
      first += take;
      room -= take;
      if (room === 0n) {
        chunks.push(current);
        current = [];
        room = size;
      }
    }
  }
  if (current.length) chunks.push(current);
  return chunks;
}
