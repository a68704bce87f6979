import { readFileSync } from 'node:fs';

/** A usage mistake: the CLI exits 2 with the command's usage. */
export class UsageError extends Error {}

/**
 * nmap's multi-letter short options (`-iL`, `-oX`, `-Pn`, `-sV`) and `-p-` as the long options
 * they stand for, so node's parser (one letter per short option) reads them.
 */
export function nmapStyle(argv: readonly string[]): string[] {
  const long: Record<string, string> = { '-iL': '--input-list', '-oX': '--nmap-xml', '-Pn': '--no-discovery', '-sV': '--deep', '-p-': '--ports=-' };
  return argv.map((a) => long[a] ?? a);
}

/** `-p`: `22`, `1-1024,8080`, `-` (every port, as nmap's `-p-`), `-1024` or `60000-` (open ends). */
export function parsePorts(spec: string): number[] {
  const ports = new Set<number>();
  for (const part of spec === '-' ? ['1-65535'] : spec.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part.trim());
    const first = m?.[1] ? Number(m[1]) : m?.[2] ? 1 : NaN;
    const last = m?.[2] ? (m[3] ? Number(m[3]) : 65535) : first;
    if (!m || part.trim() === '' || part.trim() === '-' || !(first >= 1 && last <= 65535 && first <= last)) throw new UsageError(`bad port list "${spec}": use e.g. 22, 1-1024,8080 or - (all)`);
    for (let p = first; p <= last; p++) ports.add(p);
  }
  return [...ports].sort((a, b) => a - b);
}

/** `-iL FILE` (or `-` for stdin): targets separated by whitespace or newlines; `#` starts a comment. */
export function readTargetList(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the target list ${file}: ${(err as Error).message}`);
  }
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .flatMap((line) => line.split(/[\s,]+/))
    .filter(Boolean);
}

/** `k=v` or `k:v` as a label pair. */
export function parseLabel(text: string, separators: string): [string, string] {
  const i = [...separators].map((s) => text.indexOf(s)).filter((n) => n > 0).sort((a, b) => a - b)[0];
  if (i === undefined) throw new UsageError(`bad label "${text}": use key${separators[0]}value`);
  return [text.slice(0, i), text.slice(i + 1)];
}

/** An integer option, or a usage error naming it. */
export function intOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text)) throw new UsageError(`--${name} takes a whole number, not "${text}"`);
  return Number(text);
}
