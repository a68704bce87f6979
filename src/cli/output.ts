/** What the CLI prints for people: aligned tables, one-line summaries, progress. */
import { portCount, type PortItem } from '../probes/ports.js';

type Json = Record<string, unknown>;

/** Columns padded to their widest cell; the last column is left as long as it is. */
export function alignedTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((cell, i) => (i < r.length - 1 ? (cell ?? '').padEnd(widths[i]!) : cell)).join('  ').trimEnd()).join('\n');
}

/** One line per result: what a person wants to read first. */
export function summarise(r: Json): string {
  const d = (r.data ?? {}) as Json;
  if (r.status !== 'ok') return String((r.error as Json | undefined)?.message ?? r.status);
  switch (r.probe) {
    case 'tcp-banner': {
      if (d.nmap) return ((d.nmap as Json).ports as Json[]).filter((p) => p.state === 'open').map((p) => `${p.port}/${p.name ?? '?'} ${p.product ?? ''} ${p.version ?? ''}`.trim()).join('; ') || 'nmap: no open port';
      const http = d.http as Json | undefined;
      return [d.service, d.product, d.version, http?.title ? `"${String(http.title)}"` : undefined].filter(Boolean).join(' ') || `open, ${String(d.bytes)} bytes`;
    }
    case 'snmp':
      return (d.varbinds as Json[]).map((v) => `${String(v.oid)}=${String(v.text ?? v.value)}`).join(' ').slice(0, 120);
    case 'mdns':
      return (d.services as Json[]).map((s) => `${String(s.instance)} (${String(s.type)}:${String(s.port ?? '?')})`).join('; ') || `${(d.records as unknown[]).length} records`;
    case 'ssdp':
      return `${(d.responses as Json[])[0]?.server ?? ''} ${((d.descriptions as Json[] | undefined) ?? []).map((x) => ((x.device as Json | undefined)?.modelName as string) ?? '').join(' ')}`.trim();
    case 'classify': {
      const nearest = (d.nearest as Json[] | undefined)?.[0]?.type;
      const what = d.device ?? (d.candidates as string[] | undefined)?.join(' or ');
      const unchecked = d.match === 'consistent' || d.match === 'candidate' ? `, unchecked catalogue ports: ${String(d.uncheckedPorts)}` : '';
      return `${String(d.match)}${what ? ` ${String(what)}` : ''}${nearest ? `, nearest ${String(nearest)}` : ''} (${String(d.probes)} probes${unchecked})`;
    }
    default:
      return '';
  }
}

/** Results that did not answer, by the word nmap's "Not shown" uses for them: a timeout is nmap's `filtered`. */
const UNANSWERED: Record<string, string> = { closed: 'closed', timeout: 'filtered', unreachable: 'unreachable' };

/**
 * The results table. Quiet by default, as nmap's: only what answered (and errors), then one
 * "Not shown: 300 closed, 2 filtered" line for the rest; `all` lists every result.
 */
export function resultTable(results: Json[], options: { all?: boolean } = {}): string {
  const shown = options.all ? results : results.filter((r) => !UNANSWERED[String(r.status)]);
  const table = alignedTable(['TARGET', 'PROBE', 'PORT', 'STATUS', 'SUMMARY'], shown.map((r) => [String(r.target), String(r.probe), r.port === undefined ? '' : String(r.port), String(r.status), summarise(r)]));
  if (shown.length === results.length) return table;
  const hidden = new Map<string, number>();
  for (const r of results) {
    const word = UNANSWERED[String(r.status)];
    if (word && !options.all) hidden.set(word, (hidden.get(word) ?? 0) + 1);
  }
  return `${table}\nNot shown: ${[...hidden].map(([word, n]) => `${n} ${word}`).join(', ')} (--all shows every result)`;
}

/** `3s`, `4m`, `2h`, `5d`: how long ago, to the unit a person reads at a glance. */
export function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s}s`;
  if (s < 90 * 60) return `${Math.round(s / 60)}m`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86400)}d`;
}

/** Remaining time as `1m05s` / `42s`. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export interface Progress {
  targets: number;
  hosts?: { alive: number; dead: number; pending: number };
  results: number;
  packetsSent: number;
}

/**
 * Results the scan will have, estimated from its request: a dead host ends with one, a live or
 * pending one with one per probe unit (each banner port, each other probe) and attempt. Adaptive
 * probes (classify) count one unit, so the estimate is a floor for them.
 */
export function expectedResults(request: Json, p: Progress): number {
  const probes = (request.probes as Json[] | undefined) ?? [];
  const count = Number((request.timing as Json | undefined)?.count ?? 1);
  const units = probes.reduce((n, probe) => n + (probe.type === 'tcp-banner' ? portCount(probe.ports as PortItem[]) : 1), 0) * count;
  const dead = p.hosts?.dead ?? 0;
  return Math.max(p.results, dead + (p.targets - dead) * Math.max(units, 1));
}

/** `scn_…: 40/256 hosts done (alive 3, dead 37) · 120 results · 47% · ETA 12s` */
export function progressLine(id: string, request: Json, p: Progress, elapsedMs: number): string {
  const expected = expectedResults(request, p);
  const fraction = Math.min(0.99, p.results / expected);
  const hosts = p.hosts ? `${p.hosts.alive + p.hosts.dead}/${p.targets} hosts known (alive ${p.hosts.alive}, dead ${p.hosts.dead})` : `${p.targets} hosts`;
  const eta = fraction > 0 ? ` · ETA ${duration((elapsedMs * (1 - fraction)) / fraction)}` : '';
  return `${id}: ${hosts} · ${p.results}/~${expected} results · ${Math.floor(fraction * 100)}%${eta} · ${p.packetsSent} packets`;
}
