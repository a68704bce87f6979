import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { parseAddress, parseCidr, type AddressRange } from '../net/addresses.js';

/**
 * Where webhooks may go. By default only public unicast https; `PSCAN_WEBHOOK_ALLOW` lists CIDRs
 * and host names (exact, or `*.example.org`) that may also be used, over http or https. Checked on
 * the URL at submission and on every resolved address at connect time (DNS rebinding).
 */

/**
 * The one IPv6 block that ipaddr.js calls plain unicast but that is no public receiver: the
 * deprecated IPv4-compatible form `::a.b.c.d`, which embeds an IPv4 address (e.g. loopback).
 */
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');

/**
 * Why an address is not public unicast, or undefined when it is. The classes are ipaddr.js's
 * (IANA's special-purpose registries); every form that embeds an IPv4 address (IPv4-translated,
 * 6to4, Teredo, NAT64 and its local-use prefix, IPv4-compatible) is a class of its own and so
 * refused; IPv4-mapped is judged as the IPv4 address it maps.
 */
export function notPublicUnicast(ip: string): string | undefined {
  if (!isIP(ip)) return 'not an IP address';
  const addr = ipaddr.process(ip);
  const range = addr.range();
  if (range !== 'unicast') return range;
  return addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).match(IPV4_COMPATIBLE) ? 'ipv4Compatible' : undefined;
}

/**
 * A URL's host in the one form every check compares: brackets of an IPv6 literal dropped, and a
 * name's final dot (the DNS root: `localhost.` is `localhost`) dropped. Case, and the decimal,
 * octal and hex IPv4 forms, the WHATWG parser has already normalised; undefined for a name with
 * an empty label (`localhost..`), which names no host.
 */
export function hostOf(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return host;
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  return name === '' || name.split('.').includes('') ? undefined : name;
}

export class WebhookPolicyError extends Error {
  override readonly name = 'WebhookPolicyError';
}

const inRanges = (ranges: readonly AddressRange[], ip: string): boolean => {
  const a = parseAddress(ip);
  return a !== undefined && ranges.some((r) => r.family === a.family && a.value >= r.first && a.value <= r.last);
};

export class WebhookUrlPolicy {
  private readonly cidrs: AddressRange[];
  private readonly hosts: string[];

  constructor(allow: readonly string[]) {
    this.cidrs = allow.flatMap((e) => (e.includes('/') ? [parseCidr(e)!] : isIP(e) ? [parseCidr(`${e}/${isIP(e) === 4 ? 32 : 128}`)!] : []));
    this.hosts = allow.filter((e) => !e.includes('/') && !isIP(e)).map((h) => h.toLowerCase().replace(/\.$/, ''));
  }

  private hostAllowed(host: string): boolean {
    const h = host.toLowerCase();
    return this.hosts.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p));
  }

  /** Whether an address may be connected to (IPv4-mapped IPv6 is judged as the IPv4 it maps). */
  addressAllowed(ip: string): boolean {
    return inRanges(this.cidrs, ip) || notPublicUnicast(ip) === undefined;
  }

  /** At connect time: the address a name (as `hostOf` gives it) resolved to, allowed if public, in the CIDRs, or the name is listed. */
  connectAllowed(host: string, ip: string): boolean {
    return this.addressAllowed(ip) || (!isIP(host) && this.hostAllowed(host));
  }

  /** Checks a URL as submitted; returns it parsed. Host names are checked again once resolved. */
  checkUrl(text: string): URL {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new WebhookPolicyError('is not a valid URL');
    }
    if (url.username || url.password) throw new WebhookPolicyError('must not carry credentials; use the signature');
    const host = hostOf(url);
    if (host === undefined) throw new WebhookPolicyError(`${url.hostname} is not a valid host name (an empty label)`);
    const literal = isIP(host) !== 0;
    const listed = literal ? inRanges(this.cidrs, host) : this.hostAllowed(host);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && listed)) throw new WebhookPolicyError('must be https (http only for hosts in PSCAN_WEBHOOK_ALLOW)');
    if (literal && !this.addressAllowed(host)) throw new WebhookPolicyError(`${host} is not a public unicast address (${notPublicUnicast(host)}) and not in PSCAN_WEBHOOK_ALLOW`);
    if (!literal && (host === 'localhost' || host.endsWith('.localhost')) && !listed) throw new WebhookPolicyError(`${host} is loopback and not in PSCAN_WEBHOOK_ALLOW`);
    return url;
  }
}
