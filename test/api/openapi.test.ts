import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createConfig, lint } from '@redocly/openapi-core';
import { PROBES } from '../../src/probes/registry.js';
import { packageRoot } from '../../src/util/package-root.js';

const root = packageRoot();
const SPEC = path.join(root, 'openapi', 'openapi.json');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface Operation {
  summary?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  requestBody?: unknown;
  parameters?: Array<{ in: string }>;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

function operations(doc: { paths: Record<string, Record<string, Operation>> }): Array<[string, Operation]> {
  return Object.entries(doc.paths).flatMap(([p, item]) => METHODS.filter((m) => item[m]).map((m): [string, Operation] => [`${m.toUpperCase()} ${p}`, item[m]!]));
}

test('the committed openapi/openapi.json, its client types and the generated routes match the controllers (run `npm run generate`)', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'pscan-openapi-'));
  // Routes go beside the committed ones so their relative imports are the same.
  const routesDir = path.join('src', 'http', `.generated-check-${process.pid}`);
  const config = JSON.parse(readFileSync(path.join(root, 'tsoa.json'), 'utf8'));
  config.spec.outputDirectory = out;
  config.routes.routesDir = routesDir;
  const configFile = path.join(out, 'tsoa.json');
  writeFileSync(configFile, JSON.stringify(config));
  try {
    execFileSync(path.join(root, 'node_modules', '.bin', 'tsoa'), ['spec-and-routes', '-c', configFile], { cwd: root, stdio: 'pipe' });
    execFileSync(process.execPath, [path.join(root, 'scripts', 'routes.mjs'), path.join(root, routesDir, 'routes.ts')], { stdio: 'pipe' });
    // What tsoa cannot say (problem+json, the SSE body, the discriminator) is added by the same script as `npm run generate`.
    execFileSync(process.execPath, [path.join(root, 'scripts', 'openapi.mjs'), path.join(out, 'openapi.json'), path.join(out, 'api-types.ts')], { stdio: 'pipe' });
    assert.equal(readFileSync(path.join(out, 'openapi.json'), 'utf8'), readFileSync(path.join(root, 'openapi', 'openapi.json'), 'utf8'), 'openapi/openapi.json is stale');
    assert.equal(readFileSync(path.join(out, 'api-types.ts'), 'utf8'), readFileSync(path.join(root, 'src', 'http', 'generated', 'api-types.ts'), 'utf8'), 'api-types.ts is stale');
    assert.equal(readFileSync(path.join(root, routesDir, 'routes.ts'), 'utf8'), readFileSync(path.join(root, 'src', 'http', 'generated', 'routes.ts'), 'utf8'), 'routes.ts is stale');
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(path.join(root, routesDir), { recursive: true, force: true });
  }
});

test('the document is OpenAPI 3 with bearer security and every public endpoint', () => {
  const doc = JSON.parse(readFileSync(path.join(root, 'openapi', 'openapi.json'), 'utf8'));
  assert.match(doc.openapi, /^3\./);
  assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const p of ['/v1/scans', '/v1/scans/{id}', '/v1/scans/{id}/events', '/v1/probes', '/healthz', '/readyz']) assert.ok(doc.paths[p], p);
  assert.ok(doc.paths['/v1/scans'].post.responses['202'] && doc.paths['/v1/scans'].post.responses['403']);
});

