/**
 * How many probe units may be in flight at one device, across all running scans. A unit waits
 * for a slot of its target; a fragile target has one slot, so it sees one connection at a time.
 */
export class TargetSlots {
  private readonly inUse = new Map<string, number>();
  private readonly waiting = new Map<string, Set<() => void>>();

  async acquire(ip: string, limit: number, signal: AbortSignal): Promise<() => void> {
    while ((this.inUse.get(ip) ?? 0) >= limit) {
      signal.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        const set = this.waiting.get(ip) ?? new Set();
        this.waiting.set(ip, set);
        const wake = (): void => {
          set.delete(wake);
          signal.removeEventListener('abort', onAbort);
          resolve();
        };
        const onAbort = (): void => {
          set.delete(wake);
          reject(signal.reason);
        };
        set.add(wake);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    }
    this.inUse.set(ip, (this.inUse.get(ip) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.inUse.get(ip) ?? 1) - 1;
      if (n === 0) this.inUse.delete(ip);
      else this.inUse.set(ip, n);
      const set = this.waiting.get(ip);
      if (set?.size) [...set][0]!();
      else this.waiting.delete(ip);
    };
  }

  /** Units in flight at this target now (for tests and metrics). */
  inFlight(ip: string): number {
    return this.inUse.get(ip) ?? 0;
  }
}
