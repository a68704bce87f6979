import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { systemNet, type NetFactory } from '../../src/probes/net.js';
import { parseAddress } from '../../src/net/addresses.js';
import { schemaArbitrary, type Schema } from '../support/schema-arbitrary.js';
import { testService, token } from '../support/service.js';

// Requests generated from the document the server serves, a bounded number per operation, all to
// this process over loopback: each must be accepted, or refused with a status the operation
// documents, and a 400 only for a rule between fields that the document states in words. Every
// answer must validate against the schema documented for its status and media type.

const PER_OPERATION = Number(process.env.CONTRACT_N ?? 200);
const CATALOGS = Math.min(PER_OPERATION, 50);
const SEED = 20260632;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }>; headers?: Record<string, unknown> }>;
  description?: string;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * The refusals of a schema-valid request that the document states in words: which operation, the
 * problem's code and field, and the words the operation's description of that status holds.
 */
const STATED_RULES: Array<{ operation: string; status: number; path: RegExp; message: RegExp; says: string }> = [
  { operation: 'POST /v1/scans', status: 400, path: /^\/targets\/\d+$/, message: /ends before it starts$/, says: 'a range that ends before it starts' },
  { operation: 'POST /v1/scans', status: 400, path: /^\/targets\/\d+$/, message: /is not a valid CIDR$/, says: 'an IPv4-mapped CIDR with a prefix under 96' },
  { operation: 'POST /v1/scans', status: 400, path: /^\/(credentials|known|budget|allowIntrusive)$/, message: /^only applies to a "want" scan$/, says: '`credentials`, `known`, `budget` or `allowIntrusive` without `want`' },
  { operation: 'POST /v1/scans', status: 400, path: /^\/known\/[^/]+$/, message: /^keys must be IP addresses$/, says: 'a `known` key that is no IP address' },
  { operation: 'POST /v1/scans', status: 400, path: /^\/labels\/[^/]+$/, message: /^label names are 1 to 64 characters$/, says: 'a label name over 64 characters' },
  {
    operation: 'POST /v1/scans',
    status: 400,
    path: /^\/(probes\/\d+|probe|credentials\/snmp\/\d+)\/(operation|v3|community|nonRepeaters|v3\/(authKey|authProtocol|privKey|privProtocol))$/,
    message: /^(getBulk does not exist in SNMPv1|is required for version "3"|SNMPv3 has no community|is required with (authProtocol|authKey|privProtocol|privKey)$|privacy needs authentication|only with version "3"|only applies to getBulk)/,
    says: "a probe's rule between its fields (stated in its parameters' descriptions)",
  },
  { operation: 'POST /v1/scans', status: 400, path: /^\/(probes\/\d+|probe)\/catalog$/, message: /^is not a catalogue of this server/, says: 'a catalogue this server does not have' },
  { operation: 'POST /v1/scans', status: 400, path: /^\/(probes\/\d+|probe)\/ports\/\d+$/, message: /^(runs backwards|names ports outside|names port \d+ again)/, says: 'a port range that runs backwards or names ports outside 1–65535, a port named twice in one probe' },
  { operation: 'POST /v1/fingerprints/match', status: 400, path: /^\/answers\/\d+\/text$/, message: /^is not base64$/, says: 'text that is not base64 with `encoding: base64`' },
  { operation: 'POST /v1/fingerprints/match', status: 400, path: /^\/answers\/\d+\/matches$/, message: /^no loaded fingerprint file matches/, says: 'a `matches` name no loaded fingerprint file answers' },
  { operation: 'POST /v1/catalogs', status: 400, path: /^\/devices\/\d+\/type$/, message: /appears twice$/, says: 'a device type that appears twice' },
  { operation: 'POST /v1/catalogs', status: 400, path: /^\/devices$/, message: /^at most 256 distinct ports$/, says: 'more than 256 distinct ports over all devices' },
];

