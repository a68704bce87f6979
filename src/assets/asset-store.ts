import type { AddressRange } from '../net/addresses.js';
import type { AssetChange, ChangeKind, Observation } from '../api/model.js';
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

export interface StoredObservation extends Observation {
  /** @isInt */
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

export interface ObservationQuery {
  owner: Owner;
  ip: string;
  fact?: string;
  /** Only observations before this position (newest first). */
  before?: number;
  limit: number;
}

/** What the assets feature reads: the assets of finished scans, observations and the change feed (the SQLite store and its fake implement it). */
export interface AssetStore {
  /** Per address, the newest observation of each fact (per source) and port, for one principal. */
  latestObservations(owner: string, ips: readonly string[]): Map<string, Observation[]>;
  /** One address's observations, newest first. */
  listObservations(query: ObservationQuery): StoredObservation[];
  /** The change feed, in the order changes were recorded. */
  listChanges(query: ChangeQuery): StoredChange[];
  /** Assets of finished scans, newest first, at most `limit` scans; one principal's or all. */
  listScanAssets(owner: Owner, limit: number): ScanAssets[];
}
