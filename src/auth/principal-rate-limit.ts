import { RateLimitedError } from '../errors.js';

/** A token bucket per principal: `perMinute` requests a minute, in bursts of at most `perMinute`. */
export class PrincipalRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request's token, or throws RateLimitedError saying when one will be there. */
  take(principal: string): void {
    const now = this.now();
    const refillPerMs = this.perMinute / 60000;
    if (this.buckets.size > 10_000) for (const [k, v] of this.buckets) if (now - v.at > 60000) this.buckets.delete(k);
    const b = this.buckets.get(principal) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * refillPerMs);
    b.at = now;
    this.buckets.set(principal, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / refillPerMs / 1000));
    throw new RateLimitedError(retryAfter, `more than ${this.perMinute} requests per minute from this principal; retry after ${retryAfter} s`);
  }
}
