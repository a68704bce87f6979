import { chmodSync, closeSync, openSync, statfsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ScanAssets } from '../assets/asset-view.js';
import type { Catalog } from '../probes/classify/catalog.js';
import type { StoredCatalog } from '../catalogs/catalog-store.js';
import type { CatalogTrees } from '../probes/classify/tree.js';
import { addressKey, valueKeyOf } from '../assets/history.js';
import { parseAddress } from '../net/addresses.js';
import type { AssetChange, Observation, ObservationRef, ProbeResult, ResultStatus } from '../api/model.js';
import type { TokenRecord } from '../tokens/tokens.js';
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

interface IntervalRow {
  id: number;
  owner: string;
  ip: string;
  fact: string;
  source: string;
  current: number;
  first_seen: string;
  last_seen: string;
  count: number;
  first_scan_id: string;
  first_seq: number | null;
  last_scan_id: string;
  last_seq: number | null;
  body: string;
}

/** What an interval holds beyond its columns: the value (or port state) and its confidence. */
type IntervalBody = Pick<Observation, 'value' | 'confidence' | 'service'>;

function intervalBody(o: Observation): string {
  const body: IntervalBody = {};
  if (o.value !== undefined) body.value = o.value;
  if (o.confidence !== undefined) body.confidence = o.confidence;
  if (o.service) body.service = o.service;
  return JSON.stringify(body);
}

function refOf(scanId: string, seq: number | null): ObservationRef {
  return seq === null ? { scanId } : { scanId, seq };
}

function intervalFromRow(r: IntervalRow): StoredInterval {
  const body = JSON.parse(r.body) as IntervalBody;
  return {
    id: r.id,
    principal: r.owner,
    ip: r.ip,
    fact: r.fact,
    ...(body.value !== undefined ? { value: body.value } : {}),
    ...(r.source ? { source: r.source } : {}),
    ...(body.confidence !== undefined ? { confidence: body.confidence } : {}),
    ...(body.service ? { service: body.service } : {}),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    count: r.count,
    scans: { first: refOf(r.first_scan_id, r.first_seq), last: refOf(r.last_scan_id, r.last_seq) },
    current: r.current === 1,
  };
}

