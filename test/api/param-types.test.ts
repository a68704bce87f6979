import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/package-root.js';

const root = packageRoot();

test('src/api/generated/params.ts is what scripts/param-types.ts makes of the probes\' params and TIMING_PARAMS (run `npm run generate`)', () => {
  const generated = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'param-types.ts'), '--stdout'], { cwd: root, encoding: 'utf8' });
  assert.equal(readFileSync(path.join(root, 'src', 'api', 'generated', 'params.ts'), 'utf8'), generated, 'src/api/generated/params.ts is stale: npm run generate');
});
