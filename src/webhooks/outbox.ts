import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { Scan, ScanStatus, WebhookEvent } from '../api/model.js';
import type { DeliverySend } from '../store/store.js';
import type { DeliveryRecord, ScanStore } from '../store/store.js';
import { newId } from '../util/ids.js';
import { signedHeaders } from './signer.js';
import { TrySlots } from './try-slots.js';
import { hostOf, type WebhookUrlPolicy } from './url-policy.js';

export interface OutboxSettings {
  /** Deadline of one try, from connecting to the answer's last byte, ms. */
  timeoutMs: number;
  /** First retry delay; it doubles per try (with ±20 % jitter) up to an hour. */
  retryBaseMs: number;
  /** How long after activation retries go on, ms (at least 24 h by default). */
  retryForMs: number;
}

export interface TryOutcome {
  statusCode?: number;
  error?: string;
  retryAfterMs?: number;
}

const MAX_DELAY_MS = 60 * 60 * 1000;
/**
 * Tries in flight at once: for everyone, and at most half of them for one principal and a quarter
 * for one receiver, so that slow receivers never hold every slot.
 */
const SLOTS = { total: 8, perOwner: 4, perReceiver: 2 } as const;

/** Which receiver a URL names, for its share of the slots: every spelling of one host is one receiver. */
function receiverOf(text: string): string {
  const url = new URL(text);
  return `${url.protocol}//${hostOf(url) ?? url.hostname}:${url.port}`;
}

/** What the outbox needs of the scans: a finished one as the API shows it, for its payload. */
export interface FinishedScans {
  view(scanId: string): Scan;
}

/** What a scan's webhook is sent for when its request names no events. */
export const SCAN_EVENTS: readonly WebhookEvent[] = ['scan.completed', 'scan.failed', 'scan.cancelled'];

export function eventFor(status: ScanStatus): WebhookEvent {
  return status === 'completed' ? 'scan.completed' : status === 'failed' ? 'scan.failed' : 'scan.cancelled';
}

