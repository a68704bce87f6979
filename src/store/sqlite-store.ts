import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { ScanAssets } from '../assets/asset-view.js';
import type { Catalog } from '../probes/classify/catalog.js';
import type { StoredCatalog } from '../catalogs/catalog-store.js';
import type { CatalogTrees } from '../probes/classify/tree.js';
import { addressKey } from '../assets/history.js';
import { parseAddress } from '../net/addresses.js';
import type { AssetChange, Observation, ProbeResult, ResultStatus } from '../api/model.js';
import type { TokenRecord } from '../tokens/tokens.js';
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

interface ObservationRow {
  id: number;
  owner: string;
  ip: string;
  fact: string;
  source: string;
  scan_id: string;
  observed_at: string;
  body: string;
}

/** The columns hold the address, fact, source, scan and time; the body the rest. */
function observationFromRow(r: ObservationRow): Observation {
  return { ip: r.ip, fact: r.fact, ...(r.source ? { source: r.source } : {}), scanId: r.scan_id, observedAt: r.observed_at, ...(JSON.parse(r.body) as Partial<Observation>) };
}

function observationBody(o: Observation): string {
  const { ip: _ip, fact: _f, source: _s, scanId: _scan, observedAt: _at, ...rest } = o;
  return JSON.stringify(rest);
}

