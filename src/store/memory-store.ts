import { ALL_PRINCIPALS, checkOwner, type DeliveryAttempt, type DeliveryRecord, DuplicateIdempotencyKeyError, type Owner, type ScanPatch, type ScanQuery, type ScanRecord, type ScanStore } from './store.js';
import type { ScanAssets } from '../assets/asset-view.js';
import type { Catalog } from '../probes/classify/catalog.js';
import type { StoredCatalog } from '../probes/classify/catalogs.js';
import type { CatalogTrees } from '../probes/classify/tree.js';
import type { ProbeResult } from '../scans/model.js';
import type { TokenRecord } from '../tokens/tokens.js';

/** The in-memory fake of ScanStore: same contract, passes the same contract test. */
export class MemoryScanStore implements ScanStore {
  private readonly scans = new Map<string, ScanRecord>();
  private readonly results = new Map<string, ProbeResult[]>();
  private readonly seqs = new Map<string, Set<number>>();
  private readonly deliveries = new Map<string, DeliveryRecord & { tries: DeliveryAttempt[] }>();
  private closed = false;
  private readonly catalogs = new Map<string, StoredCatalog>();
  private readonly tokens = new Map<string, TokenRecord>();

  insertToken(token: TokenRecord): void {
    this.tokens.set(token.id, this.copy(token));
  }

  listTokens(): TokenRecord[] {
    return [...this.tokens.values()].sort((a, b) => b.id.localeCompare(a.id)).map((t) => this.copy(t));
  }

  revokeToken(id: string, at: string): boolean {
    const token = this.tokens.get(id);
    if (!token) return false;
    token.revokedAt ??= at;
    return true;
  }

  listScanAssets(owner: Owner, limit: number): ScanAssets[] {
    return this.listScans({ owner, limit: Number.MAX_SAFE_INTEGER })
      .filter((s) => s.assets.length > 0)
      .slice(0, limit)
      .map((s) => ({ scanId: s.id, assets: s.assets }));
  }

  insertCatalog(catalog: Catalog & { createdBy: string; trees: CatalogTrees }): void {
    const { createdBy: _by, ...rest } = catalog;
    this.catalogs.set(catalog.id, this.copy(rest));
  }

  listCatalogs(): StoredCatalog[] {
    return [...this.catalogs.values()].map((c) => this.copy(c));
  }

  keepCatalogTrees(id: string, trees: CatalogTrees): void {
    const kept = this.catalogs.get(id);
    if (kept) kept.trees = this.copy(trees);
  }

  private copy<T>(value: T): T {
    return structuredClone(value);
  }

  insertScan(scan: ScanRecord, delivery?: DeliveryRecord): void {
    if (this.scans.has(scan.id)) throw new Error(`duplicate scan id ${scan.id}`);
    if (scan.idempotencyKey && this.findByIdempotencyKey(scan.principal, scan.idempotencyKey)) throw new DuplicateIdempotencyKeyError();
    this.scans.set(scan.id, this.copy(scan));
    this.results.set(scan.id, []);
    this.seqs.set(scan.id, new Set());
    if (delivery) this.deliveries.set(delivery.id, { ...this.copy(delivery), tries: [] });
  }

  hasScheduledDelivery(scanId: string): boolean {
    return [...this.deliveries.values()].some((d) => d.scanId === scanId && d.status === 'scheduled');
  }

  activateDelivery(scanId: string, event: string, payload: string, now: number): void {
    for (const d of this.deliveries.values()) {
      if (d.scanId === scanId && d.status === 'scheduled') Object.assign(d, { status: 'pending', event, payload, nextAttemptAt: now, activatedAt: now });
    }
  }

  listStrandedDeliveries(): DeliveryRecord[] {
    return [...this.deliveries.values()].filter((d) => d.status === 'scheduled' && ['completed', 'failed', 'cancelled'].includes(this.scans.get(d.scanId)?.status ?? '')).map(({ tries: _t, ...d }) => this.copy(d));
  }

  listDueDeliveries(now: number, limit: number): DeliveryRecord[] {
    return [...this.deliveries.values()]
      .filter((d) => d.status === 'pending' && (d.nextAttemptAt ?? 0) <= now)
      .sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0))
      .slice(0, limit)
      .map(({ tries: _t, ...d }) => this.copy(d));
  }

  recordAttempt(deliveryId: string, attempt: DeliveryAttempt, next: Pick<DeliveryRecord, 'status' | 'nextAttemptAt' | 'lastError'>): void {
    const d = this.deliveries.get(deliveryId);
    if (!d) throw new Error(`no delivery ${deliveryId}`);
    d.tries.push(this.copy(attempt));
    d.attempts = attempt.n;
    d.status = next.status;
    if (next.nextAttemptAt === undefined) delete d.nextAttemptAt;
    else d.nextAttemptAt = next.nextAttemptAt;
    if (next.lastError === undefined) delete d.lastError;
    else d.lastError = next.lastError;
  }

  listDeliveries(scanId: string): Array<DeliveryRecord & { tries: DeliveryAttempt[] }> {
    return [...this.deliveries.values()].filter((d) => d.scanId === scanId).map((d) => this.copy(d));
  }

  forgetServerSecret(secret: string): void {
    for (const d of this.deliveries.values()) if (d.secret === secret) delete d.secret;
  }

  redeliver(deliveryId: string, now: number): boolean {
    const d = this.deliveries.get(deliveryId);
    if (!d || d.status === 'scheduled' || d.status === 'pending') return false;
    Object.assign(d, { status: 'pending', nextAttemptAt: now, activatedAt: now });
    return true;
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
    checkOwner(query.owner);
    return [...this.scans.values()]
      .filter((s) => (query.owner === ALL_PRINCIPALS || s.principal === query.owner) && (!query.status || s.status === query.status) && Object.entries(query.labels ?? {}).every(([k, v]) => Object.hasOwn(s.request.labels, k) && s.request.labels[k] === v) && (!query.before || s.id < query.before))
      .sort((a, b) => (a.id < b.id ? 1 : -1))
      .slice(0, query.limit)
      .map((s) => this.copy(s));
  }

  updateScan(id: string, patch: ScanPatch): void {
    const s = this.scans.get(id);
    if (!s) throw new Error(`no scan ${id}`);
    this.scans.set(id, { ...s, ...this.copy(patch) });
  }

  appendResults(scanId: string, results: readonly ProbeResult[], patch?: ScanPatch): void {
    const list = this.results.get(scanId);
    const stored = this.seqs.get(scanId);
    if (!list || !stored) throw new Error(`no scan ${scanId}`);
    const batch = new Set<number>();
    for (const r of results) {
      if (stored.has(r.seq) || batch.has(r.seq)) throw new Error(`duplicate result ${scanId}#${r.seq}`);
      batch.add(r.seq);
    }
    for (const seq of batch) stored.add(seq);
    for (const r of results) list.push(this.copy(r));
    if (patch) this.updateScan(scanId, patch);
  }

  listResults(scanId: string, afterSeq = 0, limit = Number.MAX_SAFE_INTEGER): ProbeResult[] {
    return (this.results.get(scanId) ?? []).filter((r) => r.seq > afterSeq).sort((a, b) => a.seq - b.seq).slice(0, limit).map((r) => this.copy(r));
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
