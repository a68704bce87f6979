import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import madge from 'madge';
import { packageRoot } from '../../src/util/package-root.js';

const root = packageRoot();

/**
 * The import graph of a source tree as madge (dependency-tree, TypeScript's own module resolution
 * with the project's tsconfig) sees it, `import type` lines included: they vanish from the emitted
 * JavaScript, but a type that runs upward ties the layers together as much as a value does.
 */
async function importGraph(dir: string) {
  return madge(dir, {
    fileExtensions: ['ts'],
    tsConfig: path.join(root, 'tsconfig.json'),
    excludeRegExp: [/\.test\.ts$/],
  });
}

test('the import graph of src/ has no cycle', async () => {
  const graph = await importGraph(path.join(root, 'src'));
  const modules = graph.obj();
  // A graph that resolved nothing has no cycle either: make sure it is the real one.
  assert.ok(Object.keys(modules).length > 50, `only ${Object.keys(modules).length} modules found`);
  assert.ok(modules['server.ts']?.includes('app.ts') || modules['composition-root.ts']?.includes('app.ts'), 'the graph misses the edge to app.ts');
  assert.deepEqual(graph.warnings().skipped, [], 'imports that could not be resolved');
  const cycles = graph.circular();
  assert.deepEqual(cycles, [], `import cycles in src/:\n${cycles.map((c) => `  ${[...c, c[0]].join(' → ')}`).join('\n')}`);
});

test('the check sees a cycle when there is one, of values or of types only', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pscan-cycle-'));
  try {
    writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = () => b;\n");
    writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a.js';\nexport const b = () => a;\n");
    writeFileSync(path.join(dir, 'c.ts'), "import type { D } from './d.js';\nexport interface C { d?: D }\n");
    writeFileSync(path.join(dir, 'd.ts'), "import type { C } from './c.js';\nexport interface D { c?: C }\n");
    const graph = await importGraph(dir);
    assert.deepEqual(graph.circular(), [['a.ts', 'b.ts'], ['c.ts', 'd.ts']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
