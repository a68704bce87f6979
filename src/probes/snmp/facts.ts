import { enterpriseOf } from './enterprises.js';
import type { Varbind } from './varbinds.js';

export const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
export const SYS_OBJECT_ID = '1.3.6.1.2.1.1.2.0';
export const SYS_NAME = '1.3.6.1.2.1.1.5.0';

export interface DeviceFacts {
  hostname?: string;
  manufacturer?: string;
  model?: string;
  os?: string;
}

/** Patterns over sysDescr; the first that matches names what it can. */
const DESCR_RULES: Array<{ re: RegExp; facts: (m: RegExpExecArray) => DeviceFacts }> = [
  { re: /Cisco IOS(?: XE)? Software.*?,\s*([\w-]+) Software.*?Version ([\w.()]+)/s, facts: (m) => ({ manufacturer: 'Cisco', os: `Cisco IOS ${m[2]}`, model: m[1]! }) },
  { re: /Cisco (?:Adaptive Security Appliance|NX-OS)/, facts: () => ({ manufacturer: 'Cisco' }) },
  { re: /JETDIRECT,(JD\d+)/, facts: (m) => ({ manufacturer: 'HP', model: `JetDirect ${m[1]}` }) },
  { re: /^HP ([\w -]+?)(?:,|;|$)/, facts: (m) => ({ manufacturer: 'HP', model: m[1]!.trim() }) },
  { re: /Synology (\w+[+]?)/, facts: (m) => ({ manufacturer: 'Synology', model: m[1]!, os: 'Linux (DSM)' }) },
  { re: /RouterOS\s*(\S+)?/, facts: (m) => ({ manufacturer: 'MikroTik', os: m[1] ? `RouterOS ${m[1]}` : 'RouterOS' }) },
  { re: /Hardware: .*Software: Windows Version ([\d.]+)/s, facts: (m) => ({ manufacturer: 'Microsoft', os: `Windows ${m[1]}` }) },
  { re: /^Linux \S+ (\d[\w.+-]*)/, facts: (m) => ({ os: `Linux ${m[1]}` }) },
  { re: /^FreeBSD \S+ (\d[\w.-]*)/, facts: (m) => ({ os: `FreeBSD ${m[1]}` }) },
  { re: /^(Brother|Canon|EPSON|Xerox|Lexmark|KYOCERA|RICOH) ([\w -]+)/i, facts: (m) => ({ manufacturer: m[1]!, model: m[2]!.trim() }) },
];

export function factsFromSysDescr(descr: string): DeviceFacts {
  for (const rule of DESCR_RULES) {
    const m = rule.re.exec(descr);
    if (m) return rule.facts(m);
  }
  return {};
}

/** Asset facts from the system group: sysName, sysObjectID's enterprise, sysDescr. */
export function snmpFacts(varbinds: readonly Varbind[]): DeviceFacts {
  const text = (oid: string): string | undefined => {
    const vb = varbinds.find((v) => v.oid === oid);
    return vb && typeof vb.value === 'string' && vb.encoding !== 'hex' && vb.value.trim() ? vb.value.trim() : undefined;
  };
  const facts: DeviceFacts = {};
  const name = text(SYS_NAME);
  if (name) facts.hostname = name;
  const objectId = text(SYS_OBJECT_ID);
  const enterprise = objectId ? enterpriseOf(objectId) : undefined;
  if (enterprise?.manufacturer) facts.manufacturer = enterprise.manufacturer;
  const descr = text(SYS_DESCR);
  if (descr) {
    const fromDescr = factsFromSysDescr(descr);
    // The enterprise number is the device's own claim; sysDescr only fills what it leaves open.
    Object.assign(facts, { ...fromDescr, ...facts });
  }
  return facts;
}
