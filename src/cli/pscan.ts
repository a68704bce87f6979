import { writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { intOption, nmapStyle, parseLabel, readTargetList, UsageError } from './args.js';
import { age, alignedTable, progressLine, resultTable, type Progress } from './output.js';
import { buildScan, type Values } from './scan-request.js';

const COMMON = `  --url URL    server (env PSCAN_URL, default http://127.0.0.1:8080)
  --token JWT  bearer token (env PSCAN_TOKEN)
  --json       print what the API answered, as JSON`;

const EXIT_CODES = `exit codes: 0 done; 1 the scan failed or was cancelled; 2 usage; 3 the API refused the request
(its problem is printed); 4 the server could not be reached`;

const HELP: Record<string, string> = {
  scan: `usage: pscan scan [TARGET …] [options]      create a scan (and with --wait, follow it to its end)

targets (addresses, CIDRs, a-b ranges):
  TARGET, -t/--target T   (repeatable)      -iL FILE   targets from a file, - for stdin (# comments)
probes:
  -p/--ports SPEC   TCP banner on 22 | 1-1024,8080 | - (all, as nmap's -p-); --banner is the same
  --top-ports N     TCP banner on the N ports nmap's nmap-services ranks most often open
  -sV/--deep        nmap service/version detection on those ports (intrusive)
  --snmp COMMUNITY  SNMP v1/v2c          --snmp-version 1|2c|3 (default 2c)   --snmp-op get|getBulk|walk (default get)
  --oid OID         (repeatable; default sysDescr, sysObjectID, sysName)   --snmp-port N (default 161)
  --snmp-user USER  SNMP v3 (implies --snmp-version 3): --snmp-auth-protocol sha …, --snmp-priv-protocol aes …;
                    keys from env PSCAN_SNMP_AUTH_KEY and PSCAN_SNMP_PRIV_KEY (not flags: they would show in ps)
  --mdns NAME       e.g. _googlecast._tcp.local      --ssdp      --unicast (mDNS/SSDP to each target)
  --classify CATALOG  device type by open ports (e.g. default)
  --want FACTS      facts to find, e.g. hostname,model,os (sent as the request's want)
options:
  --discovery auto|none, -Pn (= none)   --timeout MS  --count N  --retries N  --rate PPS
  --profile fragile   --label k=v (repeatable)   --webhook URL [--webhook-secret whsec_…]
  --idempotency-key KEY   --wait   -oX/--nmap-xml FILE (with --wait: write the scan as nmap XML)
  --all             with --wait: list every result (by default closed, filtered and unreachable are counted, not listed)
${COMMON}

With --wait, progress goes to stderr: on a terminal one updating line with hosts, results, an
estimated percentage and ETA; otherwise a plain line at most every 2 s.

${EXIT_CODES}`,
  watch: `usage: pscan watch ID [--json]       stream a scan's results (SSE) until it ends\n${COMMON}\n\n${EXIT_CODES}`,
  get: `usage: pscan get ID [--csv | --ndjson | -oX FILE] [--all] [--json]     show a scan and its results

  --all             list every result (by default closed, filtered and unreachable are counted, not listed)
  --csv, --ndjson   print its results in that format (every result, paged by the server)
  -oX/--nmap-xml FILE   write the scan as nmap XML (- for stdout)
${COMMON}\n\n${EXIT_CODES}`,
  list: `usage: pscan list [--status S] [--label k:v …] [--limit N] [--all] [--json]     your scans, newest first

  --status queued|running|completed|failed|cancelled   --label key:value (repeatable: all must hold)
  --limit N   one page of N (default 20)      --all   every page
${COMMON}\n\n${EXIT_CODES}`,
  cancel: `usage: pscan cancel ID [--json]      cancel a queued or running scan\n${COMMON}\n\n${EXIT_CODES}`,
  probes: `usage: pscan probes [--json]         the probes this server runs, with their category and reach\n${COMMON}\n\n${EXIT_CODES}`,
  assets: `usage: pscan assets [IP] [filters] [--csv | --ndjson] [--json]     what your scans have learned

filters: --cidr CIDR  --port N  --service NAME  --manufacturer TEXT  --since 24h|ISO-TIME  --min-freshness 0.5
  --csv, --ndjson   print every matching asset in that format
${COMMON}\n\n${EXIT_CODES}`,
  sensors: `usage: pscan sensors [--json]        live sensors and their sites\n${COMMON}\n\n${EXIT_CODES}`,
  token: 'usage: pscan token --scopes scans:read,scans:write [--sub NAME] [--ttl 1h]     print a JWT signed with the server\'s key',
  sensor: 'usage: pscan sensor --site NAME --cidrs CIDR[,…] [--interface IF] [--queue URL]     run a sensor (pscan sensor --help)',
};

const USAGE = `usage: pscan <command> [options]        pscan <command> --help for each

  scan     [TARGET …] [-p 1-1024,8080|--top-ports N] [--snmp C] [--mdns N] [--ssdp] [--classify C] [--wait]   create a scan
  list     [--status S] [--label k:v]            your scans
  get      ID [--csv|--ndjson|-oX FILE]          a scan and its results
  watch    ID                                    stream a scan's results
  cancel   ID                                    cancel a scan
  assets   [IP] [--cidr C] [--port N] [--csv]    what your scans have learned
  probes                                         the probes this server runs
  sensors                                        live sensors and their sites
  token    --scopes scans:read,scans:write       print a JWT (the server's key)
  sensor   --site NAME --cidrs CIDR[,…]          run a sensor

${COMMON}

${EXIT_CODES}`;

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

const CONNECTION_OPTIONS = { url: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

const OPTIONS = {
  scan: {
    target: { type: 'string', multiple: true, short: 't' },
    'input-list': { type: 'string' },
    ports: { type: 'string', short: 'p' },
    'top-ports': { type: 'string' },
    banner: { type: 'string' },
    deep: { type: 'boolean' },
    snmp: { type: 'string' },
    'snmp-version': { type: 'string' },
    'snmp-op': { type: 'string' },
    'snmp-user': { type: 'string' },
    'snmp-auth-protocol': { type: 'string' },
    'snmp-priv-protocol': { type: 'string' },
    'snmp-port': { type: 'string' },
    oid: { type: 'string', multiple: true },
    mdns: { type: 'string' },
    ssdp: { type: 'boolean' },
    unicast: { type: 'boolean' },
    classify: { type: 'string' },
    want: { type: 'string' },
    discovery: { type: 'string' },
    'no-discovery': { type: 'boolean' },
    timeout: { type: 'string' },
    count: { type: 'string' },
    retries: { type: 'string' },
    rate: { type: 'string' },
    profile: { type: 'string' },
    label: { type: 'string', multiple: true },
    webhook: { type: 'string' },
    'webhook-secret': { type: 'string' },
    'idempotency-key': { type: 'string' },
    wait: { type: 'boolean' },
    'nmap-xml': { type: 'string' },
    all: { type: 'boolean' },
  },
  watch: {},
  get: { csv: { type: 'boolean' }, ndjson: { type: 'boolean' }, 'nmap-xml': { type: 'string' }, all: { type: 'boolean' } },
  list: { status: { type: 'string' }, label: { type: 'string', multiple: true }, limit: { type: 'string' }, all: { type: 'boolean' } },
  cancel: {},
  probes: {},
  assets: { cidr: { type: 'string' }, port: { type: 'string' }, service: { type: 'string' }, manufacturer: { type: 'string' }, since: { type: 'string' }, 'min-freshness': { type: 'string' }, csv: { type: 'boolean' }, ndjson: { type: 'boolean' } },
  sensors: {},
} as const satisfies Record<string, ParseArgsConfig['options']>;


async function request(conn: Connection, method: string, path: string, options: { body?: unknown; accept?: string; headers?: Record<string, string> } = {}): Promise<Response> {
  try {
    return await fetch(`${conn.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${conn.token}`, ...(options.accept ? { Accept: options.accept } : {}), ...(options.body ? { 'Content-Type': 'application/json' } : {}), ...options.headers },
      ...(options.body ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch (err) {
    throw new CliError(EXIT.unreachable, `cannot reach ${conn.url}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`);
  }
}

async function refusal(res: Response, path: string): Promise<CliError> {
  const text = await res.text();
  let json: Json;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    return new CliError(EXIT.refused, `${res.status} from ${path}: ${text.slice(0, 200)}`);
  }
  const errors = Array.isArray(json.errors) ? (json.errors as Array<{ path: string; message: string }>).map((e) => `\n  ${e.path} ${e.message}`).join('') : '';
  return new CliError(EXIT.refused, `${res.status} ${String(json.title ?? '')}: ${String(json.detail ?? text)}${errors}`);
}

async function api(conn: Connection, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Json> {
  const res = await request(conn, method, path, { body, ...(headers ? { headers } : {}) });
  if (!res.ok) throw await refusal(res, path);
  const text = await res.text();
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new CliError(EXIT.refused, `${res.status} from ${path}: ${text.slice(0, 200)}`);
  }
}

/** An export (CSV, NDJSON, XML) copied to stdout or a file as it arrives. */
async function download(conn: Connection, path: string, accept: string, to: string = '-'): Promise<void> {
  const res = await request(conn, 'GET', path, { accept });
  if (!res.ok || !res.body) throw await refusal(res, path);
  if (to !== '-') {
    writeFileSync(to, Buffer.from(await res.arrayBuffer()));
    return;
  }
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
}

/** Every item of a paged list, following nextCursor. */
async function allPages(conn: Connection, path: string, query: URLSearchParams, pageSize: number): Promise<Json[]> {
  const items: Json[] = [];
  const q = new URLSearchParams(query);
  q.set('limit', String(pageSize));
  for (;;) {
    const page = await api(conn, 'GET', `${path}?${q}`);
    items.push(...(page.items as Json[]));
    if (typeof page.nextCursor !== 'string') return items;
    q.set('cursor', page.nextCursor);
  }
}

/** Reads a scan's SSE stream, calling back per result and per progress event; resolves with the final status. */
async function watchEvents(conn: Connection, id: string, on: { result?: (r: Json) => void; progress?: (p: Progress) => void }): Promise<string> {
  const res = await request(conn, 'GET', `/v1/scans/${encodeURIComponent(id)}/events`, { accept: 'text/event-stream' });
  if (!res.ok || !res.body) throw await refusal(res, `/v1/scans/${id}/events`);
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
      if (event === 'result') on.result?.(JSON.parse(data) as Json);
      if (event === 'progress') on.progress?.(JSON.parse(data) as Progress);
      if (event === 'end') return (JSON.parse(data) as { status: string }).status;
    }
  }
  throw new CliError(EXIT.unreachable, 'the event stream ended without an end event');
}

/** Follows a scan to its end, showing progress on stderr; resolves with its final status. */
async function follow(conn: Connection, scan: Json): Promise<string> {
  const id = String(scan.id);
  const started = Date.now();
  const tty = Boolean(process.stderr.isTTY);
  let last: Progress | undefined;
  let lastPlain = 0;
  const show = (p: Progress): void => {
    last = p;
    const line = progressLine(id, scan.request as Json, p, Date.now() - started);
    if (tty) process.stderr.write(`\r\u001b[K${line}`);
    else if (Date.now() - lastPlain >= 2000) {
      lastPlain = Date.now();
      process.stderr.write(`${line}\n`);
    }
  };
  const status = await watchEvents(conn, id, { progress: show });
  const done = `${id}: ${status}${last ? `, ${last.results} results, ${last.packetsSent} packets` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  process.stderr.write(tty ? `\r\u001b[K${done}\n` : `${done}\n`);
  return status;
}

const fact = (a: Json, k: string): string => String(((a[k] as Json | undefined)?.value as string | undefined) ?? '');

function assetTable(assets: Json[]): string {
  const now = Date.now();
  return alignedTable(
    ['IP', 'MAC', 'HOSTNAME', 'MANUFACTURER', 'MODEL', 'TYPE', 'OS', 'LAST SEEN', 'FRESH', 'SERVICES'],
    assets.map((a) => [
      String(a.ip),
      fact(a, 'mac'),
      fact(a, 'hostname'),
      fact(a, 'manufacturer'),
      fact(a, 'model'),
      fact(a, 'type'),
      fact(a, 'os'),
      `${age(now - Date.parse(String(a.lastSeen)))} ago`,
      Number(a.freshness ?? 0).toFixed(2),
      (a.services as Json[]).map((s) => `${String(s.port)}/${String(s.protocol)}${s.name ? ` ${String(s.name)}` : ''}`).join(','),
    ]),
  );
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rawRest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    const topic = command === 'help' ? rawRest[0] : undefined;
    process.stdout.write(`${topic && HELP[topic] ? HELP[topic] : USAGE}\n`);
    return command ? EXIT.ok : EXIT.usage;
  }
  // Loaded only for their own commands: the sensor pulls in the queue client and the probes.
  if (command === 'token') return (await import('./token.js')).tokenCommand(rawRest);
  if (command === 'sensor') return (await import('./sensor-command.js')).sensorCommand(rawRest);
  if (!Object.hasOwn(OPTIONS, command)) throw new CliError(EXIT.usage, `unknown command "${command}"\n${USAGE}`);
  const name = command as keyof typeof OPTIONS;
  let parsed;
  try {
    parsed = parseArgs({ args: nmapStyle(rawRest), allowPositionals: true, options: { ...CONNECTION_OPTIONS, ...OPTIONS[name] } });
  } catch (err) {
    throw new CliError(EXIT.usage, `${(err as Error).message}\n${HELP[name]}`);
  }
  const values = parsed.values as Values;
  const positionals = parsed.positionals;
  if (values.help) {
    process.stdout.write(`${HELP[name]}\n`);
    return EXIT.ok;
  }
  const conn: Connection = { url: ((values.url as string | undefined) ?? process.env.PSCAN_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, ''), token: (values.token as string | undefined) ?? process.env.PSCAN_TOKEN ?? '' };
  if (!conn.token) throw new CliError(EXIT.usage, 'no token: set PSCAN_TOKEN or pass --token (pscan token --scopes … mints one)');
  const print = (json: unknown, human: () => string): void => void process.stdout.write(`${values.json ? JSON.stringify(json) : human()}\n`);
  const idOf = (): string => {
    const id = positionals[0];
    if (!id || positionals.length > 1) throw new UsageError(`${name} takes one scan id\n${HELP[name]}`);
    return encodeURIComponent(id);
  };

  /** A `want` scan's facts left unfound, and why: a plan that found nothing says so. */
  const unmetLines = (scan: Json): string => {
    const unmet = ((scan.plan as Json | undefined)?.unmet ?? []) as Array<{ fact: string; targets: number; why: Array<{ reason: string; targets: number }> }>;
    const reason = (u: (typeof unmet)[number], w: { reason: string; targets: number }): string => (w.targets === u.targets ? w.reason : `${w.reason} (${w.targets})`);
    return unmet.map((u) => `not found: ${u.fact} on ${u.targets} target(s): ${u.why.map((w) => reason(u, w)).join('; ')}\n`).join('');
  };

  switch (name) {
    case 'scan': {
      const targets = [...positionals, ...((values.target as string[] | undefined) ?? []), ...(typeof values['input-list'] === 'string' ? readTargetList(values['input-list']) : [])];
      if (targets.length === 0) throw new UsageError(`give at least one target\n${HELP.scan}`);
      if (values['nmap-xml'] && !values.wait) throw new UsageError('-oX (--nmap-xml) needs --wait: the XML is written once the scan ends');
      const key = values['idempotency-key'] as string | undefined;
      const created = await api(conn, 'POST', '/v1/scans', buildScan(values, targets), key ? { 'Idempotency-Key': key } : undefined);
      const id = String(created.id);
      if (!values.wait) {
        print(created, () => `${id} ${String(created.status)}`);
        return EXIT.ok;
      }
      const status = await follow(conn, created);
      const scan = await api(conn, 'GET', `/v1/scans/${id}`);
      if (typeof values['nmap-xml'] === 'string') await download(conn, `/v1/scans/${id}/nmap.xml`, 'application/xml', values['nmap-xml']);
      print(scan, () => `${resultTable(scan.results as Json[], { all: values.all === true })}\n${unmetLines(scan)}${id} ${status} · ${String((scan.stats as Json).packetsSent)} packets · ${String((scan.stats as Json).durationMs)} ms`);
      return status === 'completed' ? EXIT.ok : EXIT.scanFailed;
    }
    case 'watch': {
      const id = idOf();
      const status = await watchEvents(conn, id, { result: (r) => print(r, () => resultTable([r], { all: true }).split('\n')[1]!) });
      print({ end: status }, () => `end: ${status}`);
      return status === 'completed' ? EXIT.ok : EXIT.scanFailed;
    }
    case 'get': {
      const id = idOf();
      const format = values.csv ? 'text/csv' : values.ndjson ? 'application/x-ndjson' : undefined;
      if (format) await download(conn, `/v1/scans/${id}/results`, format);
      if (typeof values['nmap-xml'] === 'string') await download(conn, `/v1/scans/${id}/nmap.xml`, 'application/xml', values['nmap-xml']);
      const scan = await api(conn, 'GET', `/v1/scans/${id}`);
      if (!format && values['nmap-xml'] !== '-') print(scan, () => `${resultTable(scan.results as Json[], { all: values.all === true })}\n${id} ${String(scan.status)}`);
      return ['completed', 'queued', 'running'].includes(String(scan.status)) ? EXIT.ok : EXIT.scanFailed;
    }
    case 'list': {
      const query = new URLSearchParams();
      if (typeof values.status === 'string') query.set('status', values.status);
      for (const l of (values.label as string[] | undefined) ?? []) query.append('label', parseLabel(l, ':=').join(':'));
      const limit = intOption('limit', values.limit as string | undefined);
      let scans: Json[];
      let more = false;
      if (values.all) scans = await allPages(conn, '/v1/scans', query, 200);
      else {
        query.set('limit', String(limit ?? 20));
        const page = await api(conn, 'GET', `/v1/scans?${query}`);
        scans = page.items as Json[];
        more = page.nextCursor !== undefined;
      }
      const now = Date.now();
      print(scans, () =>
        alignedTable(
          ['ID', 'STATUS', 'CREATED', 'TARGETS', 'PROBES', 'RESULTS', 'PACKETS', 'LABELS'],
          scans.map((s) => {
            const request = s.request as Json;
            const stats = s.stats as Json;
            return [String(s.id), String(s.status), `${age(now - Date.parse(String(s.createdAt)))} ago`, (request.targets as string[]).join(',').slice(0, 40), ((request.probes as Json[] | undefined) ?? []).map((p) => String(p.type)).join(','), String(stats.results ?? ''), String(stats.packetsSent), Object.entries(s.labels as Json).map(([k, v]) => `${k}:${String(v)}`).join(',')];
          }),
        ) + (more ? '\n(more: --all, or --limit N)' : ''),
      );
      return EXIT.ok;
    }
    case 'cancel': {
      const id = idOf();
      const scan = await api(conn, 'DELETE', `/v1/scans/${id}`);
      print(scan, () => `${String(scan.id)} ${String(scan.status)}`);
      return EXIT.ok;
    }
    case 'probes': {
      const catalogue = await api(conn, 'GET', '/v1/probes');
      const probes = catalogue.probes as Json[];
      print(catalogue, () => alignedTable(['TYPE', 'CATEGORY', 'REACH', 'DESCRIPTION'], probes.map((p) => [String(p.type), String(p.category), String(p.reach), String(p.description)])));
      return EXIT.ok;
    }
    case 'assets': {
      const ip = positionals[0];
      if (positionals.length > 1) throw new UsageError(`assets takes at most one address\n${HELP.assets}`);
      if (ip) {
        const asset = await api(conn, 'GET', `/v1/assets/${encodeURIComponent(ip)}`);
        print(asset, () => assetTable([asset]));
        return EXIT.ok;
      }
      const query = new URLSearchParams();
      for (const [flag, param] of [['cidr', 'cidr'], ['port', 'port'], ['service', 'service'], ['manufacturer', 'manufacturer'], ['since', 'seenSince'], ['min-freshness', 'minFreshness']] as const) {
        if (typeof values[flag] === 'string') query.set(param, values[flag]);
      }
      const format = values.csv ? 'text/csv' : values.ndjson ? 'application/x-ndjson' : undefined;
      if (format) {
        await download(conn, `/v1/assets?${query}`, format);
        return EXIT.ok;
      }
      const assets = await allPages(conn, '/v1/assets', query, 1000);
      print(assets, () => assetTable(assets));
      return EXIT.ok;
    }
    case 'sensors': {
      const list = await api(conn, 'GET', '/v1/sensors');
      const items = list.items as Json[];
      print(list, () =>
        list.mode === 'embedded'
          ? 'no sensors: this API runs probes itself (PSCAN_QUEUE_URL is not set)'
          : alignedTable(['ID', 'SITE', 'CIDRS', 'VERSION', 'RUNNING/CAPACITY', 'LAST SEEN'], items.map((s) => [String(s.id), String(s.site), (s.cidrs as string[]).join(','), String(s.version), `${String(s.running)}/${String(s.capacity)}`, `${age(Date.now() - Date.parse(String(s.lastSeenAt)))} ago`])),
      );
      return EXIT.ok;
    }
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof CliError || err instanceof UsageError) {
    process.stderr.write(`pscan: ${err.message}\n`);
    process.exitCode = err instanceof CliError ? err.code : EXIT.usage;
  } else throw err;
}