function ipKeyOf(ip: string): string {
  const addr = parseAddress(ip);
  if (!addr) throw new TypeError(`not an address: ${ip}`);
  return addressKey(addr);
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS scans (
  id TEXT PRIMARY KEY,
  principal TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  request TEXT NOT NULL,
  stats TEXT NOT NULL,
  error TEXT,
  assets TEXT NOT NULL,
  idempotency_key TEXT,
  request_hash TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS scans_idempotency ON scans (principal, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS scans_principal ON scans (principal, id);
CREATE INDEX IF NOT EXISTS scans_status ON scans (status);
CREATE INDEX IF NOT EXISTS scans_principal_status ON scans (principal, status);
CREATE TABLE IF NOT EXISTS results (
  scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (scan_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS deliveries (
  id TEXT PRIMARY KEY,
  scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  status TEXT NOT NULL,
  event TEXT,
  payload TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  activated_at INTEGER,
  last_error TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS deliveries_scan ON deliveries (scan_id);
CREATE TABLE IF NOT EXISTS catalogs (
  id TEXT PRIMARY KEY,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS observations (
  id INTEGER PRIMARY KEY,
  owner TEXT NOT NULL,
  ip TEXT NOT NULL,
  fact TEXT NOT NULL,
  source TEXT NOT NULL,
  scan_id TEXT NOT NULL,
  observed_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS observations_latest ON observations (owner, ip, fact, source, observed_at);
CREATE INDEX IF NOT EXISTS observations_ip ON observations (ip, id);
CREATE INDEX IF NOT EXISTS observations_age ON observations (observed_at);
-- The newest observation per (owner, ip, fact, source), kept with each write: reading an address's
-- latest facts then costs its facts, not every observation kept of them. A row goes with its
-- observation when that expires (every older one of its key has expired with it).
CREATE TABLE IF NOT EXISTS observations_newest (
  owner TEXT NOT NULL,
  ip TEXT NOT NULL,
  fact TEXT NOT NULL,
  source TEXT NOT NULL,
  observed_at TEXT NOT NULL,
  id INTEGER NOT NULL,
  PRIMARY KEY (owner, ip, fact, source)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  owner TEXT NOT NULL,
  ip TEXT NOT NULL,
  ip_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  scan_id TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_owner ON changes (owner, id);
CREATE INDEX IF NOT EXISTS changes_ip ON changes (owner, ip, id);
CREATE INDEX IF NOT EXISTS changes_age ON changes (recorded_at);
CREATE TABLE IF NOT EXISTS delivery_attempts (
  delivery_id TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (delivery_id, n)
) WITHOUT ROWID;
`;

interface DeliveryRow {
  id: string;
  scan_id: string;
  url: string;
  secret: string;
  status: DeliveryRecord['status'];
  events: string | null;
  event: string | null;
  payload: string | null;
  attempts: number;
  next_attempt_at: number | null;
  activated_at: number | null;
  last_error: string | null;
  created_at: string;
}

/** In the NOT NULL `secret` column: the delivery signs with the server's secret (never a whsec_ value). */
const SERVER_SECRET = 'server';

function deliveryFromRow(r: DeliveryRow): DeliveryRecord {
  const d: DeliveryRecord = { id: r.id, scanId: r.scan_id, url: r.url, status: r.status, attempts: r.attempts, createdAt: r.created_at };
  if (r.secret !== SERVER_SECRET) d.secret = r.secret;
  if (r.events !== null) d.events = JSON.parse(r.events) as string[];
  if (r.event !== null) d.event = r.event;
  if (r.payload !== null) d.payload = r.payload;
  if (r.next_attempt_at !== null) d.nextAttemptAt = r.next_attempt_at;
  if (r.activated_at !== null) d.activatedAt = r.activated_at;
  if (r.last_error !== null) d.lastError = r.last_error;
  return d;
}

interface ScanRow {
  id: string;
  principal: string;
  status: ScanRecord['status'];
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  request: string;
  stats: string;
  error: string | null;
  assets: string;
  idempotency_key: string | null;
  request_hash: string | null;
  plan: string | null;
}

function fromRow(row: ScanRow): ScanRecord {
  const rec: ScanRecord = {
    id: row.id,
    principal: row.principal,
    status: row.status,
    createdAt: row.created_at,
    request: JSON.parse(row.request),
    stats: JSON.parse(row.stats),
    assets: JSON.parse(row.assets),
  };
  if (row.started_at) rec.startedAt = row.started_at;
  if (row.finished_at) rec.finishedAt = row.finished_at;
  if (row.error) rec.error = JSON.parse(row.error);
  if (row.idempotency_key) rec.idempotencyKey = row.idempotency_key;
  if (row.request_hash) rec.requestHash = row.request_hash;
  if (row.plan) rec.plan = JSON.parse(row.plan);
  return rec;
}

const PATCH_COLUMNS: Record<keyof ScanPatch, { column: string; json: boolean }> = {
  status: { column: 'status', json: false },
  startedAt: { column: 'started_at', json: false },
  finishedAt: { column: 'finished_at', json: false },
  plan: { column: 'plan', json: true },
  stats: { column: 'stats', json: true },
  error: { column: 'error', json: true },
  assets: { column: 'assets', json: true },
};

/** The embedded store: one SQLite file in WAL mode; every write is a committed transaction. */
export class SqliteScanStore implements ScanStore {
  private readonly db: Database.Database;
  private readonly statements;
  /** UPDATE statements by the set of columns they write; few distinct sets exist. */
  private readonly updates = new Map<string, Database.Statement>();

  constructor(file: string) {
    // Private whatever the umask: created 0600 here, SQLite gives its -wal and -shm files the
    // database file's mode; files of an older version are narrowed too.
    closeSync(openSync(file, 'a', 0o600));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      try {
        chmodSync(f, 0o600);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    const hadNewest = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'observations_newest'").get() !== undefined;
    this.db.exec(SCHEMA);
    // A store of an older version: its newest observations, found once the slow way.
    if (!hadNewest) {
      this.db.exec(`INSERT INTO observations_newest (owner, ip, fact, source, observed_at, id)
        SELECT o.owner, o.ip, o.fact, o.source, o.observed_at, o.id FROM observations o
        WHERE o.id = (SELECT id FROM observations WHERE owner = o.owner AND ip = o.ip AND fact = o.fact AND source = o.source ORDER BY observed_at DESC, id DESC LIMIT 1)`);
    }
    // Added with `want` scans; a store of an older version gets the column.
    if (!this.db.prepare<[], { name: string }>('PRAGMA table_info(scans)').all().some((c) => c.name === 'plan')) this.db.exec('ALTER TABLE scans ADD COLUMN plan TEXT');
    // Deliveries stored by versions before `asset.changed` were all for the scan's end.
    if (!this.db.prepare<[], { name: string }>('PRAGMA table_info(deliveries)').all().some((c) => c.name === 'events')) this.db.exec('ALTER TABLE deliveries ADD COLUMN events TEXT');
    // Older versions stored an unkeyed SHA-256 of the body (which can hold an SNMP community), open
    // to a dictionary attack: dropped, so replaying such a key now answers idempotency-mismatch.
    this.db.exec("UPDATE scans SET request_hash = NULL WHERE request_hash IS NOT NULL AND request_hash NOT LIKE 'hmac-sha256:%'");
    this.statements = {
      insert: this.db.prepare(
        `INSERT INTO scans (id, principal, status, created_at, started_at, finished_at, request, stats, error, assets, plan, idempotency_key, request_hash)
         VALUES (@id, @principal, @status, @created_at, @started_at, @finished_at, @request, @stats, @error, @assets, @plan, @idempotency_key, @request_hash)`,
      ),
      get: this.db.prepare<[string], ScanRow>('SELECT * FROM scans WHERE id = ?'),
      byKey: this.db.prepare<[string, string], ScanRow>('SELECT * FROM scans WHERE principal = ? AND idempotency_key = ?'),
      appendResult: this.db.prepare('INSERT INTO results (scan_id, seq, body) VALUES (?, ?, ?)'),
      results: this.db.prepare<[string, number, number], { body: string }>('SELECT body FROM results WHERE scan_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
      unfinished: this.db.prepare<[], ScanRow>("SELECT * FROM scans WHERE status IN ('queued', 'running') ORDER BY id"),
      active: this.db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM scans WHERE principal = ? AND status IN ('queued', 'running')"),
      insertDelivery: this.db.prepare(
        `INSERT INTO deliveries (id, scan_id, url, secret, status, events, attempts, created_at) VALUES (@id, @scanId, @url, @secret, @status, @events, 0, @createdAt)`,
      ),
      scheduled: this.db.prepare<[string], { found: number }>("SELECT 1 AS found FROM deliveries WHERE scan_id = ? AND status = 'scheduled' LIMIT 1"),
      scheduledOf: this.db.prepare<[string], DeliveryRow>("SELECT * FROM deliveries WHERE scan_id = ? AND status = 'scheduled'"),
      activate: this.db.prepare("UPDATE deliveries SET status = 'pending', events = NULL, event = ?, payload = ?, next_attempt_at = ?, activated_at = ? WHERE id = ? AND status = 'scheduled'"),
      copyDelivery: this.db.prepare(
        `INSERT INTO deliveries (id, scan_id, url, secret, status, event, payload, attempts, next_attempt_at, activated_at, created_at)
         SELECT ?, scan_id, url, secret, 'pending', ?, ?, 0, ?, ?, created_at FROM deliveries WHERE id = ?`,
      ),
      dropDelivery: this.db.prepare("DELETE FROM deliveries WHERE id = ? AND status = 'scheduled'"),
      addObservation: this.db.prepare('INSERT INTO observations (owner, ip, fact, source, scan_id, observed_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      // Of two observed at the same time, the one stored last is the newest.
      markNewest: this.db.prepare(
        `INSERT INTO observations_newest (owner, ip, fact, source, observed_at, id) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (owner, ip, fact, source) DO UPDATE SET observed_at = excluded.observed_at, id = excluded.id
         WHERE excluded.observed_at > observations_newest.observed_at OR (excluded.observed_at = observations_newest.observed_at AND excluded.id > observations_newest.id)`,
      ),
      latest: this.db.prepare<[string, string], ObservationRow>(
        'SELECT o.* FROM observations_newest n JOIN observations o ON o.id = n.id WHERE n.owner = ? AND n.ip = ? ORDER BY n.fact, n.source',
      ),
      addChange: this.db.prepare('INSERT INTO changes (owner, ip, ip_key, kind, scan_id, recorded_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      // Before the observations themselves: found through those expiring, by the age index, not by scanning every key.
      expireNewest: this.db.prepare(
        'DELETE FROM observations_newest WHERE (owner, ip, fact, source) IN (SELECT owner, ip, fact, source FROM observations WHERE observed_at < @keepSince) AND observed_at < @keepSince',
      ),
      expireObservations: this.db.prepare('DELETE FROM observations WHERE observed_at < ?'),
      expireChanges: this.db.prepare('DELETE FROM changes WHERE recorded_at < ?'),
      // One (fact, source) of an address at a time, along the index: what is past the newest `keep` goes.
      trimObservations: this.db.prepare(
        `DELETE FROM observations WHERE id IN (SELECT id FROM observations WHERE owner = ? AND ip = ? AND fact = ? AND source = ?
         ORDER BY observed_at DESC, id DESC LIMIT -1 OFFSET ?)`,
      ),
      trimChanges: this.db.prepare('DELETE FROM changes WHERE id IN (SELECT id FROM changes WHERE owner = ? AND ip = ? ORDER BY id DESC LIMIT -1 OFFSET ?)'),
      stranded: this.db.prepare<[], DeliveryRow>(
        "SELECT d.* FROM deliveries d JOIN scans s ON s.id = d.scan_id WHERE d.status = 'scheduled' AND s.status IN ('completed', 'failed', 'cancelled')",
      ),
      due: this.db.prepare<[number, number], DeliveryRow>("SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?"),
      addAttempt: this.db.prepare('INSERT INTO delivery_attempts (delivery_id, n, body) VALUES (?, ?, ?)'),
      updateDelivery: this.db.prepare('UPDATE deliveries SET attempts = ?, status = ?, next_attempt_at = ?, last_error = ? WHERE id = ?'),
      deliveriesOf: this.db.prepare<[string], DeliveryRow>('SELECT * FROM deliveries WHERE scan_id = ? ORDER BY created_at, id'),
      attemptsOf: this.db.prepare<[string], { body: string }>('SELECT body FROM delivery_attempts WHERE delivery_id = ? ORDER BY n'),
      redeliver: this.db.prepare("UPDATE deliveries SET status = 'pending', next_attempt_at = ?, activated_at = ? WHERE id = ? AND status IN ('delivered', 'failed', 'gone')"),
    };
  }

  insertScan(scan: ScanRecord, deliveries: readonly DeliveryRecord[] = [], results: readonly ProbeResult[] = [], history?: HistoryWrite): void {
    this.db.transaction(() => {
      this.insertScanRow(scan);
      for (const d of deliveries) {
        this.statements.insertDelivery.run({ id: d.id, scanId: d.scanId, url: d.url, secret: d.secret ?? SERVER_SECRET, status: d.status, events: d.events ? JSON.stringify(d.events) : null, createdAt: d.createdAt });
      }
      this.writeResults(scan.id, results, undefined, history);
    })();
  }

  hasScheduledDelivery(scanId: string): boolean {
    return this.statements.scheduled.get(scanId) !== undefined;
  }

  activateDeliveries(scanId: string, sends: readonly DeliverySend[], now: number): void {
    this.db.transaction(() => {
      for (const d of this.statements.scheduledOf.all(scanId)) {
        const mine = sends.filter((s) => s.from === d.id);
        // Copies first: they read the scheduled row's url and secret.
        for (const s of mine) if (s.id !== d.id) this.statements.copyDelivery.run(s.id, s.event, s.payload, now, now, d.id);
        const own = mine.find((s) => s.id === d.id);
        if (own) this.statements.activate.run(own.event, own.payload, now, now, d.id);
        else this.statements.dropDelivery.run(d.id);
      }
    })();
  }

  listStrandedDeliveries(): DeliveryRecord[] {
    return this.statements.stranded.all().map(deliveryFromRow);
  }

  listDueDeliveries(now: number, limit: number): DeliveryRecord[] {
    return this.statements.due.all(now, limit).map(deliveryFromRow);
  }

  recordAttempt(deliveryId: string, attempt: DeliveryAttempt, next: Pick<DeliveryRecord, 'status' | 'nextAttemptAt' | 'lastError'>): void {
    this.db.transaction(() => {
      this.statements.addAttempt.run(deliveryId, attempt.n, JSON.stringify(attempt));
      const info = this.statements.updateDelivery.run(attempt.n, next.status, next.nextAttemptAt ?? null, next.lastError ?? null, deliveryId);
      if (info.changes !== 1) throw new Error(`no delivery ${deliveryId}`);
    })();
  }

  listDeliveries(scanId: string): Array<DeliveryRecord & { tries: DeliveryAttempt[] }> {
    return this.statements.deliveriesOf.all(scanId).map((r) => ({ ...deliveryFromRow(r), tries: this.statements.attemptsOf.all(r.id).map((a) => JSON.parse(a.body) as DeliveryAttempt) }));
  }

  forgetServerSecret(secret: string): void {
    this.db.prepare('UPDATE deliveries SET secret = ? WHERE secret = ?').run(SERVER_SECRET, secret);
  }

  redeliver(deliveryId: string, now: number): boolean {
    return this.statements.redeliver.run(now, now, deliveryId).changes === 1;
  }

  private insertScanRow(scan: ScanRecord): void {
    try {
      this.statements.insert.run({
        id: scan.id,
        principal: scan.principal,
        status: scan.status,
        created_at: scan.createdAt,
        started_at: scan.startedAt ?? null,
        finished_at: scan.finishedAt ?? null,
        request: JSON.stringify(scan.request),
        stats: JSON.stringify(scan.stats),
        error: scan.error ? JSON.stringify(scan.error) : null,
        assets: JSON.stringify(scan.assets),
        plan: scan.plan ? JSON.stringify(scan.plan) : null,
        idempotency_key: scan.idempotencyKey ?? null,
        request_hash: scan.requestHash ?? null,
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && scan.idempotencyKey && this.findByIdempotencyKey(scan.principal, scan.idempotencyKey)) {
        throw new DuplicateIdempotencyKeyError();
      }
      throw err;
    }
  }

  getScan(id: string): ScanRecord | undefined {
    const row = this.statements.get.get(id);
    return row && fromRow(row);
  }

  findByIdempotencyKey(principal: string, key: string): ScanRecord | undefined {
    const row = this.statements.byKey.get(principal, key);
    return row && fromRow(row);
  }

  listScans(query: ScanQuery): ScanRecord[] {
    checkOwner(query.owner);
    const where: string[] = [];
    const args: unknown[] = [];
    if (query.owner !== ALL_PRINCIPALS) {
      where.push('principal = ?');
      args.push(query.owner);
    }
    if (query.status) {
      where.push('status = ?');
      args.push(query.status);
    }
    for (const [key, value] of Object.entries(query.labels ?? {})) {
      where.push("EXISTS (SELECT 1 FROM json_each(request, '$.labels') WHERE key = ? AND value = ?)");
      args.push(key, value);
    }
    if (query.before) {
      where.push('id < ?');
      args.push(query.before);
    }
    const sql = `SELECT * FROM scans ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return this.db.prepare<unknown[], ScanRow>(sql).all(...args, query.limit).map(fromRow);
  }

  updateScan(id: string, patch: ScanPatch): void {
    const entries = Object.entries(patch) as Array<[keyof ScanPatch, unknown]>;
    if (entries.length === 0) return;
    const sets = entries.map(([k]) => `${PATCH_COLUMNS[k].column} = ?`).join(', ');
    let statement = this.updates.get(sets);
    if (!statement) {
      statement = this.db.prepare(`UPDATE scans SET ${sets} WHERE id = ?`);
      this.updates.set(sets, statement);
    }
    const values = entries.map(([k, v]) => (v === undefined ? null : PATCH_COLUMNS[k].json ? JSON.stringify(v) : v));
    const info = statement.run(...values, id);
    if (info.changes !== 1) throw new Error(`no scan ${id}`);
  }

  appendResults(scanId: string, results: readonly ProbeResult[], patch?: ScanPatch, history?: HistoryWrite): void {
    this.db.transaction(() => this.writeResults(scanId, results, patch, history))();
  }

  private writeResults(scanId: string, results: readonly ProbeResult[], patch: ScanPatch | undefined, history: HistoryWrite | undefined): void {
    for (const result of results) this.statements.appendResult.run(scanId, result.seq, JSON.stringify(result));
    if (patch) this.updateScan(scanId, patch);
    if (history) this.writeHistory(history);
  }

  private writeHistory(h: HistoryWrite): void {
    const st = this.statements;
    const ips = new Set<string>();
    // Only a (fact, source) written to can have grown past the limit.
    const grown = new Map<string, [string, string, string]>();
    for (const o of h.observations) {
      const { lastInsertRowid } = st.addObservation.run(h.owner, o.ip, o.fact, o.source ?? '', o.scanId, o.observedAt, observationBody(o));
      st.markNewest.run(h.owner, o.ip, o.fact, o.source ?? '', o.observedAt, lastInsertRowid);
      ips.add(o.ip);
      grown.set(JSON.stringify([o.ip, o.fact, o.source ?? '']), [o.ip, o.fact, o.source ?? '']);
    }
    for (const c of h.changes) {
      const { ip, kind, scanId, ...rest } = c;
      st.addChange.run(h.owner, ip, ipKeyOf(ip), kind, scanId, h.recordedAt, JSON.stringify(rest));
    }
    st.expireNewest.run({ keepSince: h.keepSince });
    st.expireObservations.run(h.keepSince);
    st.expireChanges.run(h.keepSince);
    for (const [ip, fact, source] of grown.values()) st.trimObservations.run(h.owner, ip, fact, source, h.keepPerAsset);
    for (const ip of ips) st.trimChanges.run(h.owner, ip, h.keepPerAsset);
  }

  latestObservations(owner: string, ips: readonly string[]): Map<string, Observation[]> {
    checkOwner(owner);
    const out = new Map<string, Observation[]>();
    for (const ip of new Set(ips)) {
      const rows = this.statements.latest.all(owner, ip);
      if (rows.length) out.set(ip, rows.map(observationFromRow));
    }
    return out;
  }

  listObservations(q: ObservationQuery): StoredObservation[] {
    checkOwner(q.owner);
    const where = ['ip = ?'];
    const args: unknown[] = [q.ip];
    if (q.owner !== ALL_PRINCIPALS) {
      where.push('owner = ?');
      args.push(q.owner);
    }
    if (q.fact !== undefined) {
      where.push('fact = ?');
      args.push(q.fact);
    }
    if (q.before !== undefined) {
      where.push('id < ?');
      args.push(q.before);
    }
    return this.db
      .prepare<unknown[], ObservationRow>(`SELECT * FROM observations WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`)
      .all(...args, q.limit)
      .map((r) => ({ id: r.id, principal: r.owner, ...observationFromRow(r) }));
  }

  listChanges(q: ChangeQuery): StoredChange[] {
    checkOwner(q.owner);
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.owner !== ALL_PRINCIPALS) {
      where.push('owner = ?');
      args.push(q.owner);
    }
    if (q.since !== undefined) {
      where.push('recorded_at >= ?');
      args.push(q.since);
    }
    if (q.after !== undefined) {
      where.push('id > ?');
      args.push(q.after);
    }
    if (q.range) {
      where.push('ip_key BETWEEN ? AND ?');
      args.push(addressKey({ family: q.range.family, value: q.range.first }), addressKey({ family: q.range.family, value: q.range.last }));
    }
    if (q.kinds?.length) {
      where.push(`kind IN (${q.kinds.map(() => '?').join(', ')})`);
      args.push(...q.kinds);
    }
    const sql = `SELECT id, owner, ip, kind, scan_id, recorded_at, body FROM changes ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ?`;
    return this.db
      .prepare<unknown[], { id: number; owner: string; ip: string; kind: AssetChange['kind']; scan_id: string; recorded_at: string; body: string }>(sql)
      .all(...args, q.limit)
      .map((r) => ({ id: r.id, principal: r.owner, recordedAt: r.recorded_at, ip: r.ip, kind: r.kind, scanId: r.scan_id, ...(JSON.parse(r.body) as Omit<AssetChange, 'ip' | 'kind' | 'scanId'>) }));
  }

  listResults(scanId: string, afterSeq = 0, limit = -1, statuses?: readonly ResultStatus[]): ProbeResult[] {
    const rows = statuses
      ? this.db
          .prepare<unknown[], { body: string }>(`SELECT body FROM results WHERE scan_id = ? AND seq > ? AND json_extract(body, '$.status') IN (${statuses.map(() => '?').join(', ')}) ORDER BY seq LIMIT ?`)
          .all(scanId, afterSeq, ...statuses, limit)
      : this.statements.results.all(scanId, afterSeq, limit);
    return rows.map((r) => JSON.parse(r.body) as ProbeResult);
  }

  listUnfinished(): ScanRecord[] {
    return this.statements.unfinished.all().map(fromRow);
  }

  countActiveScans(principal: string): number {
    return this.statements.active.get(principal)!.n;
  }

  listScanAssets(owner: Owner, limit: number): ScanAssets[] {
    checkOwner(owner);
    const one = owner !== ALL_PRINCIPALS;
    const sql = `SELECT id, assets FROM scans WHERE assets != '[]' ${one ? 'AND principal = ?' : ''} ORDER BY id DESC LIMIT ?`;
    return this.db
      .prepare<unknown[], { id: string; assets: string }>(sql)
      .all(...(one ? [owner] : []), limit)
      .map((r) => ({ scanId: r.id, assets: JSON.parse(r.assets) }));
  }

  insertCatalog(catalog: Catalog & { createdBy: string; trees: CatalogTrees }): void {
    const { createdBy, ...body } = catalog;
    this.db.prepare('INSERT INTO catalogs (id, created_by, created_at, body) VALUES (?, ?, ?, ?)').run(catalog.id, createdBy, new Date().toISOString(), JSON.stringify(body));
  }

  listCatalogs(): StoredCatalog[] {
    return this.db
      .prepare<[], { body: string; created_by: string }>('SELECT body, created_by FROM catalogs ORDER BY id')
      .all()
      .map((r) => ({ ...(JSON.parse(r.body) as Omit<StoredCatalog, 'createdBy'>), createdBy: r.created_by }));
  }

  catalogInUse(id: string): boolean {
    const sql = "SELECT 1 FROM scans, json_each(scans.request, '$.probes') AS p WHERE scans.status IN ('queued', 'running') AND json_extract(p.value, '$.type') = 'classify' AND json_extract(p.value, '$.catalog') = ? LIMIT 1";
    return this.db.prepare(sql).get(id) !== undefined;
  }

  deleteCatalog(id: string): void {
    this.db.prepare('DELETE FROM catalogs WHERE id = ?').run(id);
  }

  insertToken(token: TokenRecord): void {
    const { revokedAt, ...body } = token;
    this.db.prepare('INSERT INTO tokens (id, body, revoked_at) VALUES (?, ?, ?)').run(token.id, JSON.stringify(body), revokedAt ?? null);
  }

  listTokens(): TokenRecord[] {
    return this.db
      .prepare<[], { body: string; revoked_at: string | null }>('SELECT body, revoked_at FROM tokens ORDER BY id DESC')
      .all()
      .map((r) => ({ ...(JSON.parse(r.body) as TokenRecord), ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}) }));
  }

  revokeToken(id: string, at: string): boolean {
    this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id);
    return this.db.prepare('SELECT 1 FROM tokens WHERE id = ?').get(id) !== undefined;
  }

  keepCatalogTrees(id: string, trees: CatalogTrees): void {
    this.db.prepare("UPDATE catalogs SET body = json_set(body, '$.trees', json(?)) WHERE id = ?").run(JSON.stringify(trees), id);
  }

  isHealthy(): boolean {
    if (!this.db.open) return false;
    try {
      this.db.prepare('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
