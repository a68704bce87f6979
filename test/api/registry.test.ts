import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { PROBES } from '../../src/probes/registry.js';
import { validateScanRequest } from '../../src/scans/request.js';
import { findProbe } from '../../src/probes/registry.js';
import { packageRoot } from '../../src/util/package-root.js';

const root = packageRoot();
const openapi = JSON.parse(readFileSync(path.join(root, 'openapi', 'openapi.json'), 'utf8'));

for (const probe of PROBES) {
  test(`probe ${probe.type}: registered once, documented, with a valid example and its own tests`, () => {
    assert.equal(PROBES.filter((p) => p.type === probe.type).length, 1);
    assert.ok(probe.description.length > 20);
    for (const p of probe.params) assert.ok(p.description.length > 5, `${probe.type}.${p.name} has a description`);
    const folder = path.join(root, 'src', 'probes', probe.type);
    assert.ok(readdirSync(folder).some((f) => f.endsWith('.test.ts')), `${folder} has tests`);
    const example = path.join(root, 'examples', `${probe.type}.json`);
    assert.ok(existsSync(example), `${example} exists`);
    const outcome = validateScanRequest(JSON.parse(readFileSync(example, 'utf8')), findProbe);
    assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.errors));
    assert.ok(outcome.request.probes.some((p) => p.probe.type === probe.type));
  });

  test(`probe ${probe.type}: the OpenAPI schema names exactly the parameters the probe validates`, () => {
    const schemas = Object.values(openapi.components.schemas) as Array<{ properties?: Record<string, { enum?: string[] }> }>;
    const schema = schemas.find((s) => s.properties?.type?.enum?.length === 1 && s.properties.type.enum[0] === probe.type);
    assert.ok(schema, `a schema with type "${probe.type}"`);
    assert.deepEqual(Object.keys(schema.properties!).filter((k) => k !== 'type').sort(), probe.params.map((p) => p.name).sort());
  });
}
