import type { ProbeResult } from '../api/model.js';
import type { Probe, ResultFacts } from './probe.js';
import { classifyProbe } from './classify/probe.js';
import { mdnsProbe } from './mdns/probe.js';
import { snmpProbe } from './snmp/probe.js';
import { ssdpProbe } from './ssdp/probe.js';
import { tcpBannerProbe } from './tcp-banner/probe.js';
import { wsDiscoveryProbe } from './ws-discovery/probe.js';

/** The one list of probes. Adding a probe means adding it here, and nowhere else. */
export const PROBES: readonly Probe<never, unknown>[] = [tcpBannerProbe as Probe<never, unknown>, snmpProbe as Probe<never, unknown>, mdnsProbe as Probe<never, unknown>, ssdpProbe as Probe<never, unknown>, wsDiscoveryProbe as Probe<never, unknown>, classifyProbe as Probe<never, unknown>];

export function findProbe(type: string): Probe<Record<string, unknown>, unknown> | undefined {
  return PROBES.find((p) => p.type === type) as Probe<Record<string, unknown>, unknown> | undefined;
}

/** What a result says about its asset, as its probe reads its data; none for a result without data. */
export function factsOf(r: Pick<ProbeResult, 'probe' | 'status' | 'data' | 'port' | 'protocol'>): ResultFacts | undefined {
  if (r.status !== 'ok' || !r.data) return undefined;
  return findProbe(r.probe)?.facts(r.data, { ...(r.port !== undefined ? { port: r.port } : {}), ...(r.protocol ? { protocol: r.protocol } : {}) });
}
