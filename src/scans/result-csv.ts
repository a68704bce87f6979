import type { ProbeResult, Service } from '../api/model.js';
import { factsOf } from '../probes/registry.js';
import { csvLines, oneLine } from '../http/formats.js';
import type { ResultFacts } from '../probes/probe.js';

/** A result with what its answer said, read once for all its cells. */
interface ResultRow {
  r: ProbeResult;
  facts?: ResultFacts;
  /** The service on the result's own port, else the one service it names. */
  service?: Service;
}

function rowOf(r: ProbeResult): ResultRow {
  const facts = factsOf(r);
  const services = facts?.services ?? [];
  const service = services.find((s) => s.port === r.port && s.protocol === r.protocol) ?? (services.length === 1 ? services[0] : undefined);
  return { r, ...(facts ? { facts } : {}), ...(service ? { service } : {}) };
}

const fact = (name: 'hostname' | 'manufacturer' | 'model' | 'os' | 'type') => (x: ResultRow) => x.facts?.stated?.[name] ?? x.facts?.inferred?.[name];

/**
 * The CSV columns of a result: its own fields, then the key facts its answer gave (as its probe
 * reads them: the service on its port, what the device said of itself), one value per cell. The
 * whole answer is in the NDJSON export.
 */
const COLUMNS: ReadonlyArray<readonly [string, (x: ResultRow) => unknown]> = [
  ['seq', (x) => x.r.seq],
  ['target', (x) => x.r.target],
  ['probe', (x) => x.r.probe],
  ['port', (x) => x.r.port],
  ['protocol', (x) => x.r.protocol],
  ['attempt', (x) => x.r.attempt],
  ['tries', (x) => x.r.tries],
  ['status', (x) => x.r.status],
  ['rttMs', (x) => x.r.rttMs],
  ['observedAt', (x) => x.r.observedAt],
  ['errorCode', (x) => x.r.error?.code],
  ['errorMessage', (x) => x.r.error?.message],
  ['service', (x) => x.service?.name],
  ['product', (x) => x.service?.product],
  ['version', (x) => x.service?.version],
  ['banner', (x) => oneLine(x.service?.banner)],
  ['hostname', fact('hostname')],
  ['manufacturer', fact('manufacturer')],
  ['model', fact('model')],
  ['os', fact('os')],
  ['type', fact('type')],
];

/** Results as CSV: the header line, then one line per result. */
export function* resultCsv(results: Iterable<ProbeResult>): Generator<string> {
  yield* csvLines(COLUMNS, (function* () {
    for (const r of results) yield rowOf(r);
  })());
}
