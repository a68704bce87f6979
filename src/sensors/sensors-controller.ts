import { Controller, Get, Route, Security, Tags } from '@tsoa/runtime';
import type { SensorInfo } from './wire.js';

export interface SensorList {
  /** `embedded`: this API runs probes itself (no PSCAN_QUEUE_URL); `queue`: sensors do. */
  mode: 'embedded' | 'queue';
  /** Live sensors (heartbeat within three intervals), by site. */
  items: SensorInfo[];
}

@Route('v1/sensors')
@Tags('sensors')
export class SensorsController extends Controller {
  constructor(private readonly live: (() => Promise<SensorInfo[]>) | undefined) {
    super();
  }

  /**
   * The sensors serving this API: site, CIDRs, version, capacity, jobs running, last heartbeat.
   * @summary List live sensors
   */
  @Get()
  @Security('bearer', ['scans:read'])
  public async listSensors(): Promise<SensorList> {
    return this.live ? { mode: 'queue', items: await this.live() } : { mode: 'embedded', items: [] };
  }
}
