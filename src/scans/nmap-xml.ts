import type { Asset, ProbeResult, Scan, Service } from '../api/model.js';

/**
 * A scan as `nmap -oX` writes one (nmaprun/host/status/address/hostnames/ports/port/state/service,
 * runstats), so that tools that read nmap output can read pScan's: one host per address that has
 * results, its MAC (with the manufacturer as nmap's `vendor`) where known, one port per
 * (protocol, port) probed. Pure.
 */

const STATE_RANK: Record<string, number> = { open: 3, 'open|filtered': 2, closed: 1, filtered: 0 };

interface PortView {
  protocol: 'tcp' | 'udp';
  port: number;
  state: string;
  reason: string;
}

/** nmap's state and reason for one result; undefined for a result that says nothing of the port (an internal error). */
function portState(r: ProbeResult, protocol: 'tcp' | 'udp'): { state: string; reason: string } | undefined {
  switch (r.status) {
    case 'ok':
    case 'malformed':
      return { state: 'open', reason: protocol === 'tcp' ? 'syn-ack' : 'udp-response' };
    case 'closed':
      return { state: 'closed', reason: protocol === 'tcp' ? 'conn-refused' : 'port-unreach' };
    case 'timeout':
      return protocol === 'tcp' ? { state: 'filtered', reason: 'no-response' } : { state: 'open|filtered', reason: 'no-response' };
    case 'unreachable':
      return { state: 'filtered', reason: 'host-unreach' };
    default:
      return undefined;
  }
}

/** XML 1.0 cannot carry most control characters even escaped; nmap writes them as `\xNN`, and so does this. */
function attr(value: string | number): string {
  return String(value)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

const element = (name: string, attrs: Record<string, string | number | undefined>, children?: string): string => {
  const text = Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${attr(v!)}"`)
    .join('');
  return children === undefined ? `<${name}${text}/>` : `<${name}${text}>${children}</${name}>`;
};

const epoch = (iso: string | undefined): number | undefined => (iso ? Math.floor(Date.parse(iso) / 1000) : undefined);
const addrType = (ip: string): string => (ip.includes(':') ? 'ipv6' : 'ipv4');

function serviceElement(s: Service | undefined): string {
  if (!s?.name && !s?.product) return '';
  // `probed` and conf 10 as nmap says of a service its probes identified; a bare name is a guess from the port number.
  const probed = Boolean(s.product || s.version || s.banner);
  return element('service', { name: s.name ?? 'unknown', product: s.product, version: s.version, method: probed ? 'probed' : 'table', conf: probed ? 10 : 3 });
}

function hostElement(ip: string, results: readonly ProbeResult[], asset: Asset | undefined): string {
  const ports = new Map<string, PortView>();
  for (const r of results) {
    if (r.port === undefined) continue;
    const protocol = r.protocol ?? (r.probe === 'tcp-banner' ? 'tcp' : 'udp');
    const st = portState(r, protocol);
    if (!st) continue;
    const key = `${protocol}/${r.port}`;
    const seen = ports.get(key);
    if (!seen || STATE_RANK[st.state]! > STATE_RANK[seen.state]!) ports.set(key, { protocol, port: r.port, ...st });
  }
  const answered = results.some((r) => r.status === 'ok' || r.status === 'closed' || r.status === 'malformed') || asset !== undefined;
  const times = results.map((r) => r.observedAt).sort();
  const addresses = [element('address', { addr: ip, addrtype: addrType(ip) })];
  if (asset?.mac) addresses.push(element('address', { addr: asset.mac.toUpperCase(), addrtype: 'mac', vendor: asset.manufacturer }));
  const hostnames = element('hostnames', {}, asset?.hostname ? element('hostname', { name: asset.hostname, type: 'user' }) : '');
  const portList = [...ports.values()]
    .sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port)
    .map((p) => element('port', { protocol: p.protocol, portid: p.port }, element('state', { state: p.state, reason: p.reason, reason_ttl: 0 }) + (p.state === 'open' ? serviceElement(asset?.services.find((s) => s.port === p.port && s.protocol === p.protocol)) : '')))
    .join('\n');
  const status = element('status', { state: answered ? 'up' : 'down', reason: answered ? 'response' : 'no-response', reason_ttl: 0 });
  return element('host', { starttime: epoch(times[0]), endtime: epoch(times.at(-1)) }, `${status}\n${addresses.join('\n')}\n${hostnames}\n${element('ports', {}, portList ? `\n${portList}\n` : '')}\n`);
}

/** The nmap `-oX` document of a scan and its results. */
export function toNmapXml(scan: Scan, version: string): string {
  const byTarget = new Map<string, ProbeResult[]>();
  for (const r of scan.results) {
    const list = byTarget.get(r.target) ?? [];
    list.push(r);
    byTarget.set(r.target, list);
  }
  const assets = new Map(scan.assets.map((a) => [a.ip, a]));
  for (const ip of assets.keys()) if (!byTarget.has(ip)) byTarget.set(ip, []);
  const hosts = [...byTarget.entries()].map(([ip, results]) => hostElement(ip, results, assets.get(ip)));
  const up = hosts.filter((h) => h.includes('<status state="up"')).length;
  const scanned = (protocol: 'tcp' | 'udp'): number[] => [...new Set(scan.results.filter((r) => r.port !== undefined && (r.protocol ?? (r.probe === 'tcp-banner' ? 'tcp' : 'udp')) === protocol).map((r) => r.port!))].sort((a, b) => a - b);
  const scaninfo = (['tcp', 'udp'] as const)
    .map((p) => [p, scanned(p)] as const)
    .filter(([, ports]) => ports.length)
    .map(([p, ports]) => element('scaninfo', { type: p === 'tcp' ? 'connect' : 'udp', protocol: p, numservices: ports.length, services: ports.join(',') }));
  const start = epoch(scan.startedAt ?? scan.createdAt)!;
  const end = epoch(scan.finishedAt);
  const probes = scan.request.probes.map((p) => p.type).join(',');
  const finished = element('finished', {
    time: end,
    timestr: scan.finishedAt,
    elapsed: end !== undefined ? ((Date.parse(scan.finishedAt!) - Date.parse(scan.startedAt ?? scan.createdAt)) / 1000).toFixed(2) : undefined,
    summary: `pScan scan ${scan.id} ${scan.status}: ${hosts.length} host(s), ${up} up`,
    exit: scan.status === 'completed' ? 'success' : 'error',
    errormsg: scan.status === 'completed' ? undefined : (scan.error?.message ?? `the scan is ${scan.status}`),
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE nmaprun>',
    `<nmaprun scanner="pscan" args="${attr(`pscan scan ${scan.id} --probes ${probes} ${scan.request.targets.join(' ')}`)}" start="${start}" startstr="${attr(scan.startedAt ?? scan.createdAt)}" version="${attr(version)}" xmloutputversion="1.05">`,
    ...scaninfo,
    element('verbose', { level: 0 }),
    element('debugging', { level: 0 }),
    ...hosts,
    element('runstats', {}, `${finished}${element('hosts', { up, down: hosts.length - up, total: hosts.length })}`),
    '</nmaprun>',
    '',
  ].join('\n');
}
