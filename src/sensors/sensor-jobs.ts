import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type ExecutionHost, executionEnv } from '../execution-env.js';
import { validateCatalog } from '../probes/classify/catalog.js';
import { BUILT_IN, type CatalogWithTrees } from '../probes/classify/catalog-lookup.js';
import { findProbe } from '../probes/registry.js';
import type { HostVerdict } from '../scans/host-discovery.js';
import { cidrMatcher } from '../net/addresses.js';
import { executeProbes, type ResultDraft } from '../scans/probe-execution.js';
import { executePlan, type PlanSink } from '../scans/planner.js';
import { type PlanRequest, validatePlan, validateScanRequest } from '../scans/request.js';
import { Scope } from '../net/targets.js';
import { RedisPacketPacing } from './redis-pacing.js';
import type { ScanPlan } from '../api/model.js';
import type { ResultBatch, WorkJob } from './wire.js';

const FLUSH_MS = 100;
const FLUSH_RESULTS = 200;

export class SensorStopping extends Error {
  override readonly name = 'SensorStopping';
}

/**
 * Sends a job's results and packet counts back to the API in small batches, in order, and marks
 * the last one `done`. A batch the queue cannot take fails the job, which BullMQ then runs again;
 * the API drops results it already has.
 */
class BatchSender implements PlanSink {
  private results: ResultBatch['results'] = [];
  private plan: ScanPlan | undefined;
  private packetCounts = new Map<string, [string, string | null, number]>();
  private droppedCounts = new Map<string, number>();
  private hosts: HostVerdict[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queue: Queue,
    private readonly job: Pick<WorkJob, 'scanId' | 'chunk'>,
    private readonly sensor: string,
  ) {}

  record(result: ResultDraft, key: string): void {
    this.results.push({ key, result });
    if (this.results.length >= FLUSH_RESULTS) this.flush(false);
    else this.timer ??= setTimeout(() => this.flush(false), FLUSH_MS);
  }

  packets(type: string, targetIp: string | undefined, n: number): void {
    const key = `${type}|${targetIp ?? ''}`;
    const entry = this.packetCounts.get(key) ?? [type, targetIp ?? null, 0];
    entry[2] += n;
    this.packetCounts.set(key, entry);
  }

  dropped(type: string, n: number): void {
    this.droppedCounts.set(type, (this.droppedCounts.get(type) ?? 0) + n);
  }

  host(verdict: HostVerdict): void {
    this.hosts.push(verdict);
    this.timer ??= setTimeout(() => this.flush(false), FLUSH_MS);
  }

  planned(plan: ScanPlan): void {
    this.plan = plan;
    this.timer ??= setTimeout(() => this.flush(false), FLUSH_MS);
  }

  private flush(done: boolean, error?: ResultBatch['error']): Promise<unknown> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch: ResultBatch = {
      ...this.job,
      sensor: this.sensor,
      results: this.results,
      packets: [...this.packetCounts.values()],
      dropped: [...this.droppedCounts],
      hosts: this.hosts,
      ...(this.plan ? { plan: this.plan } : {}),
      done,
      ...(error ? { error } : {}),
    };
    this.results = [];
    this.packetCounts = new Map();
    this.droppedCounts = new Map();
    this.hosts = [];
    this.plan = undefined;
    if (!done && !batch.results.length && !batch.packets.length && !batch.hosts?.length && !batch.plan) return this.chain;
    const queued = this.chain.then(() => this.queue.add('batch', batch, { removeOnComplete: true, removeOnFail: true }));
    // A failed add is reported by the awaited end(); later flushes still go out in order.
    this.chain = queued.catch(() => undefined);
    return queued;
  }

  /** Sends what is left; `done` tells the API this job is over. */
  async end(done: boolean, error?: ResultBatch['error']): Promise<void> {
    await this.chain;
    await this.flush(done, error);
  }
}

export interface SensorJobsDeps {
  /** The sensor's id, as its reports name it. */
  id: string;
  site: string;
  cidrs: readonly string[];
  host: ExecutionHost;
  /** Shared packet caps and the results queue live in Redis under this prefix. */
  redis: Redis;
  prefix: string;
  results: Queue;
  logger: Logger;
  /** Discovery's concurrency when an older API's job does not carry it. */
  discoveryConcurrency: number;
}

/**
 * Runs one work job of the sensor's site: checks it (request, catalogues, every target inside this
 * site and this host's scope), executes its probes, and reports results back in batches.
 */
export class SensorJobs {
  private readonly running = new Map<string, Set<AbortController>>();
  private readonly inSite: (ip: string) => boolean;
  private readonly siteScope: Scope;

  constructor(private readonly deps: SensorJobsDeps) {
    this.inSite = cidrMatcher(deps.cidrs);
    this.siteScope = new Scope(deps.cidrs, []);
  }

  /** Jobs running now. */
  get active(): number {
    let n = 0;
    for (const set of this.running.values()) n += set.size;
    return n;
  }

