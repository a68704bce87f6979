import { Readable } from 'node:stream';
import type { Request as ExpressRequest } from 'express';
import { NotAcceptableError } from '../errors.js';

/** The media types an export can be served as, by the short name the code uses. */
export const MEDIA_TYPES = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
  xml: 'application/xml',
} as const;

export type Format = keyof typeof MEDIA_TYPES;

/** The first of `offered` the request's Accept header allows (no Accept header: the first); else 406. */
export function negotiate<F extends Format>(req: ExpressRequest, offered: readonly F[]): F {
  const types = offered.map((f) => MEDIA_TYPES[f]);
  const chosen = req.accepts(types);
  if (!chosen) throw new NotAcceptableError(types);
  return offered[types.indexOf(chosen as (typeof types)[number])]!;
}

/**
 * A spreadsheet reads a cell that starts with `=`, `+`, `-`, `@`, tab or CR as a formula, and these
 * cells hold what devices said of themselves (banners, hostnames): such a cell gets a leading `'`.
 */
function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A device's text (a banner) as one line for a CSV cell, so that a line-oriented reader sees one
 * line per row: trailing line ends dropped, inner ones and other control characters escaped
 * (`\n`, `\r`, `\xNN`). The text as sent is in the NDJSON export.
 */
export function oneLine(text: string | undefined): string | undefined {
  return text
    ?.replace(/[\r\n]+$/, '')
    .replace(/\\/g, '\\\\')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** One CSV line (RFC 4180, CRLF), cells in the order of `columns`. */
export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A CSV body: the header line, then one line per row. */
export function* csvLines<T>(columns: ReadonlyArray<readonly [string, (row: T) => unknown]>, rows: Iterable<T>): Generator<string> {
  yield csvLine(columns.map(([name]) => name));
  for (const row of rows) yield csvLine(columns.map(([, cell]) => cell(row)));
}

export function* ndjsonLines(rows: Iterable<unknown>): Generator<string> {
  for (const row of rows) yield `${JSON.stringify(row)}\n`;
}

/**
 * An export body in `format`, streamed (tsoa pipes a returned stream instead of serialising it, so
 * a client that reads slowly holds back the reading, not memory). The declared type stays the JSON
 * form's, which is what the OpenAPI document describes for application/json; the other media types
 * are documented beside it.
 */
export function exportBody<T>(req: ExpressRequest, format: Exclude<Format, 'json'>, lines: Iterable<string>, headers: Record<string, string> = {}): T {
  const res = req.res!;
  res.set({ 'Content-Type': `${MEDIA_TYPES[format]}; charset=utf-8`, ...headers });
  const body = Readable.from(lines, { objectMode: false });
  // A failure after the status line can only cut the body short; the client sees a truncated export.
  body.on('error', () => res.destroy());
  return body as unknown as T;
}

/** A `Link` header to the next page (the request's own path and query, `cursor` replaced), if there is one. */
export function nextLink(req: ExpressRequest, cursor: string | undefined): Record<string, string> {
  if (cursor === undefined) return {};
  const url = new URL(req.originalUrl, 'http://localhost');
  url.searchParams.set('cursor', cursor);
  return { Link: `<${url.pathname}${url.search}>; rel="next"` };
}
