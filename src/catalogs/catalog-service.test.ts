import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { MemoryScanStore } from '../store/memory-store.js';
import { SqliteScanStore } from '../store/sqlite-store.js';
import { DEFAULT_CATALOG } from '../probes/classify/catalog.js';
import { AppError } from '../errors.js';
import { BUILD_WORKERS, CatalogService, type TreeBuilder } from './catalog-service.js';
import { DEFAULT_TREES } from '../probes/classify/default-trees.js';
import { buildCatalogTrees, type CatalogTrees } from '../probes/classify/tree.js';

const SETTINGS = { catalogsPerPrincipal: 16, buildTimeoutMs: 60_000 };

/** 64 devices of 24 ports out of 256: minutes of exact search, as an adversary would post. */
function heavyCatalogue(): { name: string; devices: Array<{ type: string; ports: number[] }> } {
  let x = 12345;
  const next = (): number => (x = (x * 48271) % 2147483647);
  const devices = Array.from({ length: 64 }, (_, i) => {
    const ports = new Set([0, 1, 2, 3].map((k) => 1000 + ((i * 4 + k) % 256)));
    while (ports.size < 24) ports.add(1000 + (next() % 256));
    return { type: `device ${i}`, ports: [...ports] };
  });
  return { name: 'heavy', devices };
}

/** A builder whose builds end when the test says; it records which started. */
function heldBuilder() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const build: TreeBuilder = (devices) =>
    new Promise((resolve) => {
      const name = devices[0]!.type;
      started.push(name);
      finish.set(name, () => resolve(buildCatalogTrees(devices)));
    });
  return { started, finish, build };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('one principal\'s burst of builds does not hold another principal\'s build behind it', async () => {
  const { started, finish, build } = heldBuilder();
  const catalogs = await CatalogService.load(new MemoryScanStore(), [], SETTINGS, build);
  const create = (owner: string, name: string) => catalogs.create(owner, { name, devices: [{ type: name, ports: [80] }, { type: `${name}-b`, ports: [81] }] });
  const created = [create('alice', 'a1'), create('alice', 'a2'), create('alice', 'a3'), create('bob', 'b1'), create('carol', 'c1')];
  await settle();
  assert.equal(BUILD_WORKERS, 2);
  assert.deepEqual(started, ['a1', 'b1'], "bob's build starts beside alice's first, not after her queue");
  finish.get('a1')!();
  await created[0];
  await settle();
  assert.deepEqual(started, ['a1', 'b1', 'c1'], 'carol, not served yet, goes before alice\'s second');
  for (const name of ['b1', 'c1', 'a2']) {
    finish.get(name)!();
    await settle();
  }
  assert.deepEqual(started, ['a1', 'b1', 'c1', 'a2', 'a3']);
  finish.get('a3')!();
  assert.deepEqual((await Promise.all(created)).map((e) => e.owner), ['alice', 'alice', 'alice', 'bob', 'carol']);
});

test('a principal\'s catalogues, kept or being built, are capped: 422 naming the budget; others and deletions free places', async () => {
  const { finish, build } = heldBuilder();
  const catalogs = await CatalogService.load(new MemoryScanStore(), [], { ...SETTINGS, catalogsPerPrincipal: 2 }, build);
  const create = (owner: string, name: string) => catalogs.create(owner, { name, devices: [{ type: name, ports: [80] }] });
  const first = create('alice', 'a1');
  const second = create('alice', 'a2');
  await assert.rejects(create('alice', 'a3'), (e: AppError) => e.status === 422 && e.code === 'budget-exceeded' && e.extensions.budget === 'catalogsPerPrincipal' && e.extensions.limit === 2);
  const bobs = create('bob', 'b1');
  for (const name of ['a1', 'b1', 'a2']) {
    await settle();
    finish.get(name)!();
  }
  const [a1] = await Promise.all([first, second, bobs]);
  await assert.rejects(create('alice', 'a3'), (e: AppError) => e.code === 'budget-exceeded', 'kept catalogues count as well');
  catalogs.delete({ sub: 'alice', admin: false }, a1.catalog.id);
  const again = create('alice', 'a3');
  await settle();
  finish.get('a3')!();
  assert.equal((await again).owner, 'alice');
});

test('a build running past buildTimeoutMs is stopped in its worker: 422 naming the bound, nothing kept, and the next build goes on', async () => {
  const store = new MemoryScanStore();
  const catalogs = await CatalogService.load(store, [], { ...SETTINGS, buildTimeoutMs: 1000 });
  await assert.rejects(catalogs.create('alice', heavyCatalogue()), (e: AppError) => e.status === 422 && e.code === 'budget-exceeded' && e.extensions.budget === 'catalogBuildMs' && e.extensions.limit === 1000 && /PSCAN_CATALOG_BUILD_TIMEOUT_MS/.test(e.message));
  assert.deepEqual(store.listCatalogs(), []);
  assert.deepEqual(catalogs.list({ sub: 'alice', admin: true }).map((e) => e.catalog.id), ['default']);
  const small = await catalogs.create('alice', { name: 'small', devices: [{ type: 'cam', ports: [554] }, { type: 'plug', ports: [80] }] });
  assert.equal(small.owner, 'alice');
});

test('building a catalogue\'s trees (~2 s of CPU for Table I) does not stall the event loop', async () => {
  const catalogs = await CatalogService.load(new MemoryScanStore(), [], SETTINGS);
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
      { id: 'cat_kept', name: 'kept', devices, createdBy: 'alice', trees: kept },
      { id: 'cat_old', name: 'kept before trees were', devices, createdBy: 'bob' },
    ],
    catalogInUse: () => false,
    deleteCatalog: () => assert.fail('loading deletes nothing'),
  };
  const catalogs = await CatalogService.load(persistence, [], SETTINGS);
  assert.deepEqual(catalogs.get('cat_kept')!.trees, kept);
  assert.deepEqual(catalogs.get('cat_old')!.trees, buildCatalogTrees(devices));
  assert.deepEqual(keptLater, [['cat_old', buildCatalogTrees(devices)]], 'built once: kept for the next start');
  assert.deepEqual(catalogs.get('default')!.trees, DEFAULT_TREES);
  assert.deepEqual([catalogs.get('cat_kept')!.owner, catalogs.get('cat_old')!.owner, catalogs.get('default')!.owner], ['alice', 'bob', undefined], 'each kept catalogue is still its creator\'s');
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
    const catalogs = await CatalogService.load(store, [], SETTINGS);
    assert.deepEqual(store.listCatalogs(), [{ id: 'cat_old', name: 'old', devices, createdBy: 'alice', trees: catalogs.get('cat_old')!.trees }]);
  } finally {
    store.close();
  }
});
