import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { deriveAssets } from '../insights/assets.js';
import type { Metrics } from '../http/metrics.js';
import type { NetFactory } from '../probes/net.js';
import type { NmapSettings } from '../probes/nmap/run.js';
import type { CatalogEntry } from '../probes/classify/catalogs.js';
import { classifyError, type PacketGate, type ProbeUnit } from '../probes/probe.js';
import type { ScanStore } from '../store/store.js';
import type { ScanEvents } from './events.js';
import type { ProbeResult, ScanStats, ScanStatus } from './model.js';
import { Pacer, PacketLimiter } from './rate-limiter.js';
import type { TargetSlots } from './target-slots.js';
import type { ProbeEntry } from './request.js';
import { countHosts, expandTargets, type Scope, type Target, type TargetSpec, targetsContain } from './targets.js';
import type { Timing } from './model.js';

export interface RunJob {
  scanId: string;
  targets: TargetSpec[];
  probes: ProbeEntry[];
  timing: Timing;
  /** The scan asked for the fragile profile (every target treated as fragile). */
  fragile: boolean;
}

export interface RunnerDeps {
  store: ScanStore;
  scope: Scope;
  multicastInterface: string | undefined;
  events: ScanEvents;
  limiter: PacketLimiter;
  slots: TargetSlots;
  /** Targets configured fragile (PSCAN_FRAGILE_CIDRS). */
  isFragile: (ip: string) => boolean;
  fragileGapMs: number;
  net: NetFactory;
  logger: Logger;
  metrics: Metrics;
  limits: { maxConcurrentScans: number; maxConcurrentProbesPerScan: number; bannerMaxBytes: number; perTargetPacketsPerSecond: number; perTargetConcurrency: number };
  nmap: NmapSettings;
  catalogs: { get(id: string): CatalogEntry | undefined };
  /** Told when a scan reaches its final status (the webhook outbox listens). */
  onFinished: (scanId: string, status: ScanStatus) => void;
}

class ShutdownSignal extends Error {
  override readonly name = 'ShutdownSignal';
}

const RESPONDED = new Set(['ok', 'closed', 'malformed']);

export function emptyStats(targets: number): ScanStats {
  return { targets, packetsSent: 0, responses: 0, results: 0, byProbe: {} };
}

/**
 * Runs scans: for each (target × probe unit × attempt), under the shared packet limiter, calls the
 * probe and turns whatever happens into one result. Nothing a probe does stops the scan.
 */
export class ScanRunner {
  private readonly queue: RunJob[] = [];
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private accepting = true;

  constructor(private readonly deps: RunnerDeps) {}

  enqueue(job: RunJob): void {
    this.queue.push(job);
    this.deps.metrics.queueDepth.set(this.queue.length);
    this.pump();
  }

