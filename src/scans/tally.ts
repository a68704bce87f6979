import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { type AssetHistory, PortStates } from '../assets/history.js';
import { AssetBuilder } from '../assets/asset-builder.js';
import { factsOf } from '../probes/registry.js';
import type { HostVerdict } from './host-discovery.js';
import type { Metrics } from '../observability/metrics.js';
import type { DeliveryRecord, ScanPatch, ScanRecord, ScanStore } from '../store/store.js';
import { StorageUnavailableError } from '../errors.js';
import type { ScanEvents, ScanProgress } from './events.js';
import type { ResultDraft } from './probe-execution.js';
import type { PlanSink } from './planner.js';
import type { ProbeResult, ScanPlan, ScanStats, ScanStatus } from '../api/model.js';
import type { PlanRequest } from './request.js';
import { countHosts, type TargetSpec } from '../net/targets.js';

/** Result statuses in which the device answered. */
export const RESPONDED: ReadonlySet<string> = new Set(['ok', 'closed', 'malformed']);

export function emptyStats(targets: number, excluded?: ScanStats['excluded']): ScanStats {
  return { targets, packetsSent: 0, responses: 0, results: 0, byProbe: {}, ...(excluded && Object.keys(excluded).length ? { excluded } : {}) };
}

export interface TallyDeps {
  store: ScanStore;
  events: ScanEvents;
  metrics: Metrics;
  logger: Logger;
  /** Absent: no history is kept and scans report no changes. */
  history?: AssetHistory;
  /** Told when a scan reaches its final status (the webhook outbox listens). */
  onFinished: (scanId: string, status: ScanStatus) => void;
}

/**
 * A scan that is not in the store yet: a sync scan the runner starts at once. It is stored with
 * its first batch of results (at most SAVE_WINDOW_MS after it starts), or, if it ends before that,
 * whole with its results and end in one transaction.
 */
export interface UnstoredScan {
  record: ScanRecord;
  deliveries: readonly DeliveryRecord[];
  /** Called once it is stored; with the record and every result when it was stored whole, ended. */
  stored(whole?: { record: ScanRecord; results: ProbeResult[] }): void;
}

export function progressOf(stats: ScanStats): ScanProgress {
  return { targets: stats.targets, ...(stats.hosts ? { hosts: { ...stats.hosts } } : {}), results: stats.results, packetsSent: stats.packetsSent };
}

/** How long a result may wait to be committed with the ones after it (group commit). */
export const SAVE_WINDOW_MS = 50;
/** A batch this large is committed at once, whatever the window. */
export const MAX_UNSAVED = 500;

const INTERNAL = { code: 'internal', message: 'results of the scan could not be stored; see the server log' };
const STORAGE = { code: 'storage-unavailable', message: 'results of the scan could not be stored: the store refused a write (a full disk?); what was committed before is kept' };
/** What a scan whose results could not be stored ends with: a storage failure said as such. */
const failureOf = (err: unknown): typeof INTERNAL => (err instanceof StorageUnavailableError ? STORAGE : INTERNAL);

/**
 * A running scan's book-keeping: numbers results, stores and publishes them, counts packets, and
 * builds the scan's assets as results arrive. Results are committed in groups: those of a
 * SAVE_WINDOW_MS window together (one SQLite transaction, instead of one per result), and the last
 * ones with the scan's final status. They are published after their commit, so a watcher that
 * subscribes and then reads the store neither misses nor repeats one. The `running` status is not
 * deferred like this: it is what tells a restarted service not to send a scan's packets again.
 */
export class ScanTally implements PlanSink {
  private seq = 0;
  private unsaved: ProbeResult[] = [];
  private saveTimer: NodeJS.Timeout | undefined;
  /** Set when a batch could not be stored: the scan ends failed with it. */
  private saveFailed: typeof INTERNAL | undefined;
  private readonly assets = new AssetBuilder();
  /** What the caller knew of addresses (a `want` scan): joined to the asset once the host is found alive. */
  private known = new Map<string, PlanRequest['known'][string]>();
  /** A `want` scan's plan as far as it got, stored with the next batch. */
  private plan: ScanPlan | undefined;
  private readonly ports = new PortStates();
  /** Addresses with a verdict (true: alive), so a second word about one moves it rather than counting it twice. */
  private readonly judged = new Map<string, boolean>();
  /** Set while the scan itself is not in the store yet. */
  private unstored: UnstoredScan | undefined;
  /** Whose scan it is, when the caller knows (else read from the store at the end, for the history). */
  private owner: string | undefined;

  constructor(
    readonly scanId: string,
    readonly stats: ScanStats,
    private readonly deps: TallyDeps,
    readonly started = performance.now(),
  ) {}

  /**
   * Marks the scan `running` in the store, at once, and opens its tally; a scan not stored yet is
   * stored `running` with its first batch, or whole at its end.
   */
  static start(deps: TallyDeps, job: { scanId: string; principal?: string; targets: readonly TargetSpec[]; excluded?: ScanStats['excluded']; known?: PlanRequest['known']; unstored?: UnstoredScan }): ScanTally {
    const stats = emptyStats(Number(countHosts(job.targets)), job.excluded);
    stats.hosts = { alive: 0, dead: 0, pending: stats.targets };
    const running = { status: 'running', startedAt: new Date().toISOString(), stats } as const;
    const tally = new ScanTally(job.scanId, stats, deps);
    tally.owner = job.principal;
    if (job.unstored) {
      tally.unstored = { ...job.unstored, record: { ...job.unstored.record, ...running } };
      tally.saveTimer = setTimeout(() => tally.save(), SAVE_WINDOW_MS);
    } else deps.store.updateScan(job.scanId, running);
    if (job.known) tally.known = new Map(Object.entries(job.known));
    return tally;
  }

