/**
 * Decoding net-snmp varbinds into readable, typed JSON. Pure functions: every type and exception
 * is a unit test on values as net-snmp hands them over.
 */

/** One variable binding as the agent answered it. */
export interface Varbind {
  oid: string;
  /** The SNMP type name, or the exception (`noSuchObject`, `noSuchInstance`, `endOfMibView`). */
  type: string;
  /** Text for printable OctetStrings, hex (`aa:bb:…`) otherwise; Counter64 as a decimal string; null for exceptions. */
  value: string | number | boolean | null;
  /** How `value` is written when it is not plain text: `hex` for binary OctetStrings and Opaque. */
  encoding?: 'hex';
  /** A human form where one helps, e.g. TimeTicks as `3d 04:05:06.78`. */
  text?: string;
}

const TYPE_NAMES: Record<number, string> = {
  1: 'Boolean',
  2: 'Integer',
  3: 'BitString',
  4: 'OctetString',
  5: 'Null',
  6: 'OID',
  64: 'IpAddress',
  65: 'Counter',
  66: 'Gauge',
  67: 'TimeTicks',
  68: 'Opaque',
  70: 'Counter64',
  128: 'noSuchObject',
  129: 'noSuchInstance',
  130: 'endOfMibView',
};

/** Bytes of an OctetString shown as text when every byte is printable ASCII or common whitespace. */
export function isPrintable(buf: Buffer): boolean {
  for (const b of buf) if (!((b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d)) return false;
  return true;
}

export function hex(buf: Buffer): string {
  return [...buf].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** TimeTicks (hundredths of a second) as `Nd HH:MM:SS.cc`. */
export function humanTimeTicks(ticks: number): string {
  const cs = ticks % 100;
  let s = Math.floor(ticks / 100);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d}d ${two(h)}:${two(m)}:${two(s)}.${two(cs)}`;
}

function unsigned64(value: unknown): string {
  if (Buffer.isBuffer(value)) {
    if (value.length > 8) return BigInt(`0x${value.toString('hex')}`).toString();
    return value.length === 0 ? '0' : BigInt(`0x${value.toString('hex')}`).toString();
  }
  if (typeof value === 'bigint' || typeof value === 'number') return BigInt(value).toString();
  return String(value);
}

export function decodeVarbind(vb: { oid: string; type?: number; value?: unknown }): Varbind {
  const type = TYPE_NAMES[vb.type ?? -1] ?? `type-${vb.type}`;
  const out: Varbind = { oid: vb.oid, type, value: null };
  const v = vb.value;
  switch (type) {
    case 'noSuchObject':
    case 'noSuchInstance':
    case 'endOfMibView':
    case 'Null':
      return out;
    case 'OctetString':
    case 'Opaque':
    case 'BitString': {
      const buf = Buffer.isBuffer(v) ? v : Buffer.from(String(v ?? ''), 'latin1');
      if (type === 'OctetString' && isPrintable(buf)) out.value = buf.toString('latin1');
      else {
        out.value = hex(buf);
        out.encoding = 'hex';
      }
      return out;
    }
    case 'Counter64':
      out.value = unsigned64(v);
      return out;
    case 'TimeTicks':
      out.value = Number(v);
      out.text = humanTimeTicks(Number(v));
      return out;
    case 'Integer':
    case 'Counter':
    case 'Gauge':
      out.value = Number(v);
      return out;
    case 'Boolean':
      out.value = Boolean(v);
      return out;
    default:
      out.value = v === undefined || v === null ? null : String(v);
      return out;
  }
}
