import { setTimeout as sleep } from 'node:timers/promises';
import { type PortState, portState } from '../probes/port-state.js';
import type { ProbeContext } from '../probes/probe.js';
import { isLoopback } from '../net/addresses.js';
import type { Target } from '../net/targets.js';
import { type Link, linkOf } from '../net/links.js';
import { type NeighbourEntry, neighbourAnswered, type NeighbourSource } from '../net/neighbours.js';

/** What host discovery concluded about one address. */
export interface HostVerdict {
  ip: string;
  alive: boolean;
  /** `neighbour`: ARP/NDP on a shared link; `tcp`: a connect to the discovery ports; `loopback`: this machine. */
  method: 'neighbour' | 'tcp' | 'loopback';
  /** The link-layer address the neighbour table holds for it (on-link only). */
  mac?: string;
  /** For a dead host: what was tried, in words. */
  reason?: string;
}

/** What a check may use: the scan's packet gate (caps, counting), sockets, its signal and timeout. */
export type CheckContext = Pick<ProbeContext, 'gate' | 'net' | 'signal' | 'timeoutMs' | 'connect'>;

export interface DiscoverySettings {
  /** Ports an off-link host is tried on; any answer, RST included, means alive. */
  tcpPorts: readonly number[];
  /** How often the neighbour table is read while addresses wait for resolution, ms. */
  pollMs: number;
}


type Resolution = NeighbourEntry | undefined | 'unsolicited';

/** An address waiting for the kernel's resolution; several scans may wait on the same one. */
interface Waiter {
  ip: string;
  dev: string;
  deadline: number;
  solicited: boolean;
  /** When the kernel was asked to resolve it. */
  askedAt?: number;
  listeners: Array<(r: Resolved) => void>;
}

/**
 * `rttMs`: from asking the kernel to the end of the table read that showed the answer, an upper
 * bound on the host's round trip (the table is read every pollMs), which times the probes after.
 */
interface Resolved {
  entry: Resolution;
  rttMs?: number;
}

/**
 * Finds out whether a target is there before any probe is spent on it, as nmap's host discovery
 * does. On a link this machine shares, the kernel is asked to resolve the address (ARP/NDP) and
 * the neighbour table read: an address nobody answers for costs no IP packet at all, and a live
 * one gives its MAC. Requests of the same moment go to the kernel in one batch and one poller reads
 * the table for all of them, so a /24 resolves in parallel, in about one resolution timeout.
 * Off-link, a TCP connect to a few ports: SYN-ACK or RST means alive, ICMP unreachable or
 * silence on all of them means down. Loopback is this machine, alive without a packet.
 */
export class HostDiscovery {
  private readonly waiting = new Map<string, Waiter>();
  private toSolicit: Waiter[] = [];
  private flushing = false;
  private polling = false;
  /**
   * The removal of dead addresses' entries under way. Requests wait for it: an address another scan
   * asks for again meanwhile would have its new entry, and the answer to it, removed.
   */
  private forgetting: Promise<void> = Promise.resolve();

  constructor(
    private readonly neighbours: NeighbourSource,
    private readonly links: () => readonly Link[],
    private readonly settings: DiscoverySettings,
  ) {}

  async check(target: Target, ctx: CheckContext): Promise<HostVerdict> {
    if (isLoopback(target.ip)) return { ip: target.ip, alive: true, method: 'loopback' };
    const link = linkOf(this.links(), target.ip);
    if (!link) return this.tcpCheck(target, ctx);
    const { entry, rttMs } = await this.resolve(target.ip, link.dev, ctx);
    if (entry === 'unsolicited') return this.tcpCheckOnLink(target, ctx);
    if (entry && neighbourAnswered(entry)) {
      if (rttMs !== undefined) ctx.connect.answered(rttMs);
      return { ip: target.ip, alive: true, method: 'neighbour', mac: entry.mac! };
    }
    return { ip: target.ip, alive: false, method: 'neighbour', reason: `no ${target.family === 4 ? 'ARP' : 'NDP'} answer on ${link.dev} within ${ctx.timeoutMs} ms` };
  }

  /** Where the kernel may not be asked directly: a connect makes it resolve, then the table tells. */
  private async tcpCheckOnLink(target: Target, ctx: CheckContext): Promise<HostVerdict> {
    const verdict = await this.tcpCheck(target, ctx, this.settings.tcpPorts.slice(0, 1));
    const entry = (await this.neighbours.read()).find((e) => e.ip === target.ip);
    if (entry && neighbourAnswered(entry)) return { ip: target.ip, alive: true, method: 'neighbour', mac: entry.mac! };
    return verdict;
  }

