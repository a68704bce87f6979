import { performance } from 'node:perf_hooks';
import type { TcpBannerParams } from '../../api/generated/params.js';
import type { Target } from '../../net/targets.js';
import type { Service } from '../../api/model.js';
import { type Probe, type ProbeContext, type ProbeOutcome, type ProbeUnit, ProbeError, type ResultFacts } from '../probe.js';
import { detectServices } from '../nmap/run.js';
import type { NmapData } from '../nmap/types.js';
import { bannerAnswers, parseBanner, printableBanner } from './banner-parser.js';
import type { BannerData, TcpBannerData } from './data.js';
import { serviceForPort } from './services.js';
import { expandPorts, portCount } from '../ports.js';
import { ioAwareTimeout } from '../../util/io-aware-timeout.js';

/** nmap's output; results stored before `kind` existed are told by their `nmap` field. */
const isNmap = (d: TcpBannerData): d is NmapData => (d as Partial<NmapData>).kind === 'nmap' || 'nmap' in d;

function bannerService(d: BannerData): Service {
  const service: Service = { port: d.port, protocol: 'tcp' };
  if (d.service) service.name = d.service;
  if (d.product) service.product = d.product;
  if (d.version) service.version = d.version;
  if (d.banner) service.banner = d.banner.slice(0, 256);
  return service;
}

/** nmap states what it identified, and overrides a banner's reading; a banner's OS is a hint. */
function tcpBannerFacts(data: TcpBannerData, at: { port?: number }): ResultFacts {
  if (!isNmap(data)) {
    const port = at.port ?? data.port;
    return { services: [bannerService(data)], inferred: { os: data.os }, ports: [{ port, protocol: 'tcp', state: 'open' }], answers: bannerAnswers(data, port) };
  }
  const open = data.nmap.ports.filter((p) => p.state === 'open');
  const services = open.map((p): Service => ({ port: p.port, protocol: p.protocol === 'udp' ? 'udp' : 'tcp', ...(p.name ? { name: p.name } : {}), ...(p.product ? { product: p.product } : {}), ...(p.version ? { version: p.version } : {}) }));
  const os = open.find((p) => p.ostype)?.ostype;
  const ports = data.nmap.ports.flatMap((p) => (p.state === 'open' || p.state === 'closed' ? [{ port: p.port, protocol: p.protocol === 'udp' ? ('udp' as const) : ('tcp' as const), state: p.state as 'open' | 'closed' }] : []));
  return { services, servicesOverride: true, ...(os ? { stated: { os } } : {}), ports };
}

/** Quiet time after the last byte that ends a banner whose protocol has no end marker. */
const IDLE_END_MS = 300;

function headerEnd(buf: Buffer): number {
  const i = buf.indexOf('\r\n\r\n');
  return i >= 0 ? i + 4 : -1;
}

/** Whether the bytes so far are a whole answer, so we need not wait for more. */
export function isComplete(buf: Buffer, service: string | undefined): boolean {
  const head = buf.subarray(0, 8).toString('latin1');
  if (head.startsWith('HTTP/') || head.startsWith('RTSP/')) {
    const end = headerEnd(buf);
    if (end < 0) return false;
    const headers = buf.subarray(0, end).toString('latin1');
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(headers);
    if (length) return buf.length - end >= Number(length[1]);
    if (/\r\ntransfer-encoding:\s*chunked/i.test(headers)) return buf.includes('\r\n0\r\n\r\n', end - 2);
    // RTSP without a body ends with its headers; HTTP without a length ends when the peer closes.
    return head.startsWith('RTSP/');
  }
  const text = buf.toString('latin1');
  if (text.includes('SSH-')) return /SSH-[^\n]*\n/.test(text);
  if (service === 'ftp' || service === 'smtp') return /(^|\n)\d{3} [^\n]*\n$/.test(text);
  return false;
}

async function deepProbe(params: TcpBannerParams, target: Target, ctx: ProbeContext): Promise<ProbeOutcome<NmapData>> {
  const data = await detectServices(target, params.ports, ctx.tools.nmap, ctx, { retries: ctx.timing.retries, maxRate: ctx.timing.maxRatePerSecond });
  ctx.gate.record(data.nmap.packetsCounted);
  return { data };
}

