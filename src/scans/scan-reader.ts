import { NotFoundError } from '../errors.js';
import type { ScanRecord, ScanStore } from '../store/store.js';
import type { ProbeResult, Scan } from '../api/model.js';

/** A scan as the API shows it: its stored record with the results given. */
export function toScan(rec: ScanRecord, results: ProbeResult[]): Scan {
  const scan: Scan = {
    id: rec.id,
    status: rec.status,
    createdAt: rec.createdAt,
    principal: rec.principal,
    labels: rec.request.labels,
    request: rec.request,
    stats: rec.stats,
    results,
    assets: rec.assets,
  };
  if (rec.startedAt) scan.startedAt = rec.startedAt;
  if (rec.finishedAt) scan.finishedAt = rec.finishedAt;
  if (rec.error) scan.error = rec.error;
  if (rec.plan) scan.plan = rec.plan;
  return scan;
}

/** Reads whole scans from the store, whoever asks (the service answering, the outbox's payloads). */
export class ScanReader {
  constructor(private readonly store: ScanStore) {}

  view(id: string): Scan {
    const rec = this.store.getScan(id);
    if (!rec) throw new NotFoundError(`no scan ${id}`);
    return toScan(rec, this.store.listResults(id));
  }
}
