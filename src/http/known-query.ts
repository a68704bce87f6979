import type { NextFunction, Request, Response } from 'express';
import { ValidationError } from '../errors.js';

interface OpenApiDocument {
  paths?: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
}

interface KnownOperation {
  method: string;
  pattern: RegExp;
  query: ReadonlySet<string>;
}

function operationsOf(doc: OpenApiDocument): KnownOperation[] {
  return Object.entries(doc.paths ?? {}).flatMap(([route, item]) =>
    Object.entries(item).map(([method, op]) => ({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${route.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
      query: new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)),
    })),
  );
}

/**
 * The methods the document has for a path (HEAD with GET), so a request with another method on a
 * known path is answered 405 with `Allow` rather than 404 as if the path did not exist.
 */
export function methodsOfPath(doc: OpenApiDocument): (path: string) => string[] {
  const known = operationsOf(doc);
  return (path) => {
    const methods = known.filter((o) => o.pattern.test(path)).map((o) => o.method);
    return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
  };
}

/**
 * Refuses a query parameter the operation does not declare (400, `query:<name>`), so a misspelt
 * filter (`?ciddr=`) is an error instead of an unfiltered answer. What an operation declares is
 * read from the OpenAPI document the service serves, so the two cannot disagree. Paths outside the
 * document (the UI, the docs, /metrics) are left alone.
 */
export function rejectUnknownQuery(doc: OpenApiDocument): (req: Request, res: Response, next: NextFunction) => void {
  const known = operationsOf(doc);
  return (req, _res, next) => {
    // Most requests (every POST /v1/scans) carry no query: nothing to look up.
    if (!req.originalUrl.includes('?')) return next();
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const op = known.find((o) => o.method === method && o.pattern.test(req.path));
    const unknown = op ? Object.keys(req.query ?? {}).filter((name) => !op.query.has(name)) : [];
    if (unknown.length === 0) return next();
    const allowed = op!.query.size ? `; this operation takes ${[...op!.query].join(', ')}` : '; this operation takes none';
    next(new ValidationError(unknown.map((name) => ({ path: `query:${name.slice(0, 64)}`, message: `is not a query parameter of ${method} ${req.path.slice(0, 100)}${allowed}` }))));
  };
}
