import type { Request as ExpressRequest } from 'express';
import { Body, Controller, Delete, Extension, Get, Header, Middlewares, Path, Post, Produces, Query, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { type Delivery, FINAL_STATUSES, type ResultPage, type Scan, type ScanPage, type ScanRequest, type ScanStatus } from '../api/model.js';
import { toNmapXml } from './nmap-xml.js';
import { RESULT_CSV_COLUMNS } from './result-csv.js';
import { packageVersion } from '../util/package-root.js';
import { csvLines, exportBody, negotiate, ndjsonLines, nextLink } from '../http/formats.js';
import type { ScanService } from './scan-service.js';
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
   * @param idempotencyKey The same key and body from the same principal returns the same scan.
   * @summary Create a scan
   */
  @Post()
  @Security('bearer', ['scans:write'])
  @Middlewares(requireJsonBody, checkScanBody)
  @SuccessResponse(202, 'Accepted; poll Location')
  @Response<Scan>(200, 'Finished (sync mode)')
  @Response<Problem>(400, 'Malformed JSON or invalid fields')
  @Response<Problem>(401, 'No valid token')
  @Response<Problem>(403, 'Missing scope, or a target out of scope')
  @Response<Problem>(413, 'Body too large')
  @Response<Problem>(422, 'A budget exceeded, or an Idempotency-Key reused with another body')
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
   * @param cursor `nextCursor` of the previous page
   * @param label `key:value`: only scans with this label; repeat it for several (all must hold)
   * @summary List scans
   */
  @Get()
  @Security('bearer', ['scans:read'])
  @Response<Problem>(400, 'Invalid or unknown query parameters')
  public listScans(@Request() req: ExpressRequest, @Query() status?: ScanStatus, @Query() limit?: number, @Query() cursor?: string, @Query() label?: string[]): ScanPage {
    return this.scans.list(principalOf(req), { ...(status ? { status } : {}), ...(limit !== undefined ? { limit } : {}), ...(cursor ? { cursor } : {}), ...(label ? { labels: label } : {}) });
  }

  /**
   * One scan with its results and the asset facts derived from them; with `Accept: application/xml`,
   * the scan as nmap's XML output (as `GET /v1/scans/{id}/nmap.xml`).
   * @summary Get a scan with its results
   */
  @Get('{id}')
  @Security('bearer', ['scans:read'])
  @Extension('x-also-content-types', ['application/xml'])
  @Response<Problem>(404, 'No such scan for this principal')
  @Response<Problem>(406, 'The Accept header allows neither application/json nor application/xml')
  public getScan(@Path() id: string, @Request() req: ExpressRequest): Scan {
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
  public nmapXml(@Path() id: string, @Request() req: ExpressRequest): string {
    const scan = this.scans.get(principalOf(req), id);
    return exportBody(req, 'xml', [toNmapXml(scan, packageVersion())]);
  }

  /**
   * A scan's results in `seq` order, a page at a time: for scans too big to read in one answer.
   * `Accept: application/x-ndjson` (one result per line) or `text/csv` exports every result after
   * `cursor` unless `limit` is given (then the next page is in `Link: …; rel="next"`). A running
   * scan's last page has a `nextCursor`: more may come.
   * @param cursor `nextCursor` of the previous page (a result's `seq`)
   * @param limit 1–1000; default 100 for JSON, everything for the exports
   * @isInt limit
   * @summary List a scan's results
   */
  @Get('{id}/results')
  @Security('bearer', ['scans:read'])
  @Extension('x-also-content-types', ['application/x-ndjson', 'text/csv'])
  @Response<Problem>(400, 'Invalid or unknown query parameters')
  @Response<Problem>(404, 'No such scan for this principal')
  @Response<Problem>(406, 'The Accept header allows none of application/json, application/x-ndjson, text/csv')
  public listResults(@Path() id: string, @Request() req: ExpressRequest, @Query() cursor?: string, @Query() limit?: number): ResultPage {
    const format = negotiate(req, ['json', 'ndjson', 'csv']);
    const query = { ...(cursor !== undefined ? { cursor } : {}), ...(limit !== undefined ? { limit } : {}) };
    if (format === 'json') return this.scans.results(principalOf(req), id, query);
    const results = this.scans.resultStream(principalOf(req), id, query);
    // With a limit the export is one page; its next cursor needs the page first, so only then is it collected.
    if (limit === undefined) return exportBody(req, format, format === 'csv' ? csvLines(RESULT_CSV_COLUMNS, results) : ndjsonLines(results));
    const page = this.scans.results(principalOf(req), id, query);
    return exportBody(req, format, format === 'csv' ? csvLines(RESULT_CSV_COLUMNS, page.items) : ndjsonLines(page.items), nextLink(req, page.nextCursor));
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
  public async scanEvents(@Path() id: string, @Request() req: ExpressRequest): Promise<void> {
    await streamScanEvents(this.scans, this.streams, principalOf(req), id, req);
  }

  /**
   * The webhook delivery of this scan, with every try: time, status code, latency, error.
   * @summary List a scan's webhook deliveries
   */
  @Get('{id}/deliveries')
  @Security('bearer', ['scans:read'])
  @Response<Problem>(404, 'No such scan for this principal')
  public listDeliveries(@Path() id: string, @Request() req: ExpressRequest): Delivery[] {
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
  public redeliver(@Path() id: string, @Path() deliveryId: string, @Request() req: ExpressRequest): Delivery {
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
  public async cancelScan(@Path() id: string, @Request() req: ExpressRequest): Promise<Scan> {
    this.setStatus(202);
    return this.scans.cancel(principalOf(req), id);
  }
}
