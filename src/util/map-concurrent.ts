/**
 * Calls `fn` on the items of `source` with at most `limit` calls in flight, and yields their
 * results as they settle (fastest first). Items are taken from `source` only while the consumer
 * keeps pulling, so a slow consumer holds back the source: memory stays at `limit` items however
 * long the source is. A call that rejects ends the iteration with its error; the calls still in
 * flight are left to settle.
 *
 * Each call reports its own settling to a queue: waiting with `Promise.race` over the calls in
 * flight would attach a reaction to every one of them at every turn, `limit` allocations per item
 * (a /16 swept 512 at a time allocated ~100 KB per address that way).
 */
export async function* mapConcurrent<T, R>(source: Iterator<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const settled: R[] = [];
  let inFlight = 0;
  let failure: { err: unknown } | undefined;
  let wake: (() => void) | undefined;
  const launch = (): void => {
    while (inFlight + settled.length < limit) {
      const next = source.next();
      if (next.done) return;
      inFlight++;
      void fn(next.value).then(
        (result) => {
          inFlight--;
          settled.push(result);
          wake?.();
          wake = undefined;
        },
        (err: unknown) => {
          inFlight--;
          failure ??= { err };
          wake?.();
          wake = undefined;
        },
      );
    }
  };
  launch();
  while (inFlight > 0 || settled.length > 0) {
    if (settled.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure.err;
    const result = settled.shift()!;
    launch();
    yield result;
  }
}
