import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Job, Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { type Config, ConfigError } from '../config/config.js';
import { createLogger } from '../logger.js';
import { validateCatalog } from '../probes/classify/catalog.js';
import { BUILT_IN, type CatalogWithTrees } from '../probes/classify/catalog-lookup.js';
import { resolveMulticastInterface } from '../net/multicast-interface.js';
import { type NetFactory, systemNet } from '../probes/net.js';
import { detectNmap } from '../probes/nmap-detect.js';
import { findProbe } from '../probes/registry.js';
import { HostDiscovery, type HostVerdict } from '../scans/host-discovery.js';
import { recentLocalLinks } from '../net/links.js';
import { RoundTrips } from '../net/round-trips.js';
import { KernelNeighbours } from '../net/neighbours.js';
import { cidrMatcher, parseCidr } from '../net/addresses.js';
import { type ExecutionEnv, type ExecutionSink, executeProbes, type HostChecker, type ResultDraft } from '../scans/probe-execution.js';
import { validateScanRequest } from '../scans/request.js';
import { TargetSlots } from '../scans/target-slots.js';
import { Scope } from '../net/targets.js';
import { packageVersion } from '../util/package-root.js';
import { RedisPacketPacing } from './redis-pacing.js';
import { SensorRegistry } from './sensor-registry.js';
import { cancelChannel, connectRedis, RESULTS_QUEUE, type ResultBatch, type SensorInfo, workQueueName, type WorkJob } from './wire.js';

export interface SensorOptions {
  site: string;
  cidrs: readonly string[];
  capacity: number;
  interface: string | undefined;
}

const FLUSH_MS = 100;
const FLUSH_RESULTS = 200;

class SensorStopping extends Error {
  override readonly name = 'SensorStopping';
}

/**
 * Sends a job's results and packet counts back to the API in small batches, in order, and marks
 * the last one `done`. A batch the queue cannot take fails the job, which BullMQ then runs again;
 * the API drops results it already has.
 */
class BatchSender implements ExecutionSink {
  private results: ResultBatch['results'] = [];
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
      done,
      ...(error ? { error } : {}),
    };
    this.results = [];
    this.packetCounts = new Map();
    this.droppedCounts = new Map();
    this.hosts = [];
    if (!done && !batch.results.length && !batch.packets.length && !batch.hosts?.length) return this.chain;
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

export interface Sensor {
  info: SensorInfo;
  /** Stops taking jobs; running ones get `graceMs` to finish, then go back to the queue. */
  close(graceMs?: number): Promise<void>;
}

