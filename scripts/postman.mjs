#!/usr/bin/env node
// Generates examples/pscan.postman_collection.json (Postman v2.1) from openapi/openapi.json: one
// folder per tag, one request per operation named by its summary (what it does), and for creating
// a scan one request per probe, from examples/<probe>.json, with the targets of the `target`
// variable (default 127.0.0.1: the README's loopback walk-through). Each request asserts its status
// and key fields, and keeps the ids later requests use (scan, catalogue, token, delivery) in
// collection variables. Within a folder, creating comes first and deleting last.
//   node scripts/postman.mjs            write it
//   node scripts/postman.mjs --stdout   print it (the staleness test compares)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const doc = JSON.parse(readFileSync(path.join(root, 'openapi', 'openapi.json'), 'utf8'));
const COLLECTION = 'pscan.postman_collection.json';
const example = (name) => JSON.parse(readFileSync(path.join(root, 'examples', name), 'utf8'));
const probeExamples = readdirSync(path.join(root, 'examples'))
  .filter((f) => f.endsWith('.json') && f !== COLLECTION)
  .sort()
  .map((f) => [f.replace(/\.json$/, ''), { ...example(f), targets: ['{{target}}'] }]);

/** Bodies of the operations that take one; creating a scan has one per probe instead. */
const bodies = {
  'POST /v1/tokens': { name: 'ndr-integration', scopes: ['scans:read', 'scans:write'], expiresInDays: 90 },
  'POST /v1/catalogs': { name: 'my devices', devices: [{ type: 'Camera X', ports: [80, 554] }, { type: 'Plug Y', ports: [80, 9999] }] },
  // Answers an NDR already holds: a sysDescr under its field name, an SSH server's identification as it came.
  'POST /v1/fingerprints/match': {
    answers: [
      { matches: 'snmp.sys_description', text: 'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(7)E4, RELEASE SOFTWARE (fc2)' },
      { protocol: 'ssh', text: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3' },
    ],
  },
};

/**
 * A scan of the target's `port` (the README walk-through serves files on 8000) whose finished
 * result is POSTed to `webhookUrl`: the asset and the delivery the later requests read.
 */
const webhookScan = {
  targets: ['{{target}}'],
  probe: { type: 'tcp-banner', ports: ['{{port}}'] },
  mode: 'sync',
  webhook: { url: '{{webhookUrl}}', secret: '{{webhookSecret}}' },
};

/** Path parameters: the ids earlier requests kept, the target as the address. */
const pathValue = (route, name) =>
  name === 'ip' ? '{{target}}' : name === 'deliveryId' ? '{{deliveryId}}' : route.startsWith('/v1/catalogs') ? '{{catalogId}}' : route.startsWith('/v1/tokens') ? '{{tokenId}}' : '{{scanId}}';

/** Values of required query parameters. */
const queryValues = { '/v1/scans/{id}/results/export': { format: 'ndjson' }, '/v1/assets/export': { format: 'csv' }, '/v1/assets/services/export': { format: 'csv' } };

const js = (lines) => lines;
const status = (codes) => js([`pm.test('status ${codes.join(' or ')}', () => pm.expect(pm.response.code).to.be.oneOf(${JSON.stringify(codes)}));`]);
const json = 'const body = pm.response.json();';

/**
 * What each operation's answer must hold, and what it keeps for later requests. An operation not
 * named here (a new one) asserts a 2xx.
 */
const checks = {
  'POST /v1/tokens': [...status([201]), json, "pm.test('a token id and its JWT', () => { pm.expect(body.id).to.match(/^tok_/); pm.expect(body.token).to.be.a('string'); });", "pm.collectionVariables.set('tokenId', body.id);"],
  'GET /v1/tokens': [...status([200]), json, "pm.test('lists the minted token', () => pm.expect(body.map((t) => t.id)).to.include(pm.collectionVariables.get('tokenId')));"],
  'DELETE /v1/tokens/{id}': status([204]),
  'GET /v1/sensors': [...status([200]), json, "pm.test('a mode and the live sensors', () => { pm.expect(body.mode).to.be.oneOf(['embedded', 'queue']); pm.expect(body.items).to.be.an('array'); });"],
  'POST /v1/scans': [
    // A sync scan still running when the server stops waiting is answered 202, as an async one.
    ...status([200, 202]),
    json,
    "pm.test('the scan and its Location', () => { pm.expect(body.id).to.match(/^scn_/); pm.expect(pm.response.headers.get('Location')).to.equal('/v1/scans/' + body.id); pm.expect(body.request.targets).to.eql([pm.collectionVariables.get('target')]); });",
    "pm.collectionVariables.set('scanId', body.id);",
  ],
  'GET /v1/scans': [...status([200]), json, "pm.test('lists the scan created', () => pm.expect(body.items.map((s) => s.id)).to.include(pm.collectionVariables.get('scanId')));"],
  'GET /v1/scans/{id}': [...status([200]), json, "pm.test('the scan with its results', () => { pm.expect(body.id).to.equal(pm.collectionVariables.get('scanId')); pm.expect(body.results).to.be.an('array'); pm.expect(body.status).to.be.oneOf(['queued', 'running', 'completed', 'failed', 'cancelled']); });"],
  'GET /v1/scans/{id}/nmap.xml': [...status([200]), "pm.test('nmap XML', () => pm.expect(pm.response.text()).to.include('<nmaprun'));"],
  'GET /v1/scans/{id}/results': [...status([200]), json, "pm.test('a page of results of the scan', () => { pm.expect(body.items).to.be.an('array'); body.items.forEach((r) => pm.expect(r.target).to.equal(pm.collectionVariables.get('target'))); });"],
  'GET /v1/scans/{id}/results/export': [...status([200]), "pm.test('one JSON result per line', () => pm.response.text().trim().split('\\n').filter(Boolean).forEach((l) => pm.expect(JSON.parse(l).seq).to.be.a('number')));"],
  'GET /v1/scans/{id}/events': [...status([200]), "pm.test('results, then the end', () => { pm.expect(pm.response.headers.get('Content-Type')).to.include('text/event-stream'); pm.expect(pm.response.text()).to.include('event: end'); });"],
  'GET /v1/scans/{id}/deliveries': [...status([200]), json, "pm.test('the webhook delivery of the scan', () => pm.expect(body[0].id).to.match(/^msg_/));", "pm.collectionVariables.set('deliveryId', body[0].id);"],
  // 409 while the delivery is still being tried (the receiver has not taken it yet).
  'POST /v1/scans/{id}/deliveries/{deliveryId}/redeliver': [...status([202, 409]), json, "pm.test('the delivery, or why not yet', () => pm.expect(pm.response.code === 202 ? body.id : body.code).to.be.a('string'));"],
  // 409 once cancelling a finished scan is refused with its status.
  'DELETE /v1/scans/{id}': [...status([202, 409]), json, "pm.test('the scan, or its final status', () => pm.expect(pm.response.code === 202 ? body.id : body.code).to.be.a('string'));"],
  'POST /v1/fingerprints/match': [...status([200]), json, "pm.test('facts for each answer, with the fingerprint behind them', () => { pm.expect(body.results).to.have.length(2); pm.expect(body.results[0].facts.manufacturer.value).to.be.a('string'); pm.expect(body.results[0].facts.manufacturer.fingerprint.database).to.be.a('string'); pm.expect(body.results[1].service.product).to.be.a('string'); });"],
  'GET /v1/fingerprints': [...status([200]), json, "pm.test('the shipped database among those loaded', () => pm.expect(body.databases.map((d) => d.name)).to.include('pscan'));"],
  'GET /v1/probes': [...status([200]), json, "pm.test('the probe catalogue', () => pm.expect(body.probes.map((p) => p.type)).to.include('tcp-banner'));"],
  'GET /healthz': [...status([200]), json, "pm.test('alive', () => pm.expect(body.status).to.equal('ok'));"],
  'GET /readyz': [...status([200]), json, "pm.test('ready', () => pm.expect(body.ready).to.equal(true));"],
  'POST /v1/catalogs': [...status([201]), json, "pm.test('the catalogue with its trees built', () => { pm.expect(body.id).to.match(/^cat_/); pm.expect(body.devices).to.have.length(2); });", "pm.collectionVariables.set('catalogId', body.id);"],
  'GET /v1/catalogs': [...status([200]), json, "pm.test('lists the catalogue added', () => pm.expect(body.map((c) => c.id)).to.include(pm.collectionVariables.get('catalogId')));"],
  'GET /v1/catalogs/{id}': [...status([200]), json, "pm.test('the catalogue', () => pm.expect(body.id).to.equal(pm.collectionVariables.get('catalogId')));"],
  'GET /v1/catalogs/{id}/tree': [...status([200]), json, "pm.test('its trees', () => { pm.expect(body.id).to.equal(pm.collectionVariables.get('catalogId')); pm.expect(body.confirm.root).to.be.an('object'); });"],
  'DELETE /v1/catalogs/{id}': status([204]),
  'GET /v1/assets/{ip}/history': [...status([200]), json, "pm.test('observations of the target', () => body.items.forEach((o) => pm.expect(o.ip).to.equal(pm.collectionVariables.get('target'))));"],
  'GET /v1/changes': [...status([200]), json, "pm.test('a page of changes', () => pm.expect(body.items).to.be.an('array'));"],
  'GET /v1/assets': [...status([200]), json, "pm.test('the target among the assets', () => pm.expect(body.items.map((a) => a.ip)).to.include(pm.collectionVariables.get('target')));"],
  'GET /v1/assets/export': [...status([200]), "pm.test('CSV, one line per address', () => pm.expect(pm.response.text().split('\\r\\n')[0]).to.match(/^ip,mac,hostname,/));"],
  'GET /v1/assets/services/export': [...status([200]), "pm.test('CSV, one line per service', () => pm.expect(pm.response.text().split('\\r\\n')[0]).to.match(/^ip,hostname,manufacturer,port,protocol,/));"],
  'GET /v1/assets/{ip}': [...status([200]), json, "pm.test('the target\\'s asset', () => pm.expect(body.ip).to.equal(pm.collectionVariables.get('target')));"],
};
const generic = js(["pm.test('status 2xx', () => pm.expect(pm.response.code).to.be.within(200, 299));"]);

function request(route, method, op, { name, body } = {}) {
  const key = `${method.toUpperCase()} ${route}`;
  const segments = route.split('/').filter(Boolean).map((s) => s.replace(/^\{(.+)\}$/, ':$1'));
  const variables = route.match(/\{[^}]+\}/g)?.map((v) => ({ key: v.slice(1, -1), value: pathValue(route, v.slice(1, -1)) })) ?? [];
  const query = (op.parameters ?? [])
    .filter((p) => p.in === 'query')
    .map((p) => ({ key: p.name, value: queryValues[route]?.[p.name] ?? '', ...(queryValues[route]?.[p.name] === undefined ? { disabled: true } : {}), description: p.description ?? '' }));
  const headers = (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => ({ key: p.name, value: p.name === 'Idempotency-Key' ? '{{$guid}}' : '', description: p.description ?? '' }));
  if (body) headers.unshift({ key: 'Content-Type', value: 'application/json' });
  const queryText = query.filter((q) => !q.disabled).map((q) => `${q.key}=${q.value}`).join('&');
  return {
    name: name ?? op.summary,
    event: [{ listen: 'test', script: { type: 'text/javascript', exec: checks[key] ?? generic } }],
    request: {
      method: method.toUpperCase(),
      ...(op.security?.length ? {} : { auth: { type: 'noauth' } }),
      header: headers,
      url: { raw: `{{baseUrl}}/${segments.join('/')}${queryText ? `?${queryText}` : ''}`, host: ['{{baseUrl}}'], path: segments, ...(variables.length ? { variable: variables } : {}), ...(query.length ? { query } : {}) },
      // A number variable goes in unquoted, so that the body stays a number where one is wanted.
      ...(body ? { body: { mode: 'raw', raw: JSON.stringify(body, null, 2).replace(/"\{\{port\}\}"/g, '{{port}}'), options: { raw: { language: 'json' } } } } : {}),
      description: `${method.toUpperCase()} ${route}\n\n${(op.description ?? '').trim()}`.trim(),
    },
  };
}

