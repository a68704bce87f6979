import os from 'node:os';
import { type AddressRange, contains, parseAddress, parseCidr } from './addresses.js';

/** A subnet this machine sits on, and the interface it sits on it with. */
export interface Link {
  dev: string;
  range: AddressRange;
}

/** The subnets of this machine's non-loopback interfaces (IPv6 link-local left out: never a target). */
export function localLinks(interfaces = os.networkInterfaces()): Link[] {
  return Object.entries(interfaces).flatMap(([dev, list]) =>
    (list ?? []).flatMap((a): Link[] => {
      if (a.internal || !a.cidr) return [];
      const range = parseCidr(a.cidr);
      return range && !(range.family === 6 && a.address.toLowerCase().startsWith('fe80')) ? [{ dev, range }] : [];
    }),
  );
}

/**
 * The local links, read again at most once per `maxAgeMs`: discovery asks for them per target, and
 * a /16 would otherwise list the machine's interfaces 65,536 times.
 */
export function recentLocalLinks(maxAgeMs = 1000): () => readonly Link[] {
  let links: Link[] = [];
  let readAt = -Infinity;
  return () => {
    if (performance.now() - readAt > maxAgeMs) {
      links = localLinks();
      readAt = performance.now();
    }
    return links;
  };
}

/** The interface through which `ip` is a neighbour (on the same subnet), if any; the narrowest subnet wins. */
export function linkOf(links: readonly Link[], ip: string): Link | undefined {
  const addr = parseAddress(ip);
  if (!addr) return undefined;
  return links.filter((l) => contains(l.range, addr)).sort((a, b) => (a.range.last - a.range.first < b.range.last - b.range.first ? -1 : 1))[0];
}
