import { StorageUnavailableError } from '../errors.js';
import type { Logger } from 'pino';
import type { AssetHistory } from '../assets/history.js';
import type { HostVerdict } from './host-discovery.js';
import type { Metrics } from '../observability/metrics.js';
import type { DeliveryRecord, ScanPatch, ScanRecord, ScanStore } from '../store/store.js';
import type { WriteBatcher } from '../store/write-batcher.js';
import type { ScanEvents } from './events.js';
import type { ResultDraft } from './probe-execution.js';
import type { PlanSink } from './planner.js';
import type { ProbeResult, ScanError, ScanPlan, ScanStats, ScanStatus } from '../api/model.js';
import type { PlanRequest } from './request.js';
import { countHosts, type TargetSpec } from '../net/targets.js';
import { emptyStats, progressOf, ScanTally } from './tally.js';

export interface RecorderDeps {
  store: ScanStore;
  /** Where the scan's writes go: grouped with other scans' into one transaction per turn. */
  writes: WriteBatcher;
  events: ScanEvents;
  metrics: Metrics;
  logger: Logger;
  /** Absent: no history is kept and scans report no changes. */
  history?: AssetHistory;
  /** Told when a scan reaches its final status (the webhook outbox listens). */
  onFinished: (scanId: string, status: ScanStatus) => void;
}

/** A scan not in the store yet (a sync scan that starts at once): written with its recorder's first write. */
export interface NewScan {
  record: ScanRecord;
  deliveries: readonly DeliveryRecord[];
}

/** A scan at its end, as stored. `whole`: it was written once, with every result, so the answer needs no read back. */
export interface ScanOutcome {
  scanId: string;
  status: ScanStatus;
  /** Why it failed; `storage-unavailable` when the store refused its results. */
  error?: ScanError;
  whole?: { record: ScanRecord; results: ProbeResult[] };
}

/** How long a result may wait to be committed with the ones after it (group commit within a scan). */
export const SAVE_WINDOW_MS = 50;
/** A batch this large is committed at once, whatever the window. */
export const MAX_UNSAVED = 500;

const INTERNAL = { code: 'internal', message: 'results of the scan could not be stored; see the server log' };
const STORAGE = { code: 'storage-unavailable', message: 'results of the scan could not be stored: the store refused a write (a full disk?); what was committed before is kept' };
/** What a scan whose results could not be stored ends with: a storage failure said as such. */
const failureOf = (err: unknown): ScanError => (err instanceof StorageUnavailableError ? STORAGE : INTERNAL);

/**
 * Stores and publishes what a running scan's tally collects. Results are committed in groups:
 * those of a SAVE_WINDOW_MS window together, and the last ones with the scan's final status (a
 * scan whose units are all known to be one needs no window: its result goes with its end). Writes
 * go through the WriteBatcher, so they share a transaction with other scans' writes of the same
 * turn, and one write of this scan is queued only once the one before it is committed. Results are
 * published after their commit, so a watcher that subscribes and then reads the store neither
 * misses nor repeats one.
 */
export class ScanRecorder implements PlanSink {
  private saveTimer: NodeJS.Timeout | undefined;
  /** The last write queued, settled once committed or failed. */
  private writing: Promise<void> = Promise.resolve();
  /** Set when a batch could not be stored: the scan ends failed with it. */
  private saveFailed: ScanError | undefined;

  private constructor(
    readonly scanId: string,
    readonly tally: ScanTally,
    private readonly deps: RecorderDeps,
    /** Whose scan it is, when the caller knows (else read from the store at the end, for the history). */
    private readonly owner: string | undefined,
    /** Set while the scan is not in the store. */
    private newScan: NewScan | undefined,
    /** 0: results wait for the end (a scan of one unit). */
    private readonly windowMs: number,
  ) {}

  /**
   * Opens the scan's tally and marks it `running`: a stored scan in the store, committed before
   * this resolves (it is what tells a restarted service not to send the scan's packets again); a
   * new scan in the record written with its first batch, at most SAVE_WINDOW_MS later, or whole
   * at its end if that comes first.
   */
  static async start(
    deps: RecorderDeps,
    job: { scanId: string; principal?: string; targets: readonly TargetSpec[]; excluded?: ScanStats['excluded']; known?: PlanRequest['known']; newScan?: NewScan; singleUnit?: boolean },
  ): Promise<ScanRecorder> {
    const stats = emptyStats(Number(countHosts(job.targets)), job.excluded);
    stats.hosts = { alive: 0, dead: 0, pending: stats.targets };
    const running = { status: 'running', startedAt: new Date().toISOString(), stats } as const;
    const newScan = job.newScan && { ...job.newScan, record: { ...job.newScan.record, ...running } };
    const recorder = new ScanRecorder(job.scanId, new ScanTally(stats, job.known), deps, job.principal, newScan, job.singleUnit ? 0 : SAVE_WINDOW_MS);
    // A new scan is stored within the window even without a result, so a long one can be watched.
    if (newScan) recorder.saveTimer = setTimeout(() => recorder.save(), SAVE_WINDOW_MS);
    else await deps.writes.write(() => deps.store.updateScan(job.scanId, running));
    return recorder;
  }

