import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScanError, ScanStats, ScanStatus } from '../api/model.js';
import { type ExecutionEnv, type ExecutionJob, executeProbes, singleUnit } from './probe-execution.js';
import { FairQueue } from '../util/fair-queue.js';
import { executePlan } from './planner.js';
import type { PlanRequest } from './request.js';
import { emptyStats } from './tally.js';
import { type NewScan, type RecorderDeps, ScanRecorder, type ScanOutcome } from './scan-recorder.js';
import type { TargetSpec } from '../net/targets.js';
import type { Capability } from '../probes/probe.js';

/**
 * A scan to run: whose it is (the runner takes turns between principals), what scope left out of
 * it (for its stats), a `want` scan's plan, and, for a scan not in the store yet, what to store.
 */
export type RunJob = ExecutionJob & { principal: string; excluded?: ScanStats['excluded']; plan?: PlanRequest; newScan?: NewScan };

export interface RunnerDeps extends ExecutionEnv, RecorderDeps {
  limits: ExecutionEnv['limits'] & { maxConcurrentScans: number };
  /** Whether this machine has a tool (nmap) that some probe options need. */
  has: (tool: Capability) => boolean;
}

/** A scan an executor has taken: `ended` resolves with its outcome once its end is stored. */
export interface Submitted {
  ended: Promise<ScanOutcome>;
}

/** Where admitted scans go: the in-process runner, or the queue to the sensors. */
export interface ScanExecutor {
  /**
   * Takes the scan (queued or started) and resolves once it holds it; throws, with nothing sent, if
   * it cannot. A job with `newScan` is stored by the executor before anyone can see it wait, at
   * the latest.
   */
  submit(job: RunJob): Promise<Submitted>;
  /** Cancels a queued or running scan; true if it was this executor's to cancel. */
  cancel(scanId: string): boolean | Promise<boolean>;
  /** The parts of these targets (as a-b ranges) that no live sensor serves; in-process, none. */
  unreachable(targets: readonly TargetSpec[]): Promise<string[]>;
  /**
   * Which of these tools the machines that would probe these targets lack: this one in-process;
   * with sensors, any live sensor of a site the targets are routed to (any of them may take a
   * job), or without targets any live sensor at all.
   */
  lacking(tools: readonly Capability[], targets?: readonly TargetSpec[]): Promise<Capability[]>;
  shutdown(graceMs: number): Promise<void>;
}

class ShutdownSignal extends Error {
  override readonly name = 'ShutdownSignal';
}

/**
 * Runs scans: for each (target × probe unit × attempt), under the shared packet limiter, calls the
 * probe and turns whatever happens into one result. Nothing a probe does stops the scan. Queued
 * scans start fairly: the principal with the fewest running scans goes next, in turns, so one
 * principal's 200 queued scans do not keep another's one scan waiting behind them.
 */
export class ScanRunner implements ScanExecutor {
  private readonly queue = new FairQueue<{ job: RunJob; ended: (outcome: ScanOutcome) => void }>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private accepting = true;

  constructor(private readonly deps: RunnerDeps) {}

  /** Runs the scan, after its turn in the queue, and resolves with its outcome once its end is stored. */
  run(job: RunJob): Promise<ScanOutcome> {
    return new Promise((ended) => {
      // Only a scan that starts now may stay unstored until its first batch; a waiting one is stored.
      if (job.newScan && !(this.accepting && this.queue.size === 0 && this.running.size < this.deps.limits.maxConcurrentScans)) {
        const { newScan, ...stored } = job;
        this.deps.store.insertScan(newScan.record, newScan.deliveries);
        job = stored;
      }
      this.queue.push(job.principal, { job, ended });
      this.deps.metrics.queueDepth.set(this.queue.size);
      this.pump();
    });
  }

  async submit(job: RunJob): Promise<Submitted> {
    return { ended: this.run(job) };
  }

  async unreachable(): Promise<string[]> {
    return [];
  }

  async lacking(tools: readonly Capability[]): Promise<Capability[]> {
    return tools.filter((tool) => !this.deps.has(tool));
  }

  async cancel(scanId: string): Promise<boolean> {
    const queued = this.queue.remove((q) => q.job.scanId === scanId);
    if (queued) {
      this.deps.metrics.queueDepth.set(this.queue.size);
      // The answer to the cancel reads the scan: its end is committed first.
      queued.ended(await ScanRecorder.unstarted(this.deps, scanId, this.deps.store.getScan(scanId)?.stats ?? emptyStats(0)).finish('cancelled'));
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
    while (this.accepting && this.running.size < this.deps.limits.maxConcurrentScans && this.queue.size > 0) {
      const { job, ended } = this.queue.take()!.item;
      this.deps.metrics.queueDepth.set(this.queue.size);
      const controller = new AbortController();
      // Every in-flight probe listens for the scan's abort; up to the concurrency limit at once.
      setMaxListeners(0, controller.signal);
      const done = this.execute(job, controller.signal)
        .then(ended, (err: unknown) => {
          // The scan could not even be marked running: nothing was sent; it stays as stored.
          this.deps.logger.error({ err, scanId: job.scanId }, 'scan runner failed');
          ended({ scanId: job.scanId, status: 'failed' });
        })
        .finally(() => {
          this.running.delete(job.scanId);
          this.queue.done(job.principal);
          this.deps.metrics.runningScans.set(this.running.size);
          this.pump();
        });
      this.running.set(job.scanId, { controller, done });
      this.deps.metrics.runningScans.set(this.running.size);
    }
  }

  private async execute(job: RunJob, signal: AbortSignal): Promise<ScanOutcome> {
    const { logger } = this.deps;
    const recorder = await ScanRecorder.start(this.deps, { ...job, known: job.plan?.known, singleUnit: !job.plan && singleUnit(job) !== undefined });
    let status: ScanStatus = 'completed';
    let error: ScanError | undefined;
    try {
      if (job.plan) await executePlan(job, job.plan, signal, this.deps, recorder);
      else await executeProbes(job, signal, this.deps, recorder);
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
    return recorder.finish(status, error);
  }
}
