import type { Target } from '../net/targets.js';
import { ioAwareTimeout } from '../util/io-aware-timeout.js';
import { type ProbeContext, ProbeError } from './probe.js';

export type PortState = 'open' | 'closed' | 'filtered';

/**
 * One TCP handshake: open (SYN-ACK), closed (RST), filtered (no answer within the connect timeout:
 * timeoutMs, or less once the host's round trip is known; each answer is measured for the next).
 * An open port's connection is reset at once, as nmap's connect scan does: one packet instead of a
 * FIN exchange, and the device keeps no closing state for it. No route or no ARP answer rejects with
 * the socket's error (EHOSTUNREACH, ENETUNREACH), so the caller can tell a dead host from a quiet one.
 */
export async function portState(target: Target, port: number, ctx: Pick<ProbeContext, 'gate' | 'net' | 'signal' | 'connect'>): Promise<PortState> {
  await ctx.gate.acquire(ctx.signal);
  const socket = ctx.net.connectTcp({ host: target.ip, port });
  const started = performance.now();
  const answered = (): void => ctx.connect.answered(performance.now() - started);
  return new Promise((resolve, reject) => {
    const done = (fn: () => void, connected = false): void => {
      cancelWait();
      ctx.signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', () => {});
      if (connected) socket.resetAndDestroy();
      else socket.destroy();
      fn();
    };
    const onAbort = (): void => done(() => reject(ctx.signal.reason));
    const cancelWait = ioAwareTimeout(ctx.connect.timeoutMs(), () => done(() => resolve('filtered')));
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      answered();
      done(() => resolve('open'), true);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') answered();
      done(() => (err.code === 'ECONNREFUSED' ? resolve('closed') : reject(err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH' ? err : new ProbeError('error', err.code ?? 'connect-failed', err.message))));
    });
  });
}
