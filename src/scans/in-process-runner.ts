import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ScanStats, ScanStatus } from '../api/model.js';
import { type ExecutionEnv, type ExecutionJob, executeProbes } from './probe-execution.js';
import { FairQueue } from '../util/fair-queue.js';
import { executePlan } from './planner.js';
import type { PlanRequest } from './request.js';
import { emptyStats, ScanTally, type TallyDeps, type UnstoredScan } from './tally.js';
import type { TargetSpec } from '../net/targets.js';
import type { Capability } from '../probes/probe.js';

/**
 * A scan to run: whose it is (the runner takes turns between principals), what scope left out of
 * it (for its stats), and a `want` scan's plan.
 */
export type RunJob = ExecutionJob & { principal: string; excluded?: ScanStats['excluded']; plan?: PlanRequest; unstored?: UnstoredScan };

export interface RunnerDeps extends ExecutionEnv, TallyDeps {
  limits: ExecutionEnv['limits'] & { maxConcurrentScans: number };
  /** Whether this machine has a tool (nmap) that some probe options need. */
  has: (tool: Capability) => boolean;
}

/** Where admitted scans go: the in-process runner, or the queue to the sensors. */
export interface ScanExecutor {
  /** A job with `unstored` is not in the store yet: the executor stores it before anyone can see it wait or run. */
  enqueue(job: RunJob): void | Promise<void>;
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
  private readonly queue = new FairQueue<RunJob>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private accepting = true;

  constructor(private readonly deps: RunnerDeps) {}

  enqueue(job: RunJob): void {
    // Only a scan that starts now may stay unstored until its first batch; a waiting one is stored.
    if (job.unstored && !(this.accepting && this.queue.size === 0 && this.running.size < this.deps.limits.maxConcurrentScans)) {
      const { unstored, ...stored } = job;
      this.deps.store.insertScan(unstored.record, unstored.deliveries);
      unstored.stored();
      job = stored;
    }
    this.queue.push(job.principal, job);
    this.deps.metrics.queueDepth.set(this.queue.size);
    this.pump();
  }

  async unreachable(): Promise<string[]> {
    return [];
  }

  async lacking(tools: readonly Capability[]): Promise<Capability[]> {
    return tools.filter((tool) => !this.deps.has(tool));
  }

  cancel(scanId: string): boolean {
    if (this.queue.remove((j) => j.scanId === scanId)) {
      this.deps.metrics.queueDepth.set(this.queue.size);
      new ScanTally(scanId, this.deps.store.getScan(scanId)?.stats ?? emptyStats(0), this.deps).finish('cancelled');
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
      const job = this.queue.take()!.item;
      this.deps.metrics.queueDepth.set(this.queue.size);
      const controller = new AbortController();
      // Every in-flight probe listens for the scan's abort; up to the concurrency limit at once.
      setMaxListeners(0, controller.signal);
      const done = this.run(job, controller.signal)
        .catch((err: unknown) => this.deps.logger.error({ err, scanId: job.scanId }, 'scan runner failed'))
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

  private async run(job: RunJob, signal: AbortSignal): Promise<void> {
    const { logger } = this.deps;
    const tally = ScanTally.start(this.deps, { ...job, known: job.plan?.known });
    let status: ScanStatus = 'completed';
    let error: { code: string; message: string } | undefined;
    try {
      if (job.plan) await executePlan(job, job.plan, signal, this.deps, tally);
      else await executeProbes(job, signal, this.deps, tally);
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
    tally.finish(status, error);
  }
}
