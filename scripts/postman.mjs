#!/usr/bin/env node
// Generates examples/pscan.postman_collection.json (Postman v2.1) from openapi/openapi.json: one
// folder per tag, one request per operation named by its summary (what it does), and for creating
// a scan one request per probe, from examples/<probe>.json. The bearer token and base URL are
// collection variables; creating a scan sends a fresh Idempotency-Key and keeps the new scan's id
// (from Location) in {{scanId}}, which the scan requests use.
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
  .map((f) => [f.replace(/\.json$/, ''), example(f)]);

/** Bodies of the operations that take one; creating a scan has one per probe instead. */
const bodies = {
  'POST /v1/tokens': { name: 'ndr-integration', scopes: ['scans:read', 'scans:write'], expiresInDays: 90 },
  'POST /v1/catalogs': { name: 'my devices', devices: [{ type: 'Camera X', ports: [80, 554] }, { type: 'Plug Y', ports: [80, 9999] }] },
};

const pathValues = { id: '{{scanId}}', ip: '192.168.1.20' };

// Postman runs this after the request: the new scan's id, from Location, for the requests that read it.
const saveScanId = {
  listen: 'test',
  script: {
    type: 'text/javascript',
    exec: ["const location = pm.response.headers.get('Location');", "if (location) pm.collectionVariables.set('scanId', location.split('/').pop());"],
  },
};

function request(route, method, op, { name, body } = {}) {
  const segments = route.split('/').filter(Boolean).map((s) => s.replace(/^\{(.+)\}$/, ':$1'));
  const variables = route.match(/\{[^}]+\}/g)?.map((v) => ({ key: v.slice(1, -1), value: pathValues[v.slice(1, -1)] ?? '' })) ?? [];
  const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ key: p.name, value: '', disabled: true, description: p.description ?? '' }));
  const headers = (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => ({ key: p.name, value: p.name === 'Idempotency-Key' ? '{{$guid}}' : '', description: p.description ?? '' }));
  if (body) headers.unshift({ key: 'Content-Type', value: 'application/json' });
  const createsScan = method === 'post' && route === '/v1/scans';
  return {
    name: name ?? op.summary,
    ...(createsScan ? { event: [saveScanId] } : {}),
    request: {
      method: method.toUpperCase(),
      ...(op.security?.length ? {} : { auth: { type: 'noauth' } }),
      header: headers,
      url: { raw: `{{baseUrl}}/${segments.join('/')}`, host: ['{{baseUrl}}'], path: segments, ...(variables.length ? { variable: variables } : {}), ...(query.length ? { query } : {}) },
      ...(body ? { body: { mode: 'raw', raw: JSON.stringify(body, null, 2), options: { raw: { language: 'json' } } } } : {}),
      description: `${method.toUpperCase()} ${route}\n\n${(op.description ?? '').trim()}`.trim(),
    },
  };
}

const folders = new Map();
for (const [route, ops] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(ops)) {
    const key = `${method.toUpperCase()} ${route}`;
    const items = key === 'POST /v1/scans' ? probeExamples.map(([probe, body]) => request(route, method, op, { name: `${op.summary}: ${probe}`, body })) : [request(route, method, op, { body: bodies[key] })];
    const tag = op.tags?.[0] ?? 'other';
    folders.set(tag, [...(folders.get(tag) ?? []), ...items]);
  }
}

const collection = {
  info: { name: 'pScan service', description: doc.info.description, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
  variable: [
    { key: 'baseUrl', value: 'http://127.0.0.1:8080' },
    { key: 'token', value: 'paste the output of: npm run --silent token -- --scopes scans:read,scans:write' },
    { key: 'scanId', value: '', description: 'set by "Create a scan" from its Location header' },
  ],
  item: [...folders].map(([tag, item]) => ({ name: tag, description: doc.tags?.find((t) => t.name === tag)?.description ?? '', item })),
};
const text = `${JSON.stringify(collection, null, 2)}\n`;
if (process.argv.includes('--stdout')) process.stdout.write(text);
else writeFileSync(path.join(root, 'examples', COLLECTION), text);