async function grabBanner(_params: TcpBannerParams, target: Target, unit: ProbeUnit, ctx: ProbeContext): Promise<ProbeOutcome<BannerData>> {
  const port = unit.port!;
  const known = serviceForPort(port);
  const cap = ctx.limits.bannerMaxBytes;
  ctx.signal.throwIfAborted();
  await ctx.gate.acquire(ctx.signal);
  const socket = ctx.net.connectTcp({ host: target.ip, port });
  const started = performance.now();

  return new Promise<ProbeOutcome<BannerData>>((resolve, reject) => {
    // One buffer of the cap, filled in place: no re-concatenation per chunk, however small they come.
    const kept = Buffer.allocUnsafe(cap);
    let received = 0;
    let rttMs: number | undefined;
    let request: string | undefined;
    let settled = false;
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, fn: () => void): NodeJS.Timeout => {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
      return t;
    };
    const cleanup = (): void => {
      settled = true;
      cancelConnectWait();
      for (const t of timers) clearTimeout(t);
      ctx.signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners('data');
      socket.on('error', () => {});
      socket.destroy();
    };
    const finish = (extra: Partial<BannerData> = {}): void => {
      if (settled) return;
      cleanup();
      const buf = kept.subarray(0, Math.min(received, cap));
      const facts = parseBanner(buf, known?.name);
      // An SSH server sends its key exchange right after the identification line; show the line.
      const shown = facts.ssh ? buf.subarray(0, buf.indexOf('\n', buf.indexOf('SSH-')) + 1) : buf;
      const data: BannerData = { port, ...facts, banner: printableBanner(shown), bytes: buf.length, ...extra };
      if (request) data.request = request;
      resolve(rttMs === undefined ? { data } : { data, rttMs });
    };
    const fail = (err: unknown): void => {
      if (settled) return;
      cleanup();
      reject(err);
    };
    const onAbort = (): void => fail(ctx.signal.reason);
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    const connectWaitMs = ctx.connect.timeoutMs();
    const cancelConnectWait = ioAwareTimeout(connectWaitMs, () =>
      fail(new ProbeError('timeout', 'connect-timeout', `no answer to the connection attempt within ${connectWaitMs} ms${connectWaitMs < ctx.timeoutMs ? " (the host's measured round trip, not the whole timeout)" : ''}`)),
    );
    let firstByteTimer: NodeJS.Timeout | undefined;
    let idleTimer: NodeJS.Timeout | undefined;

    socket.once('connect', () => {
      rttMs = Math.round((performance.now() - started) * 1000) / 1000;
      ctx.connect.answered(rttMs);
      cancelConnectWait();
      later(2 * ctx.timeoutMs, () => finish({ cut: 'deadline' }));
      firstByteTimer = later(ctx.timeoutMs, () => finish());
      if (known?.request) {
        const payload = known.request(target.ip, port);
        ctx.gate.acquire(ctx.signal).then(
          () => {
            if (settled) return;
            request = payload.split('\r\n')[0];
            socket.write(payload);
          },
          fail,
        );
      }
    });
    socket.on('data', (chunk: Buffer) => {
      if (firstByteTimer) clearTimeout(firstByteTimer);
      chunk.copy(kept, received, 0, Math.min(chunk.length, cap - received));
      received += chunk.length;
      if (received >= cap) return finish({ cut: 'size' });
      const sofar = kept.subarray(0, received);
      if (isComplete(sofar, known?.name)) return finish();
      if (idleTimer) clearTimeout(idleTimer);
      const expectsMore = sofar.subarray(0, 5).toString('latin1').match(/^(HTTP|RTSP)\//);
      if (!expectsMore) idleTimer = later(IDLE_END_MS, () => finish());
    });
    socket.once('end', () => finish());
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // A reset after the handshake still proves the port open; before it, the error is the answer.
      if (rttMs !== undefined && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) return finish({ reset: true });
      if (rttMs === undefined && err.code === 'ECONNREFUSED') ctx.connect.answered(performance.now() - started);
      fail(err);
    });
  });
}

/** A bound on what nmap's version detection sends to one port (connections of its service probes, intensity ≤ 9). */
const NMAP_PACKETS_PER_PORT = 300;

export const tcpBannerProbe: Probe<TcpBannerParams, TcpBannerData> = {
  type: 'tcp-banner',
  description:
    'Connects to each port, reads the welcome banner and, where the port\'s protocol has the client speak first (HTTP, RTSP), sends its one harmless request (GET /, OPTIONS); parses HTTP, SSH, RTSP, FTP and SMTP answers.',
  category: 'safe',
  reach: 'target',
  params: [
    {
      name: 'ports',
      type: 'ports',
      minItems: 1,
      maxItems: 4096,
      required: true,
      description: 'TCP ports to connect to: port numbers and inclusive "a-b" ranges, each port named once ("1-65535" is every port; the packet budget counts the ports named)',
    },
    {
      name: 'additionalProbes',
      type: 'boolean',
      default: false,
      category: 'intrusive',
      requires: 'nmap',
      description: 'also run nmap service/version detection (-sV) on these ports'
    },
  ],
  requires: (params) => (params.additionalProbes ? ['nmap'] : []),
  units: (params) => [...expandPorts(params.ports).map((port) => ({ port, protocol: 'tcp' as const })), ...(params.additionalProbes ? [{ protocol: 'tcp' as const, tool: 'nmap' as const }] : [])],
  // Per port: the SYN and the protocol's one request; nmap -sV may try many of its probes per port.
  packetBound: (params, { hosts }) => hosts * BigInt(portCount(params.ports) * (2 + (params.additionalProbes ? NMAP_PACKETS_PER_PORT : 0))),
  reveals: ['services', 'os'],
  facts: tcpBannerFacts,
  run: (params, target, unit, ctx) => (unit.tool === 'nmap' ? deepProbe(params, target, ctx) : grabBanner(params, target, unit, ctx)),
};
