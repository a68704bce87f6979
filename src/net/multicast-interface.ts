import { readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import os from 'node:os';

/** The interface of the IPv4 default route, from /proc/net/route (Linux); undefined elsewhere. */
function defaultRouteInterface(): string | undefined {
  try {
    const lines = readFileSync('/proc/net/route', 'utf8').trim().split('\n').slice(1);
    return lines.map((l) => l.split(/\s+/)).find((f) => f[1] === '00000000')?.[0];
  } catch {
    return undefined;
  }
}

/**
 * The IPv4 address multicast probes send from. `setting` (PSCAN_INTERFACE) is an interface name
 * or one of this machine's IPv4 addresses; unset, the default route's interface, else the first
 * non-loopback interface. Throws when the setting names nothing on this machine; returns
 * undefined when unset and there is no usable interface (multicast probes then fail clearly).
 */
export function resolveMulticastInterface(setting: string | undefined, interfaces = os.networkInterfaces(), defaultIf = defaultRouteInterface()): string | undefined {
  const v4 = (name: string): string | undefined => interfaces[name]?.find((a) => a.family === 'IPv4')?.address;
  if (setting) {
    if (isIPv4(setting)) {
      const owned = Object.values(interfaces).some((list) => list?.some((a) => a.address === setting));
      if (!owned) throw new Error(`setting interface (PSCAN_INTERFACE): ${setting} is not an address of this machine`);
      return setting;
    }
    const address = v4(setting);
    if (!address) throw new Error(`setting interface (PSCAN_INTERFACE): no interface "${setting}" with an IPv4 address here`);
    return address;
  }
  if (defaultIf && v4(defaultIf)) return v4(defaultIf);
  const first = Object.entries(interfaces).find(([, list]) => list?.some((a) => a.family === 'IPv4' && !a.internal));
  return first ? v4(first[0]) : undefined;
}
