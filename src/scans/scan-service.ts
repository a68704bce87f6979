import type { Logger } from 'pino';
import {
  BudgetExceededError,
  IdempotencyMismatchError,
  NotFoundError,
  NothingToScanError,
  ConflictError,
  ForbiddenError,
  OutOfScopeError,
  ScanFinishedError,
  RateLimitedError,
  StorageUnavailableError,
  UnavailableError,
  UnreachableTargetsError,
  ValidationError,
} from '../errors.js';
import type { Metrics } from '../observability/metrics.js';
import { REDACTED } from '../probes/params.js';
import type { Probe } from '../probes/probe.js';
import { ownerOf, type Principal } from '../auth/principal.js';
import { DuplicateIdempotencyKeyError, type ScanRecord, type ScanStore } from '../store/store.js';
import { keyedHashOf } from '../util/canonical-json.js';
import type { WebhookOutbox } from '../webhooks/outbox.js';
import { isValidSecret } from '../webhooks/signer.js';
import { WebhookPolicyError, type WebhookUrlPolicy } from '../webhooks/url-policy.js';
import { newId, SCAN_ID_PATTERN } from '../util/ids.js';
import type { ScanEvent, ScanEvents, ScanProgress } from './events.js';
import { AssetBuilder } from '../assets/asset-builder.js';
import type { SnmpCredential } from '../api/model.js';
import { type Asset, type Delivery, FINAL_STATUSES, type ProbeResult, RESULT_STATUSES, type ResultPage, type ResultStatus, type Scan, type ScanPage, type ScanStats, type ScanStatus } from '../api/model.js';
import { type PlanRequest, validateScanRequest, type ValidatedRequest } from './request.js';
import { planBound } from './planner.js';
import type { RunJob, ScanExecutor, Submitted } from './in-process-runner.js';
import { emptyStats, progressOf, RESPONDED } from './tally.js';
import type { ScanOutcome } from './scan-recorder.js';
import { BUILT_IN, type CatalogLookup } from '../probes/classify/catalog-lookup.js';
import { isLoopbackRange, rangeText } from '../net/addresses.js';
import { isGroupEntry } from './probe-execution.js';
import { countHosts, type Scope, type TargetSpec } from '../net/targets.js';
import { ScanReader, toScan } from './scan-reader.js';

export interface ScanServiceDeps {
  store: ScanStore;
  outbox: WebhookOutbox;
  webhookPolicy: WebhookUrlPolicy;
  /** The server's webhook secret, used when a request gives none. */
  webhookSecret: string | undefined;
  /** PSCAN_WEBHOOK_CHANGES_URL: every scan's `asset.changed` also goes there, signed with the server's secret. */
  changesWebhook?: string | undefined;
  /** Keys the stored hash of an idempotent request's body, which may hold credentials. */
  requestHashKey: string;
  /** The in-process runner, or the queue to the sensors. */
  runner: ScanExecutor;
  events: ScanEvents;
  scope: Scope;
  lookupProbe: (type: string) => Probe<Record<string, unknown>, unknown> | undefined;
  logger: Logger;
  metrics: Metrics;
  /** `maxProbesPerScan` bounds the packets a scan may send (its upper bound); `discoveryPorts` is discovery's TCP tries per host. */
  limits: { maxHostsPerScan: number; maxProbesPerScan: number; syncWaitMs: number; discoveryPorts: number; activeScansPerPrincipal: number };
  catalogs: CatalogLookup & { visibleTo(principal: Principal, id: string): unknown };
  /** Intrusive probes and options: allowed, only with the scans:intrusive scope, or never. */
  intrusive: 'allow' | 'scope' | 'deny';
  /** SNMP credentials a `want` scan tries after the request's own (PSCAN_SNMP_CREDENTIALS). */
  snmpCredentials: readonly SnmpCredential[];
}

