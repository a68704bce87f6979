import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SETTINGS } from '../../src/config/config.js';
import { packageRoot } from '../../src/util/package-root.js';

const root = packageRoot();

test('docs/configuration.md is what scripts/config-docs.ts makes of SETTINGS and config/default.json (run `npm run generate`)', () => {
  const generated = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'config-docs.ts'), '--stdout'], { cwd: root, encoding: 'utf8' });
  assert.equal(readFileSync(path.join(root, 'docs', 'configuration.md'), 'utf8'), generated, 'docs/configuration.md is stale: npm run generate');
});

test('docs/configuration.md has one row per setting, each with its env var and a description', () => {
  const page = readFileSync(path.join(root, 'docs', 'configuration.md'), 'utf8');
  const rows = page.split('\n').filter((l) => /^\| `[a-zA-Z.]+` \|/.test(l));
  assert.equal(rows.length, SETTINGS.length);
  for (const s of SETTINGS) {
    assert.ok(s.description.trim().length > 0, `${s.key} has no description`);
    assert.ok(rows.some((r) => r.startsWith(`| \`${s.key}\` | \`${s.env}\` |`)), `no row for ${s.key}`);
  }
});
