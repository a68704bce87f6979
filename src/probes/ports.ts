/**
 * Port lists as requests name them: port numbers and inclusive `"a-b"` ranges (`["1-1024", 8080]`,
 * `["1-65535"]` for every port). A range stays one short item in the request, the stored scan and
 * the answers; only the probe's units spell its ports out. Pure.
 */

/** One item of a port list: a port number, or an inclusive range `"first-last"`. */
export type PortItem = number | string;

export const PORT_MIN = 1;
export const PORT_MAX = 65535;
const RANGE = /^(\d{1,5})-(\d{1,5})$/;

export interface PortInterval {
  first: number;
  last: number;
}

/** The ports an item names, or why it names none. */
export function portInterval(item: unknown): PortInterval | string {
  const inRange = (n: number): boolean => Number.isInteger(n) && n >= PORT_MIN && n <= PORT_MAX;
  if (typeof item === 'number') return inRange(item) ? { first: item, last: item } : `must be between ${PORT_MIN} and ${PORT_MAX}`;
  if (typeof item !== 'string') return `must be a port (integer) or a range "a-b" (string), got ${item === null ? 'null' : Array.isArray(item) ? 'array' : typeof item}`;
  const m = RANGE.exec(item);
  if (!m) return `must be a range "a-b" of ports ${PORT_MIN}–${PORT_MAX}, e.g. "1-1024"`;
  const first = Number(m[1]);
  const last = Number(m[2]);
  if (!inRange(first) || !inRange(last)) return `names ports outside ${PORT_MIN}–${PORT_MAX}`;
  if (first > last) return `runs backwards (${first} > ${last})`;
  return { first, last };
}

/** The intervals of a validated list, in the list's order. */
function intervals(items: readonly PortItem[]): PortInterval[] {
  return items.map((item) => {
    const i = portInterval(item);
    if (typeof i === 'string') throw new TypeError(`not a validated port list: ${String(item)} ${i}`);
    return i;
  });
}

/** How many ports a validated list names (its items never overlap). */
export function portCount(items: readonly PortItem[]): number {
  return intervals(items).reduce((n, i) => n + i.last - i.first + 1, 0);
}

/** Every port a validated list names, in the list's order, ranges ascending. */
export function expandPorts(items: readonly PortItem[]): number[] {
  const out: number[] = [];
  for (const { first, last } of intervals(items)) for (let p = first; p <= last; p++) out.push(p);
  return out;
}

/** The index of the first item naming a port an earlier item names, with that port; undefined when none repeats. */
export function firstOverlap(list: readonly PortInterval[]): { index: number; port: number } | undefined {
  const order = list.map((iv, index) => ({ ...iv, index })).sort((a, b) => a.first - b.first || a.index - b.index);
  let reach = { last: 0, index: -1 };
  let found: { index: number; port: number } | undefined;
  for (const iv of order) {
    if (iv.first <= reach.last) {
      const later = Math.max(iv.index, reach.index);
      if (!found || later < found.index) found = { index: later, port: iv.first };
    }
    if (iv.last > reach.last) reach = { last: iv.last, index: iv.index };
  }
  return found;
}

/** Ports as the fewest items: runs of consecutive ports become ranges (`[1, 2, 3, 80]` → `["1-3", 80]`), ascending. */
export function compactPorts(ports: Iterable<number>): PortItem[] {
  const sorted = [...new Set(ports)].sort((a, b) => a - b);
  const out: PortItem[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j === i ? sorted[i]! : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out;
}
