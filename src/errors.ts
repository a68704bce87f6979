/**
 * Every error the service answers with is one of these classes, each with a stable `code` that is
 * also the last segment of its problem `type` (RFC 9457). Clients may switch on `code`.
 */
/** One invalid field of a request. */
export interface FieldError {
  /** JSON Pointer into the request body, e.g. `/probes/0/mx`. */
  path: string;
  message: string;
}

export const PROBLEM_TYPE_BASE = 'urn:pscan:problem:';

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(readonly errors: FieldError[]) {
    super('validation', 400, 'Invalid request', `${errors.length} invalid field(s): ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors });
  }
}

export class MalformedJsonError extends AppError {
  constructor(detail: string) {
    super('malformed-json', 400, 'Malformed JSON', detail);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(limit: number) {
    super('payload-too-large', 413, 'Payload too large', `the request body exceeds ${limit} bytes`, { limit });
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail: string) {
    super('unauthorized', 401, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail: string) {
    super('forbidden', 403, 'Forbidden', detail);
  }
}

export class OutOfScopeError extends AppError {
  constructor(readonly address: string, reason: string, pointer?: string) {
    super('out-of-scope', 403, 'Target out of scope', `${address}${pointer ? ` (${pointer})` : ''} is outside the allowed scope (${reason}); nothing was sent`, { address, ...(pointer ? { pointer } : {}) });
  }
}

export class NothingToScanError extends AppError {
  constructor(readonly excluded: Record<string, number>) {
    super('nothing-to-scan', 422, 'Nothing left to scan', `every address of the targets is excluded by scope (${Object.entries(excluded).map(([k, v]) => `${k}: ${v}`).join(', ')}); nothing was sent`, { excluded });
  }
}

export class NotFoundError extends AppError {
  constructor(detail: string) {
    super('not-found', 404, 'Not found', detail);
  }
}

export class BudgetExceededError extends AppError {
  constructor(budget: string, limit: number | string, requested: number | string) {
    super('budget-exceeded', 422, 'Budget exceeded', `${budget}: ${requested} requested, at most ${limit} allowed`, { budget, limit, requested });
  }
}

export class CatalogBuildTooLongError extends AppError {
  constructor(limitMs: number) {
    super(
      'budget-exceeded', 422, 'Budget exceeded',
      `building this catalogue's trees went past ${limitMs} ms (classify.buildTimeoutMs, PSCAN_CATALOG_BUILD_TIMEOUT_MS), so it was stopped and nothing was kept; fewer devices or ports build faster`,
      { budget: 'catalogBuildMs', limit: limitMs },
    );
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number, detail: string) {
    super('rate-limited', 429, 'Too many requests', detail, { retryAfter: retryAfterSeconds });
  }
}

export class IdempotencyMismatchError extends AppError {
  constructor() {
    super('idempotency-mismatch', 422, 'Idempotency key reused', 'this Idempotency-Key was already used with a different request body');
  }
}

export class ConflictError extends AppError {
  constructor(detail: string) {
    super('conflict', 409, 'Conflict', detail);
  }
}

/** A scan that ended (completed or failed) cannot be cancelled; `scanStatus` says how it ended. */
export class ScanFinishedError extends AppError {
  constructor(id: string, scanStatus: string) {
    super('scan-finished', 409, 'Scan already finished', `scan ${id} is ${scanStatus}: only a queued or running scan can be cancelled`, { scanStatus });
  }
}

export class UnavailableError extends AppError {
  constructor(detail: string) {
    super('unavailable', 503, 'Service unavailable', detail);
  }
}

export class UnreachableTargetsError extends AppError {
  constructor(readonly ranges: readonly string[]) {
    super('no-sensor', 422, 'No sensor reaches these targets', `no live sensor serves ${ranges.slice(0, 8).join(', ')}${ranges.length > 8 ? ` and ${ranges.length - 8} more ranges` : ''}; nothing was sent (GET /v1/sensors lists the sites)`, { unreachable: ranges.slice(0, 64) });
  }
}

export class NotAcceptableError extends AppError {
  constructor(readonly offered: readonly string[]) {
    super('not-acceptable', 406, 'Not acceptable', `this resource is served as ${offered.join(', ')}; the Accept header allows none of them`, { offered });
  }
}

/**
 * The store refused a write (a full disk, an I/O error, a read-only file): nothing of the request
 * that needed it was kept past what `detail` says was committed. Retry once space is freed.
 */
export class StorageUnavailableError extends AppError {
  constructor(detail: string, readonly retryAfterSeconds = 30, extensions: Record<string, unknown> = {}) {
    super('storage-unavailable', 503, 'Storage unavailable', detail, { retryAfter: retryAfterSeconds, ...extensions });
  }
}