// Where a probe of a generated scan may send: loopback, or a multicast group (PSCAN_INTERFACE=lo
// keeps those on loopback too). The scope (127.0.0.0/8) refuses any other target before a packet,
// and this records any that got past it.
const outside: string[] = [];
const loopbackOrMulticast = (host: string): boolean => {
  const a = parseAddress(host);
  if (!a) return false;
  if (a.family === 4) return a.value >> 24n === 127n || a.value >> 28n === 0xen;
  return a.value === 1n || a.value >> 120n === 0xffn;
};
const guardedNet: NetFactory = {
  connectTcp(options) {
    if (!loopbackOrMulticast(options.host)) {
      outside.push(`tcp ${options.host}:${options.port}`);
      throw new Error(`${options.host} is outside loopback`);
    }
    return systemNet.connectTcp(options);
  },
  createUdp(family) {
    const socket = systemNet.createUdp(family);
    const send = socket.send.bind(socket) as (...args: unknown[]) => void;
    (socket as unknown as { send: (...args: unknown[]) => void }).send = (...args: unknown[]) => {
      const host = args.find((a, i) => i > 0 && typeof a === 'string') as string | undefined;
      if (host !== undefined && !loopbackOrMulticast(host)) {
        outside.push(`udp ${host}`);
        throw new Error(`${host} is outside loopback`);
      }
      send(...args);
    };
    return socket;
  },
};

let svc: Awaited<ReturnType<typeof testService>>;
let server: ReturnType<Awaited<ReturnType<typeof testService>>['app']['listen']>;
let base: string;
let auth: string;
let doc: Document;
const resolverUsed: string[] = [];

before(async () => {
  svc = await testService(
    {
      PSCAN_SCOPE_ALLOW: '127.0.0.0/8',
      PSCAN_SYNC_WAIT_MS: '100',
      PSCAN_NMAP_PATH: '/nonexistent/nmap',
      PSCAN_WEBHOOK_ALLOW: '127.0.0.1',
      PSCAN_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      PSCAN_PRINCIPAL_RPM: '1000000',
      PSCAN_PRINCIPAL_ACTIVE_SCANS: '1000000',
      PSCAN_CATALOGS_PER_PRINCIPAL: '10000',
      PSCAN_CATALOG_BUILD_TIMEOUT_MS: '10000',
    },
    {
      net: guardedNet,
      dnsLookup: ((host: string) => {
        resolverUsed.push(host);
        throw new Error('no name is resolved in this test');
      }) as never,
    },
  );
  server = svc.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  auth = `Bearer ${await token({ sub: 'fuzz', scopes: ['admin', 'scans:read', 'scans:write'] })}`;
  doc = (await (await fetch(`${base}/openapi.json`)).json()) as Document;
});
after(async () => {
  server.close();
  await svc.close(0);
});

function validators(document: Document): (schema: Schema) => ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false, discriminator: false });
  addFormats.default(ajv);
  for (const f of ['int32', 'int64', 'double', 'float']) ajv.addFormat(f, true);
  // ajv reads OpenAPI's `discriminator` only without `mapping`; `oneOf` alone says the same.
  const strip = (s: unknown): unknown => JSON.parse(JSON.stringify(s, (k, v) => (k === 'discriminator' ? undefined : v)).replaceAll('"#/components/', '"openapi#/components/'));
  ajv.addSchema({ $id: 'openapi', components: strip(document.components) as object });
  const cache = new Map<string, ValidateFunction>();
  return (schema) => {
    const key = JSON.stringify(schema);
    if (!cache.has(key)) cache.set(key, ajv.compile(strip(schema) as object));
    return cache.get(key)!;
  };
}

/** Known ids, so that some requests reach an existing resource rather than a 404. */
const known = { scans: [] as string[], catalogs: [] as string[], tokens: [] as string[] };
function knownValue(route: string, name: string, rnd: () => number): string | undefined {
  const pick = (list: string[]) => (list.length ? list[Math.floor(rnd() * list.length)] : undefined);
  if (name === 'ip') return '127.0.0.1';
  if (name === 'id' && route.startsWith('/v1/scans/')) return pick(known.scans);
  if (name === 'id' && route.startsWith('/v1/catalogs/')) return pick(known.catalogs);
  if (name === 'id' && route.startsWith('/v1/tokens/')) return pick(known.tokens);
  return undefined;
}

/** Whether an `a-b` range ends at or after its start. */
function ordered(range: string): boolean {
  const [a, b] = range.split('-').map((x) => parseAddress(x)!);
  return a!.value <= b!.value;
}

/** A target kept in its form but moved into 127.0.0.0/8 (an IPv6 one becomes 127.0.0.1). */
function intoLoopback(target: string): string {
  if (target.includes(':')) return '127.0.0.1';
  return target.replace(/(^|-)\d{1,3}\./g, '$1127.');
}

