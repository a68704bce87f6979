interface Waiter {
  limit: number;
  wake: () => void;
}

interface Target {
  inUse: number;
  /** How many units in flight took their slot under each limit. */
  holders: Map<number, number>;
  waiting: Set<Waiter>;
}

/**
 * How many probe units may be in flight at one device, across all running scans. A unit waits
 * for a slot of its target; a fragile target (or a fragile scan's unit) has one slot, so it sees
 * one connection at a time: no unit joins while one that took its slot under a smaller limit is in
 * flight. Waiters are served in arrival order and a freed slot goes straight to the first of them,
 * so a fragile unit is not overtaken for ever by the others.
 */
export class TargetSlots {
  private readonly targets = new Map<string, Target>();

  async acquire(ip: string, limit: number, signal: AbortSignal): Promise<() => void> {
    signal.throwIfAborted();
    let known = this.targets.get(ip);
    if (!known) {
      known = { inUse: 0, holders: new Map(), waiting: new Set() };
      this.targets.set(ip, known);
    }
    const target = known;
    if (target.waiting.size === 0 && admits(target, limit)) take(target, limit);
    else {
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          target.waiting.delete(waiter);
          this.handOver(ip, target);
          reject(signal.reason);
        };
        const waiter: Waiter = {
          limit,
          wake: () => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        target.waiting.add(waiter);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      target.inUse--;
      const n = target.holders.get(limit)! - 1;
      if (n === 0) target.holders.delete(limit);
      else target.holders.set(limit, n);
      this.handOver(ip, target);
    };
  }

  /** Gives free slots to the waiters in order, as far as the first one's limit allows. */
  private handOver(ip: string, target: Target): void {
    for (const waiter of target.waiting) {
      if (!admits(target, waiter.limit)) break;
      target.waiting.delete(waiter);
      take(target, waiter.limit);
      waiter.wake();
    }
    if (target.inUse === 0 && target.waiting.size === 0) this.targets.delete(ip);
  }

  /** Units in flight at this target now (for tests and metrics). */
  inFlight(ip: string): number {
    return this.targets.get(ip)?.inUse ?? 0;
  }
}

function admits(target: Target, limit: number): boolean {
  return target.inUse < limit && target.inUse < Math.min(Infinity, ...target.holders.keys());
}

function take(target: Target, limit: number): void {
  target.inUse++;
  target.holders.set(limit, (target.holders.get(limit) ?? 0) + 1);
}
