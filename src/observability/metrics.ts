import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * A metric's child for some label values, bound once and then reused: prom-client otherwise hashes
 * the labels object on every call, on the path every request and result takes. The label values
 * are few (probe types, statuses, routes), so the cache stays small.
 */
function bound<C>(labels: (...values: string[]) => C): (...values: string[]) => C {
  const children = new Map<string, C>();
  return (...values) => {
    const key = values.join('\u0000');
    let child = children.get(key);
    if (child === undefined) children.set(key, (child = labels(...values)));
    return child;
  };
}

/** The Prometheus metrics of one service instance (own registry: tests can build many). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'pscan_process_' });
  const metrics = {
    registry,
    packetsSent: new Counter({ name: 'pscan_packets_sent_total', help: 'Packets emitted at probe level', labelNames: ['probe'], registers: [registry] }),
    probeResults: new Counter({ name: 'pscan_probe_results_total', help: 'Probe results by status', labelNames: ['probe', 'status'], registers: [registry] }),
    scansCreated: new Counter({ name: 'pscan_scans_created_total', help: 'Scans accepted', registers: [registry] }),
    scansFinished: new Counter({ name: 'pscan_scans_finished_total', help: 'Scans finished by final status', labelNames: ['status'], registers: [registry] }),
    webhookTries: new Counter({ name: 'pscan_webhook_tries_total', help: 'Webhook delivery tries by outcome', labelNames: ['outcome'], registers: [registry] }),
    scanDuration: new Histogram({
      name: 'pscan_scan_duration_seconds',
      help: 'Scan duration from start to end, by final status',
      labelNames: ['status'],
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
      registers: [registry],
    }),
    runningScans: new Gauge({ name: 'pscan_running_scans', help: 'Scans running now', registers: [registry] }),
    queueDepth: new Gauge({ name: 'pscan_scan_queue_depth', help: 'Scans waiting for a runner slot', registers: [registry] }),
    httpDuration: new Histogram({
      name: 'pscan_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  };
  return {
    ...metrics,
    /** Children bound to their labels (see `bound`), in the order of each metric's labelNames. */
    bound: {
      packetsSent: bound((probe) => metrics.packetsSent.labels(probe)),
      probeResults: bound((probe, status) => metrics.probeResults.labels(probe, status)),
      scansFinished: bound((status) => metrics.scansFinished.labels(status)),
      scanDuration: bound((status) => metrics.scanDuration.labels(status)),
      httpDuration: bound((method, route, status) => metrics.httpDuration.labels(method, route, status)),
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
