import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../errors.js';
import { newId } from '../../util/ids.js';
import { runInWorker } from '../../util/worker.js';
import { type Catalog, DEFAULT_CATALOG, type DeviceSignature, validateCatalog } from './catalog.js';
import { DEFAULT_TREES } from './default-trees.js';
import { type CatalogTrees, type TreeStats, treeStats } from './tree.js';

export interface CatalogEntry {
  catalog: Catalog;
  trees: CatalogTrees;
  stats: TreeStats;
  origin: 'built-in' | 'config' | 'api';
}

/** What a classify probe needs of a catalogue: its devices and trees. */
export type CatalogWithTrees = Pick<CatalogEntry, 'catalog' | 'trees'>;

/** Where probes find catalogues: the service's own, or on a sensor, also those its job carries. */
export interface CatalogLookup {
  get(id: string): CatalogWithTrees | undefined;
}

/** The built-in catalogue (Table I) with its trees, generated into the source. */
export const BUILT_IN: CatalogWithTrees = { catalog: DEFAULT_CATALOG, trees: DEFAULT_TREES };

/** A catalogue as kept, with its trees (absent for one kept before trees were). */
export type StoredCatalog = Catalog & { trees?: CatalogTrees };

/** Where API-created catalogues are kept (the scan store implements it). */
export interface CatalogPersistence {
  insertCatalog(catalog: Catalog & { createdBy: string; trees: CatalogTrees }): void;
  listCatalogs(): StoredCatalog[];
  /** Keeps the trees built for a catalogue kept without them, so they are built once, not at every start. */
  keepCatalogTrees(id: string, trees: CatalogTrees): void;
}

async function entryOf(catalog: Catalog, trees: CatalogTrees, origin: CatalogEntry['origin']): Promise<CatalogEntry> {
  return { catalog, trees, stats: await treeStats(catalog.devices, trees.confirm.root, trees.identify.root), origin };
}

/** Reads a catalogue file (config `classify.catalogs`); its id is the file name without `.json`. */
export function readCatalogFile(file: string): Catalog {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const v = validateCatalog(raw);
  if (!v.ok) throw new Error(`${file}: ${v.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  return { id: path.basename(file, '.json'), name: v.name, ...(v.source ? { source: v.source } : {}), devices: v.devices };
}

/**
 * The catalogues with their trees: the built-in one (trees generated into default-trees.ts), config
 * files, API-created ones (trees kept with them). A tree takes from a second (Table I) to several
 * (64 devices, 256 ports) of CPU, so trees are built in a worker thread, one catalogue at a time:
 * scans and requests go on meanwhile, and a burst of catalogues takes one core, not all.
 */
export class CatalogService {
  private readonly entries = new Map<string, CatalogEntry>();
  private lastBuild: Promise<unknown> = Promise.resolve();

  private constructor(private readonly persistence: CatalogPersistence) {}

  static async load(persistence: CatalogPersistence, files: readonly string[]): Promise<CatalogService> {
    const service = new CatalogService(persistence);
    const add = async (c: Catalog, trees: CatalogTrees, origin: CatalogEntry['origin']): Promise<void> => void service.entries.set(c.id, await entryOf(c, trees, origin));
    await add(BUILT_IN.catalog, BUILT_IN.trees, 'built-in');
    for (const f of files) {
      const catalog = readCatalogFile(f);
      await add(catalog, await service.buildTrees(catalog.devices), 'config');
    }
    for (const { trees: kept, ...catalog } of persistence.listCatalogs()) {
      const trees = kept ?? (await service.buildTrees(catalog.devices));
      if (!kept) persistence.keepCatalogTrees(catalog.id, trees);
      await add(catalog, trees, 'api');
    }
    return service;
  }

  private buildTrees(devices: readonly DeviceSignature[]): Promise<CatalogTrees> {
    const trees = this.lastBuild.then(() => runInWorker<CatalogTrees>(new URL('./tree-worker.js', import.meta.url), devices));
    this.lastBuild = trees.catch(() => undefined);
    return trees;
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
    const trees = await this.buildTrees(catalog.devices);
    const entry = await entryOf(catalog, trees, 'api');
    this.persistence.insertCatalog({ ...catalog, createdBy, trees });
    this.entries.set(catalog.id, entry);
    return entry;
  }
}