  /** Cancels a queued or running scan; true if it was ours to cancel. */
  cancel(scanId: string): boolean {
    const queued = this.queue.findIndex((j) => j.scanId === scanId);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.deps.metrics.queueDepth.set(this.queue.length);
      this.finish(scanId, 'cancelled', undefined, this.deps.store.getScan(scanId)?.stats ?? emptyStats(0), performance.now());
      return true;
    }
    const run = this.running.get(scanId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  /** Stops taking work; lets running scans finish within `graceMs`, then interrupts them. */
  async shutdown(graceMs: number): Promise<void> {
    this.accepting = false;
    const all = Promise.all([...this.running.values()].map((r) => r.done));
    const timer = sleep(graceMs, 'timeout' as const, { ref: false });
    if ((await Promise.race([all.then(() => 'done' as const), timer])) === 'timeout') {
      for (const r of this.running.values()) r.controller.abort(new ShutdownSignal('the service stopped while the scan was running'));
      await all;
    }
  }

  private pump(): void {
    while (this.accepting && this.running.size < this.deps.limits.maxConcurrentScans && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.deps.metrics.queueDepth.set(this.queue.length);
      const controller = new AbortController();
      // Every in-flight probe listens for the scan's abort; up to the concurrency limit at once.
      setMaxListeners(0, controller.signal);
      const done = this.run(job, controller.signal)
        .catch((err: unknown) => this.deps.logger.error({ err, scanId: job.scanId }, 'scan runner failed'))
        .finally(() => {
          this.running.delete(job.scanId);
          this.deps.metrics.runningScans.set(this.running.size);
          this.pump();
        });
      this.running.set(job.scanId, { controller, done });
      this.deps.metrics.runningScans.set(this.running.size);
    }
  }

  private async run(job: RunJob, signal: AbortSignal): Promise<void> {
    const { store, events, logger, metrics } = this.deps;
    const started = performance.now();
    const stats = emptyStats(Number(countHosts(job.targets)));
    store.updateScan(job.scanId, { status: 'running', startedAt: new Date().toISOString(), stats });
    const scanPacer = job.timing.ratePerSecond ? new Pacer(job.timing.ratePerSecond) : undefined;
    let seq = 0;

    const record = (partial: Omit<ProbeResult, 'seq' | 'observedAt'>): void => {
      const result: ProbeResult = { seq: ++seq, ...partial, observedAt: new Date().toISOString() };
      store.appendResult(job.scanId, result);
      stats.results++;
      if (RESPONDED.has(result.status)) stats.responses++;
      const counters = (stats.byProbe[result.probe] ??= { packetsSent: 0, results: {} });
      counters.results[result.status] = (counters.results[result.status] ?? 0) + 1;
      metrics.probeResults.inc({ probe: result.probe, status: result.status });
      events.publish(job.scanId, { kind: 'result', result });
    };

    const isGroup = (e: ProbeEntry): boolean => Boolean(e.probe.runGroup && e.probe.isGroup?.(e.params));
    const perTarget = job.probes.filter((e) => !isGroup(e));
    const work = (function* () {
      for (const target of expandTargets(job.targets)) for (const entry of perTarget) for (const unit of entry.probe.units(entry.params)) yield { target, entry, unit };
    })();

    const fragileTarget = (ip: string): boolean => job.fragile || this.deps.isFragile(ip);
    const contextFor = (type: string, targetIp: string | undefined) => {
      const fragile = targetIp !== undefined && fragileTarget(targetIp);
      const count = (n: number): void => {
        stats.packetsSent += n;
        (stats.byProbe[type] ??= { packetsSent: 0, results: {} }).packetsSent += n;
        if (targetIp) (stats.byTarget ??= {})[targetIp] = (stats.byTarget[targetIp] ?? 0) + n;
        metrics.packetsSent.inc({ probe: type }, n);
      };
      const gate: PacketGate = {
        acquire: async (s) => {
          await this.deps.limiter.acquire(targetIp, scanPacer, s, fragile);
          count(1);
        },
        record: count,
      };
      return {
        signal,
        timeoutMs: job.timing.timeoutMs,
        timing: {
          count: job.timing.count,
          intervalMs: job.timing.intervalMs,
          retries: job.timing.retries,
          maxRatePerSecond: Math.min(job.timing.ratePerSecond ?? Infinity, this.deps.limits.perTargetPacketsPerSecond),
        },
        tools: { nmap: this.deps.nmap },
        catalogs: this.deps.catalogs,
        gate,
        net: this.deps.net,
        logger,
        inScope: (ip: string) => this.deps.scope.allowsIp(ip),
        multicastInterface: this.deps.multicastInterface,
        limits: { bannerMaxBytes: this.deps.limits.bannerMaxBytes },
      };
    };
    const unitFields = (unit: ProbeUnit | undefined) => ({ ...(unit?.port !== undefined ? { port: unit.port } : {}), ...(unit?.protocol ? { protocol: unit.protocol } : {}) });

    /** A unit holds one of its target's slots while it runs; on a fragile target, also a gap after. */
    const runUnit = async (target: Target, entry: ProbeEntry, unit: ProbeUnit): Promise<void> => {
      const fragile = fragileTarget(target.ip);
      const release = await this.deps.slots.acquire(target.ip, fragile ? 1 : this.deps.limits.perTargetConcurrency, signal);
      try {
        await runAttempts(target, entry, unit);
        if (fragile && this.deps.fragileGapMs > 0) await sleep(this.deps.fragileGapMs, undefined, { signal });
      } finally {
        release();
      }
    };

    const runAttempts = async (target: Target, entry: ProbeEntry, unit: ProbeUnit): Promise<void> => {
      const type = entry.probe.type;
      const ctx = contextFor(type, target.ip);
      for (let attempt = 1; attempt <= job.timing.count; attempt++) {
        if (attempt > 1 && job.timing.intervalMs > 0) await sleep(job.timing.intervalMs, undefined, { signal });
        for (let tries = 1; ; tries++) {
          const base = { target: target.ip, probe: type, ...unitFields(unit), attempt, tries };
          try {
            const outcome = await entry.probe.run(entry.params, target, unit, ctx);
            record({ ...base, status: 'ok', ...(outcome.rttMs !== undefined ? { rttMs: outcome.rttMs } : {}), data: outcome.data as ProbeResult['data'] });
            break;
          } catch (err) {
            if (signal.aborted) return;
            const failure = classifyError(err);
            if (failure.status === 'timeout' && tries <= job.timing.retries) continue;
            record({ ...base, ...failure });
            break;
          }
        }
      }
    };

    /** One query to the group; then one result per target address, answered or not. */
    const runGroup = async (entry: ProbeEntry): Promise<void> => {
      const type = entry.probe.type;
      const unit = entry.probe.units(entry.params)[0];
      const ctx = contextFor(type, undefined);
      try {
        const outcome = await entry.probe.runGroup!(entry.params, (ip) => targetsContain(job.targets, ip), ctx);
        (stats.byProbe[type] ??= { packetsSent: 0, results: {} }).droppedAnswers = outcome.dropped;
        const byIp = new Map(outcome.answers.map((a) => [a.ip, a]));
        for (const target of expandTargets(job.targets)) {
          const base = { target: target.ip, probe: type, ...unitFields(unit), attempt: 1, tries: outcome.queries };
          const answer = byIp.get(target.ip);
          if (answer?.outcome) {
            const o = answer.outcome;
            record({ ...base, status: 'ok', ...(o.rttMs !== undefined ? { rttMs: o.rttMs } : {}), data: o.data as ProbeResult['data'] });
          } else if (answer) record({ ...base, ...classifyError(answer.failure) });
          else record({ ...base, status: 'timeout', error: { code: 'no-answer', message: `no answer to the ${type} query within the listening window` } });
        }
      } catch (err) {
        if (signal.aborted) return;
        const failure = classifyError(err);
        for (const target of expandTargets(job.targets)) record({ target: target.ip, probe: type, ...unitFields(unit), attempt: 1, tries: 0, ...failure });
      }
    };

    const worker = async (): Promise<void> => {
      for (let next = work.next(); !next.done && !signal.aborted; next = work.next()) {
        const { target, entry, unit } = next.value;
        try {
          await runUnit(target, entry, unit);
        } catch (err) {
          if (!signal.aborted) throw err;
        }
      }
    };
    let status: ScanStatus = 'completed';
    let error: { code: string; message: string } | undefined;
    try {
      await Promise.all([...Array.from({ length: this.deps.limits.maxConcurrentProbesPerScan }, worker), ...job.probes.filter(isGroup).map(runGroup)]);
      if (signal.aborted) {
        const reason: unknown = signal.reason;
        if (reason instanceof ShutdownSignal) {
          status = 'failed';
          error = { code: 'interrupted', message: reason.message };
        } else status = 'cancelled';
      }
    } catch (err) {
      status = 'failed';
      error = { code: 'internal', message: 'the scan could not be completed; see the server log' };
      logger.error({ err, scanId: job.scanId }, 'scan failed');
    }
    this.finish(job.scanId, status, error, stats, started);
  }

  private finish(scanId: string, status: ScanStatus, error: { code: string; message: string } | undefined, stats: ScanStats, started: number): void {
    const { store, events, metrics } = this.deps;
    stats.durationMs = Math.round(performance.now() - started);
    const assets = deriveAssets(store.listResults(scanId));
    store.updateScan(scanId, { status, finishedAt: new Date().toISOString(), stats, assets, ...(error ? { error } : {}) });
    metrics.scansFinished.inc({ status });
    metrics.scanDuration.observe({ status }, stats.durationMs / 1000);
    events.publish(scanId, { kind: 'end', status });
    this.deps.onFinished(scanId, status);
  }
}
