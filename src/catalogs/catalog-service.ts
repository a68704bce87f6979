import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BudgetExceededError, CatalogBuildTooLongError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { FairQueue } from '../util/fair-queue.js';
import { newId } from '../util/ids.js';
import { runInWorker, WorkerDeadlineError } from '../util/worker.js';
import { type Catalog, type DeviceSignature, validateCatalog } from '../probes/classify/catalog.js';
import { BUILT_IN, type CatalogWithTrees } from '../probes/classify/catalog-lookup.js';
import { type CatalogTrees, type TreeStats, treeStats } from '../probes/classify/tree.js';
import type { CatalogStore } from './catalog-store.js';

export interface CatalogEntry extends CatalogWithTrees {
  stats: TreeStats;
  origin: 'built-in' | 'config' | 'api';
  /** Who created it through the API: only they (and admins) see, use and delete it. */
  owner?: string;
}

/** Who asks for a catalogue. */
export interface CatalogViewer {
  sub: string;
  admin: boolean;
}

export interface CatalogSettings {
  /** Catalogues one principal may have, kept or being built. */
  catalogsPerPrincipal: number;
  /** A principal's build still running after this long is stopped and refused (422). */
  buildTimeoutMs: number;
}

/** Builds one catalogue's trees, stopped after `deadlineMs` if given. */
export type TreeBuilder = (devices: readonly DeviceSignature[], deadlineMs: number | undefined) => Promise<CatalogTrees>;

const buildInWorker: TreeBuilder = (devices, deadlineMs) => runInWorker<CatalogTrees>(new URL('./tree-worker.js', import.meta.url), devices, deadlineMs);

/** Trees built at once, each in its own worker thread: a small share of the machine's cores. */
export const BUILD_WORKERS = 2;

/** The owner in the build queue of what the server builds itself (config files, old kept catalogues). */
const SERVER = '';

interface Build {
  devices: readonly DeviceSignature[];
  deadlineMs: number | undefined;
  resolve(trees: CatalogTrees): void;
  reject(err: unknown): void;
}

