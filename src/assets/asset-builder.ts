import { judgeClassification, type TypeSignature } from '../probes/classify/judge.js';
import { factsOf } from '../probes/registry.js';
import type { ResultFacts } from '../probes/probe.js';
import { vendorOf } from '../net/oui.js';
import type { FingerprintEngine } from '../fingerprints/engine.js';
import { fingerprints } from '../fingerprints/installed.js';
import { identify, type IdentifiedClaim } from './identify.js';
import type { Asset, Confidence, FactClaim, FactName, FactSource, ProbeResult, Service } from '../api/model.js';

const RANK: Record<Confidence, number> = { stated: 3, registry: 2, inferred: 1 };
/** Facts in the order an asset lists them. */
const FACT_NAMES: readonly FactName[] = ['mac', 'hostname', 'manufacturer', 'model', 'os', 'type'];

/** What is kept of a classify answer to judge it when the scan's results are all in. */
type Classified = TypeSignature & { seq: number; observedAt: string };

interface Known {
  asset: Asset;
  services: Map<string, Service>;
  /** Every value claimed for each fact, first found first. */
  claims: Map<FactName, FactClaim[]>;
  /** Per catalogue, the classify answer naming a type that checked the most catalogue ports. */
  classified?: Map<string, Classified>;
  /** The device's CPE names, from fingerprints. */
  cpe?: Set<string>;
}

/** The first catalogue answer that the device's open TCP ports (from every probe) leave `consistent` or `exact`. */
function classifiedType(classified: Map<string, Classified> | undefined, services: Map<string, Service>): Classified | undefined {
  const open = [...services.values()].filter((s) => s.protocol === 'tcp').map((s) => s.port);
  for (const c of classified?.values() ?? []) {
    const { match } = judgeClassification(c, open);
    if (match === 'consistent' || match === 'exact') return c;
  }
  return undefined;
}

/**
 * Turns a scan's results into asset facts, per address, as they arrive (so a scan's assets cost
 * memory per device, not per result). Only `ok` answers and live hosts say anything about a device.
 * Each fact keeps every value claimed for it with its provenance; the asset shows the best one:
 * what a device states of itself (SNMP, UPnP, mDNS, nmap, its ARP answer) beats a registry (the
 * IEEE OUI of its MAC), which beats an inference (a catalogue type from open ports, an OS from
 * server software); among equals, the first found. The others stay listed under `sources`.
 *
 * A classify answer gives the type (and, as an inference, the model) only once the scan's results
 * are all in: it is judged against every open TCP port the scan found on the device, by any probe,
 * in whichever order they came (judgeClassification), and only a `consistent` or `exact` answer
 * counts. A `candidate` is a guess, and an `unknown` gives nothing (its nearest type stays in the
 * result only): a type the device was shown not to be is no fact about it.
 */
export class AssetBuilder {
  private readonly byIp = new Map<string, Known>();

  /** `engine`: the fingerprints that read answers' text fields (the process's, unless a test gives its own). */
  constructor(private readonly engine: FingerprintEngine = fingerprints()) {}

  private entry(ip: string, observedAt: string): Known {
    let known = this.byIp.get(ip);
    if (!known) {
      known = { asset: { ip, services: [], observedAt }, services: new Map(), claims: new Map() };
      this.byIp.set(ip, known);
    }
    if (observedAt > known.asset.observedAt) known.asset.observedAt = observedAt;
    return known;
  }

  private claim(known: Known, fact: FactName, claim: FactClaim): void {
    const list = known.claims.get(fact) ?? [];
    // One claim per value and source: the most confident reading of it (a fingerprint may infer
    // what the same answer also states).
    const same = list.findIndex((c) => c.value === claim.value && c.source === claim.source);
    if (same >= 0) {
      if (RANK[claim.confidence] > RANK[list[same]!.confidence]) list[same] = claim;
      return;
    }
    list.push(claim);
    known.claims.set(fact, list);
  }

  /** A live host; on a shared link, its MAC, and the vendor the IEEE registry gives that MAC. */
  addHost(ip: string, mac: string | undefined, observedAt: string): void {
    const known = this.entry(ip, observedAt);
    if (!mac) return;
    this.claim(known, 'mac', { value: mac, source: 'neighbour', observedAt, confidence: 'stated' });
    const vendor = vendorOf(mac);
    if (vendor) this.claim(known, 'manufacturer', { value: vendor, source: 'oui', observedAt, confidence: 'registry' });
  }

