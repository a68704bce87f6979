import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import request from 'supertest';
import { packageRoot } from '../../src/util/package-root.js';
import { bearer, testService, token } from '../support/service.js';

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; required?: string[]; enum?: unknown[] };
const root = packageRoot();
const doc = JSON.parse(readFileSync(path.join(root, 'openapi', 'openapi.json'), 'utf8')) as { components: { schemas: Record<string, Schema> } };
const resolve = (s: Schema): Schema => (s.$ref ? resolve(doc.components.schemas[s.$ref.split('/').at(-1)!]!) : s);

/** Every field path the request schema names, with probe fields taken per probe type. */
function fieldPaths(schema: Schema, prefix: string[] = []): string[][] {
  const s = resolve(schema);
  if (s.anyOf) return s.anyOf.flatMap((member) => fieldPaths(member, prefix));
  if (s.type === 'array' && s.items) return [prefix, ...fieldPaths(s.items, [...prefix, '0'])];
  if (s.properties) return [prefix, ...Object.entries(s.properties).flatMap(([k, v]) => fieldPaths(v, [...prefix, k]))];
  return [prefix];
}

const HOSTILE_VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 2 ** 53, 1e308, '', 'x', '🦄'.repeat(300), '\u0000\u202e', 'a'.repeat(20000), [], [null], [{}], {}, { a: 1 }];

function withValue(body: unknown, keys: string[], value: unknown | typeof DELETE): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let cur: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) {
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = /^\d+$/.test(keys[keys.indexOf(k) + 1] ?? '') ? [] : {};
    cur = cur[k] as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (value === DELETE) delete cur[last];
  else cur[last] = value;
  return copy;
}
const DELETE = Symbol('delete');

let svc: Awaited<ReturnType<typeof testService>>;
let auth: Record<string, string>;
before(async () => {
  svc = await testService({ PSCAN_MAX_CONCURRENT_SCANS: '1', PSCAN_PRINCIPAL_RPM: '1000000' });
  auth = bearer(await token());
});
after(() => svc.close(0));

test('a bad-input sweep generated from the OpenAPI document: wrong types, missing, huge, negative, unicode — never a 5xx', async (t) => {
  const examples = readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(path.join(root, 'examples', f), 'utf8')));
  const bases = examples.flatMap((e) => (e.probes ?? [e.probe]).map((probe: object) => ({ targets: ['127.0.0.1'], probes: [probe], timing: { timeoutMs: 50 } })));
  const paths = fieldPaths(doc.components.schemas.ScanRequest!).filter((p) => p.length > 0);
  const byStatus = new Map<number, number>();
  let tried = 0;
  for (const base of bases) {
    for (const keys of paths) {
      for (const value of [...HOSTILE_VALUES, DELETE]) {
        const res = await request(svc.app).post('/v1/scans').set(auth).set('Content-Type', 'application/json').send(JSON.stringify(withValue(base, keys, value)));
        tried++;
        byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
        assert.ok(res.status < 500, `${keys.join('/')} = ${String(value === DELETE ? '(deleted)' : JSON.stringify(value)).slice(0, 60)} → ${res.status} ${res.text.slice(0, 200)}`);
        if (res.status >= 400) assert.match(res.headers['content-type']!, /application\/problem\+json/);
      }
    }
  }
  const summary = `${tried} bodies tried from ${paths.length} schema paths × ${bases.length} probe bases: ${[...byStatus].sort().map(([s, n]) => `${s}×${n}`).join(', ')}`;
  t.diagnostic(summary);
  console.log(`sweep: ${summary}`);
  assert.ok(tried > 1000, summary);
  assert.ok((byStatus.get(400) ?? 0) > tried / 2, 'most mutations are invalid and say so');
});