  record(draft: ResultDraft): void {
    const result: ProbeResult = { seq: ++this.seq, ...draft, observedAt: new Date().toISOString() };
    // Read once: the asset and the port history take the same facts.
    const found = factsOf(result);
    this.assets.add(result, found);
    this.ports.add(result, found);
    const stats = this.stats;
    stats.results++;
    if (RESPONDED.has(result.status)) {
      stats.responses++;
      if (this.judged.get(result.target) !== true) this.host({ ip: result.target, alive: true, method: 'tcp' });
    }
    const counters = (stats.byProbe[result.probe] ??= { packetsSent: 0, results: {} });
    counters.results[result.status] = (counters.results[result.status] ?? 0) + 1;
    this.deps.metrics.probeResults.inc({ probe: result.probe, status: result.status });
    // Counted first, so the counts stored with a batch include its last result.
    this.unsaved.push(result);
    if (this.unsaved.length >= MAX_UNSAVED) this.save();
    else this.saveTimer ??= setTimeout(() => this.save(), SAVE_WINDOW_MS);
  }

  packets(type: string, targetIp: string | undefined, n: number): void {
    const stats = this.stats;
    stats.packetsSent += n;
    (stats.byProbe[type] ??= { packetsSent: 0, results: {} }).packetsSent += n;
    if (targetIp) (stats.byTarget ??= {})[targetIp] = (stats.byTarget[targetIp] ?? 0) + n;
    this.deps.metrics.packetsSent.inc({ probe: type }, n);
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
    this.assets.addHost(verdict.ip, verdict.mac, now);
    const known = this.known.get(verdict.ip);
    if (known) {
      this.known.delete(verdict.ip);
      this.assets.addKnown(verdict.ip, known.facts ?? {}, known.openPorts ?? [], now);
    }
  }

  planned(plan: ScanPlan): void {
    this.plan = plan;
  }

  dropped(type: string, n: number): void {
    const counters = (this.stats.byProbe[type] ??= { packetsSent: 0, results: {} });
    counters.droppedAnswers = (counters.droppedAnswers ?? 0) + n;
  }

  /**
   * Commits the last results with the final status, duration and assets; then SSE and webhooks
   * hear of it. If results could not be stored, the scan ends `failed` with an internal error.
   */
  finish(status: ScanStatus, error?: { code: string; message: string }): void {
    const { store, events, metrics, logger } = this.deps;
    const batch = this.takeUnsaved();
    this.stats.durationMs = Math.round(performance.now() - this.started);
    const end = (s: ScanStatus, e: typeof error, assets = this.assets.assets()): ScanPatch => ({ status: s, finishedAt: new Date().toISOString(), stats: this.stats, assets, ...(this.plan ? { plan: this.plan } : {}), ...(e ? { error: e } : {}) });
    if (this.saveFailed) [status, error] = ['failed', this.saveFailed];
    const unstored = this.unstored;
    this.unstored = undefined;
    try {
      // The scan's assets carry what they changed only if that is stored with them.
      const owner = this.deps.history && (this.owner ?? store.getScan(this.scanId)?.principal);
      const closed = owner ? this.deps.history!.close(this.scanId, owner, this.assets.assets(), this.ports) : undefined;
      if (unstored) {
        const record = { ...unstored.record, ...end(status, error, closed?.assets) };
        store.insertScan(record, unstored.deliveries, batch, closed?.write);
        unstored.stored({ record, results: batch });
      } else store.appendResults(this.scanId, batch, end(status, error, closed?.assets), closed?.write);
      this.publish(batch);
    } catch (err) {
      logger.error({ err, scanId: this.scanId, results: batch.length }, 'the end of the scan could not be stored with its last results');
      [status, error] = ['failed', failureOf(err)];
      try {
        if (unstored) store.insertScan({ ...unstored.record, ...end(status, error) }, unstored.deliveries);
        else store.updateScan(this.scanId, end(status, error));
      } catch (again) {
        // Still refused: the end is still told (a sync caller answers with what was committed).
        logger.error({ err: again, scanId: this.scanId }, 'the failed end of the scan could not be stored either');
      } finally {
        // Stored or not, the service must stop counting it as an active scan held in memory.
        unstored?.stored();
      }
    }
    metrics.scansFinished.inc({ status });
    metrics.scanDuration.observe({ status }, this.stats.durationMs / 1000);
    events.publish(this.scanId, { kind: 'end', status });
    this.deps.onFinished(this.scanId, status);
  }

  private takeUnsaved(): ProbeResult[] {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const batch = this.unsaved;
    this.unsaved = [];
    return batch;
  }

  private save(): void {
    const batch = this.takeUnsaved();
    const unstored = this.unstored;
    if (batch.length === 0 && !unstored) return;
    try {
      // The running counts go with each batch, so a poll of the scan sees it converge.
      const progress = { stats: this.stats, ...(this.plan ? { plan: this.plan } : {}) };
      if (unstored) {
        this.deps.store.insertScan({ ...unstored.record, ...progress }, unstored.deliveries, batch);
        this.unstored = undefined;
        unstored.stored();
      } else this.deps.store.appendResults(this.scanId, batch, progress);
      this.publish(batch);
    } catch (err) {
      this.saveFailed = failureOf(err);
      this.deps.logger.error({ err, scanId: this.scanId, results: batch.length }, 'results could not be stored');
    }
  }

  private publish(batch: readonly ProbeResult[]): void {
    for (const result of batch) this.deps.events.publish(this.scanId, { kind: 'result', result });
    this.deps.events.publish(this.scanId, { kind: 'progress', progress: progressOf(this.stats) });
  }
}
