import { setTimeout as sleep } from 'node:timers/promises';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { BUILT_IN, type CatalogLookup, type CatalogWithTrees } from '../probes/classify/catalog-lookup.js';
import { isGroupEntry } from '../scans/probe-execution.js';
import type { RunJob, ScanExecutor, Submitted } from '../scans/in-process-runner.js';
import type { TargetSpec } from '../net/targets.js';
import type { ScanPlan, UnmetFact, WantedFact } from '../api/model.js';
import type { Capability } from '../probes/probe.js';
import { type RecorderDeps, ScanRecorder, type ScanOutcome } from '../scans/scan-recorder.js';
import { SensorRegistry } from './sensor-registry.js';
import { chunkRanges, rangeText, routeTargets } from './routing.js';
import { cancelChannel, connectRedis, RESULTS_QUEUE, type ResultBatch, type SharedCaps, workJobId, workQueueName, type WorkJob } from './wire.js';

export interface DispatcherSettings {
  url: string;
  prefix: string;
  chunkHosts: number;
  caps: SharedCaps;
  catalogs: CatalogLookup;
}

/** A scan out on the sensors: which chunks are over, and which result keys each has delivered. */
interface Dispatched {
  recorder: ScanRecorder;
  /** Settles the scan's `ended` with what its recorder's end stored. */
  ended: (outcome: Promise<ScanOutcome>) => void;
  chunks: number;
  done: Set<number>;
  seen: Map<number, Set<string>>;
  jobs: Array<{ site: string; id: string }>;
  /** A `want` scan's plan per chunk (one chunk per site), as its sensor last reported it. */
  plans: Map<number, ScanPlan>;
  error?: { code: string; message: string };
}

/** Work jobs are retried this often when a sensor fails one (a sensor that dies is a stall, not a failure). */
const WORK_ATTEMPTS = 3;

/**
 * The API side of the sensors: routes each scan's targets to the sites whose CIDRs hold them, puts
 * one BullMQ job per chunk of targets (and one per site for multicast queries) on the site's
 * queue, and takes the results back from the results queue into the store, exactly once per
 * (chunk, result key), however often a chunk is run.
 */
export class QueueDispatcher implements ScanExecutor {
  private readonly redis: Redis;
  private readonly workerConnection: Redis;
  readonly registry: SensorRegistry;
  private readonly queues = new Map<string, Queue<WorkJob>>();
  private readonly scans = new Map<string, Dispatched>();
  private resultsWorker: Worker<ResultBatch> | undefined;
  /** Resolved each time the last scan in flight ends (shutdown waits on it). */
  private onIdle: Array<() => void> = [];

  constructor(
    private readonly settings: DispatcherSettings,
    private readonly deps: RecorderDeps,
  ) {
    this.redis = connectRedis(settings.url, { name: 'pscan-api' });
    this.workerConnection = connectRedis(settings.url, { blocking: true, name: 'pscan-api-results' });
    this.registry = new SensorRegistry(this.redis, settings.prefix);
  }

