import { compactPorts } from '../probes/ports.js';
import { intOption, parseLabel, parsePorts, UsageError } from './args.js';
import { topPorts } from './top-ports.js';

type Json = Record<string, unknown>;

/** Parsed command-line values, by long option name. */
export type Values = Record<string, string | boolean | string[] | undefined>;

/** The SNMP probe the options name; what they leave out (operation, OIDs, port) the server fills with its documented defaults. */
function snmpProbe(values: Values): Json | undefined {
  const user = values['snmp-user'] as string | undefined;
  const port = intOption('snmp-port', values['snmp-port'] as string | undefined);
  if (values.snmp === undefined && user === undefined) {
    if (port !== undefined || values.oid !== undefined || values['snmp-op'] !== undefined) throw new UsageError('--snmp-port, --oid and --snmp-op need --snmp COMMUNITY or --snmp-user USER');
    return undefined;
  }
  const version = (values['snmp-version'] as string | undefined) ?? (user !== undefined ? '3' : undefined);
  const probe: Json = { type: 'snmp', ...(values['snmp-op'] ? { operation: values['snmp-op'] } : {}), ...(values.oid ? { oids: values.oid } : {}), ...(version ? { version } : {}), ...(port !== undefined ? { port } : {}) };
  if (typeof values.snmp === 'string') probe.community = values.snmp;
  if (version === '3') {
    if (user === undefined) throw new UsageError('SNMP v3 needs --snmp-user');
    const v3: Json = { user };
    const authKey = process.env.PSCAN_SNMP_AUTH_KEY;
    const privKey = process.env.PSCAN_SNMP_PRIV_KEY;
    if (values['snmp-auth-protocol']) v3.authProtocol = values['snmp-auth-protocol'];
    if (authKey) v3.authKey = authKey;
    if (values['snmp-priv-protocol']) v3.privProtocol = values['snmp-priv-protocol'];
    if (privKey) v3.privKey = privKey;
    probe.v3 = v3;
  }
  return probe;
}

/** The scan request the options describe. */
export function buildScan(values: Values, targets: string[]): Json {
  const probes: Json[] = [];
  const portSpec = (values.ports ?? values.banner) as string | undefined;
  const top = intOption('top-ports', values['top-ports'] as string | undefined);
  if (portSpec !== undefined && top !== undefined) throw new UsageError('give either -p or --top-ports');
  // As few items as name the ports: nmap's -p- is the one range "1-65535", a small request.
  const ports = portSpec !== undefined ? compactPorts(parsePorts(portSpec)) : top !== undefined ? compactPorts(topPorts(top)) : undefined;
  if (ports) probes.push({ type: 'tcp-banner', ports, ...(values.deep ? { additionalProbes: true } : {}) });
  else if (values.deep) throw new UsageError('--deep (-sV) needs ports: -p 22,80 or --top-ports N');
  const snmp = snmpProbe(values);
  if (snmp) probes.push(snmp);
  if (typeof values.mdns === 'string') probes.push({ type: 'mdns', name: values.mdns, ...(values.unicast ? { unicast: true } : {}) });
  if (values.ssdp) probes.push({ type: 'ssdp', mx: 1, fetchDescription: true, ...(values.unicast ? { unicast: true } : {}) });
  if (values.unicast && !values.mdns && !values.ssdp) throw new UsageError('--unicast applies to --mdns and --ssdp');
  if (typeof values.classify === 'string') probes.push({ type: 'classify', catalog: values.classify });
  const want = typeof values.want === 'string' ? values.want.split(',').map((w) => w.trim()).filter(Boolean) : [];
  if (probes.length === 0 && want.length === 0) throw new UsageError('give at least one probe (-p, --top-ports, --snmp, --snmp-user, --mdns, --ssdp, --classify) or --want');
  const timing: Json = {};
  for (const [flag, key] of [['timeout', 'timeoutMs'], ['count', 'count'], ['retries', 'retries'], ['rate', 'ratePerSecond']] as const) {
    const n = intOption(flag, values[flag] as string | undefined);
    if (n !== undefined) timing[key] = n;
  }
  if (values['no-discovery'] && values.discovery && values.discovery !== 'none') throw new UsageError('-Pn and --discovery auto contradict each other');
  const discovery = values['no-discovery'] ? 'none' : (values.discovery as string | undefined);
  const labels = Object.fromEntries(((values.label as string[] | undefined) ?? []).map((l) => parseLabel(l, '=:')));
  const webhook = typeof values.webhook === 'string' ? { url: values.webhook, ...(values['webhook-secret'] ? { secret: values['webhook-secret'] } : {}) } : undefined;
  if (values['webhook-secret'] && !webhook) throw new UsageError('--webhook-secret needs --webhook');
  return {
    targets,
    ...(probes.length ? { probes } : {}),
    ...(want.length ? { want } : {}),
    ...(Object.keys(timing).length ? { timing } : {}),
    ...(discovery ? { discovery } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(webhook ? { webhook } : {}),
  };
}

