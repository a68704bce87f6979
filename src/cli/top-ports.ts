import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './args.js';

/**
 * `--top-ports N`: the N TCP ports nmap's own frequency table (`nmap-services`, the "open
 * frequency" column) ranks highest, as nmap's `--top-ports` picks them. The table is read where
 * nmap keeps it on this machine, not copied into the repository: it is nmap's data under nmap's
 * licence, and it changes with nmap's releases.
 */

/** Where nmap itself looks: `$NMAPDIR` first, then the distribution's and a source build's directory. */
export function nmapServicesPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...(env.NMAPDIR ? [path.join(env.NMAPDIR, 'nmap-services')] : []), '/usr/share/nmap/nmap-services', '/usr/local/share/nmap/nmap-services'];
}

/** The `n` most frequent TCP ports of an `nmap-services` text, most frequent first (ties: lower port first); ports of frequency 0 are never picked. */
export function topTcpPorts(text: string, n: number): number[] {
  const ranked: Array<{ port: number; frequency: number }> = [];
  for (const line of text.split('\n')) {
    // name, port/protocol, frequency, then an optional comment
    const m = /^[^#\s]\S*\s+(\d{1,5})\/tcp\s+(\d*\.?\d+(?:[eE][-+]?\d+)?)(?:\s|$)/.exec(line);
    if (!m) continue;
    const port = Number(m[1]);
    const frequency = Number(m[2]);
    if (port >= 1 && port <= 65535 && frequency > 0) ranked.push({ port, frequency });
  }
  ranked.sort((a, b) => b.frequency - a.frequency || a.port - b.port);
  return [...new Set(ranked.map((r) => r.port))].slice(0, n);
}

/** `--top-ports N` from the first `nmap-services` found; a usage error naming where it looked when there is none. */
export function topPorts(n: number, env: NodeJS.ProcessEnv = process.env): number[] {
  if (n < 1) throw new UsageError('--top-ports takes a number from 1');
  for (const file of nmapServicesPaths(env)) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const ports = topTcpPorts(text, n);
    if (ports.length === 0) throw new UsageError(`--top-ports: ${file} ranks no TCP port`);
    return ports;
  }
  throw new UsageError(`--top-ports needs nmap's port frequencies (nmap-services; Debian package nmap-common), looked in: ${nmapServicesPaths(env).join(', ')}`);
}