  /** Starts taking result batches; they wait in Redis while the API is down. */
  start(): void {
    this.resultsWorker = new Worker<ResultBatch>(RESULTS_QUEUE, async (job: Job<ResultBatch>) => this.take(job.data), {
      connection: this.workerConnection,
      prefix: this.settings.prefix,
      // One at a time, so a job's batches are stored in the order its sensor sent them.
      concurrency: 1,
    });
    this.resultsWorker.on('error', (err) => this.deps.logger.error({ err }, 'results worker error'));
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  private queueFor(site: string): Queue<WorkJob> {
    let queue = this.queues.get(site);
    if (!queue) {
      queue = new Queue<WorkJob>(workQueueName(site), { connection: this.redis, prefix: this.settings.prefix });
      this.queues.set(site, queue);
    }
    return queue;
  }

  async unreachable(targets: readonly TargetSpec[]): Promise<string[]> {
    return routeTargets(targets, await this.registry.liveSites()).uncovered.map(rangeText);
  }

  async lacking(tools: readonly Capability[], targets?: readonly TargetSpec[]): Promise<Capability[]> {
    const sensors = await this.registry.list();
    const sites = targets && new Set(routeTargets(targets, await this.registry.liveSites(sensors)).bySite.keys());
    const serving = sites ? sensors.filter((s) => sites.has(s.site)) : sensors;
    return tools.filter((tool) => serving.some((s) => !s.tools?.[tool]));
  }

  async submit({ newScan, ...job }: RunJob): Promise<Submitted> {
    // Stored before anything is awaited: results come back from other processes.
    if (newScan) this.deps.store.insertScan(newScan.record, newScan.deliveries);
    const routing = routeTargets(job.targets, await this.registry.liveSites());
    if (routing.uncovered.length) throw new Error(`no live sensor for ${routing.uncovered.map(rangeText).slice(0, 4).join(', ')}`);
    const probes = job.probes.map((e) => ({ type: e.probe.type, ...e.params }));
    const hasUnits = job.probes.some((e) => !isGroupEntry(e));
    const hasGroups = job.probes.some(isGroupEntry);
    const named = new Set(job.probes.flatMap((e) => (e.probe.resources?.(e.params) ?? []).flatMap((r) => (r.kind === 'catalog' && r.id !== BUILT_IN.catalog.id ? [r.id] : []))));
    const catalogs = [...named].flatMap((id): CatalogWithTrees[] => {
      const entry = this.settings.catalogs.get(id);
      return entry ? [{ catalog: entry.catalog, trees: entry.trees }] : [];
    });
    const base = { scanId: job.scanId, probes, timing: job.timing, fragile: job.fragile, discovery: job.discovery ?? 'auto', caps: this.settings.caps, ...(catalogs.length ? { catalogs } : {}) };
    const jobs: Array<{ site: string; data: WorkJob }> = [];
    for (const [site, ranges] of routing.bySite) {
      // A plan is not cut into chunks: its multicast steps serve the whole site at once.
      if (job.plan) jobs.push({ site, data: { ...base, chunk: jobs.length, part: 'plan', targets: ranges.map(rangeText), plan: job.plan } });
      else if (hasUnits) for (const chunk of chunkRanges(ranges, this.settings.chunkHosts)) jobs.push({ site, data: { ...base, chunk: jobs.length, part: 'units', targets: chunk.map(rangeText) } });
      if (hasGroups && !job.plan) jobs.push({ site, data: { ...base, chunk: jobs.length, part: 'groups', targets: ranges.map(rangeText) } });
    }
    let settle!: Dispatched['ended'];
    const ended = new Promise<ScanOutcome>((resolve) => (settle = (outcome) => void outcome.then(resolve)));
    const state: Dispatched = {
      recorder: await ScanRecorder.start(this.deps, { ...job, known: job.plan?.known }),
      ended: settle,
      chunks: jobs.length,
      done: new Set(),
      seen: new Map(),
      jobs: jobs.map(({ site, data }) => ({ site, id: workJobId(job.scanId, data.chunk) })),
      plans: new Map(),
    };
    if (!state.chunks) {
      state.ended(state.recorder.finish('completed'));
      return { ended };
    }
    this.scans.set(job.scanId, state);
    try {
      for (const site of routing.bySite.keys()) {
        const bulk = jobs.filter((j) => j.site === site).map(({ data }) => ({
          name: data.part,
          data,
          opts: { jobId: workJobId(job.scanId, data.chunk), attempts: WORK_ATTEMPTS, backoff: { type: 'fixed' as const, delay: 1000 }, removeOnComplete: true, removeOnFail: true },
        }));
        await this.queueFor(site).addBulk(bulk);
      }
    } catch (err) {
      this.forget(job.scanId);
      await this.withdraw(job.scanId, state);
      throw err;
    }
    this.deps.metrics.runningScans.set(this.scans.size);
    return { ended };
  }

  /** Stores one batch; a result key seen before for that chunk is a re-run's copy and is dropped. */
  private take(batch: ResultBatch): void {
    const state = this.scans.get(batch.scanId);
    if (!state || state.done.has(batch.chunk)) return;
    const seen = state.seen.get(batch.chunk) ?? new Set<string>();
    state.seen.set(batch.chunk, seen);
    for (const { key, result } of batch.results) {
      if (seen.has(key)) continue;
      seen.add(key);
      state.recorder.record(result);
    }
    for (const [type, target, n] of batch.packets) state.recorder.packets(type, target ?? undefined, n);
    for (const [type, n] of batch.dropped) state.recorder.dropped(type, n);
    for (const verdict of batch.hosts ?? []) state.recorder.host(verdict);
    if (batch.plan) {
      state.plans.set(batch.chunk, batch.plan);
      state.recorder.planned(mergePlans(state.plans, state.jobs));
    }
    if (!batch.done) return;
    state.done.add(batch.chunk);
    state.seen.delete(batch.chunk);
    if (batch.error) {
      state.error ??= batch.error;
      this.deps.logger.warn({ scanId: batch.scanId, chunk: batch.chunk, sensor: batch.sensor, code: batch.error.code }, 'a sensor could not run a chunk');
    }
    if (state.done.size < state.chunks) return;
    this.forget(batch.scanId);
    state.ended(state.recorder.finish(state.error ? 'failed' : 'completed', state.error));
  }

  private forget(scanId: string): void {
    this.scans.delete(scanId);
    this.deps.metrics.runningScans.set(this.scans.size);
    if (this.scans.size) return;
    for (const resolve of this.onIdle.splice(0)) resolve();
  }

  /** Tells the sensors to stop the scan and takes its waiting jobs off the queues. */
  private async withdraw(scanId: string, state: Dispatched): Promise<void> {
    await this.redis.publish(cancelChannel(this.settings.prefix), scanId).catch(() => 0);
    // A job a sensor holds cannot be removed; the cancel message stops it instead.
    await Promise.all(state.jobs.map(({ site, id }) => this.queueFor(site).remove(id).catch(() => 0)));
  }

  async cancel(scanId: string): Promise<boolean> {
    const state = this.scans.get(scanId);
    if (!state) return false;
    this.forget(scanId);
    await this.withdraw(scanId, state);
    const outcome = state.recorder.finish('cancelled');
    state.ended(outcome);
    // The answer to the cancel reads the scan: its end is committed first.
    await outcome;
    return true;
  }

  /**
   * Waits up to `graceMs` for the scans out on sensors; what is still running then is withdrawn and
   * failed, since this process holds the only record of which chunks are over.
   */
  async shutdown(graceMs: number): Promise<void> {
    if (this.scans.size) await Promise.race([new Promise<void>((resolve) => this.onIdle.push(resolve)), sleep(graceMs, undefined, { ref: false })]);
    for (const [scanId, state] of this.scans) {
      this.forget(scanId);
      await this.withdraw(scanId, state);
      const outcome = state.recorder.finish('failed', { code: 'interrupted', message: 'the service stopped while sensors were running this scan; results received before that are kept' });
      state.ended(outcome);
      // Stored before the store closes.
      await outcome;
    }
    await this.resultsWorker?.close();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.workerConnection.disconnect();
    await this.redis.quit().catch(() => undefined);
  }
}

/** The scan's plan from its sites' plans: their steps in chunk order, each naming its site. */
export function mergePlans(plans: ReadonlyMap<number, ScanPlan>, jobs: ReadonlyArray<{ site: string }>): ScanPlan {
  const ordered = [...plans].sort(([a], [b]) => a - b);
  return {
    want: ordered[0]![1].want,
    steps: ordered.flatMap(([chunk, plan]) => plan.steps.map((step) => ({ ...step, site: jobs[chunk]!.site }))),
    complete: ordered.reduce((n, [, plan]) => n + plan.complete, 0),
    ...mergeUnmet(ordered.map(([, plan]) => plan)),
  };
}

/** Each site's unmet facts as one list: targets summed per fact and per reason. */
function mergeUnmet(plans: readonly ScanPlan[]): { unmet?: UnmetFact[] } {
  const byFact = new Map<WantedFact, UnmetFact>();
  for (const u of plans.flatMap((p) => p.unmet ?? [])) {
    const seen = byFact.get(u.fact);
    if (!seen) byFact.set(u.fact, { ...u, why: u.why.map((w) => ({ ...w })) });
    else {
      seen.targets += u.targets;
      for (const w of u.why) {
        const same = seen.why.find((x) => x.reason === w.reason);
        if (same) same.targets += w.targets;
        else seen.why.push({ ...w });
      }
    }
  }
  return byFact.size ? { unmet: [...byFact.values()] } : {};
}
