import { DuplicateIdempotencyKeyError, type ScanPatch, type ScanQuery, type ScanRecord, type ScanStore } from './store.js';
import type { ProbeResult } from '../scans/model.js';

/** The in-memory fake of ScanStore: same contract, passes the same contract test. */
export class MemoryScanStore implements ScanStore {
  private readonly scans = new Map<string, ScanRecord>();
  private readonly results = new Map<string, ProbeResult[]>();
  private closed = false;

  private copy<T>(value: T): T {
    return structuredClone(value);
  }

  insertScan(scan: ScanRecord): void {
    if (this.scans.has(scan.id)) throw new Error(`duplicate scan id ${scan.id}`);
    if (scan.idempotencyKey && this.findByIdempotencyKey(scan.principal, scan.idempotencyKey)) throw new DuplicateIdempotencyKeyError();
    this.scans.set(scan.id, this.copy(scan));
    this.results.set(scan.id, []);
  }

  getScan(id: string): ScanRecord | undefined {
    const s = this.scans.get(id);
    return s && this.copy(s);
  }

  findByIdempotencyKey(principal: string, key: string): ScanRecord | undefined {
    for (const s of this.scans.values()) if (s.principal === principal && s.idempotencyKey === key) return this.copy(s);
    return undefined;
  }

  listScans(query: ScanQuery): ScanRecord[] {
    return [...this.scans.values()]
      .filter((s) => (!query.principal || s.principal === query.principal) && (!query.status || s.status === query.status) && (!query.before || s.id < query.before))
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, query.limit)
      .map((s) => this.copy(s));
  }

  updateScan(id: string, patch: ScanPatch): void {
    const s = this.scans.get(id);
    if (!s) throw new Error(`no scan ${id}`);
    this.scans.set(id, { ...s, ...this.copy(patch) });
  }

  appendResult(scanId: string, result: ProbeResult): void {
    const list = this.results.get(scanId);
    if (!list) throw new Error(`no scan ${scanId}`);
    if (list.some((r) => r.seq === result.seq)) throw new Error(`duplicate result ${scanId}#${result.seq}`);
    list.push(this.copy(result));
  }

  listResults(scanId: string, afterSeq = 0): ProbeResult[] {
    return (this.results.get(scanId) ?? []).filter((r) => r.seq > afterSeq).sort((a, b) => a.seq - b.seq).map((r) => this.copy(r));
  }

  listUnfinished(): ScanRecord[] {
    return [...this.scans.values()].filter((s) => s.status === 'queued' || s.status === 'running').sort((a, b) => (a.id < b.id ? -1 : 1)).map((s) => this.copy(s));
  }

  isHealthy(): boolean {
    return !this.closed;
  }

  close(): void {
    this.closed = true;
  }
}
