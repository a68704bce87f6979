import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { type Config, ConfigError } from '../config/config.js';
import { buildExecutionHost, type HostOverrides } from '../execution-env.js';
import { createLogger } from '../logger.js';
import { installConfiguredFingerprints } from '../fingerprints/configured.js';
import { parseCidr } from '../net/addresses.js';
import { packageVersion } from '../util/package-root.js';
import { SensorJobs } from './sensor-jobs.js';
import { SensorRegistry } from './sensor-registry.js';
import { cancelChannel, connectRedis, RESULTS_QUEUE, type SensorInfo, workQueueName, type WorkJob } from './wire.js';

export interface SensorOptions {
  site: string;
  cidrs: readonly string[];
  capacity: number;
  interface: string | undefined;
}

export interface Sensor {
  info: SensorInfo;
  /** Stops taking jobs; running ones get `graceMs` to finish, then go back to the queue. */
  close(graceMs?: number): Promise<void>;
}

/** Wires a sensor (this machine's execution host, Redis, the worker) and runs it until `close`. */
export async function startSensor(config: Config, options: SensorOptions, overrides: HostOverrides & { logger?: Logger } = {}): Promise<Sensor> {
  const url = config.queue.url;
  if (!url) throw new ConfigError('a sensor needs the queue: set PSCAN_QUEUE_URL (or --queue)');
  if (!options.cidrs.length) throw new ConfigError('a sensor needs the CIDRs of its site: --cidrs or PSCAN_SENSOR_CIDRS');
  for (const c of options.cidrs) if (!parseCidr(c)) throw new ConfigError(`--cidrs: "${c}" is not a CIDR`);
  const logger = (overrides.logger ?? createLogger(config.logLevel)).child({ site: options.site });
  // The sensor's planner reads facts from answers as the API does, with the same databases.
  installConfiguredFingerprints(config, logger);
  const host = await buildExecutionHost(config, options.interface, overrides);
  const { multicastInterface, nmapInfo: nmap } = host;
  const prefix = config.queue.prefix;
  const redis = connectRedis(url, { name: 'pscan-sensor' });
  const workerConnection = connectRedis(url, { blocking: true, name: 'pscan-sensor-worker' });
  const subscriber = connectRedis(url, { name: 'pscan-sensor-cancel' });
  const results = new Queue(RESULTS_QUEUE, { connection: redis, prefix });
  const registry = new SensorRegistry(redis, prefix);
  const version = packageVersion();
  const id = `${options.site}.${os.hostname()}.${process.pid}.${randomBytes(3).toString('hex')}`;
  const jobs = new SensorJobs({ id, site: options.site, cidrs: options.cidrs, host, redis, prefix, results, logger, discoveryConcurrency: config.discovery.concurrency });
  const startedAt = new Date().toISOString();
  const info = (): SensorInfo => ({
    id,
    site: options.site,
    cidrs: [...options.cidrs],
    version,
    capacity: options.capacity,
    running: jobs.active,
    ...(multicastInterface ? { interface: multicastInterface } : {}),
    host: os.hostname(),
    pid: process.pid,
    tools: { nmap: nmap.available },
    startedAt,
    lastSeenAt: new Date().toISOString(),
  });

  await registry.beat(info(), config.sensor.heartbeatMs);
  const worker = new Worker<WorkJob>(workQueueName(options.site), jobs.run, {
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
    jobs.reportFailed(job, err).catch((e: unknown) => logger.error({ err: e }, 'could not report a failed job'));
  });
  await subscriber.subscribe(cancelChannel(prefix));
  subscriber.on('message', (_channel, scanId: string) => {
    jobs.cancel(scanId);
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
        jobs.stopAll();
        await closing;
      }
      await results.close();
      subscriber.disconnect();
      workerConnection.disconnect();
      await redis.quit().catch(() => undefined);
    },
  };
}
