import type { Request as ExpressRequest } from 'express';
import { Controller, Get, Path, Query, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import type { ChangeKindFilter, FactFilter, IsoTime, SeqCursor } from '../api/model.js';
import type { IpAddress, Network } from '../api/generated/params.js';
import type { ChangeFeed, ChangePage, IntervalPage } from './feed.js';
import { principalOf } from '../auth/principal.js';
import type { Problem } from '../http/problem.js';

@Route('v1')
@Tags('assets')
export class HistoryController extends Controller {
  constructor(private readonly feed: ChangeFeed) {
    super();
  }

  /**
   * What the caller's scans (all scans for admin) observed of this address, as intervals, the newest opened first: each value of
   * each fact (per source) and each port state (`open`, or `closed` on a refusal) from its first observation to its last, with
   * how many observations it merges and the scans (and results) at either end. An unchanged value extends its interval; a
   * changed one opens the next. Intervals last seen more than PSCAN_HISTORY_MAX_AGE_DAYS ago go; at most PSCAN_HISTORY_PER_ASSET
   * are kept per fact.
   * @summary An address's history, as intervals of unchanged values
   * @param fact only this fact (`hostname`, `mac`, …) or port (`tcp/80`)
   * @param limit 1–200, default 50
   * @isInt limit must be an integer from 1 to 200
   * @minimum limit 1 must be an integer from 1 to 200
   * @maximum limit 200 must be an integer from 1 to 200
   * @param cursor `nextCursor` of the previous page
   */
  @Get('assets/{ip}/history')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(400, 'Not an IP address, or a bad query parameter')
  @Response<Problem>(404, 'Nothing known about this address')
  public getAssetHistory(@Path() ip: IpAddress, @Request() req: ExpressRequest, @Query() fact?: FactFilter, @Query() limit?: number, @Query() cursor?: SeqCursor): IntervalPage {
    return this.feed.history(principalOf(req), ip, { ...(fact !== undefined ? { fact } : {}), ...(limit !== undefined ? { limit } : {}), ...(cursor !== undefined ? { cursor } : {}) });
  }

  /**
   * What scans found changed (a port opened or closed, a version, a hostname, a MAC on the same address…), in the order the changes were
   * recorded; poll with `nextCursor` for what comes after. The caller's scans only (all scans for admin).
   * @summary The change feed
   * @param since only changes recorded at or after this time (ISO 8601)
   * @param cidr only addresses in this CIDR (or this address)
   * @param kind comma-separated kinds, e.g. `service.opened,mac.changed`
   * @param limit 1–200, default 50
   * @isInt limit must be an integer from 1 to 200
   * @minimum limit 1 must be an integer from 1 to 200
   * @maximum limit 200 must be an integer from 1 to 200
   * @param cursor `nextCursor` of the previous page
   */
  @Get('changes')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(400, 'A bad query parameter')
  public listChanges(@Request() req: ExpressRequest, @Query() since?: IsoTime, @Query() cidr?: Network, @Query() kind?: ChangeKindFilter, @Query() limit?: number, @Query() cursor?: SeqCursor): ChangePage {
    return this.feed.changes(principalOf(req), {
      ...(since !== undefined ? { since } : {}),
      ...(cidr !== undefined ? { cidr } : {}),
      ...(kind !== undefined ? { kind } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(cursor !== undefined ? { cursor } : {}),
    });
  }
}
