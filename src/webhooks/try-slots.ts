/** A due delivery as the slots see it: whose it is and which receiver it goes to. */
export interface Candidate {
  id: string;
  owner: string;
  receiver: string;
}

export interface SlotLimits {
  /** Tries in flight at once, for everyone. */
  total: number;
  /** Tries in flight at once per principal. */
  perOwner: number;
  /** Tries in flight at once per receiver (scheme, host and port). */
  perReceiver: number;
}

/**
 * The outbox's try slots, handed out fairly. No principal and no receiver holds more than its cap,
 * so one principal's trickling or silent receivers leave slots free for the others; when every
 * slot is taken, the next free one goes to the principal with the fewest tries in flight (then the
 * one served longest ago), and within it to the receiver with the fewest. A try never outlasts the
 * delivery deadline, so a delivery due now starts within one deadline whatever others have queued.
 */
export class TrySlots {
  private readonly running = new Map<string, { owner: string; receiver: string }>();
  /** Tries in flight and the turn last served, per principal and per receiver; forgotten once idle. */
  private readonly owners = new Map<string, { running: number; servedAt: number }>();
  private readonly receivers = new Map<string, { running: number; servedAt: number }>();
  private turn = 0;

  constructor(private readonly limits: SlotLimits) {}

  get size(): number {
    return this.running.size;
  }

  has(id: string): boolean {
    return this.running.has(id);
  }

  /**
   * Takes slots for the candidates to start now, in the order they should start: `due` is in due
   * order, which breaks the last ties.
   */
  take(due: readonly Candidate[]): Candidate[] {
    const started: Candidate[] = [];
    const waiting = due.filter((c) => !this.running.has(c.id));
    while (this.running.size < this.limits.total) {
      let best: { i: number; key: number[] } | undefined;
      for (const [i, c] of waiting.entries()) {
        const owner = this.owners.get(c.owner) ?? { running: 0, servedAt: 0 };
        const receiver = this.receivers.get(c.receiver) ?? { running: 0, servedAt: 0 };
        if (owner.running >= this.limits.perOwner || receiver.running >= this.limits.perReceiver) continue;
        const key = [owner.running, owner.servedAt, receiver.running, receiver.servedAt];
        if (!best || less(key, best.key)) best = { i, key };
      }
      if (!best) break;
      const [c] = waiting.splice(best.i, 1) as [Candidate];
      this.start(c);
      started.push(c);
    }
    return started;
  }

  /** A try has ended: its slot is free. */
  end(id: string): void {
    const r = this.running.get(id);
    if (!r) return;
    this.running.delete(id);
    release(this.owners, r.owner);
    release(this.receivers, r.receiver);
  }

  private start(c: Candidate): void {
    this.running.set(c.id, { owner: c.owner, receiver: c.receiver });
    const turn = ++this.turn;
    for (const [map, key] of [[this.owners, c.owner], [this.receivers, c.receiver]] as const) {
      const state = map.get(key) ?? { running: 0, servedAt: 0 };
      map.set(key, { running: state.running + 1, servedAt: turn });
    }
  }
}

function less(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

function release(map: Map<string, { running: number; servedAt: number }>, key: string): void {
  const state = map.get(key);
  if (!state) return;
  if (state.running <= 1) map.delete(key);
  else state.running--;
}