/** The latest observation of an interval: its value as last seen, by its last scan. */
function latestOf(r: IntervalRow): Observation {
  const body = JSON.parse(r.body) as IntervalBody;
  return { ip: r.ip, fact: r.fact, ...body, ...(r.source ? { source: r.source } : {}), scanId: r.last_scan_id, ...(r.last_seq !== null ? { seq: r.last_seq } : {}), observedAt: r.last_seen };
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
-- The asset history as intervals: one row per value of a fact (per source) or port of an address,
-- from its first observation to its last. An unchanged value extends the current row (one UPDATE);
-- a changed one clears \`current\` and opens the next row, so rows grow with changes, not with scans.
CREATE TABLE IF NOT EXISTS history (
  id INTEGER PRIMARY KEY,
  owner TEXT NOT NULL,
  ip TEXT NOT NULL,
  fact TEXT NOT NULL,
  source TEXT NOT NULL,
  value_key TEXT NOT NULL,
  current INTEGER NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  count INTEGER NOT NULL,
  first_scan_id TEXT NOT NULL,
  first_seq INTEGER,
  last_scan_id TEXT NOT NULL,
  last_seq INTEGER,
  body TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS history_current ON history (owner, ip, fact, source) WHERE current = 1;
CREATE INDEX IF NOT EXISTS history_key ON history (owner, ip, fact, source);
CREATE INDEX IF NOT EXISTS history_ip ON history (ip, id);
CREATE INDEX IF NOT EXISTS history_age ON history (last_seen);
-- A row whose writes failed once readiness asked for one: a store is ready again when it takes a write.
CREATE TABLE IF NOT EXISTS write_check (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at TEXT NOT NULL
);
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

/**
 * A store of a version that kept every observation as a row: each key's observations, in the order
 * they were made, become intervals of unchanged values (the last one current); the old tables go,
 * so this runs once.
 */
function migrateObservations(db: Database.Database): void {
  type OldRow = { id: number; owner: string; ip: string; fact: string; source: string; scan_id: string; observed_at: string; body: string };
  const columns = 'id, owner, ip, fact, source, scan_id, observed_at, body FROM observations';
  const order = 'ORDER BY owner, ip, fact, source, observed_at, id LIMIT 5000';
  const first = db.prepare<[], OldRow>(`SELECT ${columns} ${order}`);
  const after = db.prepare<[string, string, string, string, string, number], OldRow>(`SELECT ${columns} WHERE (owner, ip, fact, source, observed_at, id) > (?, ?, ?, ?, ?, ?) ${order}`);
  // Read a page at a time along the old index (a connection cannot write while it iterates).
  function* oldRows(): Generator<OldRow> {
    for (let page = first.all(); page.length; ) {
      yield* page;
      const l = page.at(-1)!;
      page = after.all(l.owner, l.ip, l.fact, l.source, l.observed_at, l.id);
    }
  }
  const rows = oldRows();
  const insert = db.prepare(
    `INSERT INTO history (owner, ip, fact, source, value_key, current, first_seen, last_seen, count, first_scan_id, first_seq, last_scan_id, last_seq, body)
     VALUES (@owner, @ip, @fact, @source, @valueKey, @current, @firstSeen, @lastSeen, @count, @firstScanId, @firstSeq, @lastScanId, @lastSeq, @body)`,
  );
  type Run = { owner: string; ip: string; fact: string; source: string; valueKey: string; firstSeen: string; lastSeen: string; count: number; firstScanId: string; firstSeq: number | null; lastScanId: string; lastSeq: number | null; body: string };
  let run: Run | undefined;
  const flush = (current: boolean): void => {
    if (run) insert.run({ ...run, current: current ? 1 : 0 });
  };
  for (const r of rows) {
    const o: Observation = { ip: r.ip, fact: r.fact, ...(r.source ? { source: r.source } : {}), scanId: r.scan_id, observedAt: r.observed_at, ...(JSON.parse(r.body) as Partial<Observation>) };
    const valueKey = valueKeyOf(o);
    const sameKey = run !== undefined && run.owner === r.owner && run.ip === r.ip && run.fact === r.fact && run.source === r.source;
    if (run && sameKey && run.valueKey === valueKey) {
      Object.assign(run, { lastSeen: r.observed_at, count: run.count + 1, lastScanId: r.scan_id, lastSeq: o.seq ?? null });
      continue;
    }
    // A new key makes the run before it its key's last (current); a new value of the same key does not.
    flush(!sameKey);
    run = { owner: r.owner, ip: r.ip, fact: r.fact, source: r.source, valueKey, firstSeen: r.observed_at, lastSeen: r.observed_at, count: 1, firstScanId: r.scan_id, firstSeq: o.seq ?? null, lastScanId: r.scan_id, lastSeq: o.seq ?? null, body: intervalBody(o) };
  }
  flush(true);
  db.exec('DROP TABLE IF EXISTS observations_newest; DROP TABLE observations;');
}

/**
 * One bounded step of a trim walk over keys (in index order, at most `maxRows` of them, each with
 * its row count `n`): deletes each key's rows past the limit while the budget lasts. Returns the
 * last key fully trimmed when the walk must go on (budget spent, or more keys may follow), else
 * nothing (the next walk starts over).
 */
function trimWalk<K extends { n: number }, C>(keys: readonly K[], p: HistoryPrune, budget: { left: number }, from: C | undefined, keyOf: (k: K) => C, trim: (k: K, n: number) => number): C | undefined {
  let last = from;
  for (const k of keys) {
    const excess = k.n - p.keepPerAsset;
    if (excess > 0) {
      const deleted = budget.left > 0 ? trim(k, Math.min(excess, budget.left)) : 0;
      budget.left -= deleted;
      if (deleted < excess) return last;
    }
    last = keyOf(k);
  }
  return keys.length === p.maxRows ? last : undefined;
}

/** The free space readiness asks for once a write was refused, beside the check's own write. */
const MIN_FREE_BYTES = 256 * 1024;

/** The embedded store: one SQLite file in WAL mode; every write is a committed transaction. */
export class SqliteScanStore implements ScanStore {
  private readonly db: Database.Database;
  private readonly statements;
  /** UPDATE statements by the set of columns they write; few distinct sets exist. */
  private readonly updates = new Map<string, Database.Statement>();
  /** Built once (better-sqlite3 builds a wrapper per `db.transaction` call); called inside a transaction, it opens a savepoint. */
  private readonly runInTransaction: (fn: () => unknown) => unknown;

  constructor(private readonly file: string) {
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
    this.runInTransaction = this.db.transaction((fn: () => unknown) => fn());
    const hadObservations = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'observations'").get() !== undefined;
    this.db.exec(SCHEMA);
    if (hadObservations) this.db.transaction(() => migrateObservations(this.db))();
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
      // An unchanged value: its current interval grows (a late observation, from a scan that ran
      // longer, widens it without becoming its last).
      extend: this.db.prepare(
        `UPDATE history SET count = count + 1,
           first_scan_id = CASE WHEN @at < first_seen THEN @scanId ELSE first_scan_id END, first_seq = CASE WHEN @at < first_seen THEN @seq ELSE first_seq END,
           last_scan_id = CASE WHEN @at >= last_seen THEN @scanId ELSE last_scan_id END, last_seq = CASE WHEN @at >= last_seen THEN @seq ELSE last_seq END,
           first_seen = min(first_seen, @at), last_seen = max(last_seen, @at)
         WHERE owner = @owner AND ip = @ip AND fact = @fact AND source = @source AND current = 1 AND value_key = @valueKey`,
      ),
      currentOf: this.db.prepare<{ owner: string; ip: string; fact: string; source: string }, { id: number; last_seen: string }>(
        'SELECT id, last_seen FROM history WHERE owner = @owner AND ip = @ip AND fact = @fact AND source = @source AND current = 1',
      ),
      closeInterval: this.db.prepare('UPDATE history SET current = 0 WHERE id = ?'),
      openInterval: this.db.prepare(
        `INSERT INTO history (owner, ip, fact, source, value_key, current, first_seen, last_seen, count, first_scan_id, first_seq, last_scan_id, last_seq, body)
         VALUES (@owner, @ip, @fact, @source, @valueKey, @current, @at, @at, 1, @scanId, @seq, @scanId, @seq, @body)`,
      ),
      latest: this.db.prepare<[string, string], IntervalRow>('SELECT * FROM history WHERE owner = ? AND ip = ? AND current = 1 ORDER BY fact, source'),
      addChange: this.db.prepare('INSERT INTO changes (owner, ip, ip_key, kind, scan_id, recorded_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      expireIntervals: this.db.prepare('DELETE FROM history WHERE id IN (SELECT id FROM history WHERE last_seen < ? ORDER BY last_seen LIMIT ?)'),
      expireChanges: this.db.prepare('DELETE FROM changes WHERE id IN (SELECT id FROM changes WHERE recorded_at < ? ORDER BY recorded_at LIMIT ?)'),
      // The trim walks keys in index order from where the last run stopped, a bounded number per run.
      intervalKeys: this.db.prepare<[number], { owner: string; ip: string; fact: string; source: string; n: number }>(
        'SELECT owner, ip, fact, source, COUNT(*) AS n FROM history GROUP BY owner, ip, fact, source ORDER BY owner, ip, fact, source LIMIT ?',
      ),
      intervalKeysAfter: this.db.prepare<[string, string, string, string, number], { owner: string; ip: string; fact: string; source: string; n: number }>(
        'SELECT owner, ip, fact, source, COUNT(*) AS n FROM history WHERE (owner, ip, fact, source) > (?, ?, ?, ?) GROUP BY owner, ip, fact, source ORDER BY owner, ip, fact, source LIMIT ?',
      ),
      // The oldest opened go first; the current interval never does.
      trimIntervals: this.db.prepare('DELETE FROM history WHERE id IN (SELECT id FROM history WHERE owner = ? AND ip = ? AND fact = ? AND source = ? AND current = 0 ORDER BY id LIMIT ?)'),
      changeKeys: this.db.prepare<[number], { owner: string; ip: string; n: number }>('SELECT owner, ip, COUNT(*) AS n FROM changes GROUP BY owner, ip ORDER BY owner, ip LIMIT ?'),
      changeKeysAfter: this.db.prepare<[string, string, number], { owner: string; ip: string; n: number }>(
        'SELECT owner, ip, COUNT(*) AS n FROM changes WHERE (owner, ip) > (?, ?) GROUP BY owner, ip ORDER BY owner, ip LIMIT ?',
      ),
      trimChanges: this.db.prepare('DELETE FROM changes WHERE id IN (SELECT id FROM changes WHERE owner = ? AND ip = ? ORDER BY id LIMIT ?)'),
      writeCheck: this.db.prepare('INSERT INTO write_check (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at'),
      stranded: this.db.prepare<[], DeliveryRow>(
        "SELECT d.* FROM deliveries d JOIN scans s ON s.id = d.scan_id WHERE d.status = 'scheduled' AND s.status IN ('completed', 'failed', 'cancelled')",
      ),
      due: this.db.prepare<[number, number], DeliveryRow>("SELECT * FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?"),
      dueByReceiver: this.db.prepare<[number, number], DueDelivery>(
        `SELECT id, owner, url, nextAttemptAt FROM (
           SELECT d.id, s.principal AS owner, d.url, d.next_attempt_at AS nextAttemptAt,
                  row_number() OVER (PARTITION BY s.principal, d.url ORDER BY d.next_attempt_at, d.id) AS n
           FROM deliveries d JOIN scans s ON s.id = d.scan_id
           WHERE d.status = 'pending' AND d.next_attempt_at <= ?)
         WHERE n <= ? ORDER BY nextAttemptAt, id`,
      ),
      delivery: this.db.prepare<[string], DeliveryRow>('SELECT * FROM deliveries WHERE id = ?'),
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

  listDueByReceiver(now: number, perUrl: number): DueDelivery[] {
    return this.statements.dueByReceiver.all(now, perUrl);
  }

  getDelivery(id: string): DeliveryRecord | undefined {
    const row = this.statements.delivery.get(id);
    return row && deliveryFromRow(row);
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
    for (const o of h.observations) {
      const key = { owner: h.owner, ip: o.ip, fact: o.fact, source: o.source ?? '' };
      const at = { ...key, at: o.observedAt, scanId: o.scanId, seq: o.seq ?? null, valueKey: valueKeyOf(o) };
      if (st.extend.run(at).changes === 1) continue;
      const open = st.currentOf.get(key);
      // Observed before the current value was last seen (a scan that ran longer): a past interval.
      const current = !open || open.last_seen <= o.observedAt;
      if (open && current) st.closeInterval.run(open.id);
      st.openInterval.run({ ...at, current: current ? 1 : 0, body: intervalBody(o) });
    }
    for (const c of h.changes) {
      const { ip, kind, scanId, ...rest } = c;
      st.addChange.run(h.owner, ip, ipKeyOf(ip), kind, scanId, h.recordedAt, JSON.stringify(rest));
    }
  }

  pruneHistory(p: HistoryPrune): PruneOutcome {
    return this.db.transaction(() => this.prune(p))();
  }

  private prune(p: HistoryPrune): PruneOutcome {
    const st = this.statements;
    const budget = { left: p.maxRows };
    budget.left -= st.expireIntervals.run(p.keepSince, budget.left).changes;
    if (budget.left > 0) budget.left -= st.expireChanges.run(p.keepSince, budget.left).changes;
    const from = p.from?.intervals;
    const intervals = trimWalk(from ? st.intervalKeysAfter.all(...from, p.maxRows) : st.intervalKeys.all(p.maxRows), p, budget, from, (k) => [k.owner, k.ip, k.fact, k.source] as const, (k, n) => st.trimIntervals.run(k.owner, k.ip, k.fact, k.source, n).changes);
    const fromChanges = p.from?.changes;
    const changes = trimWalk(fromChanges ? st.changeKeysAfter.all(...fromChanges, p.maxRows) : st.changeKeys.all(p.maxRows), p, budget, fromChanges, (k) => [k.owner, k.ip] as const, (k, n) => st.trimChanges.run(k.owner, k.ip, n).changes);
    const next: PruneCursor = { ...(intervals ? { intervals } : {}), ...(changes ? { changes } : {}) };
    return { deleted: p.maxRows - budget.left, ...(intervals || changes ? { next } : {}) };
  }

  latestObservations(owner: string, ips: readonly string[]): Map<string, Observation[]> {
    checkOwner(owner);
    const out = new Map<string, Observation[]>();
    for (const ip of new Set(ips)) {
      const rows = this.statements.latest.all(owner, ip);
      if (rows.length) out.set(ip, rows.map(latestOf));
    }
    return out;
  }

  listIntervals(q: IntervalQuery): StoredInterval[] {
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
      .prepare<unknown[], IntervalRow>(`SELECT * FROM history WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`)
      .all(...args, q.limit)
      .map(intervalFromRow);
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

  transaction<T>(fn: () => T): T {
    return this.runInTransaction(fn) as T;
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

  checkWritable(): void {
    // A disk with a few KB left takes this small write and refuses the next scan's results: room
    // for a few banners is asked for as well.
    const fs = statfsSync(path.dirname(this.file));
    if (fs.bavail * fs.bsize < MIN_FREE_BYTES) throw Object.assign(new Error(`less than ${MIN_FREE_BYTES / 1024} KiB free beside the store`), { code: 'ENOSPC' });
    this.statements.writeCheck.run(new Date().toISOString());
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
