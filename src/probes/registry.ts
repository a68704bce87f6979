import type { Probe } from './probe.js';
import { classifyProbe } from './classify/probe.js';
import { mdnsProbe } from './mdns/probe.js';
import { snmpProbe } from './snmp/probe.js';
import { ssdpProbe } from './ssdp/probe.js';
import { tcpBannerProbe } from './tcp-banner/probe.js';

/** The one list of probes. Adding a probe means adding it here, and nowhere else. */
export const PROBES: readonly Probe<never, unknown>[] = [tcpBannerProbe as Probe<never, unknown>, snmpProbe as Probe<never, unknown>, mdnsProbe as Probe<never, unknown>, ssdpProbe as Probe<never, unknown>, classifyProbe as Probe<never, unknown>];

export function findProbe(type: string): Probe<Record<string, unknown>, unknown> | undefined {
  return PROBES.find((p) => p.type === type) as Probe<Record<string, unknown>, unknown> | undefined;
}