interface Generated {
  path: Record<string, string>;
  query: Record<string, unknown>;
  header: Record<string, string>;
  body?: unknown;
}

function requestArbitrary(op: Operation): fc.Arbitrary<Generated> {
  const params = op.parameters ?? [];
  const group = (where: Parameter['in']) =>
    fc.record(Object.fromEntries(params.filter((p) => p.in === where).map((p) => [p.name, schemaArbitrary(p.schema, doc.components.schemas)])), {
      requiredKeys: params.filter((p) => p.in === where && (p.required || where === 'path')).map((p) => p.name),
    });
  const body = op.requestBody?.content['application/json']?.schema;
  return fc.record({
    path: group('path') as fc.Arbitrary<Record<string, string>>,
    query: group('query'),
    header: group('header') as fc.Arbitrary<Record<string, string>>,
    ...(body ? { body: schemaArbitrary(body, doc.components.schemas) } : {}),
  });
}

/**
 * What a generated scan may not do here: reach past loopback, or post a webhook anywhere but to a
 * closed loopback port. Most also keep the rules the document states in words (a range's ends in
 * order, `known` keyed by address), so that scans are accepted too; the rest are sent as generated.
 */
function safeScan(body: Record<string, unknown>, asGenerated: boolean): Record<string, unknown> {
  const out = { ...body };
  if (!asGenerated && Array.isArray(out.targets)) out.targets = (out.targets as string[]).map(intoLoopback).map((t) => (t.includes('-') && ordered(t) ? t : t.split('-')[0]!));
  if (!asGenerated && out.known && typeof out.known === 'object') out.known = Object.fromEntries(Object.values(out.known).map((v, i) => [`127.0.0.${i + 1}`, v]));
  if (out.webhook && typeof out.webhook === 'object') out.webhook = { ...(out.webhook as object), url: 'http://127.0.0.1:9/hook' };
  return out;
}

interface Failure {
  operation: string;
  request: string;
  status: number;
  why: string;
}

async function send(method: string, route: string, op: Operation, g: Generated, rnd: () => number, validate: (s: Schema) => ValidateFunction, statuses: Map<string, number[]>): Promise<Failure | undefined> {
  const operation = `${method.toUpperCase()} ${route}`;
  let url = route.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(rnd() < 0.4 ? (knownValue(route, name, rnd) ?? g.path[name]!) : g.path[name]!));
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(g.query)) for (const item of Array.isArray(v) ? v : [v]) qs.append(k, String(item));
  if ([...qs].length) url += `?${qs}`;
  let body = g.body;
  if (operation === 'POST /v1/scans') body = safeScan(body as Record<string, unknown>, rnd() < 0.25);
  const request = `${method.toUpperCase()} ${url}${body === undefined ? '' : ` ${JSON.stringify(body)}`}${Object.keys(g.header).length ? ` headers ${JSON.stringify(g.header)}` : ''}`;
  const abort = new AbortController();
  const res = await fetch(`${base}${url}`, {
    method: method.toUpperCase(),
    headers: { Authorization: auth, ...g.header, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: abort.signal,
  });
  statuses.set(operation, [...(statuses.get(operation) ?? []), res.status]);
  const fail = (why: string): Failure => ({ operation, request, status: res.status, why });
  const documented = op.responses[String(res.status)];
  if (!documented) {
    abort.abort();
    return fail(`status ${res.status} is not documented: ${await res.text().catch(() => '')}`.slice(0, 600));
  }
  const type = res.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  const content = documented.content?.[type];
  if (documented.content && !content) {
    abort.abort();
    return fail(`${res.status} answered ${type || 'no Content-Type'}; documented: ${Object.keys(documented.content).join(', ')}`);
  }
  if (type === 'text/event-stream') {
    abort.abort();
    return undefined;
  }
  const text = await res.text();
  if (!content || !/^application\/(problem\+)?json$/.test(type)) return undefined;
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return fail(`${type} answer that is not JSON: ${JSON.stringify(text.slice(0, 200))}`);
  }
  const check = validate(content.schema);
  if (!check(answer)) return fail(`answer does not match its schema: ${JSON.stringify(check.errors?.slice(0, 3))} in ${text.slice(0, 400)}`);
  if (res.status >= 200 && res.status < 300) {
    if (operation === 'POST /v1/scans') {
      known.scans.push(answer.id as string);
      if (res.status === 202 && res.headers.get('location') !== `/v1/scans/${answer.id as string}`) return fail('a 202 without its Location');
      // The scan has done its part here; cancelled, it holds no slot and sends nothing more.
      await fetch(`${base}/v1/scans/${answer.id as string}`, { method: 'DELETE', headers: { Authorization: auth } }).then((r) => r.arrayBuffer());
    }
    if (operation === 'POST /v1/catalogs') known.catalogs.push(answer.id as string);
    if (operation === 'POST /v1/tokens') known.tokens.push(answer.id as string);
    return undefined;
  }
  if (res.status === 400) {
    const errors = (answer.errors as Array<{ path: string; message: string }> | undefined) ?? [];
    const unstated = errors.filter((e) => !STATED_RULES.some((r) => r.operation === operation && r.status === 400 && r.path.test(e.path) && r.message.test(e.message)));
    if (unstated.length || errors.length === 0) return fail(`schema-valid request refused: ${JSON.stringify(answer.errors ?? answer.detail)}`);
  }
  return undefined;
}

