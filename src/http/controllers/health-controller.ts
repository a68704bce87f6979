import type { Request as ExpressRequest } from 'express';
import { Controller, Get, Request, Response, Route, Tags } from '@tsoa/runtime';
import type { Authenticator } from '../../auth/authenticator.js';
import type { ScanStore } from '../../store/store.js';
import type { NmapInfo } from '../../probes/nmap-detect.js';
import type { Problem } from '../problem.js';

export interface Liveness {
  status: 'ok';
}

export interface Readiness {
  ready: boolean;
  store: 'ok' | 'unavailable';
  /** The Redis queue to the sensors; `off` when probes run in this process. */
  queue: 'ok' | 'unavailable' | 'off';
  nmap: NmapStatus;
}

/** Whether nmap (deep probes) is there; its version and path only with an admin token. */
export interface NmapStatus {
  available: boolean;
  version?: string;
  path?: string;
}

@Route('')
@Tags('health')
export class HealthController extends Controller {
  constructor(
    private readonly store: ScanStore,
    private readonly nmap: () => NmapInfo,
    private readonly queuePing?: () => Promise<boolean>,
  ) {
    super();
  }

  /**
   * Liveness: the process answers.
   * @summary Liveness
   */
  @Get('healthz')
  public healthz(): Liveness {
    return { status: 'ok' };
  }

  /**
   * Readiness: the store is open and, with sensors, Redis answers; says whether nmap (deep probes)
   * is available. Open to all; nmap's version and path only with an `admin` token.
   * @summary Readiness
   */
  @Get('readyz')
  @Response<Readiness>(503, 'Not ready')
  @Response<Problem>(401, 'A token was sent and is not valid')
  public async readyz(@Request() req: ExpressRequest): Promise<Readiness> {
    const authorization = req.headers.authorization;
    const admin = authorization !== undefined && (await (req.app.locals.authenticator as Authenticator).authenticate(authorization, [])).admin;
    const storeOk = this.store.isHealthy();
    const queue = this.queuePing ? ((await this.queuePing()) ? 'ok' : 'unavailable') : 'off';
    const ready = storeOk && queue !== 'unavailable';
    if (!ready) this.setStatus(503);
    const nmap = this.nmap();
    return { ready, store: storeOk ? 'ok' : 'unavailable', nmap: admin ? nmap : { available: nmap.available }, queue };
  }
}
