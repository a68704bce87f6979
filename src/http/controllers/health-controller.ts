import { Controller, Get, Response, Route, Tags } from '@tsoa/runtime';
import type { ScanStore } from '../../store/store.js';
import type { NmapInfo } from '../../probes/nmap-detect.js';

export interface Liveness {
  status: 'ok';
}

export interface Readiness {
  ready: boolean;
  store: 'ok' | 'unavailable';
  nmap: NmapInfo;
  /** The Redis queue to the sensors; `off` when probes run in this process. */
  queue: 'ok' | 'unavailable' | 'off';
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
   * Readiness: the store is open and, with sensors, Redis answers; says whether nmap (deep probes) is available.
   * @summary Readiness
   */
  @Get('readyz')
  @Response<Readiness>(503, 'Not ready')
  public async readyz(): Promise<Readiness> {
    const storeOk = this.store.isHealthy();
    const queue = this.queuePing ? ((await this.queuePing()) ? 'ok' : 'unavailable') : 'off';
    const ready = storeOk && queue !== 'unavailable';
    if (!ready) this.setStatus(503);
    return { ready, store: storeOk ? 'ok' : 'unavailable', nmap: this.nmap(), queue };
  }
}
