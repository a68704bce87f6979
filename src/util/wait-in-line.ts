/** An entry in a line of waiters: what its owner needs to know, and how to let it go (or fail it). */
export type InLine<T> = T & { wake(): void; fail(err: unknown): void };

/**
 * Joins `line` (a Set keeps arrival order) and resolves when the line's owner calls the entry's
 * `wake()` (rejects when it calls `fail()`). If `signal` has aborted already, rejects at once
 * without joining; if it aborts while waiting, leaves the line, calls `onLeave` (so the owner can
 * let the ones behind go) and rejects with the abort reason.
 */
export function waitInLine<T extends object>(line: Set<InLine<T>>, fields: T, signal: AbortSignal, onLeave?: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      line.delete(entry);
      onLeave?.();
      reject(signal.reason);
    };
    const entry: InLine<T> = {
      ...fields,
      wake: () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      fail: (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    };
    line.add(entry);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
