import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryScanStore } from '../../store/memory-store.js';
import { DEFAULT_CATALOG } from './catalog.js';
import { CatalogService } from './catalogs.js';
import { DEFAULT_TREES } from './default-trees.js';
import { buildCatalogTrees } from './tree.js';

test('building a catalogue\'s trees (~2 s of CPU for Table I) does not stall the event loop', async () => {
  const catalogs = await CatalogService.load(new MemoryScanStore(), []);
  // What waits for the next turn of the event loop (a timer, a socket, another request) gets it at once.
  const asked = performance.now();
  let answeredAfterMs: number | undefined;
  setImmediate(() => (answeredAfterMs = performance.now() - asked));
  const entry = await catalogs.create('alice', { name: 'Table I again', devices: DEFAULT_CATALOG.devices });
  assert.deepEqual(entry.trees, DEFAULT_TREES, 'the worker built the same trees');
  assert.ok(answeredAfterMs !== undefined && answeredAfterMs < 300, `the next turn of the event loop came ${answeredAfterMs === undefined ? 'only after the build' : `after ${answeredAfterMs.toFixed(0)} ms`}`);
});

test('kept catalogues come back with their kept trees; one kept without trees gets them built', async () => {
  const devices = [{ type: 'cam', ports: [80, 554] }, { type: 'plug', ports: [80] }, { type: 'nas', ports: [80, 445] }];
  // Kept trees are used as they are: these belong to another device list, so a rebuild would show.
  const kept = buildCatalogTrees([{ type: 'cam', ports: [554] }, { type: 'plug', ports: [80] }, { type: 'nas', ports: [445] }]);
  const persistence = {
    insertCatalog: () => assert.fail('loading stores nothing'),
    listCatalogs: () => [
      { id: 'cat_kept', name: 'kept', devices, trees: kept },
      { id: 'cat_old', name: 'kept before trees were', devices },
    ],
  };
  const catalogs = await CatalogService.load(persistence, []);
  assert.deepEqual(catalogs.get('cat_kept')!.trees, kept);
  assert.deepEqual(catalogs.get('cat_old')!.trees, buildCatalogTrees(devices));
  assert.deepEqual(catalogs.get('default')!.trees, DEFAULT_TREES);
});
