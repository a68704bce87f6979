import type { Request as ExpressRequest } from 'express';
import { Controller, Extension, Get, Path, Query, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import { ASSET_CSV_COLUMNS, ASSET_PAGE, type AssetPage } from './asset-query.js';
import type { AssetService } from './asset-service.js';
import type { AssetView } from './asset-view.js';
import { csvLines, exportBody, negotiate, ndjsonLines, nextLink } from '../http/formats.js';
import { principalOf } from '../auth/principal.js';
import type { Problem } from '../http/problem.js';

@Route('v1/assets')
@Tags('assets')
export class AssetsController extends Controller {
  constructor(private readonly assets: AssetService) {
    super();
  }

  /**
   * What the caller's scans (all scans for admin) have learned per address, in address order, each
   * fact with when it was observed and its freshness. Filters combine (all must hold).
   * `Accept: application/x-ndjson` (one asset per line) or `text/csv` (one line per address) exports
   * every matching asset unless `limit` is given; a next page's cursor is then in `Link: …; rel="next"`.
   * @param cidr Only addresses in this CIDR (or this one address), e.g. `192.168.1.0/24`
   * @param port Only assets with a service on this port
   * @isInt port
   * @param service Only assets with a service of this name (case-insensitive), e.g. `ssh`
   * @param manufacturer Only assets whose manufacturer contains this (case-insensitive)
   * @param seenSince Only assets observed since then: an ISO 8601 time, or an age such as `24h` (`s`, `m`, `h`, `d`)
   * @param minFreshness Only assets whose newest observation is at least this fresh, 0–1
   * @param limit 1–1000; default 100 for JSON, everything for the exports
   * @isInt limit
   * @param cursor `nextCursor` of the previous page
   * @summary List assets
   */
  @Get()
  @Security('bearer', ['scans:read'])
  @Extension('x-also-content-types', ['application/x-ndjson', 'text/csv'])
  @Response<Problem>(400, 'Invalid or unknown query parameters')
  @Response<Problem>(406, 'The Accept header allows none of application/json, application/x-ndjson, text/csv')
  public listAssets(
    @Request() req: ExpressRequest,
    @Query() cidr?: string,
    @Query() port?: number,
    @Query() service?: string,
    @Query() manufacturer?: string,
    @Query() seenSince?: string,
    @Query() minFreshness?: number,
    @Query() limit?: number,
    @Query() cursor?: string,
  ): AssetPage {
    const format = negotiate(req, ['json', 'ndjson', 'csv']);
    const page = this.assets.list(principalOf(req), { cidr, port, service, manufacturer, seenSince, minFreshness, limit, cursor }, format === 'json' ? ASSET_PAGE.default : undefined);
    if (format === 'json') return page;
    return exportBody(req, format, format === 'csv' ? csvLines(ASSET_CSV_COLUMNS, page.items) : ndjsonLines(page.items), nextLink(req, page.nextCursor));
  }

  /** @summary Get one address's asset */
  @Get('{ip}')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(400, 'Not an IP address')
  @Response<Problem>(404, 'Nothing known about this address')
  public getAsset(@Path() ip: string, @Request() req: ExpressRequest): AssetView {
    return this.assets.get(principalOf(req), ip);
  }
}
