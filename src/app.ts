import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { Logger } from 'pino';
import { AppError, MalformedJsonError, NotFoundError, PayloadTooLargeError, PROBLEM_TYPE_BASE, RateLimitedError, StorageUnavailableError, ValidationError, type FieldError } from './errors.js';
import type { Authenticator } from './auth/authenticator.js';
import type { PrincipalRateLimiter } from './auth/principal-rate-limit.js';
import { RegisterRoutes } from './http/generated/routes.js';
import type { ControllerFactories } from './http/ioc.js';
import { methodsOfPath, rejectUnknownQuery } from './http/known-query.js';
import type { Metrics } from './observability/metrics.js';
import type { Problem } from './http/problem.js';
import { packageRoot } from './util/package-root.js';

export const OPENAPI_FILE = path.join(packageRoot(), 'openapi', 'openapi.json');

export interface AppDeps {
  authenticator: Authenticator;
  principalLimiter: PrincipalRateLimiter;
  /** A factory per controller class, for tsoa's IoC lookup. */
  controllers: ControllerFactories;
  metrics: Metrics;
  logger: Logger;
  maxBodyBytes: number;
  metricsPublic: boolean;
}

/**
 * tsoa names fields like `requestBody.probes.$0.ports`; clients get JSON Pointers. For an array's
 * items tsoa drops the `requestBody.` prefix (`scopes.$0`), so a root that is no query parameter of
 * the request is taken as the body's.
 */
export function tsoaFieldToPointer(field: string, queryNames: ReadonlySet<string> = new Set(), pathNames: ReadonlySet<string> = new Set()): string {
  const [root, ...rest] = field.split('.');
  const pointer = rest.map((p) => p.replace(/^\$/, '')).join('/');
  if (root === 'requestBody' || root === 'body') return `/${pointer}`;
  if (root === 'idempotencyKey') return `header:Idempotency-Key${pointer ? `/${pointer}` : ''}`;
  if (queryNames.has(root!)) return `query:${root}${pointer ? `/${pointer}` : ''}`;
  if (pathNames.has(root!)) return `path:${root}`;
  return `/${[root, ...rest.map((p) => p.replace(/^\$/, ''))].join('/')}`;
}

/** Where the parser stopped, from its message: never the message itself, which may quote the body. */
function whereJsonBreaks(message: string | undefined): string {
  const at = /at position (\d+)/.exec(message ?? '')?.[1];
  if (at !== undefined) return `: it breaks at character ${at}`;
  return /end of JSON input/.test(message ?? '') ? ': it ends too early' : '';
}

function toAppError(err: unknown, maxBodyBytes: number, req: Request, pathNames: ReadonlySet<string>): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; name?: string; fields?: Record<string, { message: string }>; status?: number };
  if (e?.type === 'entity.parse.failed') return new MalformedJsonError(`the body is not valid JSON${whereJsonBreaks((err as Error).message)}`);
  if (e?.type === 'entity.too.large') return new PayloadTooLargeError(maxBodyBytes);
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new AppError('unsupported-encoding', 415, 'Unsupported encoding', 'send the body as UTF-8 JSON, uncompressed');
  if (e?.name === 'ValidateError' && e.fields) {
    const errors: FieldError[] = Object.entries(e.fields).map(([field, v]) => ({ path: tsoaFieldToPointer(field, new Set(Object.keys(req.query ?? {})), pathNames), message: v.message }));
    return new ValidationError(errors);
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new AppError('bad-request', e.status, 'Bad request', 'the request could not be read');
  return undefined;
}

function problemOf(err: AppError): Problem {
  return { type: `${PROBLEM_TYPE_BASE}${err.code}`, title: err.title, status: err.status, detail: err.message, code: err.code, ...err.extensions };
}

export function sendProblem(res: Response, err: AppError): void {
  const body = problemOf(err);
  // RFC 6750 §3.1: a request without a bearer token (none, or another scheme) gets the bare
  // challenge; error="invalid_token" only when the token it sent was refused.
  if (err.status === 401) res.set('WWW-Authenticate', /^bearer\s+\S/i.test(res.req?.headers.authorization ?? '') ? 'Bearer realm="pscan", error="invalid_token"' : 'Bearer realm="pscan"');
  if (err instanceof RateLimitedError || err instanceof StorageUnavailableError) res.set('Retry-After', String(err.retryAfterSeconds));
  res.status(err.status).type('application/problem+json').send(JSON.stringify(body));
}

/**
 * What Node's HTTP parser refuses before express sees a request (malformed header bytes, headers
 * over the size limit, a request too slow to arrive) is answered with a problem too, instead of
 * Node's bare 400/431/408.
 */
