/**
 * Group commit: writes queued in one turn of the event loop, whichever scans they come from, are
 * run in one transaction on the next turn (setImmediate), each in a savepoint of its own. A write
 * that throws is rolled back alone and only its caller hears of it; the others commit. Each
 * caller's promise settles after the COMMIT, so a caller that answers once it resolves answers with
 * committed data.
 */
export class WriteBatcher {
  private queued: Array<{ write: () => unknown; resolve: (value: never) => void; reject: (err: unknown) => void }> = [];
  private scheduled = false;

  /** `transaction` runs a function in a transaction, and in a savepoint when called inside one. */
  constructor(private readonly transaction: <T>(fn: () => T) => T) {}

  /** Queues `write` for the next batch; resolves with what it returned once its batch is committed. */
  write<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ write, resolve: resolve as (value: never) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is queued now; called on the next turn, or by hand (shutdown) to drain the queue. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queued;
    this.queued = [];
    if (batch.length === 0) return;
    if (batch.length === 1) {
      // Alone in its batch, a write needs no savepoint: its transaction is its own.
      const [{ write, resolve, reject }] = batch as [(typeof batch)[0]];
      try {
        resolve(this.transaction(write) as never);
      } catch (err) {
        reject(err);
      }
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; err: unknown }> = [];
    try {
      this.transaction(() => {
        for (const { write } of batch) {
          try {
            outcomes.push({ ok: true, value: this.transaction(write) });
          } catch (err) {
            outcomes.push({ ok: false, err });
          }
        }
      });
    } catch (err) {
      // BEGIN or COMMIT failed: nothing of the batch is stored, and every caller is told.
      for (const { reject } of batch) reject(err);
      return;
    }
    batch.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) resolve(outcome.value as never);
      else reject(outcome.err);
    });
  }
}
