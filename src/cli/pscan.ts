import { parseArgs } from 'node:util';
import { sensorCommand } from './sensor.js';
import { tokenCommand } from './token.js';

const USAGE = `usage: pscan <command> [options]

  token  --scopes scans:read,scans:write [--sub NAME] [--ttl 1h]      print a JWT (server's secret)
  scan   --target T [--target T …] [probes] [--wait] [--json]          create a scan
         probes: --banner 22,80  --deep  --snmp COMMUNITY  --mdns NAME  --ssdp  --classify CATALOG (e.g. default)
         timing: --timeout MS  --count N  --retries N   other: --profile fragile  --label k=v
  watch  ID [--json]                                                    stream a scan's results (SSE)
  get    ID [--json]                                                    show a scan
  assets [IP] [--json]                                                  what scans have learned
  sensors [--json]                                                      live sensors and their sites
  sensor --site NAME --cidrs CIDR[,…] [--interface IF] [--queue URL]    run a sensor (see pscan sensor --help)

  --url URL    server (env PSCAN_URL, default http://127.0.0.1:8080)
  --token JWT  bearer token (env PSCAN_TOKEN)

exit codes: 0 done; 1 the scan failed or was cancelled; 2 usage; 3 the API refused the request
(its problem is printed); 4 the server could not be reached`;

export const EXIT = { ok: 0, scanFailed: 1, usage: 2, refused: 3, unreachable: 4 } as const;

class CliError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface Connection {
  url: string;
  token: string;
}

type Json = Record<string, unknown>;

async function api(conn: Connection, method: string, path: string, body?: unknown): Promise<Json> {
  let res: Response;
  try {
    res = await fetch(`${conn.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${conn.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch (err) {
    throw new CliError(EXIT.unreachable, `cannot reach ${conn.url}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`);
  }
  const text = await res.text();
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    throw new CliError(EXIT.refused, `${res.status} from ${path}: ${text.slice(0, 200)}`);
  }
  if (!res.ok) {
    const errors = Array.isArray(json.errors) ? (json.errors as Array<{ path: string; message: string }>).map((e) => `\n  ${e.path} ${e.message}`).join('') : '';
    throw new CliError(EXIT.refused, `${res.status} ${String(json.title ?? '')}: ${String(json.detail ?? text)}${errors}`);
  }
  return json;
}

/** Reads a scan's SSE stream, calling `onResult` per result; resolves with the final status. */
async function watchEvents(conn: Connection, id: string, onResult: (r: Json) => void): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${conn.url}/v1/scans/${id}/events`, { headers: { Authorization: `Bearer ${conn.token}`, Accept: 'text/event-stream' } });
  } catch (err) {
    throw new CliError(EXIT.unreachable, `cannot reach ${conn.url}: ${(err as Error).message}`);
  }
  if (!res.ok || !res.body) {
    const text = await res.text();
    throw new CliError(EXIT.refused, `${res.status}: ${text.slice(0, 300)}`);
  }
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || !data) continue;
      if (event === 'result') onResult(JSON.parse(data) as Json);
      if (event === 'end') return (JSON.parse(data) as { status: string }).status;
    }
  }
  throw new CliError(EXIT.unreachable, 'the event stream ended without an end event');
}