test('the Postman collection is generated from the current OpenAPI document: every operation named by what it does and asserting its status, one scan request per probe at the {{target}} with an Idempotency-Key that keeps the scan id', () => {
  const generated = execFileSync(process.execPath, [path.join(root, 'scripts', 'postman.mjs'), '--stdout'], { encoding: 'utf8' });
  assert.equal(readFileSync(path.join(root, 'examples', 'pscan.postman_collection.json'), 'utf8'), generated, 'examples/pscan.postman_collection.json is stale: npm run generate');
  const collection = JSON.parse(generated);
  const doc = JSON.parse(readFileSync(path.join(root, 'openapi', 'openapi.json'), 'utf8'));
  type Item = { name: string; event?: Array<{ listen: string; script: { exec: string[] } }>; request: { method: string; header: Array<{ key: string; value: string }>; url: { path: string[]; variable?: Array<{ key: string; value: string }> }; body?: { raw: string } } };
  const items: Item[] = collection.item.flatMap((folder: { item: Item[] }) => folder.item);
  const operationOf = (i: Item) => `${i.request.method} /${i.request.url.path.map((s) => s.replace(/^:(.+)$/, '{$1}')).join('/')}`;
  const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`));
  assert.deepEqual([...new Set(items.map(operationOf))].sort(), operations.sort());
  for (const i of items) assert.doesNotMatch(i.name, /^(GET|POST|DELETE|PUT|PATCH) \//, `${i.name}: named by what it does, not its route`);
  assert.deepEqual(collection.auth, { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] });
  const creates = items.filter((i) => operationOf(i) === 'POST /v1/scans');
  const bodies = creates.map((i) => JSON.parse(i.request.body!.raw.replace(/\{\{port\}\}/g, '0')));
  const probes = bodies.filter((b) => !b.webhook).map((b) => (b.probe ?? b.probes[0]).type);
  assert.deepEqual(probes.sort(), PROBES.map((p) => p.type).sort(), 'one example per probe');
  for (const b of bodies) assert.deepEqual(b.targets, ['{{target}}'], 'targets from the variable');
  assert.equal(collection.variable.find((v: { key: string }) => v.key === 'target').value, '127.0.0.1', "the README's loopback walk-through");
  for (const i of creates) {
    assert.equal(i.request.header.find((h) => h.key === 'Idempotency-Key')?.value, '{{$guid}}');
    assert.match(i.event!.find((e) => e.listen === 'test')!.script.exec.join('\n'), /collectionVariables\.set\('scanId', body\.id\)/);
  }
  for (const i of items) assert.match(i.event?.find((e) => e.listen === 'test')?.script.exec.join('\n') ?? '', /pm\.test\('status/, `${i.name} asserts its status`);
  const get = items.find((i) => operationOf(i) === 'GET /v1/scans/{id}')!;
  assert.deepEqual(get.request.url.variable, [{ key: 'id', value: '{{scanId}}' }]);
});

test('the event stream is documented as 200 text/event-stream, as it is served', () => {
  const doc = JSON.parse(readFileSync(SPEC, 'utf8'));
  const responses = doc.paths['/v1/scans/{id}/events'].get.responses;
  assert.equal(responses['204'], undefined);
  assert.deepEqual(Object.keys(responses['200'].content), ['text/event-stream']);
});

test('every error is declared application/problem+json, and every operation lists the errors its traits can cause', () => {
  const doc = JSON.parse(readFileSync(SPEC, 'utf8'));
  for (const [name, op] of operations(doc)) {
    const codes = Object.keys(op.responses);
    for (const code of codes.filter((c) => Number(c) >= 400)) {
      if (name === 'GET /readyz') continue; // its 503 is the readiness body, as the server sends it
      assert.deepEqual(Object.keys(op.responses[code]!.content ?? {}), ['application/problem+json'], `${name} ${code}`);
    }
    const expected = [
      ...(op.security?.some((s) => Object.keys(s).length) ? ['401', '403', '429'] : []),
      ...(op.requestBody ? ['400', '413', '415'] : []),
      ...(op.parameters?.some((p) => p.in === 'query' || p.in === 'header') ? ['400'] : []),
      ...(/\{/.test(name) ? ['404'] : []),
    ];
    for (const code of expected) assert.ok(codes.includes(code), `${name} lists ${code}`);
  }
  const create = Object.keys(doc.paths['/v1/scans'].post.responses);
  for (const code of ['403', '422', '429', '503']) assert.ok(create.includes(code), `POST /v1/scans lists ${code}`);
});

test('probe specs are a oneOf discriminated by type, one mapping per registered probe', () => {
  const doc = JSON.parse(readFileSync(SPEC, 'utf8'));
  const spec = doc.components.schemas.ProbeSpec;
  assert.equal(spec.anyOf, undefined);
  assert.equal(spec.discriminator.propertyName, 'type');
  assert.deepEqual(Object.keys(spec.discriminator.mapping).sort(), PROBES.map((p) => p.type).sort());
  for (const ref of Object.values(spec.discriminator.mapping)) assert.ok(spec.oneOf.some((m: { $ref: string }) => m.$ref === ref));
});

test('every operation has a summary and a declared tag; schema names are plain identifiers', () => {
  const doc = JSON.parse(readFileSync(SPEC, 'utf8'));
  const tags = new Set(doc.tags.map((t: { name: string }) => t.name));
  for (const [name, op] of operations(doc)) {
    assert.ok(op.summary, `${name} has a summary`);
    assert.ok(op.tags?.length && op.tags.every((t) => tags.has(t)), `${name} has a declared tag`);
  }
  for (const name of Object.keys(doc.components.schemas)) assert.match(name, /^[A-Z][A-Za-z0-9]*$/);
});

test('the committed document passes Redocly\'s strict ruleset: no error, no warning', async () => {
  const config = await createConfig({ extends: ['recommended-strict'] });
  const problems = (await lint({ ref: SPEC, config })).map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''} ${p.message}`);
  assert.deepEqual(problems, []);
});

test('a created scan\'s Location is declared on its 200 and 202, and what a summary carries is in its schema', () => {
  const doc = JSON.parse(readFileSync(SPEC, 'utf8'));
  for (const code of ['200', '202']) assert.deepEqual(doc.paths['/v1/scans'].post.responses[code].headers.Location.schema, { type: 'string' });
  assert.ok(doc.components.schemas.ScanSummary.properties.plan, 'a listed want scan carries its plan');
});
