import { spawn } from 'node:child_process';
import type { Target } from '../../net/targets.js';
import { type ProbeContext, ProbeError } from '../probe.js';
import type { NmapData, NmapSettings } from './types.js';
import { portCount, type PortItem } from '../ports.js';
import { countTracedPackets, parseNmapXml } from './xml.js';

/** Bytes of nmap output kept; an XML document for a few ports is a few KiB. */
const MAX_OUTPUT = 4 * 1024 * 1024;
/** After --host-timeout, how long nmap gets to write its XML before it is killed, ms. */
const KILL_GRACE_MS = 5000;

export function nmapArgs(target: Target, ports: readonly PortItem[], settings: NmapSettings, options: { retries: number; maxRate: number | undefined }): string[] {
  return [
    '-sT', // connect scan: the same without root, as in the container
    '-sV',
    '-Pn',
    '-n',
    '-p',
    ports.join(','), // ranges as nmap writes them: a-b
    '--version-intensity',
    String(settings.versionIntensity),
    '--max-retries',
    String(options.retries),
    '--host-timeout',
    `${Math.ceil(settings.hostTimeoutMs / 1000)}s`,
    ...(options.maxRate ? ['--max-rate', String(options.maxRate)] : []),
    ...(target.family === 6 ? ['-6'] : []),
    '--packet-trace',
    '-oX',
    '-',
    target.ip,
  ];
}

/**
 * nmap service/version detection on exactly these ports of one target: spawned with an argument
 * array (never a shell), killed on cancel and after its host timeout plus a grace period.
 */
export async function detectServices(target: Target, ports: readonly PortItem[], settings: NmapSettings, ctx: ProbeContext, options: { retries: number; maxRate: number | undefined }): Promise<NmapData> {
  ctx.signal.throwIfAborted();
  const args = nmapArgs(target, ports, settings, options);
  const child = spawn(settings.path, args, { stdio: ['ignore', 'pipe', 'pipe'], signal: ctx.signal, killSignal: 'SIGKILL' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => stdout.length < MAX_OUTPUT && (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => stderr.length < MAX_OUTPUT && (stderr += d.toString('utf8')));
  const killer = setTimeout(() => child.kill('SIGKILL'), settings.hostTimeoutMs + KILL_GRACE_MS);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
    });
    ctx.signal.throwIfAborted();
    const packets = portCount(ports) + countTracedPackets(stderr);
    if (code !== 0) {
      const last = stderr.split('\n').filter((l) => l && !l.startsWith('NSOCK')).at(-1) ?? `exit code ${code}`;
      throw new ProbeError('error', code === null ? 'nmap-killed' : 'nmap-failed', `nmap ${code === null ? 'was killed at its deadline' : 'failed'}: ${last.slice(0, 300)}`);
    }
    const run = parseNmapXml(stdout);
    const host = run.hosts.find((h) => h.address === target.ip) ?? run.hosts[0];
    return {
      kind: 'nmap',
      nmap: {
        ...(run.version ? { version: run.version } : {}),
        args,
        ports: host?.ports ?? [],
        timedOut: host?.timedOut ?? false,
        ...(run.elapsedSeconds !== undefined ? { elapsedSeconds: run.elapsedSeconds } : {}),
        packetsCounted: packets,
      },
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ProbeError('error', 'nmap-missing', `nmap not found at ${settings.path}`);
    throw err;
  } finally {
    clearTimeout(killer);
  }
}
