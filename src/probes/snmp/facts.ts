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
 * What the system group says: sysName (stated), the maker the IANA registry gives sysObjectID's
 * enterprise number (a registry fact), and sysDescr and sysObjectID for the fingerprints, which
 * read model, OS and maker from them.
 */
export function snmpFacts(varbinds: readonly Varbind[]): { stated: DeviceFacts; registry: DeviceFacts; answers: AnswerText[] } {
  const text = (oid: string): string | undefined => {
    const vb = varbinds.find((v) => v.oid === oid);
    return vb && typeof vb.value === 'string' && vb.encoding !== 'hex' && vb.value.trim() ? vb.value.trim() : undefined;
  };
  const stated: DeviceFacts = {};
  const registry: DeviceFacts = {};
  const answers: AnswerText[] = [];
  const name = text(SYS_NAME);
  if (name) stated.hostname = name;
  const objectId = text(SYS_OBJECT_ID);
  if (objectId) {
    const enterprise = enterpriseOf(objectId);
    if (enterprise?.manufacturer) registry.manufacturer = enterprise.manufacturer;
    answers.push({ matches: 'snmp.sys_object_id', text: objectId.replace(/^\./, '') });
  }
  const descr = text(SYS_DESCR);
  if (descr) answers.push({ matches: 'snmp.sys_description', text: descr });
  return { stated, registry, answers };
}
