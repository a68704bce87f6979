import { type Catalog, DEFAULT_CATALOG } from './catalog.js';
import { DEFAULT_TREES } from './default-trees.js';
import type { CatalogTrees } from './tree.js';

/** What a classify probe needs of a catalogue: its devices and trees. */
export interface CatalogWithTrees {
  catalog: Catalog;
  trees: CatalogTrees;
}

/** Where probes find catalogues: the service's own, or on a sensor, also those its job carries. */
export interface CatalogLookup {
  get(id: string): CatalogWithTrees | undefined;
}

/** The built-in catalogue (Table I) with its trees, generated into the source. */
export const BUILT_IN: CatalogWithTrees = { catalog: DEFAULT_CATALOG, trees: DEFAULT_TREES };
