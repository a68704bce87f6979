import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../errors.js';
import { newId } from '../../util/ids.js';
import { type Catalog, DEFAULT_CATALOG, validateCatalog } from './catalog.js';
import { type BuiltTree, buildTree, type TreeStats, treeStats } from './tree.js';

export interface CatalogEntry {
  catalog: Catalog;
  trees: { confirm: BuiltTree; identify: BuiltTree };
  stats: TreeStats;
  origin: 'built-in' | 'config' | 'api';
}

/** Where API-created catalogues are kept (the scan store implements it). */
export interface CatalogPersistence {
  insertCatalog(catalog: Catalog & { createdBy: string }): void;
  listCatalogs(): Catalog[];
}

async function entryOf(catalog: Catalog, origin: CatalogEntry['origin']): Promise<CatalogEntry> {
  const trees = { confirm: buildTree(catalog.devices, 'confirm'), identify: buildTree(catalog.devices, 'identify') };
  return { catalog, trees, stats: await treeStats(catalog.devices, trees.confirm.root, trees.identify.root), origin };
}

/** The built-in catalogue's trees take about a second; they never change, so one build per process. */
let builtIn: Promise<CatalogEntry> | undefined;

/** Reads a catalogue file (config `classify.catalogs`); its id is the file name without `.json`. */
export function readCatalogFile(file: string): Catalog {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const v = validateCatalog(raw);
  if (!v.ok) throw new Error(`${file}: ${v.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  return { id: path.basename(file, '.json'), name: v.name, ...(v.source ? { source: v.source } : {}), devices: v.devices };
}

/** The catalogues with their trees, built once: the built-in one, config files, API-created ones. */
export class CatalogService {
  private readonly entries = new Map<string, CatalogEntry>();

  private constructor(private readonly persistence: CatalogPersistence) {}

  static async load(persistence: CatalogPersistence, files: readonly string[]): Promise<CatalogService> {
    const service = new CatalogService(persistence);
    const add = async (c: Catalog, origin: CatalogEntry['origin']): Promise<void> => void service.entries.set(c.id, await entryOf(c, origin));
    service.entries.set(DEFAULT_CATALOG.id, await (builtIn ??= entryOf(DEFAULT_CATALOG, 'built-in')));
    for (const f of files) await add(readCatalogFile(f), 'config');
    for (const c of persistence.listCatalogs()) await add(c, 'api');
    return service;
  }

  get(id: string): CatalogEntry | undefined {
    return this.entries.get(id);
  }

  list(): CatalogEntry[] {
    return [...this.entries.values()];
  }

  async create(createdBy: string, raw: unknown): Promise<CatalogEntry> {
    const v = validateCatalog(raw);
    if (!v.ok) throw new ValidationError(v.errors);
    const catalog: Catalog = { id: newId('cat'), name: v.name, ...(v.source ? { source: v.source } : {}), devices: v.devices };
    const entry = await entryOf(catalog, 'api');
    this.persistence.insertCatalog({ ...catalog, createdBy });
    this.entries.set(catalog.id, entry);
    return entry;
  }
}