async function entryOf(catalog: Catalog, trees: CatalogTrees, origin: CatalogEntry['origin'], owner?: string): Promise<CatalogEntry> {
  return { catalog, trees, stats: await treeStats(catalog.devices, trees.confirm.root, trees.identify.root), origin, ...(owner !== undefined ? { owner } : {}) };
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
 * files, API-created ones (trees kept with them, each its creator's). A tree takes from a second
 * (Table I) to tens of seconds (64 devices, 256 ports) of CPU, so trees are built in worker
 * threads, at most BUILD_WORKERS at once and one per principal at a time, the next build going to
 * the principal served longest ago: a principal's burst of catalogues delays its own builds, not
 * another's. A principal's build is stopped at `buildTimeoutMs`.
 */
export class CatalogService {
  private readonly entries = new Map<string, CatalogEntry>();
  private readonly builds = new FairQueue<Build>();
  private buildsRunning = 0;
  /** Per principal, catalogues being built (they count against its quota). */
  private readonly pending = new Map<string, number>();

  private constructor(
    private readonly persistence: CatalogStore,
    private readonly settings: CatalogSettings,
    private readonly build: TreeBuilder,
  ) {}

  static async load(persistence: CatalogStore, files: readonly string[], settings: CatalogSettings, build: TreeBuilder = buildInWorker): Promise<CatalogService> {
    const service = new CatalogService(persistence, settings, build);
    const add = async (c: Catalog, trees: CatalogTrees, origin: CatalogEntry['origin'], owner?: string): Promise<void> => void service.entries.set(c.id, await entryOf(c, trees, origin, owner));
    await add(BUILT_IN.catalog, BUILT_IN.trees, 'built-in');
    for (const f of files) {
      const catalog = readCatalogFile(f);
      await add(catalog, await service.buildTrees(SERVER, catalog.devices, undefined), 'config');
    }
    for (const { trees: kept, createdBy, ...catalog } of persistence.listCatalogs()) {
      const trees = kept ?? (await service.buildTrees(SERVER, catalog.devices, undefined));
      if (!kept) persistence.keepCatalogTrees(catalog.id, trees);
      await add(catalog, trees, 'api', createdBy);
    }
    return service;
  }

  private buildTrees(owner: string, devices: readonly DeviceSignature[], deadlineMs: number | undefined): Promise<CatalogTrees> {
    return new Promise<CatalogTrees>((resolve, reject) => {
      this.builds.push(owner, { devices, deadlineMs, resolve, reject });
      this.startBuilds();
    });
  }

  private startBuilds(): void {
    while (this.buildsRunning < BUILD_WORKERS) {
      const next = this.builds.take(1);
      if (!next) return;
      this.buildsRunning++;
      const { owner, item } = next;
      this.build(item.devices, item.deadlineMs)
        .then(item.resolve, item.reject)
        .finally(() => {
          this.buildsRunning--;
          this.builds.done(owner);
          this.startBuilds();
        });
    }
  }

  /** Any catalogue by id, for running scans (whose catalogue was checked when they were admitted). */
  get(id: string): CatalogEntry | undefined {
    return this.entries.get(id);
  }

  /** A catalogue the viewer may see and use: the built-in and configured ones, its own, any for an admin. */
  visibleTo(viewer: CatalogViewer, id: string): CatalogEntry | undefined {
    const e = this.entries.get(id);
    return e && (e.owner === undefined || viewer.admin || e.owner === viewer.sub) ? e : undefined;
  }

  list(viewer: CatalogViewer): CatalogEntry[] {
    return [...this.entries.values()].filter((e) => e.owner === undefined || viewer.admin || e.owner === viewer.sub);
  }

  async create(owner: string, raw: unknown): Promise<CatalogEntry> {
    const v = validateCatalog(raw);
    if (!v.ok) throw new ValidationError(v.errors);
    const pending = this.pending.get(owner) ?? 0;
    const held = [...this.entries.values()].filter((e) => e.owner === owner).length + pending;
    if (held >= this.settings.catalogsPerPrincipal) throw new BudgetExceededError('catalogsPerPrincipal', this.settings.catalogsPerPrincipal, held + 1);
    const catalog: Catalog = { id: newId('cat'), name: v.name, ...(v.source ? { source: v.source } : {}), devices: v.devices };
    this.pending.set(owner, pending + 1);
    let trees: CatalogTrees;
    try {
      trees = await this.buildTrees(owner, catalog.devices, this.settings.buildTimeoutMs);
    } catch (err) {
      if (err instanceof WorkerDeadlineError) throw new CatalogBuildTooLongError(this.settings.buildTimeoutMs);
      throw err;
    } finally {
      const left = (this.pending.get(owner) ?? 1) - 1;
      if (left > 0) this.pending.set(owner, left);
      else this.pending.delete(owner);
    }
    const entry = await entryOf(catalog, trees, 'api', owner);
    this.persistence.insertCatalog({ ...catalog, createdBy: owner, trees });
    this.entries.set(catalog.id, entry);
    return entry;
  }

  /**
   * Deletes a catalogue created through the API, by its owner or an admin. The built-in and
   * configured ones cannot be deleted; one a queued or running scan names is kept until it ends.
   */
  delete(viewer: CatalogViewer, id: string): void {
    const e = this.visibleTo(viewer, id);
    if (!e) throw new NotFoundError(`no catalogue ${id.slice(0, 64)}`);
    if (e.origin !== 'api') throw new ForbiddenError(`catalogue ${id} is ${e.origin === 'built-in' ? 'built in' : 'configured (PSCAN_CATALOGS)'} and cannot be deleted`);
    if (this.persistence.catalogInUse(id)) throw new ConflictError(`catalogue ${id} is named by a queued or running scan; delete it once that scan has ended`);
    this.persistence.deleteCatalog(id);
    this.entries.delete(id);
  }
}
