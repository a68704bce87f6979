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
}

@Route('')
@Tags('health')
export class HealthController extends Controller {
  constructor(
    private readonly store: ScanStore,
    private readonly nmap: () => NmapInfo,
  ) {
    super();
  }

  /** Liveness: the process answers. */
  @Get('healthz')
  public healthz(): Liveness {
    return { status: 'ok' };
  }

  /** Readiness: the store is open; says whether nmap (deep probes) is available. */
  @Get('readyz')
  @Response<Readiness>(503, 'Not ready')
  public readyz(): Readiness {
    const storeOk = this.store.isHealthy();
    if (!storeOk) this.setStatus(503);
    return { ready: storeOk, store: storeOk ? 'ok' : 'unavailable', nmap: this.nmap() };
  }
}