  /** What the caller already knows of an address: facts (source `known`) and open TCP ports. */
  addKnown(ip: string, facts: Partial<Record<FactName, string>>, openPorts: readonly number[], observedAt: string): void {
    const known = this.entry(ip, observedAt);
    for (const [fact, value] of Object.entries(facts) as Array<[FactName, string | undefined]>) {
      if (value) this.claim(known, fact, { value, source: 'known', observedAt, confidence: 'stated' });
    }
    for (const port of openPorts) if (!known.services.has(`tcp/${port}`)) known.services.set(`tcp/${port}`, { port, protocol: 'tcp' });
  }

  /** `found`: the result's facts, when the caller has already read them. */
  add(r: ProbeResult, found: ResultFacts | undefined = factsOf(r)): void {
    if (r.status !== 'ok' || !r.data) return;
    const known = this.entry(r.target, r.observedAt);
    const { services } = known;
    const setFacts = (facts: Partial<Record<FactName, string | undefined>>, confidence: Confidence = 'stated'): void => {
      for (const [fact, value] of Object.entries(facts) as Array<[FactName, string | undefined]>) {
        if (value) this.claim(known, fact, { value, source: r.probe, seq: r.seq, observedAt: r.observedAt, confidence });
      }
    };
    /** Adds a service, or fills in what an earlier observation of the same port lacked; `prefer` overrides. */
    const addService = (service: Service, prefer: boolean): void => {
      const key = `${service.protocol}/${service.port}`;
      const earlier = services.get(key);
      services.set(key, earlier ? (prefer ? { ...earlier, ...service } : { ...service, ...earlier }) : service);
    };
    if (!found) return;
    // Fingerprint facts first: among claims of equal confidence the first found wins, and a
    // fingerprint names a maker as its brand where the device's own field spells it otherwise.
    // A host name is the exception: the device's own name field (sysName, its mDNS host) beats a
    // name read out of a banner or a sysDescr.
    const identified = found.answers?.length ? identify(found.answers, this.engine) : undefined;
    const fingerprinted = (c: IdentifiedClaim): void => this.claim(known, c.fact, { value: c.value, source: r.probe, seq: r.seq, observedAt: r.observedAt, confidence: c.confidence, fingerprint: c.fingerprint });
    if (identified) {
      for (const c of identified.claims) if (c.fact !== 'hostname') fingerprinted(c);
      for (const cpe of identified.cpe) (known.cpe ??= new Set()).add(cpe);
      for (const s of identified.services) {
        const { cpe, ...software } = s;
        // The fingerprint's reading of the software replaces the banner parser's guess.
        addService({ ...software, ...(cpe.length ? { cpe } : {}) }, true);
      }
    }
    if (found.stated) setFacts(found.stated);
    for (const c of identified?.claims ?? []) if (c.fact === 'hostname') fingerprinted(c);
    if (found.inferred) setFacts(found.inferred, 'inferred');
    for (const s of found.services ?? []) addService(s, found.servicesOverride === true);
    const c = found.signature;
    if (c) {
      const kept = (known.classified ??= new Map()).get(c.catalog);
      if (!kept || c.unchecked.length < kept.unchecked.length) known.classified.set(c.catalog, { ...c, seq: r.seq, observedAt: r.observedAt });
    }
  }

  /** The assets so far, each with its services in port order and each fact's provenance. */
  assets(): Asset[] {
    return [...this.byIp.values()].map(built);
  }

  /** One address's asset so far (what the planner asks of each target between its steps). */
  asset(ip: string): Asset | undefined {
    const known = this.byIp.get(ip);
    return known && built(known);
  }
}

/** An asset as it reads: services in port order, each fact's best claim, and its provenance. */
function built({ asset, services, claims: found, classified, cpe }: Known): Asset {
  const claims = new Map(found);
  const type = classifiedType(classified, services);
  if (type) {
    const claim = { value: type.device, source: 'classify', seq: type.seq, observedAt: type.observedAt, confidence: 'inferred' as const };
    for (const fact of ['type', 'model'] as const) claims.set(fact, [...(claims.get(fact) ?? []), claim]);
  }
  const out: Asset = { ...asset, services: [...services.values()].sort((x, y) => x.port - y.port || x.protocol.localeCompare(y.protocol)) };
  if (cpe?.size) out.cpe = [...cpe];
  const sources: Record<string, FactSource> = {};
  for (const fact of FACT_NAMES) {
    const list = claims.get(fact);
    if (!list?.length) continue;
    // The best confidence wins; among equals the first found (a stable sort keeps that order).
    const [best, ...rest] = [...list].sort((a, b) => RANK[b.confidence] - RANK[a.confidence]);
    out[fact] = best!.value;
    const others = rest.filter((c) => c.value !== best!.value);
    const { value: _v, ...provenance } = best!;
    sources[fact] = others.length ? { ...provenance, others } : provenance;
  }
  if (Object.keys(sources).length) out.sources = sources;
  return out;
}
