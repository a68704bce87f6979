import { factsOf } from '../probes/registry.js';
import type { ResultFacts } from '../probes/probe.js';
import type { Address } from '../net/addresses.js';
import type { Asset, AssetChange, FactName, Observation, ProbeResult, ServiceState } from '../api/model.js';
import type { HistoryWrite } from '../store/store.js';
import type { AssetStore } from './asset-store.js';
import { diffAsset } from './diff.js';

/** Facts kept in the history, in the order an asset lists them. */
const FACTS: readonly FactName[] = ['mac', 'hostname', 'manufacturer', 'model', 'os', 'type'];

/** An address as a text that sorts in numeric order within its family, so a CIDR is a BETWEEN. */
export function addressKey(addr: Address): string {
  return addr.family === 4 ? `4${addr.value.toString(16).padStart(8, '0')}` : `6${addr.value.toString(16).padStart(32, '0')}`;
}

interface PortSeen {
  state: 'open' | 'closed';
  seq: number;
  observedAt: string;
}

/**
 * The definite answers a scan got per port, as its results arrive: open (a connection, an SNMP
 * answer, nmap's `open`) or closed (RST or ICMP port unreachable: a `closed` result, nmap's
 * `closed`). A timeout, an unreachable host or a dead one (discovery's `host-down`) says nothing
 * about a port, and neither does a port the scan did not probe. A classify walk's closed ports
 * count only when none of its ports was silent, because its path does not tell a silent port
 * from a refusing one. Open wins over closed within a scan.
 */
export class PortStates {
  private readonly byIp = new Map<string, Map<string, PortSeen>>();

  private mark(r: ProbeResult, fact: string, state: PortSeen['state']): void {
    let ports = this.byIp.get(r.target);
    if (!ports) this.byIp.set(r.target, (ports = new Map()));
    const seen = ports.get(fact);
    if (!seen || (seen.state === 'closed' && state === 'open')) ports.set(fact, { state, seq: r.seq, observedAt: r.observedAt });
  }

  /** `found`: the result's facts, when the caller has already read them. */
  add(r: ProbeResult, found: ResultFacts | undefined = factsOf(r)): void {
    if (r.status === 'closed' && r.port !== undefined) return this.mark(r, `${r.protocol ?? 'tcp'}/${r.port}`, 'closed');
    for (const p of found?.ports ?? []) this.mark(r, `${p.protocol}/${p.port}`, p.state);
  }

  of(ip: string): ReadonlyMap<string, PortSeen> {
    return this.byIp.get(ip) ?? new Map();
  }
}

/** What a finished scan observed of one asset: each fact per source, and each port with a definite answer. */
export function observationsOf(asset: Asset, ports: ReadonlyMap<string, PortSeen>, scanId: string): Observation[] {
  const out: Observation[] = [];
  for (const fact of FACTS) {
    const best = asset.sources?.[fact];
    const value = asset[fact];
    if (!best || value === undefined) continue;
    const seen = new Set<string>();
    for (const claim of [{ ...best, value }, ...(best.others ?? [])]) {
      // One value per fact and source: the first, as the asset ranks them.
      if (seen.has(claim.source)) continue;
      seen.add(claim.source);
      out.push({ ip: asset.ip, fact, value: claim.value, source: claim.source, confidence: claim.confidence, scanId, ...(claim.seq !== undefined ? { seq: claim.seq } : {}), observedAt: claim.observedAt });
    }
  }
  const open = new Set<string>();
  for (const s of asset.services) {
    const fact = `${s.protocol}/${s.port}`;
    open.add(fact);
    const service: ServiceState = { state: 'open' };
    if (s.name) service.name = s.name;
    if (s.product) service.product = s.product;
    if (s.version) service.version = s.version;
    const seen = ports.get(fact);
    out.push({ ip: asset.ip, fact, service, scanId, ...(seen ? { seq: seen.seq } : {}), observedAt: seen?.observedAt ?? asset.observedAt });
  }
  for (const [fact, seen] of ports) {
    if (seen.state === 'closed' && !open.has(fact)) out.push({ ip: asset.ip, fact, service: { state: 'closed' }, scanId, seq: seen.seq, observedAt: seen.observedAt });
  }
  return out;
}

/**
 * What makes two observations of a fact the same value, so the later extends the earlier's
 * interval: a fact's value (a MAC in either case, as tools write it), a port's state with its
 * name, product and version.
 */
export function valueKeyOf(o: Pick<Observation, 'fact' | 'value' | 'service'>): string {
  if (o.service) return JSON.stringify([o.service.state, o.service.name ?? null, o.service.product ?? null, o.service.version ?? null]);
  return o.fact === 'mac' ? (o.value ?? '').toLowerCase() : (o.value ?? '');
}

/**
 * Keeps the history of every asset fact as intervals of unchanged values, per principal, and tells
 * each finished scan what it changed against that principal's previous observations.
 */
export class AssetHistory {
  constructor(
    private readonly store: Pick<AssetStore, 'latestObservations'>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The scan's assets, each with what it changed, and the history to store in the same transaction
   * as the scan's end (read and written within one turn of the event loop, so no other scan's end
   * falls between).
   */
  close(scanId: string, owner: string, assets: readonly Asset[], ports: PortStates): { assets: Asset[]; write?: HistoryWrite } {
    if (assets.length === 0) return { assets: [...assets] };
    const previous = this.store.latestObservations(owner, assets.map((a) => a.ip));
    const observations: Observation[] = [];
    const changes: AssetChange[] = [];
    const out = assets.map((asset) => {
      const current = observationsOf(asset, ports.of(asset.ip), scanId);
      observations.push(...current);
      const found = diffAsset(asset.ip, previous.get(asset.ip) ?? [], current);
      changes.push(...found);
      return found.length ? { ...asset, changes: found } : asset;
    });
    return { assets: out, write: { owner, observations, changes, recordedAt: new Date(this.now()).toISOString() } };
  }
}
