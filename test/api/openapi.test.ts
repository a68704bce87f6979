import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/package-root.js';

const root = packageRoot();

test('the committed openapi/openapi.json and generated routes match the controllers (run `npm run generate`)', () => {
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
    assert.equal(readFileSync(path.join(out, 'openapi.json'), 'utf8'), readFileSync(path.join(root, 'openapi', 'openapi.json'), 'utf8'), 'openapi/openapi.json is stale');
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

test('the Postman collection is generated from the current OpenAPI document, one request per operation, bearer token as a variable', () => {
  const generated = execFileSync(process.execPath, [path.join(root, 'scripts', 'postman.mjs'), '--stdout'], { encoding: 'utf8' });
  assert.equal(readFileSync(path.join(root, 'examples', 'pscan.postman_collection.json'), 'utf8'), generated, 'examples/pscan.postman_collection.json is stale: npm run generate');
  const collection = JSON.parse(generated);
  const doc = JSON.parse(readFileSync(path.join(root, 'openapi', 'openapi.json'), 'utf8'));
  const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`));
  assert.deepEqual(collection.item.map((i: { name: string }) => i.name.split(' — ')[0]).sort(), operations.sort());
  assert.deepEqual(collection.auth, { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] });
  const post = collection.item.find((i: { name: string }) => i.name.startsWith('POST /v1/scans'));
  assert.equal(JSON.parse(post.request.body.raw).probe.type, 'tcp-banner');
});
