import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { deriveAssets } from '../insights/assets.js';
import type { Metrics } from '../http/metrics.js';
import type { ScanStore } from '../store/store.js';
import type { ScanEvents } from './events.js';
import type { ExecutionSink, ResultDraft } from './execute.js';
import type { ProbeResult, ScanStats, ScanStatus } from './model.js';

const RESPONDED = new Set(['ok', 'closed', 'malformed']);

export function emptyStats(targets: number): ScanStats {
  return { targets, packetsSent: 0, responses: 0, results: 0, byProbe: {} };
}

export interface TallyDeps {
  store: ScanStore;
  events: ScanEvents;
  metrics: Metrics;
  logger: Logger;
  /** Told when a scan reaches its final status (the webhook outbox listens). */
  onFinished: (scanId: string, status: ScanStatus) => void;
}

/**
 * A running scan's book-keeping: numbers results, stores and publishes them, and counts packets.
 * Results are committed together once per event-loop turn (one SQLite transaction instead of one
 * per result), and always before the scan's final status. They are published after their commit,
 * so a watcher that subscribes and then reads the store neither misses nor repeats one.
 */
export class ScanTally implements ExecutionSink {
  private seq = 0;
  private unsaved: ProbeResult[] = [];
  private saveFailed = false;

  constructor(
    readonly scanId: string,
    readonly stats: ScanStats,
    private readonly deps: TallyDeps,
    readonly started = performance.now(),
  ) {}

  record(draft: ResultDraft): void {
    const result: ProbeResult = { seq: ++this.seq, ...draft, observedAt: new Date().toISOString() };
    this.unsaved.push(result);
    if (this.unsaved.length === 1) setImmediate(() => this.save());
    const stats = this.stats;
    stats.results++;
    if (RESPONDED.has(result.status)) stats.responses++;
    const counters = (stats.byProbe[result.probe] ??= { packetsSent: 0, results: {} });
    counters.results[result.status] = (counters.results[result.status] ?? 0) + 1;
    this.deps.metrics.probeResults.inc({ probe: result.probe, status: result.status });
  }

  packets(type: string, targetIp: string | undefined, n: number): void {
    const stats = this.stats;
    stats.packetsSent += n;
    (stats.byProbe[type] ??= { packetsSent: 0, results: {} }).packetsSent += n;
    if (targetIp) (stats.byTarget ??= {})[targetIp] = (stats.byTarget[targetIp] ?? 0) + n;
    this.deps.metrics.packetsSent.inc({ probe: type }, n);
  }

  dropped(type: string, n: number): void {
    const counters = (this.stats.byProbe[type] ??= { packetsSent: 0, results: {} });
    counters.droppedAnswers = (counters.droppedAnswers ?? 0) + n;
  }

  /** Final status, duration, assets derived from every stored result; then SSE and webhooks hear of it. */
  finish(status: ScanStatus, error?: { code: string; message: string }): void {
    this.save();
    if (this.saveFailed) {
      status = 'failed';
      error = { code: 'internal', message: 'results of the scan could not be stored; see the server log' };
    }
    finishScan(this.deps, this.scanId, status, error, this.stats, this.started);
  }

  private save(): void {
    if (this.unsaved.length === 0) return;
    const batch = this.unsaved;
    this.unsaved = [];
    try {
      this.deps.store.appendResults(this.scanId, batch);
    } catch (err) {
      this.saveFailed = true;
      this.deps.logger.error({ err, scanId: this.scanId, results: batch.length }, 'results could not be stored');
    }
    for (const result of batch) this.deps.events.publish(this.scanId, { kind: 'result', result });
  }
}

export function finishScan(deps: TallyDeps, scanId: string, status: ScanStatus, error: { code: string; message: string } | undefined, stats: ScanStats, started: number): void {
  const { store, events, metrics } = deps;
  stats.durationMs = Math.round(performance.now() - started);
  const assets = deriveAssets(store.listResults(scanId));
  store.updateScan(scanId, { status, finishedAt: new Date().toISOString(), stats, assets, ...(error ? { error } : {}) });
  metrics.scansFinished.inc({ status });
  metrics.scanDuration.observe({ status }, stats.durationMs / 1000);
  events.publish(scanId, { kind: 'end', status });
  deps.onFinished(scanId, status);
}
