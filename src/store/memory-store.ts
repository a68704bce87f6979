import { ALL_PRINCIPALS, type Owner } from '../auth/principal.js';
import {
  checkOwner,
  type DeliveryAttempt,
  type DeliveryRecord,
  type DeliverySend,
  type DueDelivery,
  DuplicateIdempotencyKeyError,
  type HistoryWrite,
  type ScanPatch,
  type ScanQuery,
  type ScanRecord,
  type ScanStore,
} from './store.js';
import type { ChangeQuery, HistoryPrune, IntervalQuery, PruneCursor, PruneOutcome, StoredChange, StoredInterval } from '../assets/asset-store.js';
import { valueKeyOf } from '../assets/history.js';
import { contains, parseAddress } from '../net/addresses.js';
import type { ScanAssets } from '../assets/asset-view.js';
import type { Catalog } from '../probes/classify/catalog.js';
import type { StoredCatalog } from '../catalogs/catalog-store.js';
import type { CatalogTrees } from '../probes/classify/tree.js';
import type { Observation, ProbeResult, ResultStatus } from '../api/model.js';
import type { TokenRecord } from '../tokens/tokens.js';

/** Keys (JSON arrays of strings) in the order of their strings, element by element, as SQLite's index sorts them. */
function compareKeys(a: string, b: string): number {
  const x = JSON.parse(a) as string[];
  const y = JSON.parse(b) as string[];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

/** The in-memory fake of ScanStore: same contract, passes the same contract test. */
export class MemoryScanStore implements ScanStore {
  private readonly scans = new Map<string, ScanRecord>();
  private readonly results = new Map<string, ProbeResult[]>();
  private readonly seqs = new Map<string, Set<number>>();
  private readonly deliveries = new Map<string, DeliveryRecord & { tries: DeliveryAttempt[] }>();
  private closed = false;
  private readonly catalogs = new Map<string, StoredCatalog>();
  private readonly tokens = new Map<string, TokenRecord>();
  /** Intervals in the order they were opened, each with what makes its value the same. */
  private intervals: Array<StoredInterval & { valueKey: string }> = [];
  private changes: StoredChange[] = [];
  private nextInterval = 1;
  private nextChange = 1;

  private writeHistory(h: HistoryWrite): void {
    for (const o of h.observations) {
      const valueKey = valueKeyOf(o);
      const ref = { scanId: o.scanId, ...(o.seq !== undefined ? { seq: o.seq } : {}) };
      const open = this.intervals.find((i) => i.current && i.principal === h.owner && i.ip === o.ip && i.fact === o.fact && (i.source ?? '') === (o.source ?? ''));
      if (open && open.valueKey === valueKey) {
        open.count++;
        if (o.observedAt < open.firstSeen) [open.firstSeen, open.scans.first] = [o.observedAt, ref];
        if (o.observedAt >= open.lastSeen) [open.lastSeen, open.scans.last] = [o.observedAt, ref];
        continue;
      }
      // Observed before the current value was last seen (a scan that ran longer): a past interval.
      const current = !open || open.lastSeen <= o.observedAt;
      if (open && current) open.current = false;
      this.intervals.push({
        id: this.nextInterval++,
        principal: h.owner,
        ip: o.ip,
        fact: o.fact,
        ...(o.value !== undefined ? { value: o.value } : {}),
        ...(o.source !== undefined ? { source: o.source } : {}),
        ...(o.confidence !== undefined ? { confidence: o.confidence } : {}),
        ...(o.service ? { service: this.copy(o.service) } : {}),
        firstSeen: o.observedAt,
        lastSeen: o.observedAt,
        count: 1,
        scans: { first: ref, last: { ...ref } },
        current,
        valueKey,
      });
    }
    for (const c of h.changes) this.changes.push({ id: this.nextChange++, principal: h.owner, recordedAt: h.recordedAt, ...this.copy(c) });
  }

  pruneHistory(p: HistoryPrune): PruneOutcome {
    let left = p.maxRows;
    const expired = new Set(this.intervals.filter((i) => i.lastSeen < p.keepSince).sort((a, b) => (a.lastSeen < b.lastSeen ? -1 : 1)).slice(0, left).map((i) => i.id));
    this.intervals = this.intervals.filter((i) => !expired.has(i.id));
    left -= expired.size;
    const old = new Set(this.changes.filter((c) => c.recordedAt < p.keepSince).slice(0, left).map((c) => c.id));
    this.changes = this.changes.filter((c) => !old.has(c.id));
    left -= old.size;
    // Keys in the order SQLite's index walks them, from the cursor on, at most maxRows per run.
    const walk = <R extends { id: number }>(rows: R[], keyOf: (r: R) => string[], from: readonly string[] | undefined, deletable: (r: R) => boolean): { kept: R[]; next?: string[] } => {
      const byKey = new Map<string, R[]>();
      for (const r of rows) {
        const k = JSON.stringify(keyOf(r));
        byKey.set(k, [...(byKey.get(k) ?? []), r]);
      }
      const after = from && JSON.stringify(from);
      const keys = [...byKey.keys()].sort(compareKeys).filter((k) => after === undefined || compareKeys(k, after) > 0).slice(0, p.maxRows);
      const drop = new Set<number>();
      let last = from ? [...from] : undefined;
      for (const k of keys) {
        const mine = byKey.get(k)!.sort((a, b) => a.id - b.id);
        const excess = mine.length - p.keepPerAsset;
        if (excess > 0) {
          const gone = mine.filter(deletable).slice(0, Math.min(excess, left));
          for (const r of gone) drop.add(r.id);
          left -= gone.length;
          if (gone.length < excess) return { kept: rows.filter((r) => !drop.has(r.id)), ...(last ? { next: last } : {}) };
        }
        last = JSON.parse(k) as string[];
      }
      return { kept: rows.filter((r) => !drop.has(r.id)), ...(keys.length === p.maxRows && last ? { next: last } : {}) };
    };
    const intervals = walk(this.intervals, (i) => [i.principal, i.ip, i.fact, i.source ?? ''], p.from?.intervals, (i) => !i.current);
    this.intervals = intervals.kept;
    const changes = walk(this.changes, (c) => [c.principal, c.ip], p.from?.changes, () => true);
    this.changes = changes.kept;
    const next: PruneCursor = {
      ...(intervals.next ? { intervals: intervals.next as [string, string, string, string] } : {}),
      ...(changes.next ? { changes: changes.next as [string, string] } : {}),
    };
    return { deleted: p.maxRows - left, ...(intervals.next || changes.next ? { next } : {}) };
  }

  latestObservations(owner: string, ips: readonly string[]): Map<string, Observation[]> {
    checkOwner(owner);
    const out = new Map<string, Observation[]>();
    for (const ip of new Set(ips)) {
      const current = this.intervals
        .filter((i) => i.current && i.principal === owner && i.ip === ip)
        .sort((a, b) => compareKeys(JSON.stringify([a.fact, a.source ?? '']), JSON.stringify([b.fact, b.source ?? ''])));
      if (current.length) {
        out.set(ip, current.map((i) => ({
          ip, fact: i.fact,
          ...(i.value !== undefined ? { value: i.value } : {}),
          ...(i.confidence !== undefined ? { confidence: i.confidence } : {}),
          ...(i.service ? { service: this.copy(i.service) } : {}),
          ...(i.source !== undefined ? { source: i.source } : {}),
          ...i.scans.last,
          observedAt: i.lastSeen,
        })));
      }
    }
    return out;
  }

  listIntervals(q: IntervalQuery): StoredInterval[] {
    checkOwner(q.owner);
    return this.intervals
      .filter((i) => i.ip === q.ip && (q.owner === ALL_PRINCIPALS || i.principal === q.owner) && (q.fact === undefined || i.fact === q.fact) && (q.before === undefined || i.id < q.before))
      .sort((a, b) => b.id - a.id)
      .slice(0, q.limit)
      .map(({ valueKey: _k, ...i }) => this.copy(i));
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

  listDueByReceiver(now: number, perUrl: number): DueDelivery[] {
    const taken = new Map<string, number>();
    return [...this.deliveries.values()]
      .filter((d) => d.status === 'pending' && (d.nextAttemptAt ?? 0) <= now)
      .sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || (a.id < b.id ? -1 : 1))
      .map((d) => ({ id: d.id, owner: this.scans.get(d.scanId)?.principal ?? '', url: d.url, nextAttemptAt: d.nextAttemptAt ?? 0 }))
      .filter((d) => {
        const key = JSON.stringify([d.owner, d.url]);
        taken.set(key, (taken.get(key) ?? 0) + 1);
        return taken.get(key)! <= perUrl;
      });
  }

  getDelivery(id: string): DeliveryRecord | undefined {
    const d = this.deliveries.get(id);
    if (!d) return undefined;
    const { tries: _t, ...record } = d;
    return this.copy(record);
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

  /** The fake does not undo what a throwing `fn` wrote before it threw; rollbacks are tested on SQLite. */
  transaction<T>(fn: () => T): T {
    return fn();
  }

  isHealthy(): boolean {
    return !this.closed;
  }

  checkWritable(): void {
    if (this.closed) throw new Error('the store is closed');
  }

  close(): void {
    this.closed = true;
  }
}
