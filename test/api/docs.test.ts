import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/package-root.js';

const root = packageRoot();
const docs = ['README.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f))];

test('the README and docs/ link only to files inside the repository, and those files exist', () => {
  for (const doc of docs) {
    const text = readFileSync(path.join(root, doc), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const file = target!.split('#')[0]!;
      assert.doesNotMatch(target!, /^[a-z][a-z0-9+.-]*:/i, `${doc} links outside the repository: ${target}`);
      const resolved = path.resolve(root, path.dirname(doc), file);
      assert.ok(resolved.startsWith(`${root}${path.sep}`) || resolved === root, `${doc} links outside the repository: ${target}`);
      assert.ok(existsSync(resolved), `${doc} links to a missing file: ${target}`);
    }
  }
});

test('docs/api.md names every path of the OpenAPI document', () => {
  const api = readFileSync(path.join(root, 'docs', 'api.md'), 'utf8');
  const doc = JSON.parse(readFileSync(path.join(root, 'openapi', 'openapi.json'), 'utf8'));
  for (const p of Object.keys(doc.paths)) assert.ok(api.includes(p), `docs/api.md does not mention ${p}`);
});

test('the README states the prerequisites: package.json\'s Node version and a C/C++ toolchain for better-sqlite3', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const engines = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node as string;
  const prerequisites = /## Prerequisites\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  assert.ok(prerequisites.includes(`Node.js ${engines.replace('>=', '≥ ')}`), `README prerequisites name Node ${engines}`);
  assert.match(prerequisites, /C\/C\+\+ toolchain[\s\S]*better-sqlite3/);
});
