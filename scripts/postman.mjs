#!/usr/bin/env node
// Generates examples/pscan.postman_collection.json (Postman v2.1) from openapi/openapi.json:
// one request per operation, the bearer token and base URL as collection variables.
//   node scripts/postman.mjs            write it
//   node scripts/postman.mjs --stdout   print it (the staleness test compares)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const doc = JSON.parse(readFileSync(path.join(root, 'openapi', 'openapi.json'), 'utf8'));
const example = (name) => JSON.parse(readFileSync(path.join(root, 'examples', name), 'utf8'));

const bodies = {
  'POST /v1/scans': { ...example('tcp-banner.json'), targets: ['192.168.1.20'] },
  'POST /v1/tokens': { name: 'ndr-integration', scopes: ['scans:read', 'scans:write'], expiresInDays: 90 },
  'POST /v1/catalogs': { name: 'my devices', devices: [{ type: 'Camera X', ports: [80, 554] }, { type: 'Plug Y', ports: [80, 9999] }] },
};

const items = [];
for (const [route, ops] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(ops)) {
    const key = `${method.toUpperCase()} ${route}`;
    const segments = route.split('/').filter(Boolean).map((s) => s.replace(/^\{(.+)\}$/, ':$1'));
    const variables = route.match(/\{[^}]+\}/g)?.map((v) => ({ key: v.slice(1, -1), value: v === '{id}' ? 'scn_…' : v === '{ip}' ? '192.168.1.20' : '' })) ?? [];
    const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ key: p.name, value: '', disabled: true, description: p.description ?? '' }));
    const item = {
      name: `${key}${op.summary ? ` — ${op.summary}` : ''}`,
      request: {
        method: method.toUpperCase(),
        ...(op.security?.length ? {} : { auth: { type: 'noauth' } }),
        header: bodies[key] ? [{ key: 'Content-Type', value: 'application/json' }] : [],
        url: { raw: `{{baseUrl}}/${segments.join('/')}`, host: ['{{baseUrl}}'], path: segments, ...(variables.length ? { variable: variables } : {}), ...(query.length ? { query } : {}) },
        ...(bodies[key] ? { body: { mode: 'raw', raw: JSON.stringify(bodies[key], null, 2), options: { raw: { language: 'json' } } } } : {}),
        description: (op.description ?? '').trim(),
      },
    };
    items.push(item);
  }
}

const collection = {
  info: { name: 'pScan service', description: doc.info.description, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
  auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
  variable: [
    { key: 'baseUrl', value: 'http://127.0.0.1:8080' },
    { key: 'token', value: 'paste the output of: npm run --silent token -- --scopes scans:read,scans:write' },
  ],
  item: items,
};
const text = `${JSON.stringify(collection, null, 2)}\n`;
if (process.argv.includes('--stdout')) process.stdout.write(text);
else writeFileSync(path.join(root, 'examples', 'pscan.postman_collection.json'), text);
