/**
 * WS-Discovery on the wire (the 2005/04 draft that Windows, wsdd and ONVIF speak; OASIS 1.1 keeps
 * its shape): building Probe and Resolve, parsing ProbeMatches and ResolveMatches. Pure: captured,
 * truncated and hostile datagrams are unit tests.
 */
import { XMLParser } from 'fast-xml-parser';
import type { OnvifScopes, WsdMatch } from './data.js';

export const WSD_GROUP = { address: '239.255.255.250', port: 3702 };
const WSD = 'http://schemas.xmlsoap.org/ws/2005/04/discovery';
export const ACTIONS = { probe: `${WSD}/Probe`, probeMatches: `${WSD}/ProbeMatches`, resolve: `${WSD}/Resolve`, resolveMatches: `${WSD}/ResolveMatches` } as const;
const TO_DISCOVERY = 'urn:schemas-xmlsoap-org:ws:2005:04:discovery';

/**
 * The prefixes a `types` parameter may use, and their namespaces. wsdd compares the Types text
 * itself (`wsdp:Device`), so the prefix is part of what is matched, not only the namespace.
 */
export const TYPE_NAMESPACES: Readonly<Record<string, string>> = {
  wsdp: 'http://schemas.xmlsoap.org/ws/2006/02/devprof',
  pub: 'http://schemas.microsoft.com/windows/pub/2005/07',
  dn: 'http://www.onvif.org/ver10/network/wsdl',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  wprt: 'http://schemas.microsoft.com/windows/2006/08/wdp/print',
  wscn: 'http://schemas.microsoft.com/windows/2006/08/wdp/scan',
};

/** The largest datagram parsed: wsdd's own receive limit (SOAP-over-UDP messages are far smaller). */
export const MAX_DATAGRAM_BYTES = 32767;
const MAX_MATCHES = 16;
const MAX_ITEMS = 32;
const MAX_VALUE = 512;

const escapeXml = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function envelope(action: string, messageId: string, body: string, namespaces: readonly string[] = []): Buffer {
  const xmlns = namespaces.map((p) => ` xmlns:${p}="${TYPE_NAMESPACES[p]}"`).join('');
  return Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?>' +
      `<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:wsd="${WSD}"${xmlns}>` +
      `<soap:Header><wsa:To>${TO_DISCOVERY}</wsa:To><wsa:Action>${action}</wsa:Action><wsa:MessageID>${messageId}</wsa:MessageID></soap:Header>` +
      `<soap:Body>${body}</soap:Body></soap:Envelope>`,
    'utf8',
  );
}

/** A Probe; `types` are QNames with a prefix of TYPE_NAMESPACES (none: every endpoint matches, §5.1). */
export function buildProbe(messageId: string, types: readonly string[]): Buffer {
  const prefixes = [...new Set(types.map((t) => t.split(':')[0]!))];
  const body = types.length ? `<wsd:Probe><wsd:Types>${types.join(' ')}</wsd:Types></wsd:Probe>` : '<wsd:Probe/>';
  return envelope(ACTIONS.probe, messageId, body, prefixes);
}

/** A Resolve for one endpoint, whose address came from the network and is escaped. */
export function buildResolve(messageId: string, endpoint: string): Buffer {
  return envelope(ACTIONS.resolve, messageId, `<wsd:Resolve><wsa:EndpointReference><wsa:Address>${escapeXml(endpoint)}</wsa:Address></wsa:EndpointReference></wsd:Resolve>`);
}

export interface WsdMessage {
  action: string;
  messageId?: string;
  relatesTo?: string;
  /** ProbeMatch or ResolveMatch elements, at most 16. */
  matches: WsdMatch[];
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, MAX_VALUE) : undefined);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
/** A whitespace-separated list element (Types, Scopes, XAddrs), bounded. */
const items = (v: unknown): string[] => [...new Set(asList(v).flatMap((x) => (typeof x === 'string' ? x.split(/\s+/) : [])).filter(Boolean))].slice(0, MAX_ITEMS).map((s) => s.slice(0, MAX_VALUE));

function matchOf(m: unknown): WsdMatch | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const o = m as Record<string, unknown>;
  const epr = o.EndpointReference as Record<string, unknown> | undefined;
  const match: WsdMatch = { types: items(o.Types), scopes: items(o.Scopes), xaddrs: items(o.XAddrs) };
  const address = text(epr && typeof epr === 'object' ? epr.Address : undefined)?.trim();
  if (address) match.address = address;
  const version = Number(text(o.MetadataVersion));
  if (Number.isSafeInteger(version) && version >= 0) match.metadataVersion = version;
  return match;
}

const parser = new XMLParser({
  // Local names: prefixes differ between wsdd (wsd:, wsa:), ONVIF cameras (d:, a:, SOAP-ENV:) and Windows.
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['ProbeMatch', 'ResolveMatch', 'Types', 'Scopes', 'XAddrs'].includes(name),
});

/** Parses one datagram; throws on anything that is not a SOAP envelope with a WS-Addressing Action. */
export function parseMessage(buf: Buffer): WsdMessage {
  if (buf.length > MAX_DATAGRAM_BYTES) throw new Error(`datagram of ${buf.length} bytes, over ${MAX_DATAGRAM_BYTES}`);
  const xml = buf.toString('utf8');
  // No DTDs: entity definitions are how XML bombs are built, and SOAP forbids them.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('DTDs are not accepted in a SOAP message');
  const doc = parser.parse(xml) as { Envelope?: { Header?: Record<string, unknown>; Body?: Record<string, unknown> } };
  const header = doc?.Envelope?.Header;
  const action = text(header?.Action)?.trim();
  if (!header || typeof header !== 'object' || !action) throw new Error('not a SOAP envelope with a wsa:Action');
  const body = doc.Envelope!.Body;
  const container = body && typeof body === 'object' ? (body.ProbeMatches ?? body.ResolveMatches) : undefined;
  const raw = container && typeof container === 'object' ? asList((container as Record<string, unknown>).ProbeMatch ?? (container as Record<string, unknown>).ResolveMatch) : [];
  const message: WsdMessage = { action, matches: raw.slice(0, MAX_MATCHES).flatMap((m) => matchOf(m) ?? []) };
  const messageId = text(header.MessageID)?.trim();
  if (messageId) message.messageId = messageId;
  const relatesTo = text(header.RelatesTo)?.trim();
  if (relatesTo) message.relatesTo = relatesTo;
  return message;
}

const ONVIF_SCOPE = /^onvif:\/\/www\.onvif\.org\/([^/]+)\/(.+)$/i;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The ONVIF scopes among `scopes`; undefined when there are none. */
export function onvifScopes(scopes: readonly string[]): OnvifScopes | undefined {
  const out: OnvifScopes = {};
  const push = (key: 'locations' | 'types' | 'profiles', v: string): void => void (out[key] ??= []).push(v);
  for (const scope of scopes) {
    const m = ONVIF_SCOPE.exec(scope);
    if (!m) continue;
    const value = decode(m[2]!);
    switch (m[1]!.toLowerCase()) {
      case 'hardware':
        out.hardware ??= value;
        break;
      case 'name':
        out.name ??= value;
        break;
      case 'location':
        push('locations', value);
        break;
      case 'type':
        push('types', value);
        break;
      case 'profile':
        push('profiles', value);
        break;
    }
  }
  return Object.keys(out).length ? out : undefined;
}