/** One line per result: what a person wants to read first. */
export function summarise(r: Json): string {
  const d = (r.data ?? {}) as Json;
  if (r.status !== 'ok') return String((r.error as Json | undefined)?.message ?? r.status);
  switch (r.probe) {
    case 'tcp-banner': {
      if (d.nmap) return ((d.nmap as Json).ports as Json[]).filter((p) => p.state === 'open').map((p) => `${p.port}/${p.name ?? '?'} ${p.product ?? ''} ${p.version ?? ''}`.trim()).join('; ') || 'nmap: no open port';
      const http = d.http as Json | undefined;
      return [d.service, d.product, d.version, http?.title ? `"${String(http.title)}"` : undefined].filter(Boolean).join(' ') || `open, ${String(d.bytes)} bytes`;
    }
    case 'snmp':
      return (d.varbinds as Json[]).map((v) => `${String(v.oid)}=${String(v.text ?? v.value)}`).join(' ').slice(0, 120);
    case 'mdns':
      return (d.services as Json[]).map((s) => `${String(s.instance)} (${String(s.type)}:${String(s.port ?? '?')})`).join('; ') || `${(d.records as unknown[]).length} records`;
    case 'ssdp':
      return `${(d.responses as Json[])[0]?.server ?? ''} ${((d.descriptions as Json[] | undefined) ?? []).map((x) => ((x.device as Json | undefined)?.modelName as string) ?? '').join(' ')}`.trim();
    case 'classify': {
      const nearest = (d.nearest as Json[] | undefined)?.[0]?.type;
      const what = d.device ?? (d.candidates as string[] | undefined)?.join(' or ');
      const unchecked = d.match === 'consistent' || d.match === 'candidate' ? `, unchecked catalogue ports: ${String(d.uncheckedPorts)}` : '';
      return `${String(d.match)}${what ? ` ${String(what)}` : ''}${nearest ? `, nearest ${String(nearest)}` : ''} (${String(d.probes)} probes${unchecked})`;
    }
    default:
      return '';
  }
}

export function table(results: Json[]): string {
  const rows = [['TARGET', 'PROBE', 'PORT', 'STATUS', 'SUMMARY'], ...results.map((r) => [String(r.target), String(r.probe), r.port === undefined ? '' : String(r.port), String(r.status), summarise(r)])];
  const widths = rows[0]!.slice(0, 4).map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ')).join('\n');
}

