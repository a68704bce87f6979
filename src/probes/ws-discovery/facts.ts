import type { Service } from '../../api/model.js';
import type { AnswerText } from '../answer.js';
import type { WsDiscoveryData } from './data.js';

/** Device types by the local name of a WS-Discovery type or an ONVIF `type/` scope (names as Recog's `hw.device`). */
const DEVICE_TYPES: Readonly<Record<string, string>> = {
  networkvideotransmitter: 'IP Camera',
  video_encoder: 'IP Camera',
  printdevicetype: 'Printer',
  scandevicetype: 'Scanner',
  computer: 'Computer',
};

const localName = (qname: string): string => qname.slice(qname.lastIndexOf(':') + 1).toLowerCase();

export interface WsDiscoveryFacts {
  stated: { model?: string; type?: string };
  services: Service[];
  answers: AnswerText[];
}

/**
 * The model from ONVIF's `hardware` scope; the type from the types the device declares (or its
 * ONVIF `type` scopes); services: WS-Discovery itself on 3702/udp and the XAddrs' ports on the
 * device. ONVIF's `name` scope is the device's searchable, user-settable name (ONVIF Core), not its
 * maker nor a host name: it stays in data and goes to the fingerprints with the other scopes.
 */
export function wsDiscoveryFacts(data: WsDiscoveryData): WsDiscoveryFacts {
  const types = [...new Set(data.matches.flatMap((m) => m.types))];
  const scopes = [...new Set(data.matches.flatMap((m) => m.scopes))];
  const stated: WsDiscoveryFacts['stated'] = {};
  if (data.onvif?.hardware) stated.model = data.onvif.hardware;
  const type = [...types.map(localName), ...(data.onvif?.types ?? []).map((t) => t.toLowerCase())].map((t) => DEVICE_TYPES[t]).find(Boolean);
  if (type) stated.type = type;
  const services: Service[] = [{ port: 3702, protocol: 'udp', name: 'ws-discovery' }, ...data.endpoints.map((e) => ({ ...e }))];
  const answers: AnswerText[] = [];
  if (types.length) answers.push({ matches: 'wsd.types', text: types.join(' '), service: { port: 3702, protocol: 'udp' } });
  if (scopes.length) answers.push({ matches: 'wsd.scopes', text: scopes.join('\n'), service: { port: 3702, protocol: 'udp' } });
  return { stated, services, answers };
}