const histogram = (list: number[]): Record<string, number> => list.reduce<Record<string, number>>((h, n) => ({ ...h, [n]: (h[n] ?? 0) + 1 }), {});

test('every rule a schema-valid request can break is stated in the words of the operation that enforces it', () => {
  for (const rule of STATED_RULES) {
    const [method, route] = rule.operation.split(' ');
    const op = doc.paths[route!]![method!.toLowerCase()]!;
    assert.ok(`${op.description ?? ''} ${op.responses[String(rule.status)]?.description ?? ''}`.includes(rule.says), `${rule.operation} ${rule.status} states "${rule.says}"`);
  }
});

test(`${PER_OPERATION} requests per operation generated from the served document: each accepted, or refused as documented; every answer as documented`, async () => {
  const validate = validators(doc);
  const failures: Failure[] = [];
  const statuses = new Map<string, number[]>();
  let sent = 0;
  const rnd = (() => {
    let x = SEED;
    return () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  })();
  // Creating comes first, so the reads find what was created.
  const order = (method: string) => (method === 'post' ? 0 : method === 'delete' ? 2 : 1);
  const operations = Object.entries(doc.paths)
    .flatMap(([route, item]) => Object.entries(item).map(([method, op]) => ({ route, method, op })))
    .sort((a, b) => order(a.method) - order(b.method));
  for (const { route, method, op } of operations) {
    const t0 = Date.now();
    // Each catalogue sent is a tree build in a worker thread: fewer of them.
    const runs = method === 'post' && route === '/v1/catalogs' ? CATALOGS : PER_OPERATION;
    const samples = fc.sample(requestArbitrary(op), { numRuns: runs, seed: SEED });
    for (const g of samples) {
      const failure = await send(method, route, op, g, rnd, validate, statuses);
      sent++;
      if (failure) failures.push(failure);
    }
    if (process.env.CONTRACT_DEBUG) process.stderr.write(`${method} ${route}: ${Date.now() - t0} ms, ${JSON.stringify(histogram(statuses.get(`${method.toUpperCase()} ${route}`) ?? []))}\n`);
  }
  const byOperation = new Map<string, Failure[]>();
  for (const f of failures) byOperation.set(f.operation, [...(byOperation.get(f.operation) ?? []), f]);
  const report = [...byOperation].map(([operation, list]) => `${operation}: ${list.length} failures, e.g.\n  ${list.slice(0, 3).map((f) => `${f.status} ${f.why}\n    ${f.request.slice(0, 500)}`).join('\n  ')}`);
  assert.equal(failures.length, 0, report.join('\n'));
  assert.equal(sent, (operations.length - 1) * PER_OPERATION + CATALOGS);
  // Not only refusals: every operation accepted some (a redelivery needs a finished delivery, which no scan here makes).
  const neverAccepted = [...statuses].filter(([operation, list]) => operation !== 'POST /v1/scans/{id}/deliveries/{deliveryId}/redeliver' && !list.some((n) => n < 300)).map(([operation]) => operation);
  assert.deepEqual(neverAccepted, []);
  assert.deepEqual(outside, [], 'no probe went past loopback');
  assert.deepEqual(resolverUsed, [], 'no name was resolved');
});
