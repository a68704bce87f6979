import type { Request as ExpressRequest } from 'express';
import { Body, Controller, Get, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { NotFoundError } from '../../errors.js';
import type { DeviceSignature } from '../../probes/classify/catalog.js';
import type { CatalogEntry, CatalogService } from '../../probes/classify/catalogs.js';
import type { TreeNode, TreeStats } from '../../probes/classify/tree.js';
import { principalOf } from '../principal.js';
import type { Problem } from '../problem.js';

export interface CatalogSummary {
  id: string;
  name: string;
  source?: string;
  origin: 'built-in' | 'config' | 'api';
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

export interface CatalogInput {
  name: string;
  source?: string;
  devices: DeviceSignature[];
}

const summary = (e: CatalogEntry): CatalogSummary => ({ id: e.catalog.id, name: e.catalog.name, ...(e.catalog.source ? { source: e.catalog.source } : {}), origin: e.origin, stats: e.stats });
const view = (e: CatalogEntry): CatalogView => ({ ...summary(e), devices: e.catalog.devices });

@Route('v1/catalogs')
@Tags('classification')
export class CatalogsController extends Controller {
  constructor(private readonly catalogs: CatalogService) {
    super();
  }

  private entry(id: string): CatalogEntry {
    const e = this.catalogs.get(id);
    if (!e) throw new NotFoundError(`no catalogue ${id.slice(0, 64)}`);
    return e;
  }

  /**
   * Classification catalogues with the statistics of their probe-order trees.
   * @summary List classification catalogues
   */
  @Get()
  @Security('bearer', ['scans:read'])
  public listCatalogs(): CatalogSummary[] {
    return this.catalogs.list().map(summary);
  }

  /**
   * Adds a catalogue (device type → open TCP ports); its trees are built at once.
   * @summary Add a classification catalogue
   */
  @Post()
  @Security('bearer', ['scans:write'])
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'Invalid catalogue')
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
  public getCatalog(@Path() id: string): CatalogView {
    return view(this.entry(id));
  }

  /**
   * The probe-order trees, inspectable: each node a port, its open and closed branches; leaves the device types.
   * @summary Get a catalogue's probe-order trees
   */
  @Get('{id}/tree')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(404, 'No such catalogue')
  public getTree(@Path() id: string): CatalogTree {
    const e = this.entry(id);
    return {
      id: e.catalog.id,
      stats: e.stats,
      confirm: { optimal: e.trees.confirm.optimal, root: e.trees.confirm.root },
      identify: { optimal: e.trees.identify.optimal, root: e.trees.identify.root },
    };
  }
}