function buildScan(values: Record<string, string | boolean | string[] | undefined>, targets: string[]): Json {
  const probes: Json[] = [];
  if (typeof values.banner === 'string') {
    const ports = values.banner.split(',').map(Number);
    if (ports.some((p) => !Number.isInteger(p))) throw new CliError(EXIT.usage, '--banner takes port numbers, e.g. 22,80');
    probes.push({ type: 'tcp-banner', ports, ...(values.deep ? { additionalProbes: true } : {}) });
  }
  if (values.snmp !== undefined) {
    probes.push({ type: 'snmp', operation: 'get', oids: ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.5.0'], community: values.snmp });
  }
  if (typeof values.mdns === 'string') probes.push({ type: 'mdns', name: values.mdns });
  if (values.ssdp) probes.push({ type: 'ssdp', mx: 1, fetchDescription: true });
  if (typeof values.classify === 'string') probes.push({ type: 'classify', catalog: values.classify });
  if (probes.length === 0) throw new CliError(EXIT.usage, 'give at least one probe: --banner, --snmp, --mdns, --ssdp or --classify');
  const timing: Json = {};
  for (const [flag, key] of [['timeout', 'timeoutMs'], ['count', 'count'], ['retries', 'retries']] as const) {
    if (typeof values[flag] === 'string') timing[key] = Number(values[flag]);
  }
  const labels = Object.fromEntries(((values.label as string[] | undefined) ?? []).map((l) => [l.split('=')[0], l.split('=').slice(1).join('=')]));
  return { targets, probes, ...(Object.keys(timing).length ? { timing } : {}), ...(values.profile ? { profile: values.profile } : {}), ...(Object.keys(labels).length ? { labels } : {}) };
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? EXIT.ok : EXIT.usage;
  }
  if (command === 'token') return tokenCommand(rest);
  if (command === 'sensor') return sensorCommand(rest);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        json: { type: 'boolean' },
        wait: { type: 'boolean' },
        target: { type: 'string', multiple: true },
        banner: { type: 'string' },
        deep: { type: 'boolean' },
        snmp: { type: 'string' },
        mdns: { type: 'string' },
        ssdp: { type: 'boolean' },
        classify: { type: 'string' },
        timeout: { type: 'string' },
        count: { type: 'string' },
        retries: { type: 'string' },
        profile: { type: 'string' },
        label: { type: 'string', multiple: true },
      },
    });
  } catch (err) {
    throw new CliError(EXIT.usage, (err as Error).message);
  }
  const { values, positionals } = parsed;
  const conn: Connection = { url: (values.url ?? process.env.PSCAN_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, ''), token: values.token ?? process.env.PSCAN_TOKEN ?? '' };
  if (!conn.token) throw new CliError(EXIT.usage, 'no token: set PSCAN_TOKEN or pass --token (pscan token --scopes … mints one)');
  const print = (json: unknown, human: () => string): void => void process.stdout.write(`${values.json ? JSON.stringify(json) : human()}\n`);

  switch (command) {
    case 'scan': {
      const targets = values.target ?? [];
      if (targets.length === 0) throw new CliError(EXIT.usage, 'give at least one --target');
      const created = await api(conn, 'POST', '/v1/scans', buildScan(values, targets));
      const id = String(created.id);
      if (!values.wait) {
        print(created, () => `${id} ${String(created.status)}`);
        return EXIT.ok;
      }
      let n = 0;
      const tty = process.stderr.isTTY;
      const status = await watchEvents(conn, id, () => {
        n++;
        if (tty) process.stderr.write(`\r${id}: ${n} result(s)…`);
      });
      if (tty) process.stderr.write(`\r${id}: ${status}, ${n} result(s)\n`);
      const scan = await api(conn, 'GET', `/v1/scans/${id}`);
      print(scan, () => `${table(scan.results as Json[])}\n${id} ${status} · ${String((scan.stats as Json).packetsSent)} packets · ${String((scan.stats as Json).durationMs)} ms`);
      return status === 'completed' ? EXIT.ok : EXIT.scanFailed;
    }
    case 'watch': {
      const id = positionals[0];
      if (!id) throw new CliError(EXIT.usage, 'watch takes a scan id');
      const status = await watchEvents(conn, id, (r) => print(r, () => table([r]).split('\n')[1]!));
      print({ end: status }, () => `end: ${status}`);
      return status === 'completed' ? EXIT.ok : EXIT.scanFailed;
    }
    case 'get': {
      const id = positionals[0];
      if (!id) throw new CliError(EXIT.usage, 'get takes a scan id');
      const scan = await api(conn, 'GET', `/v1/scans/${id}`);
      print(scan, () => `${table(scan.results as Json[])}\n${id} ${String(scan.status)}`);
      return ['completed', 'queued', 'running'].includes(String(scan.status)) ? EXIT.ok : EXIT.scanFailed;
    }
    case 'assets': {
      const ip = positionals[0];
      const assets = ip ? [await api(conn, 'GET', `/v1/assets/${encodeURIComponent(ip)}`)] : ((await api(conn, 'GET', '/v1/assets')) as unknown as Json[]);
      const fact = (a: Json, k: string): string => String(((a[k] as Json | undefined)?.value as string | undefined) ?? '');
      print(ip ? assets[0] : assets, () =>
        [
          'IP  HOSTNAME  MANUFACTURER  MODEL  OS  SERVICES',
          ...assets.map((a) => [a.ip, fact(a, 'hostname'), fact(a, 'manufacturer'), fact(a, 'model'), fact(a, 'os'), (a.services as Json[]).map((s) => `${String(s.port)}/${String(s.protocol)}${s.name ? ` ${String(s.name)}` : ''}`).join(',')].join('  ')),
        ].join('\n'),
      );
      return EXIT.ok;
    }
    case 'sensors': {
      const list = await api(conn, 'GET', '/v1/sensors');
      const items = list.items as Json[];
      print(list, () =>
        list.mode === 'embedded'
          ? 'no sensors: this API runs probes itself (PSCAN_QUEUE_URL is not set)'
          : ['ID  SITE  CIDRS  VERSION  RUNNING/CAPACITY  LAST SEEN', ...items.map((s) => [s.id, s.site, (s.cidrs as string[]).join(','), s.version, `${String(s.running)}/${String(s.capacity)}`, s.lastSeenAt].join('  '))].join('\n'),
      );
      return EXIT.ok;
    }
    default:
      throw new CliError(EXIT.usage, `unknown command "${command}"\n${USAGE}`);
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof CliError) {
    process.stderr.write(`pscan: ${err.message}\n`);
    process.exitCode = err.code;
  } else throw err;
}
