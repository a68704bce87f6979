import path from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { loadFingerprintDatabase, type FingerprintDatabase } from './database.js';
import { FingerprintEngine } from './engine.js';

/** Our database's name in facts' sources and in GET /v1/fingerprints. */
export const OWN_DATABASE = 'pscan';

export function ownDatabase(): FingerprintDatabase {
  return loadFingerprintDatabase(path.join(packageRoot(), 'fingerprints'), OWN_DATABASE);
}

/**
 * The databases a user names (PSCAN_FINGERPRINTS, in that order) before ours: a user who loads a
 * database means it to win where both match. Each is named by its directory's base name (a Recog
 * checkout's `recog`), numbered where two share one.
 */
export function loadFingerprints(userDirs: readonly string[]): FingerprintEngine {
  const names = new Set<string>([OWN_DATABASE]);
  const user = userDirs.map((dir) => {
    const base = path.basename(path.resolve(dir)) || 'fingerprints';
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
    names.add(name);
    return loadFingerprintDatabase(dir, name);
  });
  return new FingerprintEngine([...user, ownDatabase()]);
}

let installed: FingerprintEngine | undefined;

/**
 * The engine every asset builder uses. It is set once at start-up by the composition root (or a
 * sensor's) from the configuration; code that runs without one (a test, a script) gets our
 * database alone. A module-level engine rather than a constructor argument because asset facts
 * are read in the runner, the planner (on sensors too) and crash recovery alike, and the
 * databases are the same for all of them for the life of the process.
 */
export function installFingerprints(engine: FingerprintEngine): void {
  installed = engine;
}

export function fingerprints(): FingerprintEngine {
  return (installed ??= new FingerprintEngine([ownDatabase()]));
}