/**
 * The HTTP server for the app: a request must arrive whole within `requestTimeoutMs` (its headers
 * too), checked every second, so a client trickling its body or sending less than its
 * Content-Length holds a connection for that long at most, token or not (Node's own default is
 * 300 s, checked every 30 s); what Node's parser refuses is answered as a problem.
 */
export function createHttpServer(app: express.Express, requestTimeoutMs: number): http.Server {
  const server = http.createServer({ requestTimeout: requestTimeoutMs, headersTimeout: Math.min(requestTimeoutMs, 60_000), connectionsCheckingInterval: 1000 }, app);
  answerClientErrors(server);
  return server;
}

export function answerClientErrors(server: http.Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) return socket.destroy();
    const problem =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? new AppError('headers-too-large', 431, 'Request headers too large', `the request's headers exceed ${http.maxHeaderSize} bytes`)
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? new AppError('request-timeout', 408, 'Request timeout', 'the request did not arrive in time')
          : new AppError('bad-request', 400, 'Bad request', 'the request is not valid HTTP/1.1 (its start line or header bytes)');
    const body = JSON.stringify(problemOf(problem));
    socket.end(`HTTP/1.1 ${problem.status} ${http.STATUS_CODES[problem.status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** The express app: routes, docs, metrics, the problem+json error handler. No business logic. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // No ETag: express would hash every JSON answer to make one, and the API offers no conditional requests.
  app.set('etag', false);
  app.locals.authenticator = deps.authenticator;
  app.locals.principalLimiter = deps.principalLimiter;
  app.locals.controllers = deps.controllers;

  app.use((req, res, next) => {
    const start = performance.now();
    res.on('finish', () => deps.metrics.bound.httpDuration(req.method, (req.route as { path?: string } | undefined)?.path ?? 'unmatched', String(res.statusCode)).observe((performance.now() - start) / 1000));
    next();
  });
  app.use(express.json({ limit: deps.maxBodyBytes, strict: false, type: ['application/json', 'application/*+json'] }));

  const spec = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as Parameters<typeof rejectUnknownQuery>[0];
  app.get('/openapi.json', (_req, res) => {
    res.json(spec);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(spec, { customSiteTitle: 'pScan API' }));

  // A browser pointed at the bare address lands on the page meant for people.
  app.get('/', (_req, res) => {
    res.redirect(302, '/ui');
  });

  // The console: static files that call the API with the token the user pastes into the page.
  // Scripts and styles come from here only, so a device's string can never run as code in it.
  const uiFile = (name: string) => readFileSync(path.join(packageRoot(), 'ui', name), 'utf8');
  const uiFiles: [string, string, string][] = [
    ['/ui', 'html', uiFile('index.html')],
    ['/ui/console.js', 'js', uiFile('console.js')],
    ['/ui/console.css', 'css', uiFile('console.css')],
  ];
  for (const [route, type, body] of uiFiles) {
    app.get(route, (_req, res) => {
      res
        .set('Content-Security-Policy', "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        .set('Cache-Control', 'no-cache')
        .type(type)
        .send(body);
    });
  }

  app.get('/metrics', async (req, res, next) => {
    try {
      if (!deps.metricsPublic) await deps.authenticator.authenticate(req.headers.authorization, ['admin']);
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    } catch (err) {
      next(err);
    }
  });

  app.use(rejectUnknownQuery(spec));
  RegisterRoutes(app);

  const methodsOf = methodsOfPath(spec);
  // Express has let go of the route's params by the time an error arrives: their names come from the document.
  const pathNames = new Set(Object.values(spec.paths ?? {}).flatMap((item) => Object.values(item).flatMap((op) => (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name))));
  app.use((req: Request, res: Response, next: NextFunction) => {
    const allowed = methodsOf(req.path);
    if (allowed.length === 0) return next(new NotFoundError(`no route ${req.method} ${req.path.slice(0, 200)}`));
    res.set('Allow', allowed.join(', '));
    next(new AppError('method-not-allowed', 405, 'Method not allowed', `${req.path.slice(0, 200)} takes ${allowed.join(', ')}, not ${req.method.slice(0, 16)}`, { allowed }));
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = toAppError(err, deps.maxBodyBytes, req, pathNames);
    if (res.headersSent) {
      deps.logger.warn({ err, path: req.path }, 'error after the response started');
      res.end();
      return;
    }
    if (known) return sendProblem(res, known);
    deps.logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    sendProblem(res, new AppError('internal', 500, 'Internal error', 'the server failed to handle the request; it has been logged'));
  });
  return app;
}
