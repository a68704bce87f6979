import { type FieldError, NotFoundError, ValidationError } from '../errors.js';
import { formatAddress, parseAddress, parseCidr, rangeOf, type AddressRange } from '../net/addresses.js';
import type { ChangeKind } from '../api/model.js';
import { ownerOf, type Principal } from '../auth/principal.js';
import { MAX_PAGE } from '../scans/scan-service.js';
import type { AssetStore, StoredChange, StoredInterval } from './asset-store.js';
import { CHANGE_KINDS, PORT_FACT } from './diff.js';

export interface IntervalPage {
  /** The newest opened first. */
  items: StoredInterval[];
  /** Pass as `cursor` for older intervals; absent on the last page. */
  nextCursor?: string;
}

export interface ChangePage {
  /** In the order the changes were recorded. */
  items: StoredChange[];
  /**
   * The position after this page: pass it as `cursor` for what follows, now or later (the feed
   * grows). Absent only when the page is empty and no cursor was given.
   */
  nextCursor?: string;
}

const CURSOR = /^[0-9]{1,15}$/;
const FACTS = new Set(['mac', 'hostname', 'manufacturer', 'model', 'os', 'type']);

function limitOf(limit: number | undefined): number {
  const n = limit ?? 50;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new ValidationError([{ path: 'query:limit', message: `must be an integer from 1 to ${MAX_PAGE}` }]);
  return n;
}

function cursorOf(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!CURSOR.test(cursor)) throw new ValidationError([{ path: 'query:cursor', message: 'is not a cursor this service issued' }]);
  return Number(cursor);
}

/** Reads of the asset history and the change feed, each principal its own (admin: everyone's). */
export class ChangeFeed {
  constructor(private readonly store: AssetStore) {}

  history(principal: Principal, ipText: string, query: { fact?: string; limit?: number; cursor?: string }): IntervalPage {
    const addr = parseAddress(ipText);
    if (!addr) throw new ValidationError([{ path: 'path:ip', message: 'is not an IP address' }]);
    if (query.fact !== undefined && !FACTS.has(query.fact) && !PORT_FACT.test(query.fact)) {
      throw new ValidationError([{ path: 'query:fact', message: 'must be mac, hostname, manufacturer, model, os, type or a port such as tcp/80' }]);
    }
    const limit = limitOf(query.limit);
    const before = cursorOf(query.cursor);
    const ip = formatAddress(addr);
    const rows = this.store.listIntervals({ owner: ownerOf(principal), ip, ...(query.fact !== undefined ? { fact: query.fact } : {}), ...(before !== undefined ? { before } : {}), limit: limit + 1 });
    if (rows.length === 0 && before === undefined && query.fact === undefined) throw new NotFoundError(`nothing is known about ${ip}`);
    const items = rows.slice(0, limit);
    return rows.length > limit ? { items, nextCursor: String(items[items.length - 1]!.id) } : { items };
  }

  changes(principal: Principal, query: { since?: string; cidr?: string; kind?: string; limit?: number; cursor?: string }): ChangePage {
    const errors: FieldError[] = [];
    let since: string | undefined;
    if (query.since !== undefined) {
      const at = Date.parse(query.since);
      if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}/.test(query.since)) errors.push({ path: 'query:since', message: 'must be an ISO 8601 date or time, e.g. 2026-01-31T12:00:00Z' });
      else since = new Date(at).toISOString();
    }
    let range: AddressRange | undefined;
    if (query.cidr !== undefined) {
      const addr = parseAddress(query.cidr);
      range = addr ? rangeOf(addr) : parseCidr(query.cidr);
      if (!range) errors.push({ path: 'query:cidr', message: 'must be a CIDR (10.1.0.0/16) or an address' });
    }
    let kinds: ChangeKind[] | undefined;
    if (query.kind !== undefined) {
      kinds = query.kind.split(',') as ChangeKind[];
      const unknown = kinds.filter((k) => !CHANGE_KINDS.includes(k));
      if (unknown.length) errors.push({ path: 'query:kind', message: `must be a comma-separated list of ${CHANGE_KINDS.join(', ')}` });
    }
    if (errors.length) throw new ValidationError(errors);
    const limit = limitOf(query.limit);
    const after = cursorOf(query.cursor);
    const items = this.store.listChanges({ owner: ownerOf(principal), ...(since ? { since } : {}), ...(after !== undefined ? { after } : {}), ...(range ? { range } : {}), ...(kinds ? { kinds } : {}), limit });
    const last = items[items.length - 1]?.id ?? after;
    return last !== undefined ? { items, nextCursor: String(last) } : { items };
  }
}