export interface CreateOutcome {
  scan: Scan;
  /** False when an Idempotency-Key returned an existing scan. */
  created: boolean;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** When a principal at its active-scan cap may try again: when one of its scans ends, which nobody can tell; a guess. */
const ACTIVE_SCANS_RETRY_AFTER_S = 5;
export const MAX_PAGE = 200;
/** Results per page: the JSON form's default and the most one page may hold. */
export const RESULT_PAGE = { default: 100, max: 1000 } as const;
const SEQ_CURSOR = /^\d{1,15}$/;

/** What a page or export of a scan's results asks for: after `cursor`, `limit` of them, of these statuses (each item may be a comma-separated list). */
export interface ResultQuery {
  cursor?: string;
  limit?: number;
  status?: readonly string[];
}

/** `label=key:value` (repeatable; all must hold) as the store's label filter. */
function parseLabelFilter(labels: readonly string[]): Record<string, string> {
  // No prototype: `label=__proto__:x` filters on a label of that name instead of vanishing.
  const filter: Record<string, string> = Object.create(null) as Record<string, string>;
  labels.forEach((text, i) => {
    const colon = text.indexOf(':');
    const path = labels.length > 1 ? `query:label/${i}` : 'query:label';
    if (colon < 1 || colon > 64) throw new ValidationError([{ path, message: 'must be key:value, e.g. ndrAlertId:A-1234' }]);
    filter[text.slice(0, colon)] = text.slice(colon + 1);
  });
  return filter;
}



/** A request that passed admission: its targets are what scope leaves of them. */
type AdmittedRequest = Omit<ValidatedRequest, 'plan'> & { excluded: Record<string, number>; plan?: PlanRequest };

function jobOf(scanId: string, principal: string, req: AdmittedRequest): RunJob {
  return { scanId, principal, targets: req.targets, probes: req.probes, timing: req.timing, fragile: req.profile === 'fragile', discovery: req.discovery, excluded: req.excluded, ...(req.plan ? { plan: req.plan } : {}) };
}

/**
 * A scan this service handed to the executor and that has not ended: it counts against its
 * principal's active scans, and its idempotency key is taken even while (a sync scan) it is not
 * in the store yet.
 */
interface ActiveScan {
  record: ScanRecord;
  ended: Promise<ScanOutcome>;
}

/** The use cases of scans; controllers call these and nothing below them. */
export class ScanService {
  private readonly reader: ScanReader;
  private readonly active = new Map<string, ActiveScan>();
  /** Active scans per principal, kept with `active` (the cap is checked on every create). */
  private readonly activeCount = new Map<string, number>();
  /** The audit lines: their fields are ids, counts, target texts and probe types, never a secret, so they skip redaction, which costs more than the rest of the line. */
  private readonly audit: Logger;

  constructor(private readonly deps: ScanServiceDeps) {
    this.reader = new ScanReader(deps.store);
    this.audit = deps.logger.child({}, { redact: { paths: [] } });
  }