/** Delay before try n+1 after n failed tries: exponential with jitter, capped. */
export function backoffMs(failedTries: number, baseMs: number, random = Math.random): number {
  const exp = Math.min(baseMs * 2 ** Math.max(0, failedTries - 1), MAX_DELAY_MS);
  return Math.round(exp * (0.8 + 0.4 * random()));
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** What a try's outcome means for the delivery. */
export function nextState(d: DeliveryRecord, outcome: TryOutcome, settings: OutboxSettings, now: number): Pick<DeliveryRecord, 'status' | 'nextAttemptAt' | 'lastError'> {
  const code = outcome.statusCode;
  if (code !== undefined && code >= 200 && code < 300) return { status: 'delivered' };
  if (code === 410) return { status: 'gone', lastError: 'the receiver answered 410 Gone: no more tries' };
  const lastError = outcome.error ?? (code !== undefined && code >= 300 && code < 400 ? `HTTP ${code}: redirects are not followed` : `HTTP ${code}`);
  const tries = d.attempts + 1;
  const windowLeft = (d.activatedAt ?? now) + settings.retryForMs - now;
  // A Retry-After past the retry window asks for a try we would never make: the last try is at its end instead.
  const retryAfter = Math.min(outcome.retryAfterMs ?? 0, Math.max(0, windowLeft));
  const wait = Math.max(backoffMs(tries, settings.retryBaseMs), retryAfter);
  if (wait > windowLeft) return { status: 'failed', lastError: `${lastError}; gave up after ${tries} tries` };
  return { status: 'pending', nextAttemptAt: now + wait, lastError };
}

/**
 * The webhook outbox: deliveries are persisted with their scan, activated with a frozen payload
 * when it ends, and tried until the receiver takes them (2xx), says 410, or the retry horizon
 * passes. Same `webhook-id` on every try, a fresh timestamp and signature each time; redirects are
 * never followed; every resolved address is checked against the policy when connecting.
 */
export class WebhookOutbox {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly slots = new TrySlots(SLOTS);
  private running = false;

  constructor(
    private readonly deps: {
      store: ScanStore;
      policy: WebhookUrlPolicy;
      settings: OutboxSettings;
      logger: Logger;
      /** Where a finished scan's payload is read. */
      scans: FinishedScans;
      /** PSCAN_WEBHOOK_SECRET, for deliveries whose request gave no secret. */
      serverSecret: string | undefined;
      onTry: (deliveryId: string, state: DeliveryRecord['status']) => void;
      /** Name resolution (dns.lookup's contract); tests inject one to play DNS rebinding. */
      lookup?: typeof dns.lookup;
    },
  ) {}

  /** `secret` absent: the delivery is signed with the server's secret at each try. `events` absent: the `scan.*` events. */
  newDelivery(scanId: string, url: string, secret: string | undefined, events?: readonly WebhookEvent[]): DeliveryRecord {
    return { id: newId('msg'), scanId, url, ...(secret ? { secret } : {}), ...(events ? { events: [...events] } : {}), status: 'scheduled', attempts: 0, createdAt: new Date().toISOString() };
  }

  /**
   * Each scheduled delivery of the scan sends what it asked for: the scan's end event, and
   * `asset.changed` (with every change the scan found) if it found any; one asking for neither goes.
   */
  scanFinished(scanId: string, status: ScanStatus): void {
    // Most scans have no webhook: the payload (the whole scan view) is built only for those that do.
    if (!this.deps.store.hasScheduledDelivery(scanId)) return;
    const scheduled = this.deps.store.listDeliveries(scanId).filter((d) => d.status === 'scheduled');
    const event = eventFor(status);
    const scan = this.deps.scans.view(scanId);
    const timestamp = new Date().toISOString();
    const changes = scan.assets.flatMap((a) => a.changes ?? []);
    let ended: string | undefined;
    let changed: string | undefined;
    const sends: DeliverySend[] = [];
    for (const d of scheduled) {
      const wants = d.events ?? SCAN_EVENTS;
      const own = (): string => (sends.some((x) => x.from === d.id) ? newId('msg') : d.id);
      if (wants.includes(event)) sends.push({ from: d.id, id: own(), event, payload: (ended ??= JSON.stringify({ type: event, timestamp, data: scan })) });
      if (wants.includes('asset.changed') && changes.length) {
        changed ??= JSON.stringify({ type: 'asset.changed', timestamp, data: { scanId, principal: scan.principal, labels: scan.labels, changes } });
        sends.push({ from: d.id, id: own(), event: 'asset.changed', payload: changed });
      }
    }
    this.deps.store.activateDeliveries(scanId, sends, Date.now());
    this.wake();
  }

  /** After a restart: activate deliveries whose scan ended just before the crash, then run. */
  start(): void {
    if (this.deps.serverSecret) this.deps.store.forgetServerSecret(this.deps.serverSecret);
    for (const d of this.deps.store.listStrandedDeliveries()) {
      const scan = this.deps.store.getScan(d.scanId);
      if (scan) this.scanFinished(d.scanId, scan.status);
    }
    this.running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await Promise.all(this.inFlight.values());
  }

  wake(delayMs = 0): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): void {
    const now = Date.now();
    // Tries in flight are still due: each (principal, URL) may show its running ones and as many more.
    const due = this.deps.store.listDueByReceiver(now, 2 * SLOTS.perReceiver).map((d) => ({ id: d.id, owner: d.owner, receiver: receiverOf(d.url) }));
    for (const { id } of this.slots.take(due)) {
      const d = this.deps.store.getDelivery(id);
      const p = (d ? this.deliver(d) : Promise.resolve())
        .catch((err: unknown) => this.deps.logger.error({ err, deliveryId: id }, 'webhook delivery crashed'))
        .finally(() => {
          this.slots.end(id);
          this.inFlight.delete(id);
          this.wake();
        });
      this.inFlight.set(id, p);
    }
    // With tries in flight, each one's end wakes the loop; otherwise sleep until the next is due.
    if (this.inFlight.size === 0) {
      const next = this.deps.store.listDueDeliveries(Number.MAX_SAFE_INTEGER, 1)[0]?.nextAttemptAt;
      if (next !== undefined) this.wake(Math.max(0, next - now));
    }
  }

  private async deliver(d: DeliveryRecord): Promise<void> {
    const started = performance.now();
    const outcome = await this.post(d);
    const now = Date.now();
    const next = nextState(d, outcome, this.deps.settings, now);
    this.deps.store.recordAttempt(
      d.id,
      {
        n: d.attempts + 1,
        at: new Date(now).toISOString(),
        latencyMs: Math.round(performance.now() - started),
        ...(outcome.statusCode !== undefined ? { statusCode: outcome.statusCode } : {}),
        ...(outcome.error ? { error: outcome.error } : {}),
      },
      next,
    );
    this.deps.onTry(d.id, next.status);
    this.deps.logger.info({ deliveryId: d.id, scanId: d.scanId, to: new URL(d.url).origin, try: d.attempts + 1, statusCode: outcome.statusCode, error: outcome.error, state: next.status }, 'webhook try');
  }

  private checkedLookup(host: string): LookupFunction {
    const policy = this.deps.policy;
    return ((hostname: string, options: dns.LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void) => {
      (this.deps.lookup ?? dns.lookup)(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '');
        const refused = addresses.find((a) => !policy.connectAllowed(host, a.address));
        if (refused) return callback(Object.assign(new Error(`${hostname} resolves to ${refused.address}, which webhooks may not reach`), { code: 'EWEBHOOKADDR' }), '');
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    }) as LookupFunction;
  }

  /** One signed POST. Resolves with what happened; never throws. */
  private post(d: DeliveryRecord): Promise<TryOutcome> {
    const url = new URL(d.url);
    const host = hostOf(url);
    if (host === undefined) return Promise.resolve({ error: `${url.hostname} is not a valid host name` });
    if (isIP(host) && !this.deps.policy.addressAllowed(host)) return Promise.resolve({ error: `${host} may not be reached by webhooks` });
    const secret = d.secret ?? this.deps.serverSecret;
    if (!secret) return Promise.resolve({ error: 'no secret to sign with: the request gave none and PSCAN_WEBHOOK_SECRET is no longer set' });
    const body = d.payload ?? '';
    const headers = { 'Content-Type': 'application/json', 'User-Agent': 'pscan-webhooks/0.1', 'Content-Length': String(Buffer.byteLength(body)), ...signedHeaders(secret, d.id, body) };
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      let settled = false;
      const done = (o: TryOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        req.destroy();
        resolve(o);
      };
      const req = client.request(url, { method: 'POST', headers, agent: false, lookup: this.checkedLookup(host) });
      // One deadline for the whole try, not an idle timeout: a receiver trickling its answer would
      // otherwise hold a delivery slot for as long as it likes.
      const deadline = setTimeout(() => done({ error: `no complete answer within ${this.deps.settings.timeoutMs} ms` }), this.deps.settings.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => done({ error: err.code === 'EWEBHOOKADDR' ? err.message : `${err.code ?? 'error'}: ${err.message}`.slice(0, 300) }));
      req.on('response', (res) => {
        // The receiver's body is read and dropped: never stored, never echoed.
        res.resume();
        const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
        res.on('end', () => done({ statusCode: res.statusCode ?? 0, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) }));
        res.on('error', () => done({ statusCode: res.statusCode ?? 0 }));
      });
      req.end(body);
    });
  }
}
