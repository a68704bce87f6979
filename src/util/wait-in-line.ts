/** An entry in a line of waiters: what its owner needs to know, and how to let it go. */
export type InLine<T> = T & { wake(): void };

/**
 * Joins `line` (a Set keeps arrival order) and resolves when the line's owner calls the entry's
 * `wake()`. If `signal` aborts first, leaves the line, calls `onLeave` (so the owner can let the
 * ones behind go) and rejects with the abort reason.
 */
export function waitInLine<T extends object>(line: Set<InLine<T>>, fields: T, signal: AbortSignal, onLeave?: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
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
    };
    line.add(entry);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
