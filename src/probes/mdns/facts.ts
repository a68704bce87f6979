import type { Service } from '../../api/model.js';
import type { AnswerText } from '../answer.js';
import type { DeviceFacts } from '../snmp/facts.js';
import type { MdnsService } from './codec.js';
import type { MdnsData } from './data.js';

/** TXT keys that name a model or maker: Cast (md), IPP/printers (ty, product, usb_MDL/MFG), AirPlay (model). */
function modelOf(txt: MdnsService['txt']): string | undefined {
  for (const key of ['md', 'ty', 'model', 'product', 'usb_MDL']) {
    const v = txt[key];
    if (typeof v === 'string' && v.trim()) return v.trim().replace(/^\((.*)\)$/, '$1');
  }
  return undefined;
}

function manufacturerOf(txt: MdnsService['txt']): string | undefined {
  for (const key of ['usb_MFG', 'mfg', 'manufacturer']) {
    const v = txt[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return undefined;
}

const stripLocal = (host: string): string => host.replace(/\.$/, '').replace(/\.local$/i, '');

/** The TXT strings as sent (`key=value`, or a bare key), for the fingerprints. */
function txtLines(txt: MdnsService['txt']): string[] {
  return Object.entries(txt).map(([k, v]) => (v === true ? k : v === false ? '' : `${k}=${v}`)).filter(Boolean);
}

/** Each service's TXT for the fingerprints: `_device-info` string by string (as Recog reads it), every other service whole. */
function mdnsAnswers(services: readonly MdnsService[]): AnswerText[] {
  return services.flatMap((s): AnswerText[] => {
    const type = s.type.replace(/\.local\.?$/i, '');
    const lines = txtLines(s.txt);
    if (!lines.length) return [];
    if (type === '_device-info._tcp') return lines.map((text) => ({ matches: 'mdns.device-info.txt', text }));
    return [{ matches: 'mdns.txt', text: [`service=${type}`, ...lines].join('\n') }];
  });
}

export function mdnsFacts(data: MdnsData): DeviceFacts & { services: Service[]; answers: AnswerText[] } {
  const facts: DeviceFacts & { services: Service[]; answers: AnswerText[] } = { services: [], answers: mdnsAnswers(data.services) };
  const host = data.services.find((s) => s.host)?.host ?? data.hostnames[0];
  if (host) facts.hostname = stripLocal(host);
  for (const s of data.services) {
    facts.model ??= modelOf(s.txt);
    facts.manufacturer ??= manufacturerOf(s.txt);
    const m = /^_([^.]+)\._(tcp|udp)\./.exec(s.type);
    if (s.port === undefined || !m) continue;
    const service: Service = { port: s.port, protocol: m[2] as 'tcp' | 'udp', name: m[1]! };
    const product = modelOf(s.txt);
    if (product) service.product = product;
    facts.services.push(service);
  }
  if (facts.model === undefined) delete facts.model;
  if (facts.manufacturer === undefined) delete facts.manufacturer;
  return facts;
}
