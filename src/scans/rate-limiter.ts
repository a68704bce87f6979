import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import type { PaceFn, PacketPacing } from './execute.js';

/**
 * A packet pacer (GCRA without burst): each cap hands out one slot every 1/rate seconds. A packet
 * takes the earliest slot free on every cap that applies to it (global, per target, per scan), so
 * all running scans share the global and per-target caps, and no cap is ever exceeded even when
 * many scans start at once.
 */
export class Pacer {
  private nextFree = 0;
  private readonly intervalMs: number;

  constructor(readonly ratePerSecond: number) {
    this.intervalMs = 1000 / ratePerSecond;
  }

  earliest(now: number): number {
    return Math.max(now, this.nextFree);
  }

  take(at: number): void {
    this.nextFree = at + this.intervalMs;
  }

  idleSince(now: number): boolean {
    return this.nextFree < now;
  }
}

/** The packet caps of one process: every scan it runs shares them. */
export class PacketLimiter implements PacketPacing {
  private readonly global: Pacer;
  private readonly perTarget = new Map<string, Pacer>();
  private readonly fragile = new Map<string, Pacer>();

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
  tryTake(target: string | undefined, scanPacer: Pacer | undefined, fragile = false): number {
    const pacers = this.pacersFor(target, scanPacer, fragile);
    const now = this.now();
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
    for (;;) {
      signal.throwIfAborted();
      const wait = this.tryTake(target, scanPacer, fragile);
      if (wait === 0) return;
      await sleep(Math.max(1, Math.ceil(wait)), undefined, { signal });
    }
  }
}
