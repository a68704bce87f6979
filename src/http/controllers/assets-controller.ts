import type { Request as ExpressRequest } from 'express';
import { Controller, Get, Path, Request, Response, Route, Security, Tags } from '@tsoa/runtime';
import { type AssetView, mergeAssets } from '../../assets/asset-view.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { parseAddress, formatAddress } from '../../scans/addresses.js';
import { ownerOf } from '../../scans/scan-service.js';
import type { ScanStore } from '../../store/store.js';
import { principalOf } from '../principal.js';
import type { Problem } from '../problem.js';

/** How many of the newest scans the asset view is merged from. */
const SCANS_MERGED = 5000;

@Route('v1/assets')
@Tags('assets')
export class AssetsController extends Controller {
  constructor(
    private readonly store: ScanStore,
    private readonly halfLifeMs: number,
  ) {
    super();
  }

  private view(req: ExpressRequest): AssetView[] {
    return mergeAssets(this.store.listScanAssets(ownerOf(principalOf(req)), SCANS_MERGED), Date.now(), this.halfLifeMs);
  }

  /**
   * What the caller's scans (all scans for admin) have learned per address, each fact with when it was observed and its freshness.
   * @summary List assets
   */
  @Get()
  @Security('bearer', ['scans:read'])
  public listAssets(@Request() req: ExpressRequest): AssetView[] {
    return this.view(req);
  }

  /** @summary Get one address's asset */
  @Get('{ip}')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(400, 'Not an IP address')
  @Response<Problem>(404, 'Nothing known about this address')
  public getAsset(@Path() ip: string, @Request() req: ExpressRequest): AssetView {
    const addr = parseAddress(ip);
    if (!addr) throw new ValidationError([{ path: 'path:ip', message: 'is not an IP address' }]);
    const wanted = formatAddress(addr);
    const found = this.view(req).find((a) => a.ip === wanted);
    if (!found) throw new NotFoundError(`nothing is known about ${wanted}`);
    return found;
  }
}
