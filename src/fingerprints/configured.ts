import type { Logger } from 'pino';
import { type Config, ConfigError } from '../config/config.js';
import type { FingerprintEngine } from './engine.js';
import { installFingerprints, loadFingerprints } from './installed.js';

/**
 * Loads the configured databases before ours and makes them the process's, at start-up: the API's
 * and a sensor's (whose planner reads facts too). A file that does not parse stops the start;
 * patterns left out untranslated are logged.
 */
export function installConfiguredFingerprints(config: Pick<Config, 'fingerprints'>, logger: Logger): FingerprintEngine {
  let engine: FingerprintEngine;
  try {
    engine = loadFingerprints(config.fingerprints.dirs);
  } catch (err) {
    throw new ConfigError(`setting fingerprints.dirs (PSCAN_FINGERPRINTS): ${(err as Error).message}`);
  }
  installFingerprints(engine);
  for (const db of engine.summary()) {
    logger.info({ database: db.name, files: db.files.length, fingerprints: db.fingerprints, untranslated: db.problems.length }, 'fingerprints loaded');
    for (const p of db.problems) logger.warn({ database: db.name, file: p.file, line: p.line, description: p.description, reason: p.reason }, 'fingerprint pattern has no JavaScript translation; left out');
  }
  return engine;
}
