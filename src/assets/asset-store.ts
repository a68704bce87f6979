import type { AddressRange } from '../net/addresses.js';
import type { AssetChange, ChangeKind, HistoryInterval, Observation } from '../api/model.js';
import type { Owner } from '../auth/principal.js';
import type { ScanAssets } from './asset-view.js';

/** A change as the feed lists it. */
export interface StoredChange extends AssetChange {
  /** Position in the feed. @isInt */
  id: number;
  principal: string;
  /** When the scan that found it ended. */
  recordedAt: string;
}

export interface StoredInterval extends HistoryInterval {
  /** Position in the address's history (intervals in the order they were opened). @isInt */
  id: number;
  principal: string;
}

export interface ChangeQuery {
  owner: Owner;
  /** Only changes recorded at or after this time (ISO 8601). */
  since?: string;
  /** Only changes after this feed position. */
  after?: number;
  range?: AddressRange;
  kinds?: readonly ChangeKind[];
  limit: number;
}

export interface IntervalQuery {
  owner: Owner;
  ip: string;
  fact?: string;
  /** Only intervals opened before this position (newest first). */
  before?: number;
  limit: number;
}

/** Where a bounded pruning run stopped walking the keys it trims; the next run goes on from there. */
export interface PruneCursor {
  /** The last (owner, ip, fact, source) of intervals looked at. */
  intervals?: readonly [string, string, string, string];
  /** The last (owner, ip) of changes looked at. */
  changes?: readonly [string, string];
}

export interface HistoryPrune {
  /** Intervals last seen before this, and changes recorded before it, go. */
  keepSince: string;
  /** Per address: the newest this many intervals of each fact (and source) or port, and the newest this many changes. */
  keepPerAsset: number;
  /** The most rows one run deletes, and the most keys it looks at for trimming; the rest waits for the next run. */
  maxRows: number;
  from?: PruneCursor;
}

export interface PruneOutcome {
  deleted: number;
  /** Pass as `from` to the next run; absent: the walk starts over. */
  next?: PruneCursor;
}

/** What the assets feature reads: the assets of finished scans, observations and the change feed (the SQLite store and its fake implement it). */
export interface AssetStore {
  /** Per address, the newest observation of each fact (per source) and port, for one principal: the end of its current interval. */
  latestObservations(owner: string, ips: readonly string[]): Map<string, Observation[]>;
  /** One address's intervals, the newest opened first. */
  listIntervals(query: IntervalQuery): StoredInterval[];
  /** Expiry and trim of the history, bounded: a periodic job's step, never a scan's. */
  pruneHistory(prune: HistoryPrune): PruneOutcome;
  /** The change feed, in the order changes were recorded. */
  listChanges(query: ChangeQuery): StoredChange[];
  /** Assets of finished scans, newest first, at most `limit` scans; one principal's or all. */
  listScanAssets(owner: Owner, limit: number): ScanAssets[];
}
