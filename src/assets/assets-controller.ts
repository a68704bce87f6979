import type { Request as ExpressRequest } from 'express';
import { Controller, Extension, Get, Path, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { ExportFormat, ManufacturerFilter, Port, ServiceName, TimeOrAge } from '../api/model.js';
import type { IpAddress, Network } from '../api/generated/params.js';
import { ASSET_CSV_COLUMNS, ASSET_PAGE, type AssetPage, type AssetQueryParams, SERVICE_CSV_COLUMNS, serviceRows } from './asset-query.js';
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
   * fact with when it was observed and its freshness. Filters combine (all must hold). The same
   * assets as NDJSON or CSV: `GET /v1/assets/export`; their services one per line:
   * `GET /v1/assets/services/export`. (Older clients' `Accept: application/x-ndjson` or `text/csv`
   * here still gets the asset export.)
   * @param cidr Only addresses in this CIDR (or this one address), e.g. `192.168.1.0/24`
   * @param port Only assets with a service on this port
   * @param service Only assets with a service of this name (case-insensitive), e.g. `ssh`
   * @param manufacturer Only assets whose manufacturer contains this (case-insensitive)
   * @param seenSince Only assets observed since then: an ISO 8601 time, or an age such as `24h` (`s`, `m`, `h`, `d`)
   * @param minFreshness Only assets whose newest observation is at least this fresh, 0–1
   * @minimum minFreshness 0 must be a number from 0 to 1
   * @maximum minFreshness 1 must be a number from 0 to 1
   * @param limit 1–1000, default 100
   * @isInt limit must be an integer from 1 to 1000
   * @minimum limit 1 must be an integer from 1 to 1000
   * @maximum limit 1000 must be an integer from 1 to 1000
   * @param cursor `nextCursor` of the previous page
   * @summary List assets
   */
  @Get()
  @Security('bearer', ['scans:read'])
  @Response<Problem>(400, 'Invalid or unknown query parameters')
  @Response<Problem>(406, 'The Accept header does not allow application/json')
  public listAssets(
    @Request() req: ExpressRequest,
    @Query() cidr?: Network,
    @Query() port?: Port,
    @Query() service?: ServiceName,
    @Query() manufacturer?: ManufacturerFilter,
    @Query() seenSince?: TimeOrAge,
    @Query() minFreshness?: number,
    @Query() limit?: number,
    @Query() cursor?: IpAddress,
  ): AssetPage {
    const format = negotiate(req, ['json', 'ndjson', 'csv']);
    const query = { cidr, port, service, manufacturer, seenSince, minFreshness, limit, cursor };
    return format === 'json' ? this.assets.list(principalOf(req), query, ASSET_PAGE.default) : this.export<AssetPage>(req, format, query, 'assets');
  }

  /**
   * The assets of `GET /v1/assets` as NDJSON (one asset per line, as in the JSON page) or CSV (one
   * line per address: its facts, how many services, when last seen,
   * freshness, scans). Every matching asset unless `limit` is given; then the next page is in
   * `Link: …; rel="next"`.
   * @param format `ndjson` or `csv`
   * @param cidr Only addresses in this CIDR (or this one address), e.g. `192.168.1.0/24`
   * @param port Only assets with a service on this port
   * @param service Only assets with a service of this name (case-insensitive), e.g. `ssh`
   * @param manufacturer Only assets whose manufacturer contains this (case-insensitive)
   * @param seenSince Only assets observed since then: an ISO 8601 time, or an age such as `24h` (`s`, `m`, `h`, `d`)
   * @param minFreshness Only assets whose newest observation is at least this fresh, 0–1
   * @minimum minFreshness 0 must be a number from 0 to 1
   * @maximum minFreshness 1 must be a number from 0 to 1
   * @param limit 1–1000; default: every matching asset
   * @isInt limit must be an integer from 1 to 1000
   * @minimum limit 1 must be an integer from 1 to 1000
   * @maximum limit 1000 must be an integer from 1 to 1000
   * @param cursor `nextCursor` of a previous page
   * @summary Export assets (NDJSON, CSV)
   */
  @Get('export')
  @Security('bearer', ['scans:read'])
  @Extension('x-response-content-type', ['application/x-ndjson', 'text/csv'])
  @SuccessResponse(200, 'The export, in the format asked for')
  @Response<Problem>(400, 'Invalid or unknown query parameters')
  public exportAssets(
    @Request() req: ExpressRequest,
    @Query() format: ExportFormat,
    @Query() cidr?: Network,
    @Query() port?: Port,
    @Query() service?: ServiceName,
    @Query() manufacturer?: ManufacturerFilter,
    @Query() seenSince?: TimeOrAge,
    @Query() minFreshness?: number,
    @Query() limit?: number,
    @Query() cursor?: IpAddress,
  ): string {
    return this.export(req, format, { cidr, port, service, manufacturer, seenSince, minFreshness, limit, cursor }, 'assets');
  }

  /**
   * The services of the assets of `GET /v1/assets`, one per (address, service): NDJSON or CSV
   * (ip, hostname, manufacturer, port, protocol, name, vendor, product, version, banner, CPE names
   * space-separated, when observed). The filters and pages are the assets'; a page holds the
   * services of `limit` assets, and the next page is in `Link: …; rel="next"`.
   * @param format `ndjson` or `csv`
   * @param cidr Only addresses in this CIDR (or this one address), e.g. `192.168.1.0/24`
   * @param port Only assets with a service on this port
   * @param service Only assets with a service of this name (case-insensitive), e.g. `ssh`
   * @param manufacturer Only assets whose manufacturer contains this (case-insensitive)
   * @param seenSince Only assets observed since then: an ISO 8601 time, or an age such as `24h` (`s`, `m`, `h`, `d`)
   * @param minFreshness Only assets whose newest observation is at least this fresh, 0–1
   * @minimum minFreshness 0 must be a number from 0 to 1
   * @maximum minFreshness 1 must be a number from 0 to 1
   * @param limit 1–1000 assets; default: every matching asset
   * @isInt limit must be an integer from 1 to 1000
   * @minimum limit 1 must be an integer from 1 to 1000
   * @maximum limit 1000 must be an integer from 1 to 1000
   * @param cursor `nextCursor` of a previous page
   * @summary Export the assets' services (NDJSON, CSV)
   */
  @Get('services/export')
  @Security('bearer', ['scans:read'])
  @Extension('x-response-content-type', ['application/x-ndjson', 'text/csv'])
  @SuccessResponse(200, 'The export, in the format asked for')
  @Response<Problem>(400, 'Invalid or unknown query parameters')
  public exportServices(
    @Request() req: ExpressRequest,
    @Query() format: ExportFormat,
    @Query() cidr?: Network,
    @Query() port?: Port,
    @Query() service?: ServiceName,
    @Query() manufacturer?: ManufacturerFilter,
    @Query() seenSince?: TimeOrAge,
    @Query() minFreshness?: number,
    @Query() limit?: number,
    @Query() cursor?: IpAddress,
  ): string {
    return this.export(req, format, { cidr, port, service, manufacturer, seenSince, minFreshness, limit, cursor }, 'services');
  }

  /** @summary Get one address's asset */
  @Get('{ip}')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(400, 'Not an IP address')
  @Response<Problem>(404, 'Nothing known about this address')
  public getAsset(@Path() ip: IpAddress, @Request() req: ExpressRequest): AssetView {
    return this.assets.get(principalOf(req), ip);
  }

  /** The export body, typed as the operation declares it (an older client's Accept on the JSON operation gets it too). */
  private export<T = string>(req: ExpressRequest, format: ExportFormat, query: AssetQueryParams, rows: 'assets' | 'services'): T {
    const page = this.assets.list(principalOf(req), query, undefined);
    const link = nextLink(req, page.nextCursor);
    if (rows === 'services') {
      const services = serviceRows(page.items);
      return exportBody<T>(req, format, format === 'csv' ? csvLines(SERVICE_CSV_COLUMNS, services) : ndjsonLines(services), link);
    }
    return exportBody<T>(req, format, format === 'csv' ? csvLines(ASSET_CSV_COLUMNS, page.items) : ndjsonLines(page.items), link);
  }
}
