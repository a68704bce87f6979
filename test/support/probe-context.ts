import net from 'node:net';
import { pino } from 'pino';
import { type NetFactory, systemNet } from '../../src/probes/net.js';
import type { PacketGate, ProbeContext } from '../../src/probes/probe.js';

/** A probe context with counting gates (in all, and per address for `gateFor`) and no rate limit, for calling a probe directly. */
export function probeContext(options: {
  timeoutMs: number;
  /** How long a connection attempt waits (default: timeoutMs), and who hears of measured handshakes. */
  connectTimeoutMs?: number;
  onRoundTrip?: (ms: number) => void;
  bannerMaxBytes?: number;
  net?: NetFactory;
  signal?: AbortSignal;
  inScope?: (ip: string) => boolean;
  multicastInterface?: string;
  catalogs?: ProbeContext['catalogs'];
}): ProbeContext & { packets: () => number; packetsTo: (ip: string) => number } {
  let packets = 0;
  const byAddress = new Map<string, number>();
  const count = (ip: string | undefined, n: number): void => {
    packets += n;
    if (ip !== undefined) byAddress.set(ip, (byAddress.get(ip) ?? 0) + n);
  };
  const counting = (ip: string | undefined): PacketGate => ({ acquire: async () => count(ip, 1), record: (n) => count(ip, n) });
  return {
    signal: options.signal ?? new AbortController().signal,
    timeoutMs: options.timeoutMs,
    connect: { timeoutMs: () => options.connectTimeoutMs ?? options.timeoutMs, answered: (ms) => options.onRoundTrip?.(ms) },
    timing: { count: 1, intervalMs: 0, retries: 0, maxRatePerSecond: 100 },
    tools: { nmap: { path: 'nmap', versionIntensity: 7, hostTimeoutMs: 30000 } },
    catalogs: options.catalogs ?? { get: () => undefined },
    gate: counting(undefined),
    gateFor: counting,
    net: options.net ?? systemNet,
    inScope: options.inScope ?? ((ip) => ip.startsWith('127.')),
    multicastInterface: options.multicastInterface,
    logger: pino({ level: 'silent' }),
    limits: { bannerMaxBytes: options.bannerMaxBytes ?? 65536 },
    packets: () => packets,
    packetsTo: (ip) => byAddress.get(ip) ?? 0,
  };
}

/** A TCP server on loopback whose behaviour per connection is the test's; closed after the test. */
export async function tcpServer(onConnection: (socket: net.Socket) => void, host = '127.0.0.1', port = 0): Promise<{ port: number; host: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    onConnection(s);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on loopback that was free a moment ago: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const s = await tcpServer(() => {});
  await s.close();
  return s.port;
}

/**
 * `n` different closed ports below the kernel's ephemeral range (32768 and up): a port closed again
 * may be handed out again, a probe names a port once, and a connection from an ephemeral port to
 * the same port on loopback connects to itself.
 */
export async function closedPorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  const start = 20000 + Math.floor(Math.random() * 10000);
  // Bounded: at most 1,000 candidates, each tried by binding it once.
  for (let port = start; ports.length < n && port < start + 1000; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) ports.push(port);
  }
  return ports;
}
