import { ALL_PRINCIPALS, type Owner } from '../auth/principal.js';
import {
  checkOwner,
  type DeliveryAttempt,
  type DeliveryRecord,
  type DeliverySend,
  DuplicateIdempotencyKeyError,
  type HistoryWrite,
  type ScanPatch,
  type ScanQuery,
  type ScanRecord,
  type ScanStore,
} from './store.js';
import type { ChangeQuery, ObservationQuery, StoredChange, StoredObservation } from '../assets/asset-store.js';
import { contains, parseAddress } from '../net/addresses.js';
import type { ScanAssets } from '../assets/asset-view.js';
import type { Catalog } from '../probes/classify/catalog.js';
import type { StoredCatalog } from '../catalogs/catalog-store.js';
import type { CatalogTrees } from '../probes/classify/tree.js';
import type { Observation, ProbeResult, ResultStatus } from '../api/model.js';
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
  private observations: StoredObservation[] = [];
  private changes: StoredChange[] = [];
  private nextObservation = 1;
  private nextChange = 1;

  private writeHistory(h: HistoryWrite): void {
    const ips = new Set<string>();
    for (const o of h.observations) {
      this.observations.push({ id: this.nextObservation++, principal: h.owner, ...this.copy(o) });
      ips.add(o.ip);
    }
    for (const c of h.changes) this.changes.push({ id: this.nextChange++, principal: h.owner, recordedAt: h.recordedAt, ...this.copy(c) });
    this.observations = this.observations.filter((o) => o.observedAt >= h.keepSince);
    this.changes = this.changes.filter((c) => c.recordedAt >= h.keepSince);
    for (const ip of ips) {
      const mine = (x: { principal: string; ip: string }): boolean => x.principal === h.owner && x.ip === ip;
      const kept = new Map<string, number>();
      const drop = new Set<number>();
      const newestFirst = this.observations.filter(mine).sort((a, b) => (a.observedAt === b.observedAt ? b.id - a.id : a.observedAt < b.observedAt ? 1 : -1));
      for (const o of newestFirst) {
        const key = `${o.fact}\0${o.source ?? ''}`;
        const n = (kept.get(key) ?? 0) + 1;
        kept.set(key, n);
        if (n > h.keepPerAsset) drop.add(o.id);
      }
      this.observations = this.observations.filter((o) => !drop.has(o.id));
      const changes = this.changes.filter(mine);
      const tooOld = new Set(changes.slice(0, Math.max(0, changes.length - h.keepPerAsset)).map((c) => c.id));
      this.changes = this.changes.filter((c) => !tooOld.has(c.id));
    }
  }

  latestObservations(owner: string, ips: readonly string[]): Map<string, Observation[]> {
    checkOwner(owner);
    const out = new Map<string, Observation[]>();
    for (const ip of new Set(ips)) {
      const newest = new Map<string, StoredObservation>();
      for (const o of this.observations) {
        if (o.principal !== owner || o.ip !== ip) continue;
        const key = `${o.fact}\0${o.source ?? ''}`;
        const kept = newest.get(key);
        if (!kept || o.observedAt >= kept.observedAt) newest.set(key, o); // of two at the same time, the one stored last
      }
      if (newest.size) out.set(ip, [...newest.values()].map(({ id: _id, principal: _p, ...o }) => this.copy(o)));
    }
    return out;
  }

  listObservations(q: ObservationQuery): StoredObservation[] {
    checkOwner(q.owner);
    return this.observations
      .filter((o) => o.ip === q.ip && (q.owner === ALL_PRINCIPALS || o.principal === q.owner) && (q.fact === undefined || o.fact === q.fact) && (q.before === undefined || o.id < q.before))
      .sort((a, b) => b.id - a.id)
      .slice(0, q.limit)
      .map((o) => this.copy(o));
  }

  listChanges(q: ChangeQuery): StoredChange[] {
    checkOwner(q.owner);
    return this.changes
      .filter((c) => {
        const addr = q.range && parseAddress(c.ip);
        return (
          (q.owner === ALL_PRINCIPALS || c.principal === q.owner) &&
          (q.since === undefined || c.recordedAt >= q.since) &&
          (q.after === undefined || c.id > q.after) &&
          (!q.range || (addr !== undefined && contains(q.range, addr))) &&
          (!q.kinds?.length || q.kinds.includes(c.kind))
        );
      })
      .slice(0, q.limit)
      .map((c) => this.copy(c));
  }

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
    this.catalogs.set(catalog.id, this.copy(catalog));
  }

  listCatalogs(): StoredCatalog[] {
    return [...this.catalogs.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((c) => this.copy(c));
  }

  catalogInUse(id: string): boolean {
    return [...this.scans.values()].some((s) => (s.status === 'queued' || s.status === 'running') && s.request.probes.some((p) => p.type === 'classify' && p.catalog === id));
  }

  deleteCatalog(id: string): void {
    this.catalogs.delete(id);
  }

  keepCatalogTrees(id: string, trees: CatalogTrees): void {
    const kept = this.catalogs.get(id);
    if (kept) kept.trees = this.copy(trees);
  }

  private copy<T>(value: T): T {
    return structuredClone(value);
  }

  insertScan(scan: ScanRecord, deliveries: readonly DeliveryRecord[] = [], results: readonly ProbeResult[] = [], history?: HistoryWrite): void {
    if (this.scans.has(scan.id)) throw new Error(`duplicate scan id ${scan.id}`);
    if (scan.idempotencyKey && this.findByIdempotencyKey(scan.principal, scan.idempotencyKey)) throw new DuplicateIdempotencyKeyError();
    // Refused before anything is kept, as SQLite's transaction would be.
    if (new Set(results.map((r) => r.seq)).size !== results.length) throw new Error(`duplicate result in scan ${scan.id}`);
    this.scans.set(scan.id, this.copy(scan));
    this.results.set(scan.id, []);
    this.seqs.set(scan.id, new Set());
    for (const d of deliveries) this.deliveries.set(d.id, { ...this.copy(d), tries: [] });
    this.addResults(scan.id, results, undefined, history);
  }

  hasScheduledDelivery(scanId: string): boolean {
    return [...this.deliveries.values()].some((d) => d.scanId === scanId && d.status === 'scheduled');
  }

  activateDeliveries(scanId: string, sends: readonly DeliverySend[], now: number): void {
    for (const d of [...this.deliveries.values()].filter((x) => x.scanId === scanId && x.status === 'scheduled')) {
      const { events: _e, tries: _t, ...from } = d;
      this.deliveries.delete(d.id);
      for (const s of sends.filter((x) => x.from === d.id)) {
        this.deliveries.set(s.id, { ...this.copy(from), id: s.id, status: 'pending', event: s.event, payload: s.payload, nextAttemptAt: now, activatedAt: now, tries: [] });
      }
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

  appendResults(scanId: string, results: readonly ProbeResult[], patch?: ScanPatch, history?: HistoryWrite): void {
    this.addResults(scanId, results, patch, history);
  }

  private addResults(scanId: string, results: readonly ProbeResult[], patch: ScanPatch | undefined, history: HistoryWrite | undefined): void {
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
    if (history) this.writeHistory(history);
  }

  listResults(scanId: string, afterSeq = 0, limit = Number.MAX_SAFE_INTEGER, statuses?: readonly ResultStatus[]): ProbeResult[] {
    return (this.results.get(scanId) ?? []).filter((r) => r.seq > afterSeq && (!statuses || statuses.includes(r.status))).sort((a, b) => a.seq - b.seq).slice(0, limit).map((r) => this.copy(r));
  }

  countActiveScans(principal: string): number {
    return [...this.scans.values()].filter((s) => s.principal === principal && (s.status === 'queued' || s.status === 'running')).length;
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
