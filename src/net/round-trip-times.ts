/**
 * Measured round trips per address, so a connection attempt to a host that answers in a
 * millisecond does not wait the scan's whole timeout for a SYN the host drops. The estimate is
 * TCP's own (RFC 6298: smoothed RTT and its variation), the wait `srtt + 4·rttvar` between a floor
 * and the scan's timeout, as nmap times its probes (whose floor, --min-rtt-timeout, is 100 ms too).
 *
 * Kept per process rather than per scan, like the kernel's TCP metrics cache: a `want` scan runs
 * several steps, and host discovery's answer should time the probes of every step after it. Bounded
 * in entries, and a measure older than `maxAgeMs` no longer counts (a device may have moved).
 */
export class RoundTripTimes {
  private readonly estimates = new Map<string, { srttMs: number; rttvarMs: number; at: number }>();

  constructor(
    private readonly floorMs: number,
    private readonly maxEntries = 65536,
    private readonly maxAgeMs = 10 * 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** One measured round trip to `ip` (a handshake answered with SYN-ACK or RST, an ARP answer). */
  observe(ip: string, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const previous = this.fresh(ip);
    this.estimates.delete(ip);
    const next = previous
      ? { rttvarMs: 0.75 * previous.rttvarMs + 0.25 * Math.abs(previous.srttMs - ms), srttMs: 0.875 * previous.srttMs + 0.125 * ms }
      : { srttMs: ms, rttvarMs: ms / 2 };
    this.estimates.set(ip, { ...next, at: this.now() });
    if (this.estimates.size > this.maxEntries) this.estimates.delete(this.estimates.keys().next().value!);
  }

  /** How long a connection attempt to `ip` waits: `ceilingMs` until the host has been measured. */
  timeoutMs(ip: string, ceilingMs: number): number {
    const e = this.fresh(ip);
    if (!e) return ceilingMs;
    return Math.min(ceilingMs, Math.max(this.floorMs, Math.ceil(e.srttMs + 4 * e.rttvarMs)));
  }

  private fresh(ip: string) {
    const e = this.estimates.get(ip);
    if (e && this.now() - e.at > this.maxAgeMs) {
      this.estimates.delete(ip);
      return undefined;
    }
    return e;
  }
}
