/** The most events in any window of `width` (same unit as the times; start inclusive, end exclusive). */
export function maxInWindow(times: readonly number[], width: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= width) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