  /**
   * Checks everything that can refuse a request, in order, before anything is stored or sent.
   * `validated` is the body already validated by the HTTP layer, so it is not validated twice.
   */
  private async admit(principal: Principal, body: unknown, validated: ValidatedRequest | undefined): Promise<AdmittedRequest> {
    const outcome = validated ? { ok: true as const, request: validated } : validateScanRequest(body, this.deps.lookupProbe);
    if (!outcome.ok) throw new ValidationError(outcome.errors);
    const req = outcome.request;
    // Tools are asked of the machines that would probe these targets: this one, or their sites' sensors.
    const needs = req.probes.map((entry) => entry.probe.requires?.(entry.params) ?? []);
    const tools = [...new Set([...needs.flat(), ...(req.plan?.allowIntrusive ? (['nmap'] as const) : [])])];
    const lacking = tools.length ? await this.deps.runner.lacking(tools, req.targets) : [];
    for (const [i, entry] of req.probes.entries()) {
      const missing = needs[i]!.filter((tool) => lacking.includes(tool));
      if (missing.length) throw new UnavailableError(`${missing.join(', ')} is not available where these targets are probed (this server: GET /readyz; with sensors, every sensor of their site: GET /v1/sensors), and this ${entry.probe.type} option needs it; the rest of the service works`);
    }
    if (req.webhook) {
      try {
        this.deps.webhookPolicy.checkUrl(req.webhook.url);
      } catch (err) {
        if (err instanceof WebhookPolicyError) throw new ValidationError([{ path: '/webhook/url', message: err.message }]);
        throw err;
      }
      const secret = req.webhook.secret ?? this.deps.webhookSecret;
      if (!secret) throw new ValidationError([{ path: '/webhook/secret', message: 'is required: this server has no PSCAN_WEBHOOK_SECRET' }]);
      if (!isValidSecret(secret)) throw new ValidationError([{ path: '/webhook/secret', message: 'must be whsec_ followed by 24 to 64 bytes in base64 (Standard Webhooks)' }]);
    }
    const unknownCatalogs = req.probes.flatMap((e, i) => (e.probe.resources?.(e.params) ?? []).filter((r) => r.kind === 'catalog' && !this.deps.catalogs.visibleTo(principal, r.id)).map((r) => `${req.probeSource === '/probe' ? '/probe' : `/probes/${i}`}${r.path}`));
    if (unknownCatalogs.length) {
      throw new ValidationError(unknownCatalogs.map((path) => ({ path, message: 'is not a catalogue of this server (GET /v1/catalogs)' })));
    }
    const intrusive = req.probes.filter((e) => e.probe.category === 'intrusive' || e.probe.params.some((p) => p.category === 'intrusive' && e.params[p.name] === true)).map((e) => e.probe.type);
    if (req.plan?.allowIntrusive) intrusive.push('nmap (want)');
    if (intrusive.length && this.deps.intrusive !== 'allow' && !(this.deps.intrusive === 'scope' && (principal.admin || principal.scopes.includes('scans:intrusive')))) {
      throw new ForbiddenError(this.deps.intrusive === 'deny' ? `intrusive probes (${intrusive.join(', ')}) are forbidden on this server` : 'intrusive probes need the scans:intrusive scope');
    }
    const plan: PlanRequest | undefined = req.plan && {
      ...req.plan,
      credentials: [...req.plan.credentials, ...this.deps.snmpCredentials],
      // nmap only where it is: without it the plan ends with the banners.
      allowIntrusive: req.plan.allowIntrusive && !lacking.includes('nmap'),
      catalog: BUILT_IN.catalog.id,
    };
    // Scope before budgets: the budgets count what is left once exclusions are cut out.
    const kept: TargetSpec[] = [];
    const excluded: Record<string, number> = {};
    for (const [i, spec] of req.targets.entries()) {
      const verdict = this.deps.scope.partition(spec);
      if (verdict.refused) throw new OutOfScopeError(verdict.refused.address, verdict.refused.reason, `/targets/${i}`);
      for (const range of verdict.kept) kept.push(verdict.kept.length === 1 && range === spec.range ? spec : { text: rangeText(range), range });
      for (const [reason, n] of Object.entries(verdict.excluded)) excluded[reason] = (excluded[reason] ?? 0) + Number(n);
    }
    if (kept.length === 0) throw new NothingToScanError(excluded);
    const hosts = countHosts(kept);
    if (hosts > BigInt(this.deps.limits.maxHostsPerScan)) throw new BudgetExceededError('maxHostsPerScan', this.deps.limits.maxHostsPerScan, hosts.toString());
    // The most packets the scan can send: each probe's bound × emissions × tries, and discovery's
    // TCP tries for targets that are not this machine (on a shared link it costs none, but the
    // budget cannot know in advance which targets answer ARP).
    const perEmission = req.probes.reduce((n, e) => n + e.probe.packetBound(e.params, { hosts, catalogs: this.deps.catalogs }), 0n);
    const discovering = req.discovery === 'auto' && (req.plan !== undefined || req.probes.some((e) => !isGroupEntry(e)));
    const discoveryPackets = discovering ? countHosts(kept.filter((t) => !isLoopbackRange(t.range))) * BigInt(this.deps.limits.discoveryPorts) : 0n;
    const planPackets = plan ? planBound(plan, hosts, new Set(BUILT_IN.catalog.devices.flatMap((d) => d.ports)).size, 0n) * BigInt(req.timing.count * (1 + req.timing.retries)) : 0n;
    const packets = perEmission * BigInt(req.timing.count * (1 + req.timing.retries)) + discoveryPackets + planPackets;
    if (packets > BigInt(this.deps.limits.maxProbesPerScan)) throw new BudgetExceededError('maxProbesPerScan', this.deps.limits.maxProbesPerScan, packets.toString());
    const unreachable = await this.deps.runner.unreachable(kept);
    if (unreachable.length) throw new UnreachableTargetsError(unreachable);
    const { plan: _asked, ...admitted } = req;
    return { ...admitted, targets: kept, excluded, ...(plan ? { plan } : {}) };
  }

