import { ValidationError, type FieldError } from '../errors.js';
import { type AddressRange, contains, formatAddress, parseAddress, parseCidr, rangeOf } from '../net/addresses.js';
import { type AssetView, compareAddresses, type ObservedService } from './asset-view.js';
import { oneLine } from '../http/formats.js';

/** A page of the asset view, in address order. */
export interface AssetPage {
  items: AssetView[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}

/** The query parameters of GET /v1/assets, as they arrive. */
export interface AssetQueryParams {
  cidr?: string;
  port?: number;
  service?: string;
  manufacturer?: string;
  seenSince?: string;
  minFreshness?: number;
  limit?: number;
  cursor?: string;
}

export interface AssetFilter {
  range?: AddressRange;
  port?: number;
  service?: string;
  manufacturer?: string;
  /** ms since the epoch. */
  seenSince?: number;
  minFreshness?: number;
}

export const ASSET_PAGE = { default: 100, max: 1000 } as const;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const AGO = /^(\d{1,6})(s|m|h|d)$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `seenSince`: an ISO 8601 time, or an age such as `24h` (`s`, `m`, `h`, `d`) counted back from `now`. */
export function parseSince(text: string, now: number): number | undefined {
  const ago = AGO.exec(text);
  if (ago) return now - Number(ago[1]) * UNIT_MS[ago[2] as keyof typeof UNIT_MS];
  if (!ISO_TIME.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Reads the filter and page of GET /v1/assets, every bad parameter named by `query:<name>`.
 * `limit` absent leaves the page size to the caller (the JSON form pages by default, exports do not).
 */
export function parseAssetQuery(q: AssetQueryParams, now: number): { filter: AssetFilter; limit?: number; after?: string } {
  const errors: FieldError[] = [];
  const filter: AssetFilter = {};
  if (q.cidr !== undefined) {
    const single = parseAddress(q.cidr);
    const range = single ? rangeOf(single) : parseCidr(q.cidr);
    if (range) filter.range = range;
    else errors.push({ path: 'query:cidr', message: 'is not a CIDR or an address, e.g. 192.168.1.0/24' });
  }
  if (q.port !== undefined) {
    if (Number.isInteger(q.port) && q.port >= 1 && q.port <= 65535) filter.port = q.port;
    else errors.push({ path: 'query:port', message: 'must be a port number, 1–65535' });
  }
  if (q.service !== undefined) {
    if (q.service.length >= 1 && q.service.length <= 64) filter.service = q.service.toLowerCase();
    else errors.push({ path: 'query:service', message: 'must be a service name of 1 to 64 characters, e.g. http' });
  }
  if (q.manufacturer !== undefined) {
    if (q.manufacturer.length >= 1 && q.manufacturer.length <= 128) filter.manufacturer = q.manufacturer.toLowerCase();
    else errors.push({ path: 'query:manufacturer', message: 'must be 1 to 128 characters' });
  }
  if (q.seenSince !== undefined) {
    const since = parseSince(q.seenSince, now);
    if (since !== undefined) filter.seenSince = since;
    else errors.push({ path: 'query:seenSince', message: 'must be an ISO 8601 time (2026-01-31T12:00:00Z) or an age such as 30m, 24h, 7d' });
  }
  if (q.minFreshness !== undefined) {
    if (q.minFreshness >= 0 && q.minFreshness <= 1) filter.minFreshness = q.minFreshness;
    else errors.push({ path: 'query:minFreshness', message: 'must be a number from 0 to 1' });
  }
  if (q.limit !== undefined && (!Number.isInteger(q.limit) || q.limit < 1 || q.limit > ASSET_PAGE.max)) errors.push({ path: 'query:limit', message: `must be an integer from 1 to ${ASSET_PAGE.max}` });
  let after: string | undefined;
  if (q.cursor !== undefined) {
    const addr = parseAddress(q.cursor);
    if (addr) after = formatAddress(addr);
    else errors.push({ path: 'query:cursor', message: 'is not a cursor this service issued' });
  }
  if (errors.length) throw new ValidationError(errors);
  return { filter, ...(q.limit !== undefined ? { limit: q.limit } : {}), ...(after ? { after } : {}) };
}

/** Whether an asset passes every filter given. */
export function matchesAsset(a: AssetView, f: AssetFilter): boolean {
  if (f.range) {
    const addr = parseAddress(a.ip);
    if (!addr || !contains(f.range, addr)) return false;
  }
  if (f.port !== undefined && !a.services.some((s) => s.port === f.port)) return false;
  if (f.service !== undefined && !a.services.some((s) => s.name?.toLowerCase() === f.service)) return false;
  if (f.manufacturer !== undefined && !a.manufacturer?.value.toLowerCase().includes(f.manufacturer)) return false;
  if (f.seenSince !== undefined && Date.parse(a.lastSeen) < f.seenSince) return false;
  if (f.minFreshness !== undefined && a.freshness < f.minFreshness) return false;
  return true;
}

/**
 * The assets after `after` (an address: the cursor is the last address of the previous page), at
 * most `limit` of them. The view is in address order, so a page boundary holds however the view
 * changes between two requests.
 */
export function pageAssets(views: readonly AssetView[], after: string | undefined, limit: number | undefined): AssetPage {
  const rest = after === undefined ? views : views.filter((a) => compareAddresses(a.ip, after) > 0);
  if (limit === undefined || rest.length <= limit) return { items: [...rest] };
  const items = rest.slice(0, limit);
  return { items, nextCursor: items[limit - 1]!.ip };
}

const fact = (name: 'mac' | 'hostname' | 'manufacturer' | 'model' | 'os' | 'type') => (a: AssetView) => a[name]?.value;

/** The CSV columns of an asset: one line per address; its services are counted here and listed by the services export. */
export const ASSET_CSV_COLUMNS: ReadonlyArray<readonly [string, (a: AssetView) => unknown]> = [
  ['ip', (a) => a.ip],
  ['mac', fact('mac')],
  ['hostname', fact('hostname')],
  ['manufacturer', fact('manufacturer')],
  ['model', fact('model')],
  ['os', fact('os')],
  ['type', fact('type')],
  ['services', (a) => a.services.length],
  ['lastSeen', (a) => a.lastSeen],
  ['freshness', (a) => a.freshness],
  ['scans', (a) => a.scans],
];

/** One service of one address: a line of the services export. */
export interface ServiceRow extends ObservedService {
  ip: string;
  hostname?: string;
  manufacturer?: string;
}

/** Every (address, service) of these assets, in address and then port order. */
export function* serviceRows(assets: Iterable<AssetView>): Generator<ServiceRow> {
  for (const a of assets) {
    for (const s of a.services) yield { ip: a.ip, ...(a.hostname ? { hostname: a.hostname.value } : {}), ...(a.manufacturer ? { manufacturer: a.manufacturer.value } : {}), ...s };
  }
}

/** The CSV columns of the services export: one line per (address, service); CPE names space-separated. */
export const SERVICE_CSV_COLUMNS: ReadonlyArray<readonly [string, (s: ServiceRow) => unknown]> = [
  ['ip', (s) => s.ip],
  ['hostname', (s) => s.hostname],
  ['manufacturer', (s) => s.manufacturer],
  ['port', (s) => s.port],
  ['protocol', (s) => s.protocol],
  ['name', (s) => s.name],
  ['vendor', (s) => s.vendor],
  ['product', (s) => s.product],
  ['version', (s) => s.version],
  ['banner', (s) => oneLine(s.banner)],
  ['cpe', (s) => s.cpe?.join(' ')],
  ['observedAt', (s) => s.observedAt],
  ['scanId', (s) => s.scanId],
];
