import { ALL_PRINCIPALS, type Owner } from '../auth/principal.js';
import type { AssetStore } from '../assets/asset-store.js';
import type { CatalogStore } from '../catalogs/catalog-store.js';
import type { TokenPersistence } from '../tokens/tokens.js';
import type { Asset, AssetChange, NormalizedRequest, Observation, ProbeResult, ResultStatus, ScanError, ScanPlan, ScanStats, ScanStatus } from '../api/model.js';

export interface ScanRecord {
  id: string;
  principal: string;
  status: ScanStatus;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  request: NormalizedRequest;
  stats: ScanStats;
  error?: ScanError;
  assets: Asset[];
  /** A `want` scan's plan, as far as it got. */
  plan?: ScanPlan;
  idempotencyKey?: string;
  requestHash?: string;
}

export type DeliveryStatus = 'scheduled' | 'pending' | 'delivered' | 'failed' | 'gone';

/** A webhook delivery: persisted with its scan, activated when the scan ends, tried until done. */
export interface DeliveryRecord {
  /** Also the `webhook-id` header, the same on every try. */
  id: string;
  scanId: string;
  url: string;
  /**
   * The request's own secret, kept to sign retries after a restart; never returned or logged.
   * Absent: the server's secret (PSCAN_WEBHOOK_SECRET), taken from the configuration at each try.
   */
  secret?: string;
  status: DeliveryStatus;
  /** What a scheduled delivery is for (absent: the `scan.*` events); set when it is activated to the one it sends. */
  events?: string[];
  event?: string;
  payload?: string;
  attempts: number;
  /** ms since the epoch. */
  nextAttemptAt?: number;
  /** ms since the epoch; retries stop after the retry horizon counted from here. */
  activatedAt?: number;
  lastError?: string;
  createdAt: string;
}

export interface DeliveryAttempt {
  n: number;
  at: string;
  statusCode?: number;
  latencyMs: number;
  error?: string;
}

export type ScanPatch = Partial<Pick<ScanRecord, 'status' | 'startedAt' | 'finishedAt' | 'stats' | 'error' | 'assets' | 'plan'>>;

/** Refuses an empty principal, which would otherwise read as "nobody" or, to a careless check, "everybody". */
export function checkOwner(owner: Owner): void {
  if (owner !== ALL_PRINCIPALS && (typeof owner !== 'string' || owner === '')) throw new TypeError('a store query needs a principal (a non-empty string) or ALL_PRINCIPALS');
}

export interface ScanQuery {
  owner: Owner;
  status?: ScanStatus;
  /** Only scans carrying every one of these labels with exactly this value. */
  labels?: Record<string, string>;
  limit: number;
  /** Only scans older than this id (ids sort by creation time). */
  before?: string;
}

/**
 * A scan's history, stored with its end: each observation extends the current interval of its fact
 * (and source) when the value is unchanged, or opens a new one; its changes join the feed.
 * Retention is not a scan's business: a periodic job prunes (pruneHistory).
 */
export interface HistoryWrite {
  /** The scan's principal: history is kept per principal. */
  owner: string;
  observations: readonly Observation[];
  changes: readonly AssetChange[];
  recordedAt: string;
}

/** A delivery a scheduled one becomes when its scan ends; the first with the scheduled id keeps it. */
export interface DeliverySend {
  from: string;
  id: string;
  event: string;
  payload: string;
}

/** A due delivery as the outbox chooses among them: whose it is and where it goes, without its payload. */
export interface DueDelivery {
  id: string;
  /** The principal of its scan. */
  owner: string;
  url: string;
  nextAttemptAt: number;
}

/** Thrown by insertScan when the principal already used the idempotency key. */
export class DuplicateIdempotencyKeyError extends Error {
  override readonly name = 'DuplicateIdempotencyKeyError';
}

/**
 * Persistence of scans and their results. Two implementations with one contract test: SQLite
 * (the embedded default) and an in-memory fake for unit tests.
 */
export interface ScanStore extends CatalogStore, AssetStore, TokenPersistence {
  /**
   * Inserts the scan and, in the same transaction, its webhook deliveries, and (a scan stored only
   * once it has run) its results and what it adds to the assets' history.
   */
  insertScan(scan: ScanRecord, deliveries?: readonly DeliveryRecord[], results?: readonly ProbeResult[], history?: HistoryWrite): void;
  getScan(id: string): ScanRecord | undefined;
  findByIdempotencyKey(principal: string, key: string): ScanRecord | undefined;
  listScans(query: ScanQuery): ScanRecord[];
  updateScan(id: string, patch: ScanPatch): void;
  /**
   * A batch of results and, if given, a change to the scan (its end), committed together or not at
   * all (with the scan's history, when it ends); `seq` is the caller's, unique within a scan.
   */
  appendResults(scanId: string, results: readonly ProbeResult[], patch?: ScanPatch, history?: HistoryWrite): void;
  /** Results after `afterSeq`, in seq order, at most `limit` of them; with `statuses`, only results of those statuses. */
  listResults(scanId: string, afterSeq?: number, limit?: number, statuses?: readonly ResultStatus[]): ProbeResult[];
  /** How many of the principal's scans are `queued` or `running`. */
  countActiveScans(principal: string): number;
  /** Scans left `queued` or `running`, e.g. by a crash; oldest first. */
  listUnfinished(): ScanRecord[];
  /** Whether the scan has a delivery still waiting for it to end. */
  hasScheduledDelivery(scanId: string): boolean;
  /**
   * When the scan ends, in one transaction: each of its scheduled deliveries becomes the pending
   * deliveries sent from it (event and frozen payload; url and secret copied), or goes if none is.
   */
  activateDeliveries(scanId: string, sends: readonly DeliverySend[], now: number): void;
  /** Scheduled deliveries of scans that already ended (a crash fell between the two). */
  listStrandedDeliveries(): DeliveryRecord[];
  listDueDeliveries(now: number, limit: number): DeliveryRecord[];
  /**
   * The due deliveries of every principal and URL, at most `perUrl` of each (principal, URL), due
   * longest first: one principal's backlog cannot hide another's deliveries from the outbox.
   */
  listDueByReceiver(now: number, perUrl: number): DueDelivery[];
  getDelivery(id: string): DeliveryRecord | undefined;
  /** Records a try and the delivery's new state. */
  recordAttempt(deliveryId: string, attempt: DeliveryAttempt, next: Pick<DeliveryRecord, 'status' | 'nextAttemptAt' | 'lastError'>): void;
  listDeliveries(scanId: string): Array<DeliveryRecord & { tries: DeliveryAttempt[] }>;
  /** Deliveries holding this secret (the server's, copied by older versions) refer to the server's instead. */
  forgetServerSecret(secret: string): void;
  /** Makes a finished delivery pending again now, keeping its id. */
  redeliver(deliveryId: string, now: number): boolean;
  /**
   * Runs `fn` in one transaction: committed if it returns, rolled back if it throws. Called inside
   * another, it is a savepoint of that one (what the WriteBatcher gives each of a batch's writes).
   */
  transaction<T>(fn: () => T): T;
  isHealthy(): boolean;
  /** A small write of its own, for readiness to know the store takes writes again; throws what a write would. */
  checkWritable(): void;
  close(): void;
}
