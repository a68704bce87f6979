import type { AssetChange, ChangeKind, ChangeSide, Observation, ServiceState } from '../api/model.js';

export const CHANGE_KINDS: readonly ChangeKind[] = [
  'asset.new',
  'service.opened',
  'service.closed',
  'service.changed',
  'mac.changed',
  'hostname.changed',
  'manufacturer.changed',
  'model.changed',
  'os.changed',
  'type.changed',
];

/** A port fact (`tcp/80`, `udp/161`), as opposed to a named fact. */
export const PORT_FACT = /^(tcp|udp)\/\d{1,5}$/;

function side(o: Observation): ChangeSide {
  const s: ChangeSide = { scanId: o.scanId, observedAt: o.observedAt };
  if (o.value !== undefined) s.value = o.value;
  if (o.source !== undefined) s.source = o.source;
  if (o.service) s.service = o.service;
  if (o.seq !== undefined) s.seq = o.seq;
  return s;
}

function sameValue(fact: string, a: string, b: string): boolean {
  // MACs are written in either case by different tools.
  return fact === 'mac' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * A service's identity changed only where both observations say something: a version the earlier
 * observation had (nmap) and this one lacks (a bare banner) is not a change, nor is one newly learnt.
 */
function serviceChanged(before: ServiceState, after: ServiceState): boolean {
  return (['name', 'product', 'version'] as const).some((k) => before[k] !== undefined && after[k] !== undefined && before[k] !== after[k]);
}

/**
 * What a scan's observations of one address change against the latest earlier observation of each
 * fact (`previous`: at most one per fact and source; for ports one per port).
 *
 * - Nothing observed before at all: one `asset.new`.
 * - Ports: only what the scan observed counts, and it observes `closed` only from a definite
 *   refusal (RST, ICMP port unreachable), never from a timeout, an unreachable host or a port it did
 *   not probe (the caller's observations hold nothing for those). Open after closed or never seen:
 *   `service.opened`; closed after open: `service.closed`; open with another name, product or
 *   version: `service.changed`.
 * - Facts are compared with the earlier value from the same source (an OUI vendor name and an SNMP
 *   one differ in spelling, not in truth); a fact no source ever gave before is reported with no
 *   `before`. A MAC change is `mac.changed`: another device, or a spoofer, on the address.
 */
export function diffAsset(ip: string, previous: readonly Observation[], current: readonly Observation[]): AssetChange[] {
  if (current.length === 0) return [];
  const first = current[0]!;
  const change = (kind: ChangeKind, fact: string | undefined, before: Observation | undefined, after: Observation): AssetChange => ({
    kind,
    ip,
    ...(fact !== undefined ? { fact } : {}),
    ...(before ? { before: side(before) } : {}),
    after: side(after),
    scanId: after.scanId,
    at: after.observedAt,
  });
  if (previous.length === 0) {
    const at = current.reduce((min, o) => (o.observedAt < min ? o.observedAt : min), first.observedAt);
    return [{ kind: 'asset.new', ip, scanId: first.scanId, at }];
  }
  const changes: AssetChange[] = [];
  for (const now of current) {
    if (now.service) {
      const was = previous.find((p) => p.fact === now.fact);
      const before = was?.service;
      if (now.service.state === 'open') {
        if (!before || before.state === 'closed') changes.push(change('service.opened', now.fact, was, now));
        else if (serviceChanged(before, now.service)) changes.push(change('service.changed', now.fact, was, now));
      } else if (before?.state === 'open') changes.push(change('service.closed', now.fact, was, now));
      continue;
    }
    if (now.value === undefined) continue;
    const sameSource = previous.find((p) => p.fact === now.fact && p.source === now.source);
    const kind = `${now.fact}.changed` as ChangeKind;
    if (sameSource?.value !== undefined) {
      if (!sameValue(now.fact, sameSource.value, now.value)) changes.push(change(kind, now.fact, sameSource, now));
    } else if (!previous.some((p) => p.fact === now.fact)) changes.push(change(kind, now.fact, undefined, now));
  }
  return changes;
}
