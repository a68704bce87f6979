import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { MemoryScanStore } from '../../store/memory-store.js';
import { SqliteScanStore } from '../../store/sqlite-store.js';
import { DEFAULT_CATALOG } from './catalog.js';
import { CatalogService } from './catalogs.js';
import { DEFAULT_TREES } from './default-trees.js';
import { buildCatalogTrees, type CatalogTrees } from './tree.js';

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

test('kept catalogues come back with their kept trees; one kept without trees gets them built, and kept', async () => {
  const devices = [{ type: 'cam', ports: [80, 554] }, { type: 'plug', ports: [80] }, { type: 'nas', ports: [80, 445] }];
  // Kept trees are used as they are: these belong to another device list, so a rebuild would show.
  const kept = buildCatalogTrees([{ type: 'cam', ports: [554] }, { type: 'plug', ports: [80] }, { type: 'nas', ports: [445] }]);
  const keptLater: Array<[string, CatalogTrees]> = [];
  const persistence = {
    insertCatalog: () => assert.fail('loading inserts nothing'),
    keepCatalogTrees: (id: string, trees: CatalogTrees) => void keptLater.push([id, trees]),
    listCatalogs: () => [
      { id: 'cat_kept', name: 'kept', devices, trees: kept },
      { id: 'cat_old', name: 'kept before trees were', devices },
    ],
  };
  const catalogs = await CatalogService.load(persistence, []);
  assert.deepEqual(catalogs.get('cat_kept')!.trees, kept);
  assert.deepEqual(catalogs.get('cat_old')!.trees, buildCatalogTrees(devices));
  assert.deepEqual(keptLater, [['cat_old', buildCatalogTrees(devices)]], 'built once: kept for the next start');
  assert.deepEqual(catalogs.get('default')!.trees, DEFAULT_TREES);
});

test('a catalogue an older version kept in SQLite without trees gets them once: the next start reads them', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pscan-catalogs-')), 's.sqlite');
  const devices = [{ type: 'cam', ports: [80, 554] }, { type: 'plug', ports: [80] }];
  new SqliteScanStore(file).close();
  const older = new Database(file);
  older.prepare('INSERT INTO catalogs (id, created_by, created_at, body) VALUES (?, ?, ?, ?)').run('cat_old', 'alice', '2026-01-01T00:00:00.000Z', JSON.stringify({ id: 'cat_old', name: 'old', devices }));
  older.close();
  const store = new SqliteScanStore(file);
  try {
    const catalogs = await CatalogService.load(store, []);
    assert.deepEqual(store.listCatalogs(), [{ id: 'cat_old', name: 'old', devices, trees: catalogs.get('cat_old')!.trees }]);
  } finally {
    store.close();
  }
});
