import { judgeClassification } from '../probes/classify/judge.js';
import type { ClassifyData } from '../probes/classify/probe.js';
import { mdnsFacts } from '../probes/mdns/facts.js';
import type { MdnsData } from '../probes/mdns/probe.js';
import type { NmapData } from '../probes/nmap/run.js';
import { snmpFacts } from '../probes/snmp/facts.js';
import { ssdpFacts } from '../probes/ssdp/facts.js';
import type { SsdpData } from '../probes/ssdp/probe.js';
import type { SnmpData } from '../probes/snmp/probe.js';
import type { BannerData } from '../probes/tcp-banner/probe.js';
import type { Asset, ProbeResult, Service } from '../scans/model.js';

type Fact = 'hostname' | 'manufacturer' | 'model' | 'os';

function bannerService(d: BannerData): Service {
  const service: Service = { port: d.port, protocol: 'tcp' };
  if (d.service) service.name = d.service;
  if (d.product) service.product = d.product;
  if (d.version) service.version = d.version;
  if (d.banner) service.banner = d.banner.slice(0, 256);
  return service;
}

/**
 * Turns a scan's results into asset facts, per address, as they arrive (so a scan's assets cost
 * memory per device, not per result). Only `ok` answers say anything about a device. A fact keeps
 * the first value found, except that what a device says of itself (SNMP, UPnP, mDNS, nmap's
 * fingerprints) replaces what was only inferred (a catalogue type from open ports, an OS from
 * server software). A service seen again on the same port replaces the earlier observation.
 *
 * A classify answer gives the model only once the scan's results are all in: it is judged against
 * every open TCP port the scan found on the device, by any probe, in whichever order they came
 * (judgeClassification), and only a `consistent` or `exact` answer names the model. A `candidate`
 * is a guess, and an `unknown` leaves the model unset (its nearest type stays in the result only):
 * a type the device was shown not to be is no fact about it.
 */
export class AssetBuilder {
  /**
   * Per address: its asset, its services by protocol/port, which of its facts are only inferred,
   * and per catalogue the classify answer naming a type that checked the most catalogue ports.
   */
  private readonly byIp = new Map<string, { asset: Asset; services: Map<string, Service>; inferred?: Set<Fact>; classified?: Map<string, Classified> }>();

  add(r: ProbeResult): void {
    if (r.status !== 'ok' || !r.data) return;
    let known = this.byIp.get(r.target);
    if (!known) {
      known = { asset: { ip: r.target, services: [], observedAt: r.observedAt }, services: new Map() };
      this.byIp.set(r.target, known);
    }
    const entry = known;
    const { asset, services } = entry;
    if (r.observedAt > asset.observedAt) asset.observedAt = r.observedAt;
    const setFacts = (facts: Partial<Record<Fact, string>>, only: 'stated' | 'inferred' = 'stated'): void => {
      for (const [k, v] of Object.entries(facts) as Array<[Fact, string | undefined]>) {
        if (!v || (asset[k] && (only === 'inferred' || !entry.inferred?.has(k)))) continue;
        asset[k] = v;
        if (only === 'inferred') (entry.inferred ??= new Set()).add(k);
        else entry.inferred?.delete(k);
      }
    };
    /** Adds a service, or fills in what an earlier observation of the same port lacked; `prefer` overrides. */
    const addService = (service: Service, prefer: boolean): void => {
      const key = `${service.protocol}/${service.port}`;
      const earlier = services.get(key);
      services.set(key, earlier ? (prefer ? { ...earlier, ...service } : { ...service, ...earlier }) : service);
    };
    if (r.probe === 'tcp-banner' && 'nmap' in r.data) {
      for (const p of (r.data as NmapData).nmap.ports.filter((x) => x.state === 'open')) {
        const service: Service = { port: p.port, protocol: p.protocol === 'udp' ? 'udp' : 'tcp' };
        if (p.name) service.name = p.name;
        if (p.product) service.product = p.product;
        if (p.version) service.version = p.version;
        addService(service, true);
        if (p.ostype) setFacts({ os: p.ostype });
      }
    } else if (r.probe === 'tcp-banner') {
      addService(bannerService(r.data as BannerData), false);
      setFacts({ os: (r.data as BannerData).os }, 'inferred');
    } else if (r.probe === 'snmp') {
      setFacts(snmpFacts((r.data as SnmpData).varbinds));
      addService({ port: r.port!, protocol: 'udp', name: 'snmp' }, false);
    } else if (r.probe === 'classify') {
      const c = r.data as ClassifyData;
      if (c.device && c.match !== 'unknown') {
        const kept = (entry.classified ??= new Map()).get(c.catalog);
        if (!kept || c.unchecked.length < kept.unchecked.length) entry.classified.set(c.catalog, { match: c.match, device: c.device, signature: c.signature, unchecked: c.unchecked, uncheckedPorts: c.uncheckedPorts });
      }
      for (const p of c.path.filter((x) => x.state === 'open')) addService({ port: p.port, protocol: 'tcp' }, false);
    } else if (r.probe === 'mdns' || r.probe === 'ssdp') {
      const { services, ...facts } = r.probe === 'mdns' ? mdnsFacts(r.data as MdnsData) : ssdpFacts(r.data as SsdpData);
      setFacts(facts);
      for (const s of services) addService(s, false);
    }
  }

  /** The assets so far, each with its services in port order. */
  assets(): Asset[] {
    return [...this.byIp.values()].map(({ asset, services, classified }) => {
      const model = asset.model ?? classifiedModel(classified, services);
      return {
        ...asset,
        ...(model ? { model } : {}),
        services: [...services.values()].sort((x, y) => x.port - y.port || x.protocol.localeCompare(y.protocol)),
      };
    });
  }
}

/** What is kept of a classify answer to judge it when the scan's results are all in. */
type Classified = Pick<ClassifyData, 'match' | 'device' | 'signature' | 'unchecked' | 'uncheckedPorts'> & { device: string };

/** The type of the first catalogue's answer that the device's open TCP ports leave `consistent` or `exact`. */
function classifiedModel(classified: Map<string, Classified> | undefined, services: Map<string, Service>): string | undefined {
  const open = [...services.values()].filter((s) => s.protocol === 'tcp').map((s) => s.port);
  for (const c of classified?.values() ?? []) {
    const { match } = judgeClassification(c, open);
    if (match === 'consistent' || match === 'exact') return c.device;
  }
  return undefined;
}
