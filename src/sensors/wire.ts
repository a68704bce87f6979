import { Redis } from 'ioredis';
import type { CatalogWithTrees } from '../probes/classify/catalog-lookup.js';
import type { HostVerdict } from '../scans/host-discovery.js';
import type { ResultDraft } from '../scans/probe-execution.js';
import type { PlanRequest } from '../scans/request.js';
import type { ScanPlan, Timing } from '../api/model.js';

/**
 * What travels through Redis between the API and the sensors. Work jobs carry the probe
 * parameters in full (an SNMP community, v3 keys): they are removed from Redis as soon as they
 * finish, and Redis must be as private as the API's own database.
 */

/** The caps the API sets for every sensor, so one configuration governs all of them. */
export interface SharedCaps {
  globalPacketsPerSecond: number;
  perTargetPacketsPerSecond: number;
  fragilePacketsPerSecond: number;
  fragileCidrs: string[];
  fragileGapMs: number;
  perTargetConcurrency: number;
  maxConcurrentProbesPerScan: number;
  bannerMaxBytes: number;
  discoveryConcurrency: number;
}

export interface WorkJob {
  scanId: string;
  chunk: number;
  /**
   * `units`: per-target probes over these targets; `groups`: one multicast query for the site;
   * `plan`: a `want` scan's plan over the site's targets (the probes listed besides it included).
   */
  part: 'units' | 'groups' | 'plan';
  /** a-b ranges or addresses, all inside the site. */
  targets: string[];
  /** The probes as a request body lists them, secrets included. */
  probes: Array<Record<string, unknown>>;
  timing: Timing;
  fragile: boolean;
  /** Host discovery before the units (absent from jobs of older APIs: none). */
  discovery?: 'auto' | 'none';
  caps: SharedCaps;
  /** A `plan` job's plan, credentials in full (as the probes' own secrets are). */
  plan?: PlanRequest;
  /**
   * The catalogues its classify probes name, other than the built-in one, as the API has them:
   * those created through the API exist in the API's store only.
   */
  catalogs?: CatalogWithTrees[];
}

/** Results and packet counts of one work job, sent back in batches while it runs. */
export interface ResultBatch {
  scanId: string;
  chunk: number;
  sensor: string;
  results: Array<{ key: string; result: ResultDraft }>;
  /** [probe type, target or null, packets] since the last batch. */
  packets: Array<[string, string | null, number]>;
  dropped: Array<[string, number]>;
  /** Host verdicts since the last batch (absent from older sensors). */
  hosts?: HostVerdict[];
  /** A `plan` job's plan as far as it got, when it changed since the last batch. */
  plan?: ScanPlan;
  /** The job is over: every result of it has been sent. */
  done: boolean;
  /** Set when the sensor refused or could not run the job. */
  error?: { code: string; message: string };
}

export interface SensorInfo {
  id: string;
  site: string;
  cidrs: string[];
  version: string;
  /** Work jobs it runs at once. */
  capacity: number;
  /** Work jobs running now. */
  running: number;
  /** The local address multicast queries leave from (PSCAN_INTERFACE / --interface). */
  interface?: string;
  host: string;
  pid: number;
  tools: { nmap: boolean };
  startedAt: string;
  lastSeenAt: string;
}

export const RESULTS_QUEUE = 'results';
export const workQueueName = (site: string): string => `work-${site}`;
export const sensorKey = (prefix: string, id: string): string => `${prefix}:sensor:${id}`;
export const cancelChannel = (prefix: string): string => `${prefix}:cancel`;
/** BullMQ refuses ':' in custom job ids. */
export const workJobId = (scanId: string, chunk: number): string => `${scanId}-${chunk}`;

/** A client for PSCAN_QUEUE_URL: redis://, rediss:// (TLS) or unix:///path/to/socket. */
export function connectRedis(url: string, options: { blocking?: boolean; name?: string } = {}): Redis {
  const common = {
    // BullMQ workers block on Redis; their commands must wait for a reconnect rather than fail.
    maxRetriesPerRequest: options.blocking ? null : 3,
    connectionName: options.name ?? 'pscan',
  };
  return url.startsWith('unix://') ? new Redis({ ...common, path: url.slice('unix://'.length) }) : new Redis(url, common);
}
