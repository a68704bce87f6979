import type { Logger } from 'pino';
import { StorageUnavailableError } from '../errors.js';
import type { ScanStore } from './store.js';

/**
 * Errors that say the storage, not the request, failed: SQLite's full disk, I/O errors, a
 * read-only or unopenable file, a lock held past the busy timeout; and the file system's own
 * (ENOSPC and friends, from opening or narrowing the files).
 */
const STORAGE_FAILURE = /^(SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED)|ENOSPC|EDQUOT|EROFS|EIO)/;

export function storageFailureCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_FAILURE.test(code) ? code : undefined;
}

/** What the guard says of the storage. */
export interface StorageHealth {
  /** The code of the last failed write, until a write succeeds again. */
  readonly failure: string | undefined;
}

/** The store's writes: refused at once while the storage has failed and still has no room. */
const WRITES: ReadonlySet<PropertyKey> = new Set<keyof ScanStore>([
  'insertScan', 'appendResults', 'updateScan', 'activateDeliveries', 'recordAttempt', 'forgetServerSecret', 'redeliver',
  'insertCatalog', 'deleteCatalog', 'keepCatalogTrees', 'insertToken', 'revokeToken', 'pruneHistory',
]);

/**
 * The store as the service uses it: a storage failure in any of its operations becomes a
 * StorageUnavailableError (503 `storage-unavailable` at the HTTP edge, a plain word in the logs).
 * From then until the store's own write check passes again (`checkWritable`: room for more than a
 * small write, and a write), readiness (`isHealthy`) is false and writes are refused before they
 * start, so a small write that would still fit cannot accept work (an async scan) whose next
 * writes will not.
 */
export function guardStorage<S extends ScanStore>(store: S, logger: Pick<Logger, 'error' | 'info'>): S & StorageHealth {
  let failure: string | undefined;
  const fail = (err: unknown, code: string): StorageUnavailableError => {
    if (failure === undefined) logger.error({ err, code }, 'the store refused a write; the service is not ready until a write succeeds again');
    failure = code;
    return new StorageUnavailableError(`the store refused a write (${code}); nothing of this request was kept beyond what it says was committed`);
  };
  /** Whether the store takes writes again, after a failure. */
  const recovered = (): boolean => {
    try {
      store.checkWritable();
    } catch (err) {
      if (storageFailureCode(err)) return false;
      throw err;
    }
    logger.info({ code: failure }, 'the store takes writes again');
    failure = undefined;
    return true;
  };
  const isHealthy = (): boolean => store.isHealthy() && (failure === undefined || recovered());
  // One wrapper per method, made once: the store is on every request's path.
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'failure') return failure;
      if (prop === 'isHealthy') return isHealthy;
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      let fn = wrapped.get(prop);
      if (!fn) {
        const method = value as (...args: unknown[]) => unknown;
        const write = WRITES.has(prop);
        fn = (...args: unknown[]): unknown => {
          if (write && failure !== undefined && !recovered()) {
            throw new StorageUnavailableError(`the store refused a write earlier (${failure}) and has no room yet; nothing of this request was kept`);
          }
          try {
            return method.apply(target, args);
          } catch (err) {
            const code = storageFailureCode(err);
            throw code ? fail(err, code) : err;
          }
        };
        wrapped.set(prop, fn);
      }
      return fn;
    },
  }) as S & StorageHealth;
}
