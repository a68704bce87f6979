import { ownerOf, type Principal } from '../auth/principal.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { formatAddress, parseAddress } from '../net/addresses.js';
import { type AssetPage, type AssetQueryParams, matchesAsset, pageAssets, parseAssetQuery } from './asset-query.js';
import type { AssetStore } from './asset-store.js';
import { type AssetView, mergeAssets } from './asset-view.js';

/** How many of the newest scans the asset view is merged from. */
const SCANS_MERGED = 5000;

/** The asset view: what a principal's scans (all scans for admin) have learned per address. */
export class AssetService {
  constructor(
    private readonly store: Pick<AssetStore, 'listScanAssets'>,
    private readonly halfLifeMs: number,
  ) {}

  private view(principal: Principal, now: number): AssetView[] {
    return mergeAssets(this.store.listScanAssets(ownerOf(principal), SCANS_MERGED), now, this.halfLifeMs);
  }

  /** The matching assets in address order, one page of them; `defaultLimit` when the query gives none (undefined: all). */
  list(principal: Principal, params: AssetQueryParams, defaultLimit: number | undefined): AssetPage {
    const now = Date.now();
    const query = parseAssetQuery(params, now);
    const matching = this.view(principal, now).filter((a) => matchesAsset(a, query.filter));
    return pageAssets(matching, query.after, query.limit ?? defaultLimit);
  }

  /** One address's asset; ValidationError for what is not an address, NotFoundError when nothing is known. */
  get(principal: Principal, ip: string): AssetView {
    const addr = parseAddress(ip);
    if (!addr) throw new ValidationError([{ path: 'path:ip', message: 'is not an IP address' }]);
    const wanted = formatAddress(addr);
    const found = this.view(principal, Date.now()).find((a) => a.ip === wanted);
    if (!found) throw new NotFoundError(`nothing is known about ${wanted}`);
    return found;
  }
}
