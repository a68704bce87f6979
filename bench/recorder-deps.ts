import { pino } from 'pino';
import { AssetHistory } from '../src/assets/history.js';
import { createMetrics } from '../src/observability/metrics.js';
import { ScanEvents } from '../src/scans/events.js';
import type { RecorderDeps } from '../src/scans/scan-recorder.js';
import type { SqliteScanStore } from '../src/store/sqlite-store.js';
import { WriteBatcher } from '../src/store/write-batcher.js';

/** A scan recorder's dependencies as the service wires them, on `store`, silent, with or without asset history. */
export function recorderDeps(store: SqliteScanStore, history: boolean): RecorderDeps {
  return {
    store,
    writes: new WriteBatcher((fn) => store.transaction(fn)),
    events: new ScanEvents(),
    metrics: createMetrics(),
    logger: pino({ level: 'silent' }),
    onFinished: () => {},
    ...(history ? { history: new AssetHistory(store) } : {}),
  };
}
