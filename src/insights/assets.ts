import type { Asset, ProbeResult, Service } from '../scans/model.js';

/**
 * Turns a scan's results into asset facts, per address. Only `ok` answers say anything about a
 * device; a later observation of the same service replaces an earlier one.
 */
export function deriveAssets(results: readonly ProbeResult[]): Asset[] {
  const byIp = new Map<string, Asset>();
  for (const r of results) {
    if (r.status !== 'ok' || !r.data) continue;
    let asset = byIp.get(r.target);
    if (!asset) {
      asset = { ip: r.target, services: [], observedAt: r.observedAt };
      byIp.set(r.target, asset);
    }
    if (r.observedAt > asset.observedAt) asset.observedAt = r.observedAt;
    if (r.probe === 'tcp-banner') {
      const d = r.data;
      const service: Service = { port: d.port, protocol: 'tcp' };
      if (d.service) service.name = d.service;
      if (d.product) service.product = d.product;
      if (d.version) service.version = d.version;
      if (d.banner) service.banner = d.banner.slice(0, 256);
      asset.services = [...asset.services.filter((s) => !(s.port === service.port && s.protocol === 'tcp')), service];
    }
  }
  for (const a of byIp.values()) a.services.sort((x, y) => x.port - y.port);
  return [...byIp.values()];
}
