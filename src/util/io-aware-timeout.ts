/**
 * A timeout that lets the I/O already due be delivered first. Timers run before the event loop
 * polls, so after a stall (a busy turn, a long GC) a connection that the kernel completed in time
 * would be judged by a timer that expired meanwhile: an open port called silent. The callback runs
 * from `setImmediate`, after that poll; the returned function cancels it at either stage.
 */
export function ioAwareTimeout(ms: number, onTimeout: () => void): () => void {
  let immediate: NodeJS.Immediate | undefined;
  const timer = setTimeout(() => {
    immediate = setImmediate(onTimeout);
  }, ms);
  return () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}