export async function startSensor(config: Config, options: SensorOptions, overrides: { logger?: Logger; net?: NetFactory; discovery?: HostChecker } = {}): Promise<Sensor> {
  const url = config.queue.url;
  if (!url) throw new ConfigError('a sensor needs the queue: set PSCAN_QUEUE_URL (or --queue)');
  if (!options.cidrs.length) throw new ConfigError('a sensor needs the CIDRs of its site: --cidrs or PSCAN_SENSOR_CIDRS');
  for (const c of options.cidrs) if (!parseCidr(c)) throw new ConfigError(`--cidrs: "${c}" is not a CIDR`);
  const logger = (overrides.logger ?? createLogger(config.logLevel)).child({ site: options.site });
  let multicastInterface: string | undefined;
  try {
    multicastInterface = resolveMulticastInterface(options.interface);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const prefix = config.queue.prefix;
  const redis = connectRedis(url, { name: 'pscan-sensor' });
  const workerConnection = connectRedis(url, { blocking: true, name: 'pscan-sensor-worker' });
  const subscriber = connectRedis(url, { name: 'pscan-sensor-cancel' });
  const results = new Queue(RESULTS_QUEUE, { connection: redis, prefix });
  const registry = new SensorRegistry(redis, prefix);
  const scope = Scope.ofThisHost(config.scope);
  const inSite = cidrMatcher(options.cidrs);
  const siteScope = new Scope(options.cidrs, []);
  const nmap = await detectNmap(config.probes.nmapPath);
  const roundTrips = new RoundTrips(config.probes.minRttTimeoutMs);
  const slots = new TargetSlots();
  const discovery = overrides.discovery ?? new HostDiscovery(new KernelNeighbours(), recentLocalLinks(), config.discovery);
  const version = packageVersion();
  const id = `${options.site}.${os.hostname()}.${process.pid}.${randomBytes(3).toString('hex')}`;
  const running = new Map<string, Set<AbortController>>();
  let active = 0;
  const startedAt = new Date().toISOString();
  const info = (): SensorInfo => ({
    id,
    site: options.site,
    cidrs: [...options.cidrs],
    version,
    capacity: options.capacity,
    running: active,
    ...(multicastInterface ? { interface: multicastInterface } : {}),
    host: os.hostname(),
    pid: process.pid,
    tools: { nmap: nmap.available },
    startedAt,
    lastSeenAt: new Date().toISOString(),
  });

  const runJob = async (job: Job<WorkJob>): Promise<void> => {
    const data = job.data;
    const sender = new BatchSender(results, data, id);
    const log = logger.child({ scanId: data.scanId, chunk: data.chunk });
    const validated = validateScanRequest({ targets: data.targets, probes: data.probes, timing: data.timing }, findProbe);
    if (!validated.ok) {
      log.warn({ errors: validated.errors.slice(0, 4) }, 'work job refused: invalid');
      return sender.end(true, { code: 'invalid-job', message: `sensor ${id} could not read the job: ${validated.errors[0]?.path} ${validated.errors[0]?.message}` });
    }
    const req = validated.request;
    const carried = new Map<string, CatalogWithTrees>();
    for (const c of data.catalogs ?? []) {
      const checked = validateCatalog({ name: c?.catalog?.name, devices: c?.catalog?.devices });
      if (!checked.ok || typeof c.catalog.id !== 'string' || typeof c.trees !== 'object' || c.trees === null) {
        log.warn({ catalog: c?.catalog?.id }, 'work job refused: invalid catalogue');
        return sender.end(true, { code: 'invalid-job', message: `sensor ${id} could not read the job's catalogue ${String(c?.catalog?.id).slice(0, 64)}` });
      }
      carried.set(c.catalog.id, c);
    }
    for (const spec of req.targets) {
      const refused = siteScope.firstRefused(spec.range) ?? scope.firstRefused(spec.range);
      if (refused) {
        log.warn({ address: refused.address }, 'work job refused: target outside this sensor');
        return sender.end(true, { code: 'refused-by-sensor', message: `sensor ${id} (site ${options.site}) refused ${refused.address}: ${refused.reason.replace('the service', 'the sensor')}` });
      }
    }
    const caps = data.caps;
    const env: ExecutionEnv = {
      pacing: new RedisPacketPacing(redis, prefix, { globalPacketsPerSecond: caps.globalPacketsPerSecond, perTargetPacketsPerSecond: caps.perTargetPacketsPerSecond, fragilePacketsPerSecond: caps.fragilePacketsPerSecond }),
      slots,
      roundTrips,
      isFragile: cidrMatcher(caps.fragileCidrs),
      fragileGapMs: caps.fragileGapMs,
      inScope: (ip) => inSite(ip) && scope.allowsIp(ip),
      multicastInterface,
      net: overrides.net ?? systemNet,
      logger: log,
      nmap: { path: config.probes.nmapPath, versionIntensity: config.probes.nmapVersionIntensity, hostTimeoutMs: config.probes.nmapHostTimeoutMs },
      // Every catalogue but the built-in one comes with the job, as the API has it (configured or created).
      catalogs: { get: (catalogId) => carried.get(catalogId) ?? (catalogId === BUILT_IN.catalog.id ? BUILT_IN : undefined) },
      discovery,
      limits: {
        maxConcurrentProbesPerScan: caps.maxConcurrentProbesPerScan,
        bannerMaxBytes: caps.bannerMaxBytes,
        perTargetPacketsPerSecond: caps.perTargetPacketsPerSecond,
        perTargetConcurrency: caps.perTargetConcurrency,
        discoveryConcurrency: caps.discoveryConcurrency ?? config.discovery.concurrency,
      },
    };
    const controller = new AbortController();
    const mine = running.get(data.scanId) ?? new Set();
    running.set(data.scanId, mine.add(controller));
    active++;
    try {
      await executeProbes({ scanId: data.scanId, targets: req.targets, probes: req.probes, timing: req.timing, fragile: data.fragile, part: data.part, discovery: data.discovery === 'auto' ? 'auto' : 'none' }, controller.signal, env, sender);
    } finally {
      active--;
      mine.delete(controller);
      if (!mine.size) running.delete(data.scanId);
    }
    if (controller.signal.reason instanceof SensorStopping) {
      // What was measured is kept; the job goes back to the queue for another sensor to finish.
      await sender.end(false);
      throw controller.signal.reason;
    }
    await sender.end(true);
  };

  await registry.beat(info(), config.sensor.heartbeatMs);
  const worker = new Worker<WorkJob>(workQueueName(options.site), runJob, {
    connection: workerConnection,
    prefix,
    concurrency: options.capacity,
    lockDuration: config.queue.lockMs,
    stalledInterval: config.queue.lockMs,
    maxStalledCount: 3,
  });
  worker.on('error', (err) => logger.error({ err }, 'queue worker error'));
  worker.on('failed', (job, err) => {
    // Retries come back to the queue; only the last failure, or too many stalls, ends the chunk.
    if (!job || (job.attemptsMade < (job.opts.attempts ?? 1) && !/stalled/i.test(err.message))) return;
    // Out of attempts (or stalled too often): tell the API this chunk is over, with why.
    const sender = new BatchSender(results, job.data, id);
    sender.end(true, { code: 'sensor-failed', message: `chunk ${job.data.chunk} failed on every try: ${err.message}` }).catch((e: unknown) => logger.error({ err: e }, 'could not report a failed job'));
  });
  await subscriber.subscribe(cancelChannel(prefix));
  subscriber.on('message', (_channel, scanId: string) => {
    for (const c of running.get(scanId) ?? []) c.abort();
  });
  const heartbeat = setInterval(() => {
    registry.beat(info(), config.sensor.heartbeatMs).catch((err: unknown) => logger.warn({ err }, 'heartbeat failed'));
  }, config.sensor.heartbeatMs);
  heartbeat.unref();
  logger.info({ sensor: id, cidrs: options.cidrs, capacity: options.capacity, interface: multicastInterface, nmap: nmap.available }, 'sensor serving its site');

  return {
    info: info(),
    async close(graceMs = config.limits.shutdownGraceMs) {
      clearInterval(heartbeat);
      await registry.leave(id).catch(() => undefined);
      const closing = worker.close();
      if ((await Promise.race([closing.then(() => 'closed' as const), sleep(graceMs, 'timeout' as const, { ref: false })])) === 'timeout') {
        for (const set of running.values()) for (const c of set) c.abort(new SensorStopping(`sensor ${id} stopped`));
        await closing;
      }
      await results.close();
      subscriber.disconnect();
      workerConnection.disconnect();
      await redis.quit().catch(() => undefined);
    },
  };
}
