import type { Request as ExpressRequest } from 'express';
import { Body, Controller, Delete, Get, Middlewares, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { requireJsonBody } from '../http/json-body.js';
import { NotFoundError } from '../errors.js';
import type { DeviceSignature } from '../probes/classify/catalog.js';
import type { CatalogEntry, CatalogService } from './catalog-service.js';
import type { TreeNode, TreeStats } from '../probes/classify/tree.js';
import { principalOf } from '../auth/principal.js';
import type { Problem } from '../http/problem.js';
import type { ResourceId } from '../api/model.js';

export interface CatalogSummary {
  id: string;
  name: string;
  source?: string;
  origin: 'built-in' | 'config' | 'api';
  /** Who created it through the API; absent for the built-in and configured ones, which everyone sees. */
  owner?: string;
  stats: TreeStats;
}

export interface CatalogView extends CatalogSummary {
  devices: DeviceSignature[];
}

export interface CatalogTree {
  id: string;
  stats: TreeStats;
  /** Minimising probes with confirmation; `optimal` false when a large catalogue fell back to the greedy rule. */
  confirm: { optimal: boolean; root: TreeNode };
  /** Minimising probes to a single candidate, without confirmation. */
  identify: { optimal: boolean; root: TreeNode };
}

/** A catalogue to add: its device types unique, at most 256 distinct ports over all of them. */
export interface CatalogInput {
  /**
   * @minLength 1
   * @maxLength 128
   * @pattern \S must hold a character other than a space
   */
  name: string;
  /** @maxLength 512 */
  source?: string;
  /**
   * @minItems 1
   * @maxItems 64
   */
  devices: DeviceSignature[];
}

const summary = (e: CatalogEntry): CatalogSummary => ({ id: e.catalog.id, name: e.catalog.name, ...(e.catalog.source ? { source: e.catalog.source } : {}), origin: e.origin, ...(e.owner !== undefined ? { owner: e.owner } : {}), stats: e.stats });
const view = (e: CatalogEntry): CatalogView => ({ ...summary(e), devices: e.catalog.devices });

@Route('v1/catalogs')
@Tags('classification')
export class CatalogsController extends Controller {
  constructor(private readonly catalogs: CatalogService) {
    super();
  }

  private entry(req: ExpressRequest, id: string): CatalogEntry {
    const e = this.catalogs.visibleTo(principalOf(req), id);
    if (!e) throw new NotFoundError(`no catalogue ${id.slice(0, 64)}`);
    return e;
  }

  /**
   * Classification catalogues with the statistics of their probe-order trees: the built-in and
   * configured ones, and the caller's own (all for an admin).
   * @summary List classification catalogues
   */
  @Get()
  @Security('bearer', ['scans:read'])
  public listCatalogs(@Request() req: ExpressRequest): CatalogSummary[] {
    return this.catalogs.list(principalOf(req)).map(summary);
  }

  /**
   * Adds a catalogue (device type → open TCP ports), visible to its creator (and admins); its trees
   * are built at once, in turns with other principals' builds, and stopped past PSCAN_CATALOG_BUILD_TIMEOUT_MS.
   * @summary Add a classification catalogue
   */
  @Post()
  @Middlewares(requireJsonBody)
  @Security('bearer', ['scans:write'])
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'Invalid catalogue; of a body the schema allows: a device type that appears twice, or more than 256 distinct ports over all devices')
  @Response<Problem>(422, 'Budget exceeded: more catalogues than PSCAN_CATALOGS_PER_PRINCIPAL, or the build ran past PSCAN_CATALOG_BUILD_TIMEOUT_MS')
  public async createCatalog(@Body() body: CatalogInput, @Request() req: ExpressRequest): Promise<CatalogView> {
    const e = await this.catalogs.create(principalOf(req).sub, body);
    this.setStatus(201);
    this.setHeader('Location', `/v1/catalogs/${e.catalog.id}`);
    return view(e);
  }

  /** @summary Get a catalogue */
  @Get('{id}')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(404, 'No such catalogue')
  public getCatalog(@Path() id: ResourceId, @Request() req: ExpressRequest): CatalogView {
    return view(this.entry(req, id));
  }

  /**
   * Deletes a catalogue created through the API (its creator or an admin); not while a queued or running scan names it.
   * @summary Delete a classification catalogue
   */
  @Delete('{id}')
  @Security('bearer', ['scans:write'])
  @SuccessResponse(204, 'Deleted')
  @Response<Problem>(403, 'The built-in or a configured catalogue')
  @Response<Problem>(404, 'No such catalogue')
  @Response<Problem>(409, 'A queued or running scan names it')
  public deleteCatalog(@Path() id: ResourceId, @Request() req: ExpressRequest): void {
    this.catalogs.delete(principalOf(req), id);
    this.setStatus(204);
  }

  /**
   * The probe-order trees, inspectable: each node a port, its open and closed branches; leaves the device types.
   * @summary Get a catalogue's probe-order trees
   */
  @Get('{id}/tree')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(404, 'No such catalogue')
  public getTree(@Path() id: ResourceId, @Request() req: ExpressRequest): CatalogTree {
    const e = this.entry(req, id);
    return {
      id: e.catalog.id,
      stats: e.stats,
      confirm: { optimal: e.trees.confirm.optimal, root: e.trees.confirm.root },
      identify: { optimal: e.trees.identify.optimal, root: e.trees.identify.root },
    };
  }
}