  readonly run = async (job: Job<WorkJob>): Promise<void> => {
    const data = job.data;
    const sender = new BatchSender(this.deps.results, data, this.deps.id);
    const log = this.deps.logger.child({ scanId: data.scanId, chunk: data.chunk });
    // A plan job may list no probe: its plan's `want` stands for them, as in a request.
    const listed = data.part === 'plan' && !data.probes?.length ? { want: data.plan?.want } : { probes: data.probes };
    const validated = validateScanRequest({ targets: data.targets, ...listed, timing: data.timing }, findProbe);
    if (!validated.ok) {
      log.warn({ errors: validated.errors.slice(0, 4) }, 'work job refused: invalid');
      return sender.end(true, { code: 'invalid-job', message: `sensor ${this.deps.id} could not read the job: ${validated.errors[0]?.path} ${validated.errors[0]?.message}` });
    }
    const req = validated.request;
    let plan: PlanRequest | undefined;
    if (data.part === 'plan') {
      const checked = validatePlan(data.plan, findProbe);
      if (!checked.ok) {
        log.warn({ errors: checked.errors.slice(0, 4).map((e) => e.path) }, 'work job refused: invalid plan');
        return sender.end(true, { code: 'invalid-job', message: `sensor ${this.deps.id} could not read the job's plan: ${checked.errors[0]?.path} ${checked.errors[0]?.message}` });
      }
      // nmap only where it is: without it here, the plan ends with the banners.
      plan = { ...checked.plan, allowIntrusive: checked.plan.allowIntrusive && this.deps.host.nmapInfo.available };
    }
    const carried = new Map<string, CatalogWithTrees>();
    for (const c of data.catalogs ?? []) {
      const checked = validateCatalog({ name: c?.catalog?.name, devices: c?.catalog?.devices });
      if (!checked.ok || typeof c.catalog.id !== 'string' || typeof c.trees !== 'object' || c.trees === null) {
        log.warn({ catalog: c?.catalog?.id }, 'work job refused: invalid catalogue');
        return sender.end(true, { code: 'invalid-job', message: `sensor ${this.deps.id} could not read the job's catalogue ${String(c?.catalog?.id).slice(0, 64)}` });
      }
      carried.set(c.catalog.id, c);
    }
    for (const spec of req.targets) {
      const refused = this.siteScope.firstRefused(spec.range) ?? this.deps.host.scope.firstRefused(spec.range);
      if (refused) {
        log.warn({ address: refused.address }, 'work job refused: target outside this sensor');
        return sender.end(true, { code: 'refused-by-sensor', message: `sensor ${this.deps.id} (site ${this.deps.site}) refused ${refused.address}: ${refused.reason.replace('the service', 'the sensor')}` });
      }
    }
    const caps = data.caps;
    const env = executionEnv(this.deps.host, {
      pacing: new RedisPacketPacing(this.deps.redis, this.deps.prefix, { globalPacketsPerSecond: caps.globalPacketsPerSecond, perTargetPacketsPerSecond: caps.perTargetPacketsPerSecond, fragilePacketsPerSecond: caps.fragilePacketsPerSecond }),
      isFragile: cidrMatcher(caps.fragileCidrs),
      fragileGapMs: caps.fragileGapMs,
      inScope: (ip) => this.inSite(ip) && this.deps.host.scope.allowsIp(ip),
      logger: log,
      // Every catalogue but the built-in one comes with the job, as the API has it (configured or created).
      catalogs: { get: (catalogId) => carried.get(catalogId) ?? (catalogId === BUILT_IN.catalog.id ? BUILT_IN : undefined) },
      limits: {
        maxConcurrentProbesPerScan: caps.maxConcurrentProbesPerScan,
        bannerMaxBytes: caps.bannerMaxBytes,
        perTargetPacketsPerSecond: caps.perTargetPacketsPerSecond,
        perTargetConcurrency: caps.perTargetConcurrency,
        discoveryConcurrency: caps.discoveryConcurrency ?? this.deps.discoveryConcurrency,
      },
    });
    const controller = new AbortController();
    const mine = this.running.get(data.scanId) ?? new Set();
    this.running.set(data.scanId, mine.add(controller));
    try {
      const execution = { scanId: data.scanId, targets: req.targets, probes: req.probes, timing: req.timing, fragile: data.fragile, discovery: data.discovery === 'auto' ? ('auto' as const) : ('none' as const) };
      if (plan) await executePlan(execution, plan, controller.signal, env, sender);
      else await executeProbes({ ...execution, part: data.part === 'groups' ? 'groups' : 'units' }, controller.signal, env, sender);
    } finally {
      mine.delete(controller);
      if (!mine.size) this.running.delete(data.scanId);
    }
    if (controller.signal.reason instanceof SensorStopping) {
      // What was measured is kept; the job goes back to the queue for another sensor to finish.
      await sender.end(false);
      throw controller.signal.reason;
    }
    await sender.end(true);
  };

  /** Tells the API that a job failed on every try, and with what. */
  reportFailed(job: Job<WorkJob>, err: Error): Promise<void> {
    return new BatchSender(this.deps.results, job.data, this.deps.id).end(true, { code: 'sensor-failed', message: `chunk ${job.data.chunk} failed on every try: ${err.message}` });
  }

  /** Aborts a scan's running jobs (it was cancelled). */
  cancel(scanId: string): void {
    for (const c of this.running.get(scanId) ?? []) c.abort();
  }

  /** Aborts every running job; the sensor is stopping and they go back to the queue. */
  stopAll(): void {
    for (const set of this.running.values()) for (const c of set) c.abort(new SensorStopping(`sensor ${this.deps.id} stopped`));
  }
}
