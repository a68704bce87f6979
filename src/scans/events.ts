import { EventEmitter } from 'node:events';
import type { HostCounts, ProbeResult, ScanStatus } from '../api/model.js';

/** How far a scan has got: sent with each stored batch of results, and once more at its end. */
export interface ScanProgress {
  targets: number;
  hosts?: HostCounts;
  results: number;
  packetsSent: number;
}

export type ScanEvent = { kind: 'result'; result: ProbeResult } | { kind: 'progress'; progress: ScanProgress } | { kind: 'end'; status: ScanStatus };

/** Live events per scan, for SSE and for sync requests waiting on their scan. */
export class ScanEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(scanId: string, event: ScanEvent): void {
    this.emitter.emit(scanId, event);
  }

  subscribe(scanId: string, listener: (event: ScanEvent) => void): () => void {
    this.emitter.on(scanId, listener);
    return () => this.emitter.off(scanId, listener);
  }
}
