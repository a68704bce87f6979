import type { Asset, Confidence, ProbeResult, Scan, Service } from '../api/model.js';
import type { NmapData } from '../probes/nmap/types.js';
import type { NmapPort } from '../probes/nmap/xml.js';
import type { SnmpData } from '../probes/snmp/data.js';
import type { BannerData } from '../probes/tcp-banner/data.js';

/**
 * A scan as `nmap -oX` writes one, so that tools built on nmap's XML (ndiff, python-libnmap,
 * nmap.xsl) read what the service knows as they read nmap's: per address its status, addresses
 * (the MAC with the manufacturer as nmap's `vendor`), hostnames, ports (closed and filtered ports
 * above nmap's threshold folded into `extraports`, as nmap does), each open port's service with
 * `extrainfo`/`ostype`/`devicetype`/`hostname` and `cpe`, a `script` element for what it said (the
 * banner, SNMP's system group), the asset's OS as `os/osmatch` and the round
 * trips as `times`. The run is ours: `scanner="pscan"` and the service's version. Pure.
 */

const STATE_RANK: Record<string, number> = { open: 3, 'open|filtered': 2, closed: 1, filtered: 0 };

/** nmap folds a port state into `extraports` when more than this many ports share it (without -v; output.cc, isIgnoredState). */
export const EXTRAPORTS_THRESHOLD = 25;

/** How sure an `osmatch` is, from how sure the fact is: what the device states > a registry > an inference. */
const ACCURACY: Record<Confidence, number> = { stated: 100, registry: 90, inferred: 80 };

/** SNMP's system group (RFC 3418), as nmap's snmp scripts name its values. */
const SYSTEM_GROUP: Record<string, string> = {
  '1.3.6.1.2.1.1.1.0': 'sysDescr',
  '1.3.6.1.2.1.1.2.0': 'sysObjectID',
  '1.3.6.1.2.1.1.3.0': 'sysUpTime',
  '1.3.6.1.2.1.1.4.0': 'sysContact',
  '1.3.6.1.2.1.1.5.0': 'sysName',
  '1.3.6.1.2.1.1.6.0': 'sysLocation',
  '1.3.6.1.2.1.1.7.0': 'sysServices',
};

type Protocol = 'tcp' | 'udp';

interface Script {
  id: string;
  output: string;
  elems?: Array<[string, string]>;
}

interface PortView {
  protocol: Protocol;
  port: number;
  state: string;
  reason: string;
  /** The last answer's banner data on this port, if it gave one. */
  banner?: BannerData;
  /** What nmap's own version detection said of this port. */
  nmap?: NmapPort;
  /** The last answer's script. */
  script?: Script;
  /** Results on this port, by seq: to tell which facts came from it. */
  seqs: Set<number>;
}

