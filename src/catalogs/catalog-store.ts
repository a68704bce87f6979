import type { Catalog } from '../probes/classify/catalog.js';
import type { CatalogTrees } from '../probes/classify/tree.js';

/** A catalogue as kept, with who created it and its trees (absent for one kept before trees were). */
export type StoredCatalog = Catalog & { createdBy: string; trees?: CatalogTrees };

/** Where API-created catalogues are kept (the SQLite store and its fake implement it). */
export interface CatalogStore {
  insertCatalog(catalog: Catalog & { createdBy: string; trees: CatalogTrees }): void;
  listCatalogs(): StoredCatalog[];
  /** Keeps the trees built for a catalogue kept without them, so they are built once, not at every start. */
  keepCatalogTrees(id: string, trees: CatalogTrees): void;
  /** Whether a queued or running scan names the catalogue. */
  catalogInUse(id: string): boolean;
  deleteCatalog(id: string): void;
}
