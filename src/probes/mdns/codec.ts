import packet from 'dns-packet';
import { hex, isPrintable } from '../snmp/varbinds.js';

/**
 * mDNS / DNS-SD records as JSON, from dns-packet's decoding. Pure: tests feed it captured,
 * truncated and hostile datagrams.
 */

export const RECORD_TYPES = ['PTR', 'SRV', 'TXT', 'A', 'AAAA', 'ANY'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export interface SrvValue {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface MdnsRecord {
  section: 'answer' | 'additional';
  name: string;
  type: string;
  ttl: number;
  /** PTR/CNAME target, address, or a short text form of other types. */
  value?: string;
  srv?: SrvValue;
  /** TXT as key/value; a key without `=` maps to `true`; binary values as hex. */
  txt?: { [key: string]: string | boolean };
}

export interface MdnsService {
  instance: string;
  /** e.g. `_googlecast._tcp.local` */
  type: string;
  host?: string;
  port?: number;
  txt: { [key: string]: string | boolean };
  addresses: string[];
}

const MAX_TEXT = 512;

export function encodeQuery(name: string, type: RecordType, id = 0): Buffer {
  return packet.encode({ type: 'query', id, flags: 0, questions: [{ name, type: type as packet.RecordType, class: 'IN' }] });
}

/** A follow-up asking one responder for the SRV and TXT of instances it named without them. */
export function encodeFollowUp(instances: readonly string[], id = 0): Buffer {
  return packet.encode({ type: 'query', id, flags: 0, questions: instances.flatMap((name) => [{ name, type: 'SRV' as const, class: 'IN' as const }, { name, type: 'TXT' as const, class: 'IN' as const }]) });
}

export function decodeTxt(chunks: unknown): { [key: string]: string | boolean } {
  const out: { [key: string]: string | boolean } = {};
  const list = Array.isArray(chunks) ? chunks : [chunks];
  for (const c of list) {
    const buf = Buffer.isBuffer(c) ? c : Buffer.from(String(c ?? ''));
    if (buf.length === 0) continue;
    const eq = buf.indexOf(0x3d);
    const key = (eq < 0 ? buf : buf.subarray(0, eq)).toString('latin1').slice(0, 64);
    if (!key || key in out) continue; // RFC 6763 §6.4: only the first occurrence of a key counts
    if (eq < 0) out[key] = true;
    else {
      const v = buf.subarray(eq + 1);
      out[key] = isPrintable(v) ? v.toString('utf8').slice(0, MAX_TEXT) : hex(v.subarray(0, MAX_TEXT));
    }
  }
  return out;
}

function toRecord(section: MdnsRecord['section'], a: packet.Answer): MdnsRecord {
  const rec: MdnsRecord = { section, name: a.name, type: a.type, ttl: 'ttl' in a && typeof a.ttl === 'number' ? a.ttl : 0 };
  const data = (a as { data?: unknown }).data;
  switch (a.type) {
    case 'SRV': {
      const d = data as SrvValue;
      rec.srv = { priority: d.priority ?? 0, weight: d.weight ?? 0, port: d.port, target: d.target };
      break;
    }
    case 'TXT':
      rec.txt = decodeTxt(data);
      break;
    case 'PTR':
    case 'CNAME':
    case 'A':
    case 'AAAA':
      rec.value = String(data);
      break;
    default:
      rec.value = (Buffer.isBuffer(data) ? hex(data) : JSON.stringify(data) ?? '').slice(0, MAX_TEXT);
  }
  return rec;
}

/** Decodes one datagram; throws on anything that is not a DNS message. */
export function decodeResponse(buf: Buffer): MdnsRecord[] {
  const msg = packet.decode(buf);
  if (msg.type !== 'response') throw new Error('a DNS query, not a response');
  return [...(msg.answers ?? []).map((a) => toRecord('answer', a)), ...(msg.additionals ?? []).map((a) => toRecord('additional', a))];
}

/** Folds repeated records (the same answer sent again) and counts the repeats. */
export function foldRecords(records: readonly MdnsRecord[]): { records: MdnsRecord[]; duplicates: number } {
  const seen = new Map<string, MdnsRecord>();
  let duplicates = 0;
  for (const r of records) {
    const key = JSON.stringify([r.name.toLowerCase(), r.type, r.value, r.srv, r.txt]);
    if (seen.has(key)) duplicates++;
    else seen.set(key, r);
  }
  return { records: [...seen.values()], duplicates };
}

const SERVICE_INSTANCE = /^(.+?)\.(_[^.]+\._(?:tcp|udp)\.[^]+)$/;

/** DNS-SD services: each PTR-named instance with its SRV, TXT and the SRV host's addresses. */
export function assembleServices(records: readonly MdnsRecord[]): MdnsService[] {
  const lower = (s: string): string => s.toLowerCase();
  const instances = new Set<string>();
  for (const r of records) {
    if (r.type === 'PTR' && r.value && SERVICE_INSTANCE.test(r.value)) instances.add(r.value);
    if ((r.type === 'SRV' || r.type === 'TXT') && SERVICE_INSTANCE.test(r.name)) instances.add(r.name);
  }
  return [...instances].map((instance) => {
    const m = SERVICE_INSTANCE.exec(instance)!;
    const srv = records.find((r) => r.type === 'SRV' && lower(r.name) === lower(instance))?.srv;
    const txt = records.find((r) => r.type === 'TXT' && lower(r.name) === lower(instance))?.txt ?? {};
    const service: MdnsService = { instance: m[1]!, type: m[2]!, txt, addresses: [] };
    if (srv) {
      service.host = srv.target;
      service.port = srv.port;
      service.addresses = records.filter((r) => (r.type === 'A' || r.type === 'AAAA') && lower(r.name) === lower(srv.target) && r.value).map((r) => r.value!);
    }
    return service;
  });
}

/** Instances named by a PTR whose SRV or TXT did not come along: worth one follow-up query. */
export function incompleteInstances(records: readonly MdnsRecord[]): string[] {
  const has = (type: string, name: string): boolean => records.some((r) => r.type === type && r.name.toLowerCase() === name.toLowerCase());
  return assembleServices(records)
    .map((s) => `${s.instance}.${s.type}`)
    .filter((name) => !has('SRV', name) || !has('TXT', name));
}
