import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInWorker } from './worker.js';

const treeWorker = new URL('../catalogs/tree-worker.js', import.meta.url);

test('a worker answers with what its module posts', async () => {
  const trees = await runInWorker<{ identify: { root: unknown } }>(treeWorker, [{ type: 'a', ports: [1, 2] }, { type: 'b', ports: [2] }]);
  assert.deepEqual(trees.identify.root, { port: 1, open: { devices: ['a'] }, closed: { devices: ['b'] } });
});

test('a worker that throws rejects the call instead of leaving it pending', async () => {
  await assert.rejects(runInWorker(treeWorker, 'not a device list'), TypeError);
});