  async create(principal: Principal, body: unknown, idempotencyKey: string | undefined, validated?: ValidatedRequest): Promise<CreateOutcome> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ValidationError([{ path: 'header:Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const audit = { principal: principal.sub, targets: Array.isArray((body as { targets?: unknown })?.targets) ? (body as { targets: unknown[] }).targets.length : 0 };
    let req: AdmittedRequest;
    try {
      req = await this.admit(principal, body, validated);
    } catch (err) {
      this.audit.info({ audit: { ...audit, decision: 'refused', code: (err as { code?: string }).code } }, 'scan request refused');
      throw err;
    }
    const requestHash = idempotencyKey ? keyedHashOf(this.deps.requestHashKey, body) : undefined;
    if (idempotencyKey) {
      const existing = this.deps.store.findByIdempotencyKey(principal.sub, idempotencyKey) ?? this.findActive((r) => r.principal === principal.sub && r.idempotencyKey === idempotencyKey);
      if (existing) return this.replay(existing, requestHash!);
    }
    // Checked and counted in one turn of the event loop, so concurrent requests cannot both pass.
    const active = this.activeCount.get(principal.sub) ?? 0;
    if (active >= this.deps.limits.activeScansPerPrincipal) {
      this.audit.info({ audit: { ...audit, decision: 'refused', code: 'rate-limited', active } }, 'scan request refused');
      throw new RateLimitedError(ACTIVE_SCANS_RETRY_AFTER_S, `this principal has ${active} scans queued or running, the most allowed (limits.activeScansPerPrincipal); retry when one has ended`);
    }
    const record: ScanRecord = {
      id: newId('scn'),
      principal: principal.sub,
      status: 'queued',
      createdAt: new Date().toISOString(),
      request: req.normalized,
      stats: emptyStats(Number(countHosts(req.targets)), req.excluded),
      assets: [],
      ...(idempotencyKey ? { idempotencyKey, requestHash } : {}),
    };
    // Without a secret of its own, the delivery refers to the server's rather than storing a copy.
    const deliveries = [
      ...(req.webhook ? [this.deps.outbox.newDelivery(record.id, req.webhook.url, req.webhook.secret, req.webhook.events)] : []),
      ...(this.deps.changesWebhook ? [this.deps.outbox.newDelivery(record.id, this.deps.changesWebhook, undefined, ['asset.changed'])] : []),
    ];
    // An async scan is stored now; a sync one goes to the executor as a new scan, to be written
    // with its first batch, or once, whole, at its end.
    if (req.mode === 'async') {
      try {
        this.deps.store.insertScan(record, deliveries);
      } catch (err) {
        if (err instanceof DuplicateIdempotencyKeyError) return this.replay(this.deps.store.findByIdempotencyKey(principal.sub, idempotencyKey!)!, requestHash!);
        throw err;
      }
    }
    const settle = this.track(record);
    this.deps.metrics.scansCreated.inc();
    this.audit.info(
      { audit: { ...audit, decision: 'accepted', scanId: record.id, hosts: record.stats.targets, targetSpecs: req.normalized.targets.slice(0, 8), probes: req.probes.map((p) => p.probe.type), mode: req.mode } },
      'scan accepted',
    );
    const job = jobOf(record.id, principal.sub, req);
    let submitted: Submitted;
    try {
      submitted = await this.deps.runner.submit(req.mode === 'sync' ? { ...job, newScan: { record, deliveries } } : job);
    } catch (err) {
      this.deps.logger.error({ err, scanId: record.id }, 'the scan could not be queued');
      const failed = { status: 'failed', finishedAt: new Date().toISOString(), error: { code: 'queue-unavailable', message: 'the work queue could not take the scan' } } as const;
      if (this.deps.store.getScan(record.id)) this.deps.store.updateScan(record.id, failed);
      else this.deps.store.insertScan({ ...record, ...failed }, deliveries);
      settle(Promise.resolve({ scanId: record.id, status: 'failed' }));
      this.deps.outbox.scanFinished(record.id, 'failed');
      throw new UnavailableError('the work queue (Redis) could not take the scan; it is stored as failed, nothing was sent');
    }
    settle(submitted.ended);
    if (req.mode === 'async') return { scan: this.view(record.id), created: true };
    // A sync scan: run, stored by the executor as it ends, then answered (from what was written,
    // when it was written whole; else from the store, also when the sync wait ran out first).
    const outcome = await this.withinSyncWait(submitted.ended);
    if (outcome?.error?.code === 'storage-unavailable') throw this.unstoredResults(record.id);
    return { scan: outcome?.whole ? toScan(outcome.whole.record, outcome.whole.results) : this.view(record.id), created: true };
  }

  /** A sync scan that ran but whose results the store refused: 503 with what was committed of it, if anything. */
  private unstoredResults(scanId: string): StorageUnavailableError {
    const scan = this.deps.store.getScan(scanId) ? this.view(scanId) : undefined;
    return new StorageUnavailableError(
      scan ? `scan ${scanId} ran (its packets were sent) but the store refused its results; \`scan\` is what was committed of it` : `scan ${scanId} ran (its packets were sent) but the store refused it; nothing of it was kept`,
      30,
      { scanId, ...(scan ? { scan } : {}) },
    );
  }

  /** Counts the scan as active until the promise given to the returned function settles. */
  private track(record: ScanRecord): (ended: Promise<ScanOutcome>) => void {
    let settle!: (ended: Promise<ScanOutcome>) => void;
    const ended = new Promise<ScanOutcome>((resolve, reject) => (settle = (e) => void e.then(resolve, reject)));
    this.active.set(record.id, { record, ended });
    this.activeCount.set(record.principal, (this.activeCount.get(record.principal) ?? 0) + 1);
    const release = (): void => {
      this.active.delete(record.id);
      const n = this.activeCount.get(record.principal)! - 1;
      if (n) this.activeCount.set(record.principal, n);
      else this.activeCount.delete(record.principal);
    };
    ended.then(release, release);
    return settle;
  }

  private findActive(match: (r: ScanRecord) => boolean): ScanRecord | undefined {
    for (const { record } of this.active.values()) if (match(record)) return record;
    return undefined;
  }

  private async replay(existing: ScanRecord, requestHash: string): Promise<CreateOutcome> {
    if (existing.requestHash !== requestHash) throw new IdempotencyMismatchError();
    const active = this.active.get(existing.id);
    if (existing.request.mode === 'sync' && active) await this.withinSyncWait(active.ended);
    return { scan: this.view(existing.id), created: false };
  }

  /** The scan's outcome, or undefined if the sync wait limit passes first. */
  private async withinSyncWait(ended: Promise<ScanOutcome>): Promise<ScanOutcome | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), this.deps.limits.syncWaitMs)));
    try {
      return await Promise.race([ended, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  view(id: string): Scan {
    return this.reader.view(id);
  }

  /** A scan the principal may see; others' scans are as absent as unknown ones. */
  private visible(principal: Principal, id: string): ScanRecord {
    const rec = SCAN_ID_PATTERN.test(id) ? this.deps.store.getScan(id) : undefined;
    if (!rec || (!principal.admin && rec.principal !== principal.sub)) throw new NotFoundError(`no scan ${id.slice(0, 64)}`);
    return rec;
  }

  get(principal: Principal, id: string): Scan {
    const rec = this.visible(principal, id);
    return toScan(rec, this.deps.store.listResults(id));
  }

  list(principal: Principal, query: { status?: ScanStatus; limit?: number; cursor?: string; labels?: readonly string[] }): ScanPage {
    const limit = query.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw new ValidationError([{ path: 'query:limit', message: `must be an integer from 1 to ${MAX_PAGE}` }]);
    if (query.cursor !== undefined && !SCAN_ID_PATTERN.test(query.cursor)) throw new ValidationError([{ path: 'query:cursor', message: 'is not a cursor this service issued' }]);
    const labels = parseLabelFilter(query.labels ?? []);
    const rows = this.deps.store.listScans({
      owner: ownerOf(principal),
      ...(query.status ? { status: query.status } : {}),
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(query.cursor ? { before: query.cursor } : {}),
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map((r) => {
      const { results: _r, assets: _a, ...summary } = toScan(r, []);
      return summary;
    });
    return rows.length > limit ? { items, nextCursor: rows[limit - 1]!.id } : { items };
  }

  /**
   * A page of a scan's results after the `cursor` (the `seq` of the previous page's last result).
   * Without `limit`, `pageSize` is the default. A running scan's last page has a `nextCursor` too:
   * more may come.
   */
  results(principal: Principal, id: string, query: ResultQuery): ResultPage {
    const { after, limit, statuses } = this.resultQuery(query);
    const rec = this.visible(principal, id);
    const size = limit ?? RESULT_PAGE.default;
    const items = this.deps.store.listResults(id, after, size, statuses);
    const last = items.at(-1)?.seq ?? after;
    const more = items.length === size || !FINAL_STATUSES.includes(rec.status);
    return more && last !== undefined ? { items, nextCursor: String(last) } : { items };
  }

  /** Every result after the cursor (or `limit` of them), read from the store a page at a time as the caller iterates. */
  resultStream(principal: Principal, id: string, query: ResultQuery): Iterable<ProbeResult> {
    const { after, limit, statuses } = this.resultQuery(query);
    this.visible(principal, id);
    const store = this.deps.store;
    return (function* () {
      let seq = after;
      let left = limit ?? Number.POSITIVE_INFINITY;
      while (left > 0) {
        const page = store.listResults(id, seq, Math.min(left, RESULT_PAGE.max), statuses);
        yield* page;
        if (page.length < Math.min(left, RESULT_PAGE.max)) return;
        left -= page.length;
        seq = page.at(-1)!.seq;
      }
    })();
  }

  private resultQuery(query: ResultQuery): { after?: number; limit?: number; statuses?: ResultStatus[] } {
    const errors = [];
    const statuses = query.status === undefined ? undefined : [...new Set(query.status.flatMap((s) => s.split(',')))];
    if (statuses?.some((s) => !(RESULT_STATUSES as readonly string[]).includes(s))) errors.push({ path: 'query:status', message: `must be one or more of ${RESULT_STATUSES.join(', ')}, comma-separated or repeated` });
    if (query.limit !== undefined && (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > RESULT_PAGE.max)) errors.push({ path: 'query:limit', message: `must be an integer from 1 to ${RESULT_PAGE.max}` });
    if (query.cursor !== undefined && !SEQ_CURSOR.test(query.cursor)) errors.push({ path: 'query:cursor', message: 'is not a cursor this service issued' });
    if (errors.length) throw new ValidationError(errors);
    return { ...(query.cursor !== undefined ? { after: Number(query.cursor) } : {}), ...(query.limit !== undefined ? { limit: query.limit } : {}), ...(statuses ? { statuses: statuses as ResultStatus[] } : {}) };
  }

  deliveries(principal: Principal, id: string): Delivery[] {
    this.visible(principal, id);
    return this.deps.store.listDeliveries(id).map((d) => {
      const view: Delivery = { id: d.id, url: d.url, status: d.status, attempts: d.attempts, tries: d.tries };
      if (d.event) view.event = d.event;
      if (d.nextAttemptAt !== undefined && d.status === 'pending') view.nextAttemptAt = new Date(d.nextAttemptAt).toISOString();
      if (d.lastError) view.lastError = d.lastError;
      return view;
    });
  }

  /** Sends a finished delivery again, same `webhook-id`; 409 while it is still being tried. */
  redeliver(principal: Principal, id: string, deliveryId: string): Delivery {
    const current = this.deliveries(principal, id).find((d) => d.id === deliveryId);
    if (!current) throw new NotFoundError(`no delivery ${deliveryId.slice(0, 64)} for scan ${id}`);
    if (!this.deps.store.redeliver(deliveryId, Date.now())) throw new ConflictError(`delivery ${deliveryId} is ${current.status}; only a delivered, failed or gone delivery can be sent again`);
    this.deps.outbox.wake();
    return this.deliveries(principal, id).find((d) => d.id === deliveryId)!;
  }

  async cancel(principal: Principal, id: string): Promise<Scan> {
    const rec = this.visible(principal, id);
    // Cancelling a cancelled scan is idempotent; one that completed or failed has nothing to cancel.
    if (rec.status === 'completed' || rec.status === 'failed') throw new ScanFinishedError(id, rec.status);
    if (!FINAL_STATUSES.includes(rec.status)) await this.deps.runner.cancel(id);
    return this.get(principal, id);
  }

  /**
   * Live events of a scan, and `read` for its stored results a page at a time. Subscribes before
   * the caller reads the store so that nothing falls between the two; the caller drops live
   * results it has already read.
   */
  watch(principal: Principal, id: string, listener: (e: ScanEvent) => void): { read: (afterSeq: number, limit: number) => ProbeResult[]; progress: ScanProgress; finalStatus?: ScanStatus; unsubscribe: () => void } {
    this.visible(principal, id);
    const unsubscribe = this.deps.events.subscribe(id, listener);
    const read = (afterSeq: number, limit: number): ProbeResult[] => this.deps.store.listResults(id, afterSeq, limit);
    const rec = this.deps.store.getScan(id)!;
    const progress = progressOf(rec.stats);
    return FINAL_STATUSES.includes(rec.status) ? { read, progress, finalStatus: rec.status, unsubscribe } : { read, progress, unsubscribe };
  }

  /**
   * After a crash or restart: a scan that was running is failed with a reason (what it sent is
   * kept, its counts and assets rebuilt from the stored results; it is not sent again behind the
   * caller's back); a queued one had sent nothing and is resumed, but only if it passes admission
   * again under the configuration in force now (scope, deny list, intrusive policy, budgets,
   * webhook allow-list): otherwise, or if its secrets were redacted away, it fails with the reason.
   */
  async recover(): Promise<{ resumed: number; failed: number }> {
    let resumed = 0;
    let failed = 0;
    for (const rec of this.deps.store.listUnfinished()) {
      const fail = (code: string, message: string, stats?: ScanStats, assets?: Asset[]): void => {
        failed++;
        this.deps.store.updateScan(rec.id, { status: 'failed', finishedAt: new Date().toISOString(), error: { code, message }, ...(stats ? { stats } : {}), ...(assets ? { assets } : {}) });
      };
      if (rec.status === 'running') {
        const { stats, assets } = rebuildFromResults(rec.stats, this.deps.store.listResults(rec.id));
        fail('interrupted', 'the service stopped while this scan was running; results received before that are kept', stats, assets);
        continue;
      }
      if (JSON.stringify(rec.request).includes(REDACTED)) {
        fail('interrupted', 'the service restarted before this scan started, and its credentials are not kept on disk; submit it again');
        continue;
      }
      // The webhook's delivery row was stored with the scan; only its address is checked again.
      const { webhook, ...request } = rec.request;
      let admitted: AdmittedRequest;
      try {
        // The token's scopes are not kept: a recovered scan has those of a plain scans:write caller.
        admitted = await this.admit({ sub: rec.principal, scopes: ['scans:write'], admin: false }, request, undefined);
        if (webhook) this.deps.webhookPolicy.checkUrl(webhook.url);
      } catch (err) {
        this.deps.logger.warn({ scanId: rec.id, code: (err as { code?: string }).code }, 'a queued scan no longer passes admission');
        fail('not-admitted', `the service restarted before this scan started, and under its current configuration the scan is refused: ${(err as Error).message}`);
        continue;
      }
      const settle = this.track(rec);
      try {
        settle((await this.deps.runner.submit(jobOf(rec.id, rec.principal, admitted))).ended);
        resumed++;
      } catch (err) {
        settle(Promise.resolve({ scanId: rec.id, status: 'failed' }));
        this.deps.logger.error({ err, scanId: rec.id }, 'a queued scan could not be resumed');
        fail('queue-unavailable', 'the service restarted before this scan started, and it could not be queued again (no live sensor, or Redis unreachable); submit it again');
      }
    }
    if (resumed || failed) this.deps.logger.info({ resumed, failed }, 'recovered unfinished scans');
    return { resumed, failed };
  }
}

/** A crashed scan's counts and assets as its stored results give them (packets as last stored). */
function rebuildFromResults(stored: ScanStats, results: readonly ProbeResult[]): { stats: ScanStats; assets: Asset[] } {
  const stats: ScanStats = { ...stored, results: results.length, responses: results.filter((r) => RESPONDED.has(r.status)).length, byProbe: {} };
  const assets = new AssetBuilder();
  for (const r of results) {
    const counters = (stats.byProbe[r.probe] ??= { packetsSent: stored.byProbe[r.probe]?.packetsSent ?? 0, results: {} });
    counters.results[r.status] = (counters.results[r.status] ?? 0) + 1;
    assets.add(r);
  }
  for (const [probe, counters] of Object.entries(stored.byProbe)) stats.byProbe[probe] ??= { ...counters, results: {} };
  return { stats, assets: assets.assets() };
}
