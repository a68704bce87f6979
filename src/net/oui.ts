import { createRequire } from 'node:module';

let registry: Record<string, string> | undefined;

/**
 * The vendor the IEEE registry (the `oui-data` package, MA-L assignments) gives a MAC's first three
 * octets; undefined for a locally administered or group address (random, not assigned) or an
 * unassigned prefix. The 5 MB table is loaded on first use only.
 */
export function vendorOf(mac: string): string | undefined {
  const hex = mac.replace(/[:.-]/g, '').toUpperCase();
  if (!/^[0-9A-F]{12}$/.test(hex)) return undefined;
  if (Number.parseInt(hex.slice(0, 2), 16) & 0x03) return undefined;
  registry ??= createRequire(import.meta.url)('oui-data') as Record<string, string>;
  const entry = registry[hex.slice(0, 6)];
  // Entries are the registrant's name, then its postal address, one line each.
  const name = entry?.split('\n')[0]?.trim();
  return name && name !== 'Private' ? name : undefined;
}
