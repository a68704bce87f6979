import { performance } from 'node:perf_hooks';
import { PortStates } from '../assets/history.js';
import { AssetBuilder } from '../assets/asset-builder.js';
import { factsOf } from '../probes/registry.js';
import type { HostVerdict } from './host-discovery.js';
import type { ScanProgress } from './events.js';
import type { ResultDraft } from './probe-execution.js';
import type { PlanSink } from './planner.js';
import type { Asset, ProbeResult, ScanPlan, ScanStats } from '../api/model.js';
import type { PlanRequest } from './request.js';

/** Result statuses in which the device answered. */
export const RESPONDED: ReadonlySet<string> = new Set(['ok', 'closed', 'malformed']);

export function emptyStats(targets: number, excluded?: ScanStats['excluded']): ScanStats {
  return { targets, packetsSent: 0, responses: 0, results: 0, byProbe: {}, ...(excluded && Object.keys(excluded).length ? { excluded } : {}) };
}

export function progressOf(stats: ScanStats): ScanProgress {
  return { targets: stats.targets, ...(stats.hosts ? { hosts: { ...stats.hosts } } : {}), results: stats.results, packetsSent: stats.packetsSent };
}

/**
 * A running scan's book-keeping, in memory only: numbers results, counts them, packets and hosts,
 * builds the scan's assets (and the port states its history takes) as results arrive, and holds
 * the results not yet taken for the store. It writes, publishes and measures nothing: that is the
 * ScanRecorder's.
 */
export class ScanTally implements PlanSink {
  private seq = 0;
  private untaken: ProbeResult[] = [];
  private readonly builder = new AssetBuilder();
  readonly ports = new PortStates();
  /** What the caller knew of addresses (a `want` scan): joined to the asset once the host is found alive. */
  private readonly known: Map<string, PlanRequest['known'][string]>;
  /** A `want` scan's plan as far as it got. */
  plan: ScanPlan | undefined;
  /** Addresses with a verdict (true: alive), so a second word about one moves it rather than counting it twice. */
  private readonly judged = new Map<string, boolean>();
  readonly started = performance.now();

  constructor(
    readonly stats: ScanStats,
    known?: PlanRequest['known'],
  ) {
    this.known = new Map(known ? Object.entries(known) : []);
  }

  /** Numbers and counts one result; it waits in `take()` for the store. */
  record(draft: ResultDraft): ProbeResult {
    const result: ProbeResult = { seq: ++this.seq, ...draft, observedAt: new Date().toISOString() };
    // Read once: the asset and the port history take the same facts.
    const found = factsOf(result);
    this.builder.add(result, found);
    this.ports.add(result, found);
    const stats = this.stats;
    stats.results++;
    if (RESPONDED.has(result.status)) {
      stats.responses++;
      if (this.judged.get(result.target) !== true) this.host({ ip: result.target, alive: true, method: 'tcp' });
    }
    const counters = (stats.byProbe[result.probe] ??= { packetsSent: 0, results: {} });
    counters.results[result.status] = (counters.results[result.status] ?? 0) + 1;
    this.untaken.push(result);
    return result;
  }

  packets(type: string, targetIp: string | undefined, n: number): void {
    const stats = this.stats;
    stats.packetsSent += n;
    (stats.byProbe[type] ??= { packetsSent: 0, results: {} }).packetsSent += n;
    if (targetIp) (stats.byTarget ??= {})[targetIp] = (stats.byTarget[targetIp] ?? 0) + n;
  }

  host(verdict: HostVerdict): void {
    const hosts = (this.stats.hosts ??= { alive: 0, dead: 0, pending: this.stats.targets });
    const before = this.judged.get(verdict.ip);
    if (before !== verdict.alive) {
      if (before === undefined) hosts.pending--;
      else hosts[before ? 'alive' : 'dead']--;
      hosts[verdict.alive ? 'alive' : 'dead']++;
      this.judged.set(verdict.ip, verdict.alive);
    }
    if (!verdict.alive) return;
    const now = new Date().toISOString();
    this.builder.addHost(verdict.ip, verdict.mac, now);
    const known = this.known.get(verdict.ip);
    if (known) {
      this.known.delete(verdict.ip);
      this.builder.addKnown(verdict.ip, known.facts ?? {}, known.openPorts ?? [], now);
    }
  }

  planned(plan: ScanPlan): void {
    this.plan = plan;
  }

  dropped(type: string, n: number): void {
    const counters = (this.stats.byProbe[type] ??= { packetsSent: 0, results: {} });
    counters.droppedAnswers = (counters.droppedAnswers ?? 0) + n;
  }

  /** How many results wait for `take()`. */
  get untakenCount(): number {
    return this.untaken.length;
  }

  /** The results recorded since the last call, in order. */
  take(): ProbeResult[] {
    const batch = this.untaken;
    this.untaken = [];
    return batch;
  }

  assets(): Asset[] {
    return this.builder.assets();
  }

  /** Sets the scan's duration, counted from this tally's start. */
  end(): ScanStats {
    this.stats.durationMs = Math.round(performance.now() - this.started);
    return this.stats;
  }
}
