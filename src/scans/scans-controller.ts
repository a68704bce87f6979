import type { Request as ExpressRequest } from 'express';
import { Body, Controller, Delete, Extension, Get, Header, Middlewares, Path, Post, Produces, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { type Delivery, type ExportFormat, FINAL_STATUSES, type LabelFilter, type ProbeResult, type ResourceId, type ResultPage, type ResultStatusFilter, type Scan, type ScanId, type ScanPage, type ScanRequest, type ScanStatus, type SeqCursor } from '../api/model.js';
import { toNmapXml } from './nmap-xml.js';
import { resultCsv } from './result-csv.js';
import { packageVersion } from '../util/package-root.js';
import { exportBody, negotiate, ndjsonLines, nextLink } from '../http/formats.js';
import type { ResultQuery, ScanService } from './scan-service.js';
import { principalOf } from '../auth/principal.js';
import type { Problem } from '../http/problem.js';
import { checkScanBody, validatedScanBody } from '../http/scan-body.js';
import { requireJsonBody } from '../http/json-body.js';
import { type SseStreams, streamScanEvents } from '../http/sse.js';

@Route('v1/scans')
@Tags('scans')
export class ScansController extends Controller {
  constructor(
    private readonly scans: ScanService,
    private readonly streams: SseStreams,
  ) {
    super();
  }

  /**
   * Creates a scan. Every target is checked against the scope before anything is stored or sent.
   * `mode: "sync"` answers 200 with the finished scan (202 if it outlasts the server's sync wait);
   * `mode: "async"` answers 202 with `Location`.
   * @param idempotencyKey The same key and body from the same principal returns the same scan. 1 to 255 visible ASCII characters.
   * @pattern idempotencyKey ^[!-~]{1,255}$ must be 1 to 255 visible ASCII characters
   * @summary Create a scan
   */
  @Post()
  @Security('bearer', ['scans:write'])
  @Middlewares(requireJsonBody, checkScanBody)
  @SuccessResponse<{ /** `/v1/scans/{id}`: poll it, or stream its `/events`. */ Location: string }>(202, 'Accepted; poll Location')
  @Response<Scan, { /** `/v1/scans/{id}`: the scan. */ Location: string }>(200, 'Finished (sync mode)')
  @Response<Problem>(
    400,
    'Malformed JSON or invalid fields; of a body the schema allows: a range that ends before it starts, a port range that runs backwards or names ports outside 1–65535, a port named twice in one probe, an IPv4-mapped CIDR with a prefix under 96, `credentials`, `known`, `budget` or `allowIntrusive` without `want`, a `known` key that is no IP address, a label name over 64 characters, a probe\'s rule between its fields (stated in its parameters\' descriptions), a catalogue this server does not have, a webhook URL the webhook policy refuses, or no webhook secret on a server without PSCAN_WEBHOOK_SECRET',
  )
  @Response<Problem>(401, 'No valid token')
  @Response<Problem>(403, 'Missing scope, or a target out of scope')
  @Response<Problem>(413, 'Body too large')
  @Response<Problem>(422, 'A budget exceeded, no target left once scope excluded addresses, or an Idempotency-Key reused with another body')
  @Response<Problem>(503, 'A tool an option needs (nmap) is missing, or the sensors\' queue cannot take the scan')
  public async createScan(@Body() body: ScanRequest, @Request() req: ExpressRequest, @Header('Idempotency-Key') idempotencyKey?: string): Promise<Scan> {
    const { scan } = await this.scans.create(principalOf(req), body, idempotencyKey, validatedScanBody(req));
    this.setHeader('Location', `/v1/scans/${scan.id}`);
    this.setStatus(scan.request.mode === 'sync' && FINAL_STATUSES.includes(scan.status) ? 200 : 202);
    return scan;
  }

  /**
   * Lists the caller's scans (all scans for `admin`), newest first.
   * @param limit 1–200, default 50
   * @isInt limit must be an integer from 1 to 200
   * @minimum limit 1 must be an integer from 1 to 200
   * @maximum limit 200 must be an integer from 1 to 200
   * @param cursor `nextCursor` of the previous page
   * @param label `key:value`: only scans with this label; repeat it for several (all must hold)
   * @summary List scans
   */
  @Get()
  @Security('bearer', ['scans:read'])
  @Response<Problem>(400, 'Invalid or unknown query parameters')
  public listScans(@Request() req: ExpressRequest, @Query() status?: ScanStatus, @Query() limit?: number, @Query() cursor?: ScanId, @Query() label?: LabelFilter[]): ScanPage {
    return this.scans.list(principalOf(req), { ...(status ? { status } : {}), ...(limit !== undefined ? { limit } : {}), ...(cursor ? { cursor } : {}), ...(label ? { labels: label } : {}) });
  }

  /**
   * One scan with its results and the asset facts derived from them. (Older clients' `Accept:
   * application/xml` still gets the scan as nmap XML, as `GET /v1/scans/{id}/nmap.xml` does.)
   * @summary Get a scan with its results
   */
  @Get('{id}')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(404, 'No such scan for this principal')
  @Response<Problem>(406, 'The Accept header does not allow application/json')
  public getScan(@Path() id: ResourceId, @Request() req: ExpressRequest): Scan {
    const format = negotiate(req, ['json', 'xml']);
    const scan = this.scans.get(principalOf(req), id);
    return format === 'xml' ? exportBody(req, 'xml', [toNmapXml(scan, packageVersion())]) : scan;
  }

  /**
   * The scan as `nmap -oX` writes one (nmaprun, host, status, address with the MAC where known,
   * hostnames, ports, port, state, service, runstats), for tools that read nmap output.
   * @summary Export a scan as nmap XML
   */
  @Get('{id}/nmap.xml')
  @Security('bearer', ['scans:read'])
  @SuccessResponse(200, 'nmap XML')
  @Extension('x-response-content-type', 'application/xml')
  @Response<Problem>(404, 'No such scan for this principal')
  public nmapXml(@Path() id: ResourceId, @Request() req: ExpressRequest): string {
    const scan = this.scans.get(principalOf(req), id);
    return exportBody(req, 'xml', [toNmapXml(scan, packageVersion())]);
  }

  /**
   * A scan's results in `seq` order, a page at a time: for scans too big to read in one answer.
   * A running scan's last page has a `nextCursor`: more may come. The same results as NDJSON or CSV:
   * `GET /v1/scans/{id}/results/export`. (Older clients' `Accept: application/x-ndjson` or `text/csv`
   * here still gets that export.)
   * @param cursor `nextCursor` of the previous page (a result's `seq`)
   * @param limit 1–1000, default 100
   * @isInt limit must be an integer from 1 to 1000
   * @minimum limit 1 must be an integer from 1 to 1000
   * @maximum limit 1000 must be an integer from 1 to 1000
   * @param status Only results of these statuses: `status=ok,closed`, or `status=ok&status=closed`
   * @summary List a scan's results
   */
  @Get('{id}/results')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(400, 'Invalid or unknown query parameters')
  @Response<Problem>(404, 'No such scan for this principal')
  @Response<Problem>(406, 'The Accept header does not allow application/json')
  public listResults(@Path() id: ResourceId, @Request() req: ExpressRequest, @Query() cursor?: SeqCursor, @Query() limit?: number, @Query() status?: ResultStatusFilter[]): ResultPage {
    const format = negotiate(req, ['json', 'ndjson', 'csv']);
    const query = { ...(cursor !== undefined ? { cursor } : {}), ...(limit !== undefined ? { limit } : {}), ...(status !== undefined ? { status } : {}) };
    return format === 'json' ? this.scans.results(principalOf(req), id, query) : this.resultsExport<ResultPage>(req, id, format, query);
  }

  /**
   * A scan's results as NDJSON (one result per line, as in the JSON page) or CSV (one line per
   * result: its fields, then what its answer said — service, product, version, hostname,
   * manufacturer, model, os, type, banner — with no JSON in a cell). Every result after `cursor`
   * unless `limit` is given; then the next page is in `Link: …; rel="next"`.
   * @param format `ndjson` or `csv`
   * @param cursor `nextCursor` of a previous page (a result's `seq`)
   * @param limit 1–1000; default: every result
   * @isInt limit must be an integer from 1 to 1000
   * @minimum limit 1 must be an integer from 1 to 1000
   * @maximum limit 1000 must be an integer from 1 to 1000
   * @param status Only results of these statuses: `status=ok,closed`, or `status=ok&status=closed`
   * @summary Export a scan's results (NDJSON, CSV)
   */
  @Get('{id}/results/export')
  @Security('bearer', ['scans:read'])
  @Extension('x-response-content-type', ['application/x-ndjson', 'text/csv'])
  @SuccessResponse(200, 'The export, in the format asked for')
  @Response<Problem>(400, 'Invalid or unknown query parameters')
  @Response<Problem>(404, 'No such scan for this principal')
  public exportResults(@Path() id: ResourceId, @Request() req: ExpressRequest, @Query() format: ExportFormat, @Query() cursor?: SeqCursor, @Query() limit?: number, @Query() status?: ResultStatusFilter[]): string {
    return this.resultsExport(req, id, format, { ...(cursor !== undefined ? { cursor } : {}), ...(limit !== undefined ? { limit } : {}), ...(status !== undefined ? { status } : {}) });
  }

  /** The export body, typed as the operation declares it (an older client's Accept on the JSON operation gets it too). */
  private resultsExport<T = string>(req: ExpressRequest, id: string, format: ExportFormat, query: ResultQuery): T {
    const lines = (rows: Iterable<ProbeResult>) => (format === 'csv' ? resultCsv(rows) : ndjsonLines(rows));
    // With a limit the export is one page; its next cursor needs the page first, so only then is it collected.
    if (query.limit === undefined) return exportBody<T>(req, format, lines(this.scans.resultStream(principalOf(req), id, query)));
    const page = this.scans.results(principalOf(req), id, query);
    return exportBody<T>(req, format, lines(page.items), nextLink(req, page.nextCursor));
  }

  /**
   * Server-Sent Events: one `result` event per result (id = its `seq`; `Last-Event-ID` resumes),
   * then one `end` event with the final status.
   * @summary Stream a scan's results (SSE)
   */
  @Get('{id}/events')
  @Security('bearer', ['scans:read'])
  @Produces('text/event-stream')
  @SuccessResponse(200, 'The event stream')
  @Extension('x-response-content-type', 'text/event-stream')
  @Response<Problem>(404, 'No such scan for this principal')
  @Response<Problem>(429, 'Too many event streams open, for this principal or in all; see Retry-After')
  public async scanEvents(@Path() id: ResourceId, @Request() req: ExpressRequest): Promise<void> {
    await streamScanEvents(this.scans, this.streams, principalOf(req), id, req);
  }

  /**
   * The webhook delivery of this scan, with every try: time, status code, latency, error.
   * @summary List a scan's webhook deliveries
   */
  @Get('{id}/deliveries')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(404, 'No such scan for this principal')
  public listDeliveries(@Path() id: ResourceId, @Request() req: ExpressRequest): Delivery[] {
    return this.scans.deliveries(principalOf(req), id);
  }

  /**
   * Sends a finished delivery again, with the same `webhook-id`.
   * @summary Send a webhook delivery again
   */
  @Post('{id}/deliveries/{deliveryId}/redeliver')
  @Security('bearer', ['scans:write'])
  @SuccessResponse(202, 'Queued for delivery')
  @Response<Problem>(404, 'No such scan or delivery')
  @Response<Problem>(409, 'The delivery is still being tried')
  public redeliver(@Path() id: ResourceId, @Path() deliveryId: ResourceId, @Request() req: ExpressRequest): Delivery {
    this.setStatus(202);
    return this.scans.redeliver(principalOf(req), id, deliveryId);
  }

  /**
   * Cancels a queued or running scan; idempotent (a cancelled scan is answered as it is). A scan
   * that completed or failed is not cancelled: `409` with code `scan-finished` and its `scanStatus`.
   * @summary Cancel a scan
   */
  @Delete('{id}')
  @Security('bearer', ['scans:write'])
  @SuccessResponse(202, 'Cancellation accepted')
  @Response<Problem>(404, 'No such scan for this principal')
  @Response<Problem>(409, 'The scan already completed or failed (code `scan-finished`, with its `scanStatus`)')
  public async cancelScan(@Path() id: ResourceId, @Request() req: ExpressRequest): Promise<Scan> {
    this.setStatus(202);
    return this.scans.cancel(principalOf(req), id);
  }
}
