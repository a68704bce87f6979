import type { ProbeResult } from '../api/model.js';

/** The CSV columns of a result; `data` is the probe's parsed answer as JSON. */
export const RESULT_CSV_COLUMNS: ReadonlyArray<readonly [string, (r: ProbeResult) => unknown]> = [
  ['seq', (r) => r.seq],
  ['target', (r) => r.target],
  ['probe', (r) => r.probe],
  ['port', (r) => r.port],
  ['protocol', (r) => r.protocol],
  ['attempt', (r) => r.attempt],
  ['tries', (r) => r.tries],
  ['status', (r) => r.status],
  ['rttMs', (r) => r.rttMs],
  ['observedAt', (r) => r.observedAt],
  ['errorCode', (r) => r.error?.code],
  ['errorMessage', (r) => r.error?.message],
  ['data', (r) => (r.data === undefined ? undefined : JSON.stringify(r.data))],
];