  private async tcpCheck(target: Target, ctx: CheckContext, ports = this.settings.tcpPorts): Promise<HostVerdict> {
    // Calling a host down ends it for the whole scan: that takes the whole timeout, never a wait
    // shortened by an earlier measure of the host (it may answer slower now).
    const patient: CheckContext = { ...ctx, connect: { timeoutMs: () => ctx.timeoutMs, answered: ctx.connect.answered } };
    const states = await Promise.all(ports.map((port) => portState(target, port, patient).catch((err: NodeJS.ErrnoException): PortState | 'unreachable' => {
      if (ctx.signal.aborted) throw err;
      return err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH' ? 'unreachable' : 'filtered';
    })));
    const answered = ports.find((_, i) => states[i] === 'open' || states[i] === 'closed');
    if (answered !== undefined) return { ip: target.ip, alive: true, method: 'tcp' };
    const why = states.includes('unreachable') ? 'unreachable (no route, or no ARP answer on the way)' : `no answer within ${ctx.timeoutMs} ms`;
    return { ip: target.ip, alive: false, method: 'tcp', reason: `TCP ${ports.join(', ')}: ${why}` };
  }

  /** The neighbour entry once resolved or given up on; `unsolicited` when the kernel cannot be asked. */
  private resolve(ip: string, dev: string, ctx: CheckContext): Promise<Resolved> {
    let waiter = this.waiting.get(ip);
    const deadline = Date.now() + ctx.timeoutMs;
    if (waiter) waiter.deadline = Math.max(waiter.deadline, deadline);
    else {
      waiter = { ip, dev, deadline, solicited: false, listeners: [] };
      this.waiting.set(ip, waiter);
      this.toSolicit.push(waiter);
      if (!this.flushing) setImmediate(() => void this.flush());
      this.flushing = true;
    }
    const w = waiter;
    return new Promise((resolve, reject) => {
      const listener = (r: Resolved): void => {
        ctx.signal.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const onAbort = (): void => {
        w.listeners = w.listeners.filter((l) => l !== listener);
        reject(ctx.signal.reason);
      };
      w.listeners.push(listener);
      if (ctx.signal.aborted) onAbort();
      else ctx.signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private settle(w: Waiter, entry: Resolution, readAt?: number): void {
    this.waiting.delete(w.ip);
    const resolved = readAt !== undefined && w.askedAt !== undefined ? { entry, rttMs: readAt - w.askedAt } : { entry };
    for (const listener of w.listeners) listener(resolved);
  }

  private async flush(): Promise<void> {
    while (this.toSolicit.length) {
      const batch = this.toSolicit;
      this.toSolicit = [];
      await this.forgetting;
      const askedAt = performance.now();
      const asked = await this.neighbours.solicit(batch.map((w) => ({ ip: w.ip, dev: w.dev })));
      for (const w of batch) {
        w.askedAt = askedAt;
        if (asked) w.solicited = true;
        else this.settle(w, 'unsolicited');
      }
    }
    this.flushing = false;
    if (!this.polling && this.waiting.size) void this.poll();
  }

  private anySolicited(): boolean {
    for (const w of this.waiting.values()) if (w.solicited) return true;
    return false;
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.anySolicited()) {
        const table = new Map<string, NeighbourEntry>();
        for (const e of await this.neighbours.read()) if (this.waiting.has(e.ip)) table.set(e.ip, e);
        const readAt = performance.now();
        const now = Date.now();
        const unanswered: Array<{ ip: string; dev: string }> = [];
        // Settling deletes from the map as it is walked, which a Map allows.
        for (const w of this.waiting.values()) {
          if (!w.solicited) continue;
          const entry = table.get(w.ip);
          const answered = entry !== undefined && neighbourAnswered(entry);
          if (answered || entry?.state === 'failed' || now >= w.deadline || w.listeners.length === 0) {
            this.settle(w, entry, readAt);
            if (!answered) unanswered.push({ ip: w.ip, dev: w.dev });
          }
        }
        this.forgetting = this.neighbours.forget(unanswered);
        await this.forgetting;
        if (this.waiting.size) await sleep(this.settings.pollMs);
      }
    } finally {
      this.polling = false;
    }
  }
}