  /** The recorder of a scan that ends without running (cancelled in the queue): its stored counts stay. */
  static unstarted(deps: RecorderDeps, scanId: string, stats: ScanStats): ScanRecorder {
    return new ScanRecorder(scanId, new ScanTally(stats), deps, undefined, undefined, 0);
  }

  record(draft: ResultDraft): void {
    const result = this.tally.record(draft);
    this.deps.metrics.bound.probeResults(result.probe, result.status).inc();
    if (this.windowMs === 0) return;
    if (this.tally.untakenCount >= MAX_UNSAVED) this.save();
    else this.saveTimer ??= setTimeout(() => this.save(), this.windowMs);
  }

  packets(type: string, targetIp: string | undefined, n: number): void {
    this.tally.packets(type, targetIp, n);
    this.deps.metrics.bound.packetsSent(type).inc(n);
  }

  host(verdict: HostVerdict): void {
    this.tally.host(verdict);
  }

  planned(plan: ScanPlan): void {
    this.tally.planned(plan);
  }

  dropped(type: string, n: number): void {
    this.tally.dropped(type, n);
  }

  /**
   * Commits the last results with the final status, duration and assets (and the scan's history);
   * then SSE and webhooks hear of it. If results could not be stored, the scan ends `failed` with
   * an internal error. Resolves with the outcome as stored.
   */
  async finish(status: ScanStatus, error?: ScanError): Promise<ScanOutcome> {
    const { store, events, metrics, logger, history } = this.deps;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.writing;
    const batch = this.tally.take();
    const stats = this.tally.end();
    if (this.saveFailed) [status, error] = ['failed', this.saveFailed];
    const end = (s: ScanStatus, e: ScanError | undefined, assets = this.tally.assets()): ScanPatch => ({ status: s, finishedAt: new Date().toISOString(), stats, assets, ...(this.tally.plan ? { plan: this.tally.plan } : {}), ...(e ? { error: e } : {}) });
    const newScan = this.newScan;
    let outcome: ScanOutcome;
    try {
      const whole = await this.deps.writes.write(() => {
        // Read and written in the same transaction, so two scans of one address in a batch see each other's history.
        const owner = history && (this.owner ?? store.getScan(this.scanId)?.principal);
        const closed = owner ? history.close(this.scanId, owner, this.tally.assets(), this.tally.ports) : undefined;
        if (!newScan) {
          store.appendResults(this.scanId, batch, end(status, error, closed?.assets), closed?.write);
          return undefined;
        }
        const record = { ...newScan.record, ...end(status, error, closed?.assets) };
        store.insertScan(record, newScan.deliveries, batch, closed?.write);
        return { record, results: batch };
      });
      this.newScan = undefined;
      this.publish(batch);
      outcome = { scanId: this.scanId, status, ...(error ? { error } : {}), ...(whole ? { whole } : {}) };
    } catch (err) {
      logger.error({ err, scanId: this.scanId, results: batch.length }, 'the end of the scan could not be stored with its last results');
      [status, error] = ['failed', failureOf(err)];
      const failed = end(status, error);
      try {
        await this.deps.writes.write(() => (newScan ? store.insertScan({ ...newScan.record, ...failed }, newScan.deliveries) : store.updateScan(this.scanId, failed)));
      } catch (err2) {
        logger.error({ err: err2, scanId: this.scanId }, 'the failed end of the scan could not be stored either');
      }
      outcome = { scanId: this.scanId, status, ...(error ? { error } : {}) };
    }
    metrics.bound.scansFinished(status).inc();
    metrics.bound.scanDuration(status).observe((stats.durationMs ?? 0) / 1000);
    events.publish(this.scanId, { kind: 'end', status });
    this.deps.onFinished(this.scanId, status);
    return outcome;
  }

  /** Queues the results so far (and a new scan's record) behind the write before. */
  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const batch = this.tally.take();
    // The counts as they are now go with this batch (the tally moves on while it waits for its turn).
    const stats = structuredClone(this.tally.stats);
    const plan = this.tally.plan;
    this.writing = this.writing.then(async () => {
      const newScan = this.newScan;
      if (batch.length === 0 && !newScan) return;
      const progress = { stats, ...(plan ? { plan } : {}) };
      try {
        await this.deps.writes.write(() => (newScan ? this.deps.store.insertScan({ ...newScan.record, ...progress }, newScan.deliveries, batch) : this.deps.store.appendResults(this.scanId, batch, progress)));
        if (newScan) this.newScan = undefined;
        this.publish(batch);
      } catch (err) {
        this.saveFailed = failureOf(err);
        this.deps.logger.error({ err, scanId: this.scanId, results: batch.length }, 'results could not be stored');
      }
    });
  }

  private publish(batch: readonly ProbeResult[]): void {
    for (const result of batch) this.deps.events.publish(this.scanId, { kind: 'result', result });
    this.deps.events.publish(this.scanId, { kind: 'progress', progress: progressOf(this.tally.stats) });
  }
}
