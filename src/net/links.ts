import { readFileSync } from 'node:fs';
import os from 'node:os';
import { type AddressRange, contains, parseAddress, parseCidr } from './addresses.js';

/** A subnet this machine sits on, and the interface it sits on it with. */
export interface Link {
  dev: string;
  range: AddressRange;
}

/** IFF_NOARP in an interface's flags (linux/if.h). */
const IFF_NOARP = 0x80;

/**
 * An interface's flags as the kernel shows them in sysfs; undefined where they cannot be read (not
 * Linux, no sysfs). An alias label (`eth0:1`) reads its interface's.
 */
export function sysfsFlags(dev: string): number | undefined {
  try {
    const flags = Number.parseInt(readFileSync(`/sys/class/net/${dev.split(':')[0]}/flags`, 'utf8'), 16);
    return Number.isNaN(flags) ? undefined : flags;
  } catch {
    return undefined;
  }
}

/**
 * Whether the interface resolves its neighbours (ARP, NDP). A tun, WireGuard or PPP interface does
 * not (NOARP): its neighbour table stays empty, so a peer behind it would be called down. Without
 * the flags, an interface with no hardware address is taken as such a link.
 */
export function resolvesNeighbours(dev: string, mac: string, flagsOf: (dev: string) => number | undefined = sysfsFlags): boolean {
  const flags = flagsOf(dev);
  return flags === undefined ? mac !== '00:00:00:00:00:00' : (flags & IFF_NOARP) === 0;
}

/**
 * The subnets this machine shares with their hosts at the link layer: those of its non-loopback
 * interfaces that resolve neighbours (IPv6 link-local left out: never a target). The peers of a
 * tun or WireGuard interface are off-link: host discovery reaches them by TCP, as through a router,
 * and a `want` plan sends them no multicast query.
 */
export function localLinks(interfaces = os.networkInterfaces(), flagsOf: (dev: string) => number | undefined = sysfsFlags): Link[] {
  return Object.entries(interfaces).flatMap(([dev, list]) => {
    const addresses = (list ?? []).filter((a) => !a.internal && a.cidr && !(a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80')));
    if (addresses.length === 0 || !resolvesNeighbours(dev, addresses[0]!.mac, flagsOf)) return [];
    return addresses.flatMap((a): Link[] => {
      const range = parseCidr(a.cidr!);
      return range ? [{ dev, range }] : [];
    });
  });
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
