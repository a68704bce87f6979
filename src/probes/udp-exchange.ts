import type dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Target } from '../net/targets.js';
import { type ProbeContext, ProbeError } from './probe.js';

/** Datagrams kept per responder; beyond that a hostile flood is dropped. */
export const MAX_DATAGRAMS_PER_RESPONDER = 64;

export interface Datagram {
  from: string;
  data: Buffer;
  /** ms since the first query left. */
  at: number;
}

function closeQuietly(socket: dgram.Socket): void {
  try {
    socket.close();
  } catch {
    // already closed
  }
}

/**
 * Sends `payload` to a multicast group `count` times, `intervalMs` apart, from an ephemeral
 * socket bound on the multicast interface, and collects every datagram that comes back to that
 * socket until `windowMs` after the last query. Answers arrive from the responders' own
 * addresses, so the caller can keep those of its targets. Each query passes the packet gate.
 */
export async function queryGroup(options: {
  ctx: ProbeContext;
  group: { address: string; port: number };
  payload: Buffer;
  count: number;
  intervalMs: number;
  windowMs: number;
}): Promise<{ datagrams: Datagram[]; queries: number }> {
  const { ctx } = options;
  const iface = ctx.multicastInterface;
  if (!iface) throw new ProbeError('error', 'no-multicast-interface', 'no IPv4 interface for multicast probes; set PSCAN_INTERFACE');
  const socket = ctx.net.createUdp(4);
  const datagrams: Datagram[] = [];
  const perSender = new Map<string, number>();
  let started = 0;
  socket.on('message', (data, rinfo) => {
    const n = (perSender.get(rinfo.address) ?? 0) + 1;
    perSender.set(rinfo.address, n);
    if (n <= MAX_DATAGRAMS_PER_RESPONDER) datagrams.push({ from: rinfo.address, data, at: performance.now() - started });
  });
  const failed = new Promise<never>((_, reject) => socket.on('error', reject));
  failed.catch(() => {});
  try {
    await Promise.race([new Promise<void>((resolve) => socket.bind(0, iface, resolve)), failed]);
    socket.setMulticastInterface(iface);
    socket.setMulticastTTL(255);
    let queries = 0;
    started = performance.now();
    for (let i = 0; i < options.count; i++) {
      if (i > 0 && options.intervalMs > 0) await sleep(options.intervalMs, undefined, { signal: ctx.signal });
      await ctx.gate.acquire(ctx.signal);
      await Promise.race([new Promise<void>((resolve, reject) => socket.send(options.payload, options.group.port, options.group.address, (err) => (err ? reject(err) : resolve()))), failed]);
      queries++;
    }
    await Promise.race([sleep(options.windowMs, undefined, { signal: ctx.signal }), failed]);
    return { datagrams, queries };
  } finally {
    closeQuietly(socket);
  }
}

/**
 * One request to one target's UDP port over a connected socket (so ICMP port-unreachable comes
 * back as `closed`), reading datagrams until `done` says the answer is whole or `timeoutMs`
 * passes. Resolves with what arrived (possibly nothing: the caller decides if that is a timeout).
 */
export async function exchangeUnicast(options: {
  ctx: ProbeContext;
  target: Target;
  port: number;
  payload: Buffer;
  timeoutMs: number;
  done: (datagrams: Datagram[]) => boolean;
}): Promise<{ datagrams: Datagram[]; rttMs?: number }> {
  const { ctx, target } = options;
  const socket = ctx.net.createUdp(target.family);
  const datagrams: Datagram[] = [];
  let started = 0;
  let rttMs: number | undefined;
  try {
    return await new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        clearTimeout(timer);
        ctx.signal.removeEventListener('abort', onAbort);
        resolve(rttMs === undefined ? { datagrams } : { datagrams, rttMs });
      };
      const fail = (err: unknown): void => {
        clearTimeout(timer);
        ctx.signal.removeEventListener('abort', onAbort);
        reject(err);
      };
      const onAbort = (): void => fail(ctx.signal.reason);
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      socket.on('error', fail);
      socket.on('message', (data) => {
        rttMs ??= Math.round((performance.now() - started) * 1000) / 1000;
        if (datagrams.length < MAX_DATAGRAMS_PER_RESPONDER) datagrams.push({ from: target.ip, data, at: performance.now() - started });
        if (options.done(datagrams)) finish();
      });
      socket.connect(options.port, target.ip, () => {
        ctx.gate.acquire(ctx.signal).then(() => {
          started = performance.now();
          socket.send(options.payload, (err) => {
            if (err) return fail(err);
            timer = setTimeout(finish, options.timeoutMs);
          });
        }, fail);
      });
    });
  } finally {
    closeQuietly(socket);
  }
}

/** Groups datagrams by sender, keeping only senders `isTarget` accepts; counts the others. */
export function byResponder(datagrams: readonly Datagram[], isTarget: (ip: string) => boolean): { responders: Map<string, Datagram[]>; dropped: number } {
  const responders = new Map<string, Datagram[]>();
  const droppedFrom = new Set<string>();
  for (const d of datagrams) {
    if (!isTarget(d.from)) {
      droppedFrom.add(d.from);
      continue;
    }
    const list = responders.get(d.from) ?? [];
    list.push(d);
    responders.set(d.from, list);
  }
  return { responders, dropped: droppedFrom.size };
}
