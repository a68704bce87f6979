import { type Config, ConfigError } from './config/config.js';
import { HostDiscovery } from './scans/host-discovery.js';
import { recentLocalLinks } from './net/links.js';
import { KernelNeighbours } from './net/neighbours.js';
import { RoundTripTimes } from './net/round-trip-times.js';
import { resolveMulticastInterface } from './net/multicast-interface.js';
import { type NetFactory, systemNet } from './probes/net.js';
import { detectNmap, type NmapInfo } from './probes/nmap-detect.js';
import type { ExecutionEnv, HostChecker } from './scans/probe-execution.js';
import { TargetSlots } from './scans/target-slots.js';
import { Scope } from './net/targets.js';

/** What a test may put in place of this machine's network. */
export interface HostOverrides {
  net?: NetFactory;
  discovery?: HostChecker;
}

/**
 * The part of an execution environment that belongs to this machine, the same for the API's own
 * runner and for a sensor: its sockets, neighbour table, links, measured round trips and multicast interface, the tools
 * it has, the per-device slots its scans share, and the scope of this host.
 */
export interface ExecutionHost extends Pick<ExecutionEnv, 'net' | 'discovery' | 'slots' | 'roundTripTimes' | 'multicastInterface' | 'nmap'> {
  /** What nmap detection found (for /readyz, `GET /v1/probes` and a sensor's tools). */
  nmapInfo: NmapInfo;
  /** The configured scope, with this host's own addresses refused unless allowed. */
  scope: Scope;
}

/** What the caller decides: the packet caps, the scope check, the catalogues, the logger and the limits. */
export type ExecutionPolicy = Omit<ExecutionEnv, keyof ExecutionHost>;

/** Builds this machine's part once; `interfaceName` is the multicast interface asked for (config or sensor flag). */
export async function buildExecutionHost(config: Config, interfaceName: string | undefined, overrides: HostOverrides = {}): Promise<ExecutionHost> {
  let multicastInterface: string | undefined;
  try {
    multicastInterface = resolveMulticastInterface(interfaceName);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  return {
    net: overrides.net ?? systemNet,
    discovery: overrides.discovery ?? new HostDiscovery(new KernelNeighbours(), recentLocalLinks(), config.discovery),
    slots: new TargetSlots(),
    roundTripTimes: new RoundTripTimes(config.probes.minRttTimeoutMs),
    multicastInterface,
    nmap: { path: config.probes.nmapPath, versionIntensity: config.probes.nmapVersionIntensity, hostTimeoutMs: config.probes.nmapHostTimeoutMs },
    nmapInfo: await detectNmap(config.probes.nmapPath),
    scope: Scope.ofThisHost(config.scope),
  };
}

/** One execution environment: this machine's part with the caller's policy. */
export function executionEnv(host: ExecutionHost, policy: ExecutionPolicy): ExecutionEnv {
  const { net, discovery, slots, roundTripTimes, multicastInterface, nmap } = host;
  return { net, discovery, slots, roundTripTimes, multicastInterface, nmap, ...policy };
}