// Creating first (what later requests read), deleting last (nothing reads what is gone).
const rank = (route, method) => (method === 'delete' ? 3 : method === 'post' && !/\{/.test(route) ? 0 : method === 'post' ? 2 : 1);
const folders = new Map();
const ops = Object.entries(doc.paths)
  .flatMap(([route, item]) => Object.entries(item).map(([method, op]) => ({ route, method, op })))
  .map((o, i) => ({ ...o, i }))
  .sort((a, b) => rank(a.route, a.method) - rank(b.route, b.method) || a.i - b.i);
for (const { route, method, op } of ops) {
  const key = `${method.toUpperCase()} ${route}`;
  const items =
    key === 'POST /v1/scans'
      ? [...probeExamples.map(([probe, body]) => request(route, method, op, { name: `${op.summary}: ${probe}`, body })), request(route, method, op, { name: `${op.summary}: webhook`, body: webhookScan })]
      : [request(route, method, op, { body: bodies[key] })];
  const tag = op.tags?.[0] ?? 'other';
  folders.set(tag, [...(folders.get(tag) ?? []), ...items]);
}
const order = (doc.tags ?? []).map((t) => t.name);
const byTag = [...folders].sort(([a], [b]) => (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1));

const collection = {
  info: { name: 'pScan service', description: doc.info.description, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
  variable: [
    { key: 'baseUrl', value: 'http://127.0.0.1:8080' },
    { key: 'token', value: 'paste the output of: npm run --silent token -- --scopes scans:read,scans:write,admin' },
    { key: 'target', value: '127.0.0.1', description: 'the address every scan probes (the README walk-through: PSCAN_SCOPE_ALLOW=127.0.0.0/8 PSCAN_SCOPE_ALLOW_SELF=true)' },
    { key: 'port', value: '8000', description: 'an open TCP port of the target (the README walk-through: python3 -m http.server 8000)' },
    { key: 'webhookUrl', value: 'http://127.0.0.1:9/hooks', description: 'where "Create a scan: webhook" has its result POSTed (needs PSCAN_WEBHOOK_ALLOW=127.0.0.1)' },
    { key: 'webhookSecret', value: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', description: 'its signing secret' },
    { key: 'scanId', value: '', description: 'set by "Create a scan" from its answer' },
    { key: 'deliveryId', value: '', description: 'set by "List a scan\'s webhook deliveries"' },
    { key: 'catalogId', value: '', description: 'set by "Add a classification catalogue"' },
    { key: 'tokenId', value: '', description: 'set by "Mint an integration token"' },
  ],
  item: byTag.map(([tag, item]) => ({ name: tag, description: doc.tags?.find((t) => t.name === tag)?.description ?? '', item })),
};
const text = `${JSON.stringify(collection, null, 2)}\n`;
if (process.argv.includes('--stdout')) process.stdout.write(text);
else writeFileSync(path.join(root, 'examples', COLLECTION), text);
