import type { Request } from 'express';
import { RateLimitedError } from '../errors.js';
import type { ScanProgress } from '../scans/events.js';
import type { ProbeResult, ScanStatus } from '../api/model.js';
import type { Principal } from '../auth/principal.js';
import type { ScanService } from '../scans/scan-service.js';

const HEARTBEAT_MS = 15_000;
/** Results read from the store at a time: what a stream may write beyond a full socket buffer. */
const PAGE = 200;
/** What a client refused for too many streams is told to wait, s. */
const STREAMS_RETRY_AFTER_S = 10;

export interface SseLimits {
  /** Streams open at once on this server. */
  streams: number;
  /** Streams open at once per principal. */
  streamsPerPrincipal: number;
  /** Results a stream may fall behind (stored while its socket is full) before it is closed. */
  maxLag: number;
}

/** The open event streams, counted in all and per principal, so that both are bounded. */
export class SseStreams {
  private total = 0;
  private readonly byPrincipal = new Map<string, number>();

  constructor(readonly limits: SseLimits) {}

  /** Takes a stream slot, or throws 429; the returned function gives it back (once). */
  open(principal: string): () => void {
    const mine = this.byPrincipal.get(principal) ?? 0;
    if (mine >= this.limits.streamsPerPrincipal) throw new RateLimitedError(STREAMS_RETRY_AFTER_S, `this principal has ${mine} event streams open, the most allowed (PSCAN_SSE_STREAMS_PER_PRINCIPAL); close one or retry later`);
    if (this.total >= this.limits.streams) throw new RateLimitedError(STREAMS_RETRY_AFTER_S, `${this.total} event streams are open on this server, the most allowed (PSCAN_SSE_STREAMS); retry later`);
    this.total++;
    this.byPrincipal.set(principal, mine + 1);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.total--;
      const left = this.byPrincipal.get(principal)! - 1;
      if (left) this.byPrincipal.set(principal, left);
      else this.byPrincipal.delete(principal);
    };
  }

  count(principal?: string): number {
    return principal === undefined ? this.total : (this.byPrincipal.get(principal) ?? 0);
  }
}

/** Where a stream writes: the HTTP response, or a test's stand-in. `write` returns false when full. */
export interface EventSink {
  write(chunk: string): boolean;
  end(): void;
  /** Drops the connection (and what is still buffered); the client resumes with Last-Event-ID. */
  destroy(): void;
}

/**
 * One scan's events to one client, honouring backpressure: results are read from the store a page
 * at a time and written only while the socket takes them, so a client that does not read costs
 * one socket buffer and a page, not the scan's results. A client that falls more than `maxLag`
 * results behind (stored while its socket stayed full) is dropped; it resumes with Last-Event-ID.
 */
export class EventPump {
  private blocked = false;
  /** Everything stored up to `lastSent` has been written. */
  private caughtUp = false;
  private behind = 0;
  private ended: ScanStatus | undefined;
  private done = false;
  /** The newest counts not written yet: only the latest matters, so a slow client gets one. */
  private progressDue: ScanProgress | undefined;

  constructor(
    private readonly sink: EventSink,
    private readonly read: (afterSeq: number, limit: number) => ProbeResult[],
    private lastSent: number,
    private readonly maxLag: number,
    private readonly onDone: () => void,
  ) {}

  /** Writes what is stored so far, then the counts; `finalStatus` when the scan has already ended. */
  start(progress: ScanProgress, finalStatus?: ScanStatus): void {
    this.ended = finalStatus;
    this.progressDue = progress;
    this.pump();
  }

  progress(p: ScanProgress): void {
    if (this.done) return;
    this.progressDue = p;
    if (this.caughtUp && !this.blocked) this.sendProgress();
  }

  result(r: ProbeResult): void {
    if (this.done || r.seq <= this.lastSent) return;
    if (this.caughtUp && !this.blocked) return this.send(r);
    // Stored, so the pump reads it once the socket drains; no copy is kept meanwhile.
    this.caughtUp = false;
    if (++this.behind > this.maxLag) {
      this.sink.destroy();
      this.finish();
    }
  }

  end(status: ScanStatus): void {
    this.ended = status;
    if (this.caughtUp) this.sendEnd();
  }

  drain(): void {
    this.blocked = false;
    this.behind = 0;
    this.pump();
  }

  heartbeat(): void {
    if (!this.blocked && !this.done) this.write(': keep-alive\n\n');
  }

  /** The client left, or the stream was dropped. */
  finish(): void {
    if (this.done) return;
    this.done = true;
    this.onDone();
  }

  private pump(): void {
    while (!this.blocked && !this.caughtUp && !this.done) {
      const page = this.read(this.lastSent, PAGE);
      page.forEach((r) => this.send(r));
      if (page.length < PAGE) this.caughtUp = true;
    }
    if (this.caughtUp && !this.blocked) this.sendProgress();
    if (this.caughtUp && this.ended) this.sendEnd();
  }

  private sendProgress(): void {
    if (!this.progressDue || this.done) return;
    const p = this.progressDue;
    this.progressDue = undefined;
    this.write(`event: progress\ndata: ${JSON.stringify(p)}\n\n`);
  }

  private send(r: ProbeResult): void {
    this.lastSent = r.seq;
    this.write(`id: ${r.seq}\nevent: result\ndata: ${JSON.stringify(r)}\n\n`);
  }

  private sendEnd(): void {
    if (this.done) return;
    this.sendProgress();
    this.write(`event: end\ndata: ${JSON.stringify({ status: this.ended })}\n\n`);
    this.sink.end();
    this.finish();
  }

  private write(chunk: string): void {
    if (!this.sink.write(chunk)) this.blocked = true;
  }
}

/** Streams a scan's results as Server-Sent Events until the scan ends or the client leaves. */
export function streamScanEvents(scans: ScanService, streams: SseStreams, principal: Principal, id: string, req: Request): Promise<void> {
  const res = req.res!;
  const lastEventId = Number(req.headers['last-event-id']);
  const after = Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : 0;
  // Both throw before any header is written, so the client gets a 429 or 404 problem.
  const release = streams.open(principal.sub);
  let pump: EventPump | undefined;
  let watch: ReturnType<ScanService['watch']>;
  try {
    watch = scans.watch(principal, id, (e) => (e.kind === 'result' ? pump?.result(e.result) : e.kind === 'progress' ? pump?.progress(e.progress) : pump?.end(e.status)));
  } catch (err) {
    release();
    throw err;
  }
  return new Promise((resolve) => {
    let heartbeat: NodeJS.Timeout | undefined;
    pump = new EventPump(
      { write: (chunk) => res.write(chunk), end: () => res.end(), destroy: () => res.destroy() },
      watch.read,
      after,
      streams.limits.maxLag,
      () => {
        clearInterval(heartbeat);
        watch.unsubscribe();
        release();
        if (!res.writableEnded && !res.destroyed) res.end();
        resolve();
      },
    );
    res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.on('drain', () => pump!.drain());
    res.on('close', () => pump!.finish());
    heartbeat = setInterval(() => pump!.heartbeat(), HEARTBEAT_MS);
    pump.start(watch.progress, watch.finalStatus);
  });
}
