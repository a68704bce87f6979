/**
 * Calls `fn` on the items of `source` with at most `limit` calls in flight, and yields their
 * results as they settle (fastest first). Items are taken from `source` only while the consumer
 * keeps pulling, so a slow consumer holds back the source: memory stays at `limit` items however
 * long the source is. `fn` must not reject.
 */
export async function* mapConcurrent<T, R>(source: Iterator<T>, limit: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  type Settled = { promise: Promise<Settled>; result: R };
  const running = new Set<Promise<Settled>>();
  const launch = (): void => {
    while (running.size < limit) {
      const next = source.next();
      if (next.done) return;
      const promise: Promise<Settled> = fn(next.value).then((result) => ({ promise, result }));
      running.add(promise);
    }
  };
  launch();
  while (running.size > 0) {
    const settled = await Promise.race(running);
    running.delete(settled.promise);
    launch();
    yield settled.result;
  }
}
