import { type InLine, waitInLine } from '../util/wait-in-line.js';

type Waiter = InLine<{ limit: number }>;

interface Target {
  /** The limit each unit in flight took its slot under (as many entries as units in flight). */
  holders: number[];
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
      known = { holders: [], waiting: new Set() };
      this.targets.set(ip, known);
    }
    const target = known;
    if (target.waiting.size === 0 && admits(target, limit)) take(target, limit);
    else await waitInLine(target.waiting, { limit }, signal, () => this.handOver(ip, target));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      target.holders.splice(target.holders.indexOf(limit), 1);
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
    if (target.holders.length === 0 && target.waiting.size === 0) this.targets.delete(ip);
  }

  /** Units in flight at this target now (for tests and metrics). */
  inFlight(ip: string): number {
    return this.targets.get(ip)?.holders.length ?? 0;
  }
}

/** Whether one more unit may join, under its own limit and under every limit of those in flight. */
function admits(target: Target, limit: number): boolean {
  const inUse = target.holders.length;
  return inUse < limit && target.holders.every((held) => inUse < held);
}

function take(target: Target, limit: number): void {
  target.holders.push(limit);
}
