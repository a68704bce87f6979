import type { Asset, NormalizedRequest, ProbeResult, ScanError, ScanStats, ScanStatus } from '../scans/model.js';

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
  idempotencyKey?: string;
  requestHash?: string;
}

export type ScanPatch = Partial<Pick<ScanRecord, 'status' | 'startedAt' | 'finishedAt' | 'stats' | 'error' | 'assets'>>;

export interface ScanQuery {
  /** Only this principal's scans; all principals when absent (admin). */
  principal?: string;
  status?: ScanStatus;
  limit: number;
  /** Only scans older than this id (ids sort by creation time). */
  before?: string;
}

/** Thrown by insertScan when the principal already used the idempotency key. */
export class DuplicateIdempotencyKeyError extends Error {
  override readonly name = 'DuplicateIdempotencyKeyError';
}

/**
 * Persistence of scans and their results. Two implementations with one contract test: SQLite
 * (the embedded default) and an in-memory fake for unit tests.
 */
export interface ScanStore {
  insertScan(scan: ScanRecord): void;
  getScan(id: string): ScanRecord | undefined;
  findByIdempotencyKey(principal: string, key: string): ScanRecord | undefined;
  listScans(query: ScanQuery): ScanRecord[];
  updateScan(id: string, patch: ScanPatch): void;
  /** Results are written as they arrive; `seq` is the caller's, unique within a scan. */
  appendResult(scanId: string, result: ProbeResult): void;
  listResults(scanId: string, afterSeq?: number): ProbeResult[];
  /** Scans left `queued` or `running`, e.g. by a crash; oldest first. */
  listUnfinished(): ScanRecord[];
  isHealthy(): boolean;
  close(): void;
}
