import type { HostVerdict } from '../../src/scans/host-discovery.js';
import type { HostChecker } from '../../src/scans/probe-execution.js';
import type { Target } from '../../src/net/targets.js';

/** Host discovery for tests: a fixed verdict per address (alive unless listed dead), no packet sent. */
export function scriptedDiscovery(dead: readonly string[] = [], macs: Record<string, string> = {}): HostChecker & { checked: string[] } {
  const checked: string[] = [];
  return {
    checked,
    check: async (target: Target): Promise<HostVerdict> => {
      checked.push(target.ip);
      if (dead.includes(target.ip)) return { ip: target.ip, alive: false, method: 'neighbour', reason: 'no ARP answer (scripted)' };
      return { ip: target.ip, alive: true, method: 'neighbour', ...(macs[target.ip] ? { mac: macs[target.ip] } : {}) };
    },
  };
}