/** nmap's state and reason for one result; undefined for a result that says nothing of the port (an internal error). */
function portState(r: ProbeResult, protocol: Protocol): { state: string; reason: string } | undefined {
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
function xmlText(value: string | number, inAttribute: boolean): string {
  const text = String(value)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  return inAttribute ? text.replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;') : text;
}
const attr = (value: string | number): string => xmlText(value, true);

const element = (name: string, attrs: Record<string, string | number | undefined>, children?: string): string => {
  const text = Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${attr(v!)}"`)
    .join('');
  return children === undefined ? `<${name}${text}/>` : `<${name}${text}>${children}</${name}>`;
};

const epoch = (iso: string | undefined): number | undefined => (iso ? Math.floor(Date.parse(iso) / 1000) : undefined);
const addrType = (ip: string): string => (ip.includes(':') ? 'ipv6' : 'ipv4');
const protocolOf = (r: ProbeResult): Protocol => r.protocol ?? (r.probe === 'tcp-banner' ? 'tcp' : 'udp');
const isNmapData = (d: unknown): d is NmapData => typeof d === 'object' && d !== null && 'nmap' in d;

/**
 * A CPE 2.3 formatted string (`cpe:2.3:a:openbsd:openssh:9.2p1:*:*:*:*:*:*:*`) in the URI form
 * nmap writes and its tools parse (`cpe:/a:openbsd:openssh:9.2p1`), per NISTIR 7695's binding:
 * `*` is empty, quoted characters are percent-encoded, trailing empty parts dropped, the extended
 * attributes packed into `edition` as `~edition~sw~target_sw~target_hw~other`. Anything that is not
 * a 2.3 formatted string is returned as it is.
 */
export function cpeUri(cpe: string): string {
  if (!cpe.startsWith('cpe:2.3:')) return cpe;
  const parts: string[] = [];
  let cur = '';
  for (let i = 'cpe:2.3:'.length; i < cpe.length; i++) {
    const c = cpe[i]!;
    if (c === '\\' && i + 1 < cpe.length) cur += c + cpe[++i]!;
    else if (c === ':') {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  const bind = (v: string | undefined): string => {
    if (v === undefined || v === '*' || v === '') return '';
    if (v === '-') return '-';
    let out = '';
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (c === '\\' && i + 1 < v.length) {
        const q = v[++i]!;
        out += /[A-Za-z0-9_.-]/.test(q) ? q : `%${q.charCodeAt(0).toString(16).padStart(2, '0')}`;
      } else if (c === '?') out += '%01';
      else if (c === '*') out += '%02';
      else out += c;
    }
    return out.toLowerCase();
  };
  const [part, vendor, product, version, update, edition, language, swEdition, targetSw, targetHw, other] = parts.map(bind);
  const extended = [swEdition, targetSw, targetHw, other].some(Boolean) ? `~${edition}~${swEdition}~${targetSw}~${targetHw}~${other}` : edition;
  const fields = [part, vendor, product, version, update, extended, language];
  while (fields.length > 1 && !fields.at(-1)) fields.pop();
  return `cpe:/${fields.join(':')}`;
}

const cpeElements = (cpes: readonly string[] | undefined): string => [...new Set((cpes ?? []).map(cpeUri))].map((c) => element('cpe', {}, xmlText(c, false))).join('');

function scriptElement(s: Script): string {
  return element('script', { id: s.id, output: s.output }, s.elems?.length ? s.elems.map(([k, v]) => element('elem', { key: k }, xmlText(v, false))).join('') : undefined);
}

/**
 * What a port's answer said, as the nmap script that reports the same thing names it: one script
 * per port, because ndiff (Debian's 7.93) fails on a port with two (it sorts them and cannot
 * compare them). A banner is `banner` (for HTTP and RTSP, the answer to the one request sent);
 * SNMP's system group is `snmp-sysdescr`, sysDescr first and the other values indented below, as
 * nmap's script adds the uptime, each value also an `elem`.
 */
function scriptOf(r: ProbeResult): Script | undefined {
  if (r.status !== 'ok' || !r.data) return undefined;
  if (r.probe === 'tcp-banner' && !isNmapData(r.data)) {
    const banner = (r.data as BannerData).banner?.trimEnd();
    return banner ? { id: 'banner', output: banner } : undefined;
  }
  if (r.probe === 'snmp') {
    const values: Array<[string, string]> = [];
    for (const vb of (r.data as SnmpData).varbinds ?? []) {
      const name = SYSTEM_GROUP[vb.oid];
      if (name && vb.value !== null) values.push([name, String(vb.text ?? vb.value)]);
    }
    if (!values.length) return undefined;
    const descr = values.find(([k]) => k === 'sysDescr')?.[1];
    const rest = values.filter(([k]) => k !== 'sysDescr').map(([k, v]) => `  ${k}: ${v}`);
    return { id: 'snmp-sysdescr', output: [...(descr !== undefined ? [descr] : []), ...rest].join('\n'), elems: values };
  }
  return undefined;
}

function extrainfo(s: Service | undefined, p: PortView): string | undefined {
  const ssh = p.banner?.ssh;
  const parts = [s?.vendor && !s.product?.includes(s.vendor) ? s.vendor : undefined, ssh?.comments, ssh?.protocol ? `protocol ${ssh.protocol}` : undefined, p.banner?.http?.realm ? `realm ${p.banner.http.realm}` : undefined].filter(Boolean);
  return parts.length ? parts.join('; ') : p.nmap?.extrainfo;
}

function serviceElement(s: Service | undefined, p: PortView, asset: Asset | undefined): string {
  const name = s?.name ?? p.nmap?.name;
  const product = s?.product ?? p.nmap?.product;
  if (!name && !product) return '';
  // `probed` and conf 10 as nmap says of a service its probes identified; a bare name is a guess from the port number.
  const probed = Boolean(product || s?.version || s?.banner || p.banner?.banner);
  // The asset's hostname belongs to this service when the answer that gave it came from this port (sysName on udp/161, an SMTP greeting).
  const hostSeq = asset?.sources?.hostname?.seq;
  return element(
    'service',
    {
      name: name ?? 'unknown',
      product,
      version: s?.version ?? p.nmap?.version,
      extrainfo: extrainfo(s, p),
      hostname: hostSeq !== undefined && p.seqs.has(hostSeq) ? asset?.hostname : undefined,
      ostype: p.banner?.os ?? p.nmap?.ostype,
      devicetype: asset?.type ?? p.nmap?.devicetype,
      method: probed ? 'probed' : 'table',
      conf: probed ? 10 : 3,
    },
    cpeElements([...(s?.cpe ?? []), ...(p.nmap?.cpe ?? [])]) || undefined,
  );
}

/** `1,2,3,7` → `1-3,7`, as nmap writes a port list. */
function portRanges(ports: number[]): string {
  const sorted = [...ports].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

function extraportsElement(state: string, ports: PortView[]): string {
  const reasons = new Map<string, PortView[]>();
  for (const p of ports) {
    const key = `${p.reason}\u0000${p.protocol}`;
    reasons.set(key, [...(reasons.get(key) ?? []), p]);
  }
  const children = [...reasons.values()].map((list) => element('extrareasons', { reason: list[0]!.reason, count: list.length, proto: list[0]!.protocol, ports: portRanges(list.map((p) => p.port)) }));
  return element('extraports', { state, count: ports.length }, `\n${children.join('\n')}\n`);
}

function osElement(asset: Asset | undefined): string {
  if (!asset?.os) return '';
  const source = asset.sources?.os;
  const main = { name: asset.os, confidence: source?.confidence ?? 'inferred', source: source?.source, fingerprint: source?.fingerprint };
  const claims = [main, ...(source?.others ?? []).filter((o) => o.value !== asset.os).map((o) => ({ name: o.value, confidence: o.confidence, source: o.source, fingerprint: o.fingerprint }))];
  // The asset's CPE names of its OS and hardware, under the OS that won, as nmap puts them in osclass.
  const cpe = (asset.cpe ?? []).map(cpeUri);
  const system = cpe.map((c) => c.split(':')).find((f) => f[1] === '/o' || f[1] === '/h');
  const osclass = system
    ? element('osclass', { type: asset.type, vendor: system[2] ?? '', osfamily: system[3] ?? '', osgen: system[4], accuracy: ACCURACY[main.confidence] }, cpeElements(asset.cpe))
    : '';
  const matches = claims.map((c, i) =>
    // `source` (and the fingerprint) name where the OS came from: pScan's addition, which nmap's tools ignore.
    element('osmatch', { name: c.name, accuracy: ACCURACY[c.confidence], line: 0, source: c.source, fingerprint: c.fingerprint ? `${c.fingerprint.database}/${c.fingerprint.file}: ${c.fingerprint.description}` : undefined }, i === 0 && osclass ? osclass : undefined),
  );
  return element('os', {}, `\n${matches.join('\n')}\n`);
}

/** nmap's `times` in microseconds: the smoothed round trip and its variation over this host's answers, and the timeout each packet had. */
function timesElement(results: readonly ProbeResult[], timeoutMs: number): string {
  const rtts = results.flatMap((r) => (r.rttMs !== undefined && (r.status === 'ok' || r.status === 'closed') ? [r.rttMs * 1000] : []));
  if (!rtts.length) return '';
  const srtt = rtts.reduce((a, b) => a + b, 0) / rtts.length;
  const rttvar = rtts.reduce((a, b) => a + Math.abs(b - srtt), 0) / rtts.length;
  return element('times', { srtt: Math.round(srtt), rttvar: Math.round(rttvar), to: Math.round(timeoutMs * 1000) });
}

function hostElement(ip: string, results: readonly ProbeResult[], asset: Asset | undefined, timeoutMs: number): string {
  const ports = new Map<string, PortView>();
  for (const r of results) {
    if (r.port === undefined) continue;
    const protocol = protocolOf(r);
    const st = portState(r, protocol);
    const key = `${protocol}/${r.port}`;
    if (st) {
      const seen = ports.get(key);
      if (!seen) ports.set(key, { protocol, port: r.port, ...st, seqs: new Set() });
      else if (STATE_RANK[st.state]! > STATE_RANK[seen.state]!) Object.assign(seen, st);
    }
    const view = ports.get(key);
    if (!view) continue;
    view.seqs.add(r.seq);
    view.script = scriptOf(r) ?? view.script;
    if (r.status === 'ok' && r.probe === 'tcp-banner' && r.data && !isNmapData(r.data)) view.banner = r.data as BannerData;
  }
  // nmap's own version detection: its view of each port it saw open fills what the banners left out.
  for (const r of results) {
    if (r.status !== 'ok' || !isNmapData(r.data)) continue;
    for (const np of r.data.nmap.ports) {
      const view = ports.get(`${np.protocol === 'udp' ? 'udp' : 'tcp'}/${np.port}`);
      if (view && np.state === 'open') view.nmap = np;
    }
  }
  const answered = results.some((r) => r.status === 'ok' || r.status === 'closed' || r.status === 'malformed') || asset !== undefined;
  const times = results.map((r) => r.observedAt).sort();
  const addresses = [element('address', { addr: ip, addrtype: addrType(ip) })];
  if (asset?.mac) addresses.push(element('address', { addr: asset.mac.toUpperCase(), addrtype: 'mac', vendor: asset.manufacturer }));
  const hostnames = element('hostnames', {}, asset?.hostname ? element('hostname', { name: asset.hostname, type: 'user' }) : '');
  const all = [...ports.values()].sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port);
  const folded = new Set(['closed', 'filtered'].filter((state) => all.filter((p) => p.state === state).length > EXTRAPORTS_THRESHOLD));
  const extraports = [...folded]
    .map((state) => [state, all.filter((p) => p.state === state)] as const)
    .sort((a, b) => b[1].length - a[1].length)
    .map(([state, list]) => extraportsElement(state, list));
  const portList = all
    .filter((p) => !folded.has(p.state))
    .map((p) => {
      const service = p.state === 'open' ? serviceElement(asset?.services.find((s) => s.port === p.port && s.protocol === p.protocol), p, asset) : '';
      return element('port', { protocol: p.protocol, portid: p.port }, element('state', { state: p.state, reason: p.reason, reason_ttl: 0 }) + service + (p.script ? scriptElement(p.script) : ''));
    });
  const status = element('status', { state: answered ? 'up' : 'down', reason: answered ? 'response' : 'no-response', reason_ttl: 0 });
  const body = [status, ...addresses, hostnames, element('ports', {}, [...extraports, ...portList].length ? `${[...extraports, ...portList].join('\n')}\n` : ''), osElement(asset), timesElement(results, timeoutMs)].filter(Boolean);
  return element('host', { starttime: epoch(times[0]), endtime: epoch(times.at(-1)) }, `${body.join('\n')}\n`);
}

/** The nmap `-oX` document of a scan and its results; `version` is the service's. */
export function toNmapXml(scan: Scan, version: string): string {
  const byTarget = new Map<string, ProbeResult[]>();
  for (const r of scan.results) {
    const list = byTarget.get(r.target) ?? [];
    list.push(r);
    byTarget.set(r.target, list);
  }
  const assets = new Map(scan.assets.map((a) => [a.ip, a]));
  for (const ip of assets.keys()) if (!byTarget.has(ip)) byTarget.set(ip, []);
  const hosts = [...byTarget.entries()].map(([ip, results]) => hostElement(ip, results, assets.get(ip), scan.request.timing.timeoutMs));
  const up = hosts.filter((h) => h.includes('<status state="up"')).length;
  const scanned = (protocol: Protocol): number[] => [...new Set(scan.results.filter((r) => r.port !== undefined && protocolOf(r) === protocol).map((r) => r.port!))];
  const scaninfo = (['tcp', 'udp'] as const)
    .map((p) => [p, scanned(p)] as const)
    .filter(([, ports]) => ports.length)
    .map(([p, ports]) => element('scaninfo', { type: p === 'tcp' ? 'connect' : 'udp', protocol: p, numservices: ports.length, services: portRanges(ports) }));
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
