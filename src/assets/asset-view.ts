import { parseAddress } from '../net/addresses.js';
import type { Asset, Service } from '../api/model.js';

/**
 * The asset view across scans: for each address, each fact's latest observation and how fresh it
 * still is. Freshness is the pScan paper's utility U(t) = 2 / (e^{αt} + e^{−αt}) = sech(αt), with
 * α set so that U(half-life) = 1/2.
 */

/** One fact about an address: its value, where and when it was observed, and how fresh it still is. */
export interface ObservedFact {
  value: string;
  observedAt: string;
  scanId: string;
  /** U(t) for the fact's age, from 1 (just seen) towards 0. */
  freshness: number;
}

export interface ObservedService extends Service {
  observedAt: string;
  scanId: string;
  freshness: number;
}

export interface AssetView {
  ip: string;
  /** Link-layer address, from the neighbour table of a sensor on the device's link. */
  mac?: ObservedFact;
  hostname?: ObservedFact;
  manufacturer?: ObservedFact;
  model?: ObservedFact;
  os?: ObservedFact;
  /** Device class, from a classification catalogue. */
  type?: ObservedFact;
  services: ObservedService[];
  lastSeen: string;
  /** U(t) of `lastSeen`: how fresh the newest observation of this address is. */
  freshness: number;
  /** Scans that learned something about this address. @isInt */
  scans: number;
}

export interface ScanAssets {
  scanId: string;
  assets: Asset[];
}

export function freshness(ageMs: number, halfLifeMs: number): number {
  const alpha = Math.acosh(2) / halfLifeMs;
  const u = 2 / (Math.exp(alpha * ageMs) + Math.exp(-alpha * ageMs));
  return Math.round(u * 1000) / 1000;
}

const FACTS = ['mac', 'hostname', 'manufacturer', 'model', 'os', 'type'] as const;

/** Merges scans' assets: the newest observation of each fact and of each service wins. */
export function mergeAssets(scans: readonly ScanAssets[], now: number, halfLifeMs: number): AssetView[] {
  const views = new Map<string, AssetView & { scanIds: Set<string> }>();
  const fresh = (at: string): number => freshness(Math.max(0, now - Date.parse(at)), halfLifeMs);
  for (const { scanId, assets } of scans) {
    for (const a of assets) {
      const v = views.get(a.ip) ?? { ip: a.ip, services: [], lastSeen: a.observedAt, freshness: 0, scans: 0, scanIds: new Set<string>() };
      views.set(a.ip, v);
      v.scanIds.add(scanId);
      if (a.observedAt > v.lastSeen) v.lastSeen = a.observedAt;
      for (const f of FACTS) {
        const value = a[f];
        // A fact's age is its own observation's, not its asset's: a scan that saw the device but not
        // this fact (it did not probe it, or got no answer) leaves the fact as old as it was.
        const at = a.sources?.[f]?.observedAt ?? a.observedAt;
        if (value && (!v[f] || v[f]!.observedAt < at)) v[f] = { value, observedAt: at, scanId, freshness: fresh(at) };
      }
      for (const s of a.services) {
        const i = v.services.findIndex((x) => x.port === s.port && x.protocol === s.protocol);
        if (i >= 0 && v.services[i]!.observedAt >= a.observedAt) continue;
        const observed = { ...s, observedAt: a.observedAt, scanId, freshness: fresh(a.observedAt) };
        if (i >= 0) v.services[i] = observed;
        else v.services.push(observed);
      }
    }
  }
  return [...views.values()]
    .sort((a, b) => compareAddresses(a.ip, b.ip))
    .map(({ scanIds, ...v }) => ({ ...v, freshness: fresh(v.lastSeen), scans: scanIds.size, services: v.services.sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol)) }));
}

/** Numeric address order, IPv4 before IPv6: the order the view lists and pages addresses in. */
export function compareAddresses(x: string, y: string): number {
  const a = parseAddress(x);
  const b = parseAddress(y);
  if (!a || !b) return x < y ? -1 : x > y ? 1 : 0;
  return a.family - b.family || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}
