import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/package-root.js';

const root = packageRoot();
const pages = readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f)).sort();
const docs = ['README.md', ...pages];

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

test('the README leads to every page under docs/, directly or through docs/probes/README.md', () => {
  const linked = (doc: string) => [...readFileSync(path.join(root, doc), 'utf8').matchAll(/\]\(([^)\s#]+)/g)].map(([, t]) => path.join(path.dirname(doc), t!));
  const reached = new Set([...linked('README.md'), ...linked(path.join('docs', 'probes', 'README.md'))]);
  assert.ok(pages.length > 10, `only ${pages.length} pages found`);
  assert.deepEqual(pages.filter((p) => !reached.has(p)), [], 'pages no link leads to');
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

/**
 * Every problem the source can answer with, as `code status`: the AppError classes of src/errors.ts
 * and those built at the HTTP edge (src/app.ts), wherever the status is written out.
 */
function problemCodes(dir: string): Set<string> {
  const codes = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const [, code, status] of text.matchAll(/(?:super|new AppError)\(\s*'([a-z][a-z0-9-]*)',\s*(\d{3})\b/g)) codes.add(`${code} ${status}`);
  }
  return codes;
}

test('the error catalogue in docs/api.md lists exactly the problem codes and statuses of the source (src/errors.ts, src/app.ts)', () => {
  const api = readFileSync(path.join(root, 'docs', 'api.md'), 'utf8');
  const section = /\n## Errors\n([\s\S]*?)(?:\n## |$)/.exec(api)?.[1] ?? '';
  const documented = new Set<string>();
  for (const [, status, codes] of section.matchAll(/^\| (\d{3}) \| ([^|]+) \|/gm)) {
    for (const [, code] of codes!.matchAll(/`([a-z][a-z0-9-]*)`/g)) documented.add(`${code} ${status}`);
  }
  const source = problemCodes(path.join(root, 'src'));
  assert.ok(source.has('validation 400') && source.has('headers-too-large 431'), 'the source scan finds the known codes');
  assert.deepEqual([...source].filter((c) => !documented.has(c)).sort(), [], 'in the source but not in docs/api.md');
  assert.deepEqual([...documented].filter((c) => !source.has(c)).sort(), [], 'in docs/api.md but not in the source');
});
