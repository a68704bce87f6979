import type { AnswerText } from '../answer.js';
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

/**
 * Enterprises whose numbers name the SNMP agent's software, not the device: a Linux box running
 * Net-SNMP answers with them whoever made it.
 */
const AGENT_SOFTWARE = new Set([8072, 2021]);

/**
 * What the system group says: sysName, and the maker of sysObjectID's enterprise number (the IANA
 * registry's name for it: the device names its maker by the number it answers with, so it counts
 * as stated, above a MAC's registry entry, which names the network chip's maker); sysDescr and
 * sysObjectID also go to the fingerprints, which read model, OS and maker from them.
 */
export function snmpFacts(varbinds: readonly Varbind[]): { stated: DeviceFacts; answers: AnswerText[] } {
  const text = (oid: string): string | undefined => {
    const vb = varbinds.find((v) => v.oid === oid);
    return vb && typeof vb.value === 'string' && vb.encoding !== 'hex' && vb.value.trim() ? vb.value.trim() : undefined;
  };
  const stated: DeviceFacts = {};
  const answers: AnswerText[] = [];
  const name = text(SYS_NAME);
  if (name) stated.hostname = name;
  const objectId = text(SYS_OBJECT_ID);
  if (objectId) {
    const enterprise = enterpriseOf(objectId);
    if (enterprise?.manufacturer && !AGENT_SOFTWARE.has(enterprise.number)) stated.manufacturer = enterprise.manufacturer;
    answers.push({ matches: 'snmp.sys_object_id', text: objectId.replace(/^\./, '') });
  }
  const descr = text(SYS_DESCR);
  if (descr) answers.push({ matches: 'snmp.sys_description', text: descr });
  return { stated, answers };
}
