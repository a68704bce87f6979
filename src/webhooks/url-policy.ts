import { isIP } from 'node:net';
import { parseAddress, parseCidr, type AddressRange } from '../scans/addresses.js';

/**
 * Where webhooks may go. By default only public unicast https; `PSCAN_WEBHOOK_ALLOW` lists CIDRs
 * and host names (exact, or `*.example.org`) that may also be used, over http or https. Checked on
 * the URL at submission and on every resolved address at connect time (DNS rebinding).
 */
const NOT_PUBLIC = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24',
  '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
  '::/128', '::1/128', '64:ff9b::/96', '64:ff9b:1::/48', '100::/64', '2001:db8::/32', '2002::/16', 'fc00::/7', 'fe80::/10', 'ff00::/8',
].map((c) => parseCidr(c)!);

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
    this.hosts = allow.filter((e) => !e.includes('/') && !isIP(e)).map((h) => h.toLowerCase());
  }

  private hostAllowed(host: string): boolean {
    const h = host.toLowerCase();
    return this.hosts.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p));
  }

  /** Whether an address may be connected to (IPv4-mapped IPv6 is judged as the IPv4 it maps). */
  addressAllowed(ip: string): boolean {
    if (inRanges(this.cidrs, ip)) return true;
    const a = parseAddress(ip);
    return a !== undefined && !inRanges(NOT_PUBLIC, ip);
  }

  /** At connect time: the address a name resolved to, allowed if public, in the CIDRs, or the name is listed. */
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
    // WHATWG parsing already turned decimal, octal and hex IPv4 forms into dotted quads.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const literal = isIP(host) !== 0;
    const listed = literal ? inRanges(this.cidrs, host) : this.hostAllowed(host);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && listed)) throw new WebhookPolicyError('must be https (http only for hosts in PSCAN_WEBHOOK_ALLOW)');
    if (literal && !this.addressAllowed(host)) throw new WebhookPolicyError(`${host} is not a public unicast address and not in PSCAN_WEBHOOK_ALLOW`);
    if (!literal && (host === 'localhost' || host.endsWith('.localhost')) && !listed) throw new WebhookPolicyError(`${host} is loopback and not in PSCAN_WEBHOOK_ALLOW`);
    return url;
  }
}
