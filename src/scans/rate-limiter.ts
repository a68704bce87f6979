import { performance } from 'node:perf_hooks';
import { type InLine, waitInLine } from '../util/wait-in-line.js';
import type { PaceFn, PacketPacing } from './probe-execution.js';

/** setTimeout's resolution: a waiting packet cannot be woken more precisely than this. */
export const TIMER_TICK_MS = 1;

/**
 * A packet pacer (GCRA): each cap hands out one slot every 1/rate seconds. A packet takes the
 * earliest slot free on every cap that applies to it (global, per target, per scan), so all
 * running scans share the global and per-target caps, and no cap is exceeded even when many scans
 * start at once. Idle time banks nothing, except on a cap faster than the timer tick: there a
 * packet may go up to one tick early, so that waking once a tick still reaches the rate (at
 * 2000 a second, up to three packets leave together; over any second the count is unchanged but
 * for those two).
 */
export class Pacer {
  private nextFree = 0;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;

  constructor(readonly ratePerSecond: number) {
    this.intervalMs = 1000 / ratePerSecond;
    this.toleranceMs = this.intervalMs < TIMER_TICK_MS ? TIMER_TICK_MS : 0;
  }

  earliest(now: number): number {
    return Math.max(now, this.nextFree - this.toleranceMs);
  }

  take(now: number): void {
    this.nextFree = Math.max(now, this.nextFree) + this.intervalMs;
  }

  idleSince(now: number): boolean {
    return this.nextFree < now;
  }
}

type Waiter = InLine<{ target: string | undefined; scanPacer: Pacer | undefined; fragile: boolean }>;

/**
 * The packet caps of one process: every scan it runs shares them. Packets that must wait are
 * queued and released by one timer, at the moment the first of them may go, in arrival order
 * (one held back by its own target's cap does not hold back the others): a thousand waiting
 * probe units cost one wake-up per packet, not one each per tick.
 */
export class PacketLimiter implements PacketPacing {
  private readonly global: Pacer;
  private readonly perTarget = new Map<string, Pacer>();
  private readonly fragile = new Map<string, Pacer>();
  private readonly waiting = new Set<Waiter>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;

  constructor(
    globalRate: number,
    private readonly perTargetRate: number,
    private readonly now: () => number = () => performance.now(),
    private readonly fragileRate = perTargetRate,
  ) {
    this.global = new Pacer(globalRate);
  }

  private pacerOf(map: Map<string, Pacer>, ip: string, rate: number): Pacer {
    let pacer = map.get(ip);
    if (!pacer) {
      if (map.size > 10_000) {
        const now = this.now();
        for (const [k, p] of map) if (p.idleSince(now)) map.delete(k);
      }
      pacer = new Pacer(rate);
      map.set(ip, pacer);
    }
    return pacer;
  }

  private pacersFor(target: string | undefined, scanPacer: Pacer | undefined, fragile: boolean): Pacer[] {
    return [
      this.global,
      ...(target ? [this.pacerOf(this.perTarget, target, this.perTargetRate)] : []),
      ...(target && fragile ? [this.pacerOf(this.fragile, target, this.fragileRate)] : []),
      ...(scanPacer ? [scanPacer] : []),
    ];
  }

  /**
   * Takes a slot on every applicable cap if all are free now (returns 0), else takes nothing and
   * returns how long until they could be. Slots are only ever taken in the present, so a packet
   * waiting on a slow per-target cap never books the global cap ahead of other targets.
   */
  tryTake(target: string | undefined, scanPacer: Pacer | undefined, fragile = false, now = this.now()): number {
    const pacers = this.pacersFor(target, scanPacer, fragile);
    const at = Math.max(...pacers.map((p) => p.earliest(now)));
    if (at > now) return at - now;
    for (const p of pacers) p.take(now);
    return 0;
  }

  forScan(_scanId: string, ratePerSecond: number | undefined): PaceFn {
    const scanPacer = ratePerSecond ? new Pacer(ratePerSecond) : undefined;
    return (target, signal, fragile) => this.acquire(target, scanPacer, signal, fragile);
  }

  /** Waits until a packet may leave under every cap, then counts it against them; throws if aborted. */
  async acquire(target: string | undefined, scanPacer: Pacer | undefined, signal: AbortSignal, fragile = false): Promise<void> {
    signal.throwIfAborted();
    const wait = this.tryTake(target, scanPacer, fragile);
    if (wait === 0) return;
    const waiting = waitInLine(this.waiting, { target, scanPacer, fragile }, signal);
    this.wakeAt(this.now() + wait);
    await waiting;
  }

  private wakeAt(at: number): void {
    if (at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.release(), Math.max(0, at - this.now()));
  }

  /** Lets every waiting packet go that may go now, in order; sleeps until the next one may. */
  private release(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = this.now();
    let next = Infinity;
    for (const waiter of this.waiting) {
      const wait = this.tryTake(waiter.target, waiter.scanPacer, waiter.fragile, now);
      if (wait === 0) {
        this.waiting.delete(waiter);
        waiter.wake();
      } else next = Math.min(next, now + wait);
      const globalFree = this.global.earliest(now);
      if (globalFree > now) {
        next = Math.min(next, globalFree);
        break; // nobody else may go before then
      }
    }
    if (this.waiting.size > 0) this.wakeAt(next);
  }
}
