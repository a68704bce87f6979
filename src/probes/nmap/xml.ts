import { XMLParser } from 'fast-xml-parser';

/** nmap's `-oX` output as JSON: only what service/version detection tells. Pure; fixtures are recorded runs. */

/** One port as nmap's service/version detection saw it. */
export interface NmapPort {
  port: number;
  protocol: string;
  /** open, closed, filtered, … as nmap says. */
  state: string;
  reason?: string;
  name?: string;
  product?: string;
  version?: string;
  extrainfo?: string;
  ostype?: string;
  devicetype?: string;
  cpe: string[];
  /** `probed` (a probe matched) or `table` (guessed from the port number). */
  method?: string;
  /** nmap's confidence, 0–10. @isInt */
  conf?: number;
}

export interface NmapHost {
  address: string;
  state: string;
  timedOut: boolean;
  ports: NmapPort[];
}

export interface NmapRun {
  version?: string;
  hosts: NmapHost[];
  /** `success` or `error`, from runstats. */
  exit?: string;
  errorMessage?: string;
  elapsedSeconds?: number;
}

type Node = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

function parsePort(p: Node): NmapPort {
  const state = (p.state ?? {}) as Node;
  const service = (p.service ?? {}) as Node;
  const out: NmapPort = { port: Number(p.portid), protocol: str(p.protocol) ?? 'tcp', state: str(state.state) ?? 'unknown', cpe: [] };
  const reason = str(state.reason);
  if (reason) out.reason = reason;
  for (const k of ['name', 'product', 'version', 'extrainfo', 'ostype', 'devicetype', 'method'] as const) {
    const v = str(service[k]);
    if (v) out[k] = v.slice(0, 256);
  }
  if (service.conf !== undefined) out.conf = Number(service.conf);
  const cpe = service.cpe;
  out.cpe = (Array.isArray(cpe) ? cpe : cpe === undefined ? [] : [cpe]).map((c) => String(typeof c === 'object' && c !== null ? (c as Node)['#text'] : c)).filter(Boolean);
  return out;
}

export function parseNmapXml(xml: string): NmapRun {
  if (/<!ENTITY/i.test(xml)) throw new Error('entity definitions are not accepted');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name) => name === 'host' || name === 'port' || name === 'cpe' || name === 'address',
  });
  const doc = parser.parse(xml) as { nmaprun?: Node };
  const run = doc.nmaprun;
  if (!run || typeof run !== 'object') throw new Error('not nmap XML output (no nmaprun element)');
  const hosts = ((run.host as Node[] | undefined) ?? []).map((h): NmapHost => {
    const address = ((h.address as Node[] | undefined) ?? []).find((a) => a.addrtype === 'ipv4' || a.addrtype === 'ipv6');
    const ports = (((h.ports as Node | undefined)?.port as Node[] | undefined) ?? []).map(parsePort);
    return { address: str(address?.addr) ?? '', state: str((h.status as Node | undefined)?.state) ?? 'unknown', timedOut: h.timedout === 'true', ports };
  });
  const finished = ((run.runstats as Node | undefined)?.finished ?? {}) as Node;
  const out: NmapRun = { hosts };
  const version = str(run.version);
  if (version) out.version = version;
  const exit = str(finished.exit);
  if (exit) out.exit = exit;
  const errorMessage = str(finished.errormsg);
  if (errorMessage) out.errorMessage = errorMessage;
  if (finished.elapsed !== undefined) out.elapsedSeconds = Number(finished.elapsed);
  return out;
}

/** Packets nmap's trace shows: a TCP connect per traced connection request, one per write. */
export function countTracedPackets(stderr: string): number {
  return (stderr.match(/nsock_connect_tcp\(\)|nsock_write\(\): Write request/g) ?? []).length;
}
