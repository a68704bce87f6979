import { createHash } from 'node:crypto';
import { AssetBuilder } from '../assets/asset-builder.js';
import { linkOf, localLinks } from '../net/links.js';
import type { HostVerdict } from './host-discovery.js';
import type { MdnsData } from '../probes/mdns/data.js';
import { mdnsProbe } from '../probes/mdns/probe.js';
import { snmpProbe } from '../probes/snmp/probe.js';
import { ssdpProbe } from '../probes/ssdp/probe.js';
import { tcpBannerProbe } from '../probes/tcp-banner/probe.js';
import { findProbe } from '../probes/registry.js';
import { SYS_DESCR, SYS_NAME, SYS_OBJECT_ID } from '../probes/snmp/facts.js';
import { parseAddress, rangeOf } from '../net/addresses.js';
import { discoveredTargets, type ExecutionEnv, type ExecutionJob, type ExecutionSink, executeProbes, isGroupEntry, type ResultDraft } from './probe-execution.js';
import type { Asset, PlanStep, ProbeResult, ScanPlan, UnmetFact, WantedFact } from '../api/model.js';
import { type PlanRequest, type ProbeEntry, validateProbe } from './request.js';
import type { FieldError } from '../errors.js';
import { expandTargets, type Target, type TargetSpec } from '../net/targets.js';

/** The sink the planner reports to: a scan's tally (results, packets, hosts), and the plan as it goes. */
export interface PlanSink extends ExecutionSink {
  planned(plan: ScanPlan): void;
}

const SYSTEM_GROUP = [SYS_DESCR, SYS_OBJECT_ID, SYS_NAME];
/** DNS-SD's meta-query: every service type the responders on the link offer. */
const SERVICE_TYPES = '_services._dns-sd._udp.local';
/** Service types followed up per link, at most (each is one multicast query). */
const MAX_SERVICE_TYPES = 8;

/** A probe entry the plan runs, validated as a request's is (defaults filled in). */
function planned(type: string, raw: Record<string, unknown>): ProbeEntry {
  const errors: FieldError[] = [];
  const entry = validateProbe({ type, ...raw }, '', findProbe, errors);
  if (!entry) throw new Error(`the plan made invalid ${type} parameters: ${errors[0]?.path} ${errors[0]?.message}`);
  return entry;
}

const specOf = (t: Target): TargetSpec => ({ text: t.ip, range: rangeOf(parseAddress(t.ip)!) });

/**
 * Passes everything on to the scan's sink and keeps what the planner decides by: the facts so far
 * (its own asset builder, fed with the results as they come), packets per target, and the last
 * status of each target's results in the current step.
 */
class Observer implements ExecutionSink {
  readonly facts = new AssetBuilder();
  readonly packetsTo = new Map<string, number>();
  stepPackets = 0;
  private step = '';
  stepStatus = new Map<string, string[]>();
  /** This step's `ok` answers, by probe type. */
  stepData: Array<{ probe: string; data: unknown }> = [];
  readonly live: Target[] = [];

  constructor(private readonly sink: PlanSink) {}

  record(result: ResultDraft, key: string): void {
    // Each step numbers its probes from 0 again: the step makes the key unique in the scan.
    this.sink.record(result, `${this.step}:${key}`);
    this.facts.add({ ...result, seq: 0, observedAt: new Date().toISOString() } as ProbeResult);
    this.stepStatus.set(result.target, [...(this.stepStatus.get(result.target) ?? []), result.status]);
    if (result.status === 'ok' && result.data) this.stepData.push({ probe: result.probe, data: result.data });
  }

  /**
   * A new step: its packets, statuses and answers counted from zero. Its results' keys name the
   * step by what it runs, not by its place: a sensor's re-run of the plan may take other steps
   * (an agent silent this time calls for the next credential), and the API keeps one result per
   * key, so a step's place would let one step's result stand for another's. The detail is
   * hashed: a banner step's lists every port it grabs, and the API holds a job's keys until it ends.
   */
  startStep(name: string, detail?: string): void {
    this.step = `${name}.${createHash('sha256').update(detail ?? '').digest('base64url').slice(0, 12)}`;
    this.stepPackets = 0;
    this.stepStatus = new Map();
    this.stepData = [];
  }

  packets(type: string, targetIp: string | undefined, n: number): void {
    this.sink.packets(type, targetIp, n);
    this.stepPackets += n;
    if (targetIp) this.packetsTo.set(targetIp, (this.packetsTo.get(targetIp) ?? 0) + n);
  }

  dropped(type: string, n: number): void {
    this.sink.dropped(type, n);
  }

  host(verdict: HostVerdict): void {
    this.sink.host(verdict);
    this.facts.addHost(verdict.ip, verdict.mac, new Date().toISOString());
  }
}

/** The wanted facts an asset still lacks. `services` counts as known once every open TCP port it has is named. */
function missing(asset: Asset | undefined, want: readonly WantedFact[], servicesSettled: boolean): WantedFact[] {
  return want.filter((fact) => {
    if (fact === 'services') return !servicesSettled || (asset?.services ?? []).some((s) => s.protocol === 'tcp' && !s.name);
    return !asset?.[fact];
  });
}

/**
 * Runs a `want` scan: the cheapest probes first, each only for the targets still lacking a fact it
 * can reveal, until every target has what was asked or no step is left. Steps, in order:
 * host discovery (MAC and OUI vendor on a shared link, for nothing); per link, one DNS-SD service
 * enumeration and a query per service type it reveals, and one SSDP search with descriptions (one
 * multicast query serves every target); per target, the SNMP system group with each credential in
 * turn until one answers; the classification tree (open ports, device type); banners on open ports
 * whose service is unnamed; nmap's version detection, if allowed. Each probe run is an ordinary
 * result of the scan; the plan records per step what it ran, for how many targets, at what cost,
 * and whom it skipped (budget). A per-target packet budget is never exceeded: a step whose upper
 * bound does not fit what a target has left is skipped for it.
 */
export async function executePlan(job: ExecutionJob, plan: PlanRequest, signal: AbortSignal, env: ExecutionEnv, sink: PlanSink): Promise<void> {
  const observer = new Observer(sink);
  const steps: PlanStep[] = [];
  const state: ScanPlan = { want: plan.want, steps, complete: 0 };
  const settled = new Set<string>();
  // What each target was asked (by source) and which steps the budget left out for it: the plan's
  // account of why a fact stayed unknown rests on these, never on what the plan meant to do.
  const asked = new Map<string, Set<Source>>();
  const overBudget = new Map<string, Set<string>>();
  const note = (map: Map<string, Set<string>>, ip: string, what: string): void => void (map.get(ip) ?? map.set(ip, new Set()).get(ip)!).add(what);
  const assetOf = (ip: string): Asset | undefined => observer.facts.asset(ip);
  const lacking = (t: Target): WantedFact[] => missing(assetOf(t.ip), plan.want, settled.has(t.ip));
  const publish = (): void => {
    state.complete = observer.live.filter((t) => lacking(t).length === 0).length;
    sink.planned(structuredClone(state));
  };
  const perEmission = job.timing.count * (1 + job.timing.retries);
  // One set of caps for the whole plan, not one per step.
  const pace = env.pacing.forScan(job.scanId, job.timing.ratePerSecond);
  const cost = (entries: readonly ProbeEntry[]): number =>
    entries.reduce((n, e) => n + Number(e.probe.packetBound(e.params, { hosts: 1n, catalogs: env.catalogs })), 0) * perEmission;

  for (const [ip, k] of Object.entries(plan.known)) {
    observer.facts.addKnown(ip, k.facts ?? {}, k.openPorts ?? [], new Date().toISOString());
  }

  // Only answers from this machine's own links can come back to a multicast query.
  const links = localLinks();
  const isOnLink = (t: Target): boolean => linkOf(links, t.ip) !== undefined;
  const onLink = (targets: Target[]): Target[] => targets.filter(isOnLink);

  /** Runs entries over targets as one step of the plan; per target, within its budget. */
  const run = async (name: string, entries: ProbeEntry[], targets: Target[], detail?: string, group = false): Promise<Target[]> => {
    if (signal.aborted || targets.length === 0) return [];
    const step: PlanStep = { step: name, probes: entries.map((e) => e.redacted), targets: 0, packets: 0, ...(detail ? { detail } : {}) };
    let served = targets;
    if (plan.budgetPerTarget !== undefined && !group) {
      const need = cost(entries);
      served = targets.filter((t) => {
        const fits = (observer.packetsTo.get(t.ip) ?? 0) + need <= plan.budgetPerTarget!;
        if (!fits) note(overBudget, t.ip, name);
        return fits;
      });
      if (served.length < targets.length) step.skipped = { budget: targets.length - served.length };
    }
    for (const t of served) {
      // A multicast query reaches only the targets on this machine's links; a requested unicast one reaches its target.
      for (const e of entries) if (!(isGroupEntry(e) && !isOnLink(t))) note(asked, t.ip, sourceOf(e));
    }
    step.targets = served.length;
    steps.push(step);
    if (served.length === 0) {
      publish();
      return [];
    }
    observer.startStep(name, detail);
    await executeProbes({ ...job, targets: served.map(specOf), probes: entries, discovery: 'none', part: 'all' }, signal, env, observer, pace);
    step.packets = observer.stepPackets;
    publish();
    return served;
  };

  // Host discovery: what is alive, and on a shared link its MAC and vendor, at no IP packet.
  const discovery: PlanStep = { step: 'discovery', probes: [], targets: 0, packets: 0 };
  steps.push(discovery);
  observer.startStep(discovery.step);
  if (job.discovery === 'none') observer.live.push(...expandTargets(job.targets));
  else for await (const t of discoveredTargets(job, signal, env, observer, pace)) observer.live.push(t);
  discovery.targets = observer.live.length;
  discovery.packets = observer.stepPackets;
  publish();

  // Probes the caller listed besides `want` run on every live target, before the plan's own.
  if (job.probes.length) await run('requested', job.probes, observer.live);

  const live = (): Target[] => observer.live.filter((t) => lacking(t).length > 0);
  const needing = (facts: readonly WantedFact[]): Target[] => live().filter((t) => lacking(t).some((f) => facts.includes(f)));

  // Per link, multicast: DNS-SD enumeration, then each type it revealed; SSDP with descriptions.
  // Only answers from this machine's own links can come back, so without a live target on one
  // (a remote subnet, loopback) the multicast steps are left out.
  if (onLink(needing(mdnsProbe.reveals)).length) {
    await run('mdns-service-types', [planned('mdns', { name: SERVICE_TYPES })], live(), undefined, true);
    const types = new Set<string>();
    const answers = observer.stepData.filter((d) => d.probe === 'mdns').map((d) => d.data as MdnsData);
    for (const r of answers) for (const rec of r.records) if (rec.type === 'PTR' && rec.name.toLowerCase() === SERVICE_TYPES && rec.value) types.add(rec.value.replace(/\.$/, ''));
    const followed = [...types].sort().slice(0, MAX_SERVICE_TYPES);
    if (followed.length && onLink(needing(mdnsProbe.reveals)).length) {
      await run('mdns-services', followed.map((name) => planned('mdns', { name })), live(), followed.join(', '), true);
    }
  }
  if (onLink(needing(ssdpProbe.reveals)).length) {
    // With a budget, no description fetch: its GET would be a per-target packet outside the plan's accounting.
    await run('ssdp', [planned('ssdp', { mx: 1, fetchDescription: plan.budgetPerTarget === undefined })], live(), undefined, true);
  }

  // Per target: the SNMP system group, one credential after another while the agent stays silent.
  let snmpTargets = needing(snmpProbe.reveals);
  for (const [i, credential] of plan.credentials.entries()) {
    if (snmpTargets.length === 0) break;
    const params = { ...(credential.version === '3' ? { version: '3', v3: credential.v3 } : { version: credential.version, community: credential.community }), ...(credential.port ? { port: credential.port } : {}) };
    const served = await run('snmp', [planned('snmp', { operation: 'get', oids: SYSTEM_GROUP, ...params })], snmpTargets, `credential ${i + 1} of ${plan.credentials.length} (v${credential.version})`);
    // Only silence calls for the next credential: an answer, or a port unreachable (no agent), ends it.
    snmpTargets = served.filter((t) => (observer.stepStatus.get(t.ip) ?? []).every((s) => s === 'timeout') && needing(snmpProbe.reveals).includes(t));
  }

  // The classification tree: the device type in a handful of SYNs, and open ports whose banners
  // may give away a missing OS. Where services are wanted, every catalogue port is checked
  // (`exact`): the tree alone finds only the ports on its path.
  const openUnnamed = (t: Target, all = false): number[] => (assetOf(t.ip)?.services ?? []).filter((s) => s.protocol === 'tcp' && (all || !s.name || !s.product)).map((s) => s.port);
  const forServices = live().filter((t) => lacking(t).includes('services'));
  // Open ports the caller gave (even none) are known: the tree is not run to find some for an OS.
  const portsUnknown = (t: Target): boolean => plan.known[t.ip]?.openPorts === undefined && openUnnamed(t, true).length === 0;
  const forTree = live().filter((t) => !forServices.includes(t) && (lacking(t).includes('type') || (lacking(t).includes('os') && portsUnknown(t))));
  for (const t of await run('classify', [planned('classify', { catalog: plan.catalog, exact: true })], forServices, 'every catalogue port (services wanted)')) settled.add(t.ip);
  await run('classify', [planned('classify', { catalog: plan.catalog })], forTree, 'the tree (the type, or open ports for an OS)');
  publish();

  // Banners on open ports whose service is unnamed (and for an OS the software gives away).
  for (const t of needing(tcpBannerProbe.reveals)) {
    const ports = openUnnamed(t, lacking(t).includes('os'));
    if (ports.length) await run('banner', [planned('tcp-banner', { ports })], [t], `ports ${ports.join(', ')}`);
  }

  // nmap's version detection, only if the caller allowed it and a service or the OS is still unknown.
  if (plan.allowIntrusive) {
    for (const t of needing(tcpBannerProbe.reveals)) {
      const ports = openUnnamed(t, true);
      if (ports.length) await run('nmap', [planned('tcp-banner', { ports, additionalProbes: true })], [t], `ports ${ports.join(', ')}`);
    }
  }
  if (!signal.aborted) {
    const unmet = unmetFacts(plan.want, observer.live, lacking, (t, fact) =>
      whyUnknown(fact, { onLink: isOnLink(t), hasMac: assetOf(t.ip)?.mac !== undefined, discovered: job.discovery !== 'none', portsKnown: plan.known[t.ip]?.openPorts !== undefined, nmapAllowed: plan.allowIntrusive, asked: asked.get(t.ip) ?? new Set(), overBudget: overBudget.get(t.ip) ?? new Set() }),
    );
    if (unmet.length) state.unmet = unmet;
  }
  publish();
}

/** Where a fact can come from, as the plan accounts for why one stayed unknown. */
export type Source = 'multicast' | 'snmp' | 'ports' | 'banner' | 'nmap';

function sourceOf(entry: ProbeEntry): Source {
  const type = entry.probe.type;
  if (type === 'snmp') return 'snmp';
  if (type === 'mdns' || type === 'ssdp') return 'multicast';
  if (type === 'classify') return 'ports';
  return (entry.params as { additionalProbes?: boolean }).additionalProbes ? 'nmap' : 'banner';
}

/** What the plan did for one target, as far as it explains a missing fact. */
export interface TargetAccount {
  onLink: boolean;
  hasMac: boolean;
  discovered: boolean;
  portsKnown: boolean;
  nmapAllowed: boolean;
  asked: ReadonlySet<Source>;
  /** Steps the packet budget left out for it, by name. */
  overBudget: ReadonlySet<string>;
}

const OVER_BUDGET = 'over the packet budget (`budget`)';
const MULTICAST_REVEALS: ReadonlySet<WantedFact> = new Set([...mdnsProbe.reveals, ...ssdpProbe.reveals]);

/** Why one target still lacks a fact: per source that can give it, what it lacked, or that no answer gave it. */
export function whyUnknown(fact: WantedFact, t: TargetAccount): string[] {
  const why: string[] = [];
  if (fact === 'mac' || fact === 'manufacturer') {
    why.push(
      t.hasMac ? 'its MAC\'s prefix is no vendor\'s in the IEEE registry (or is locally administered)'
      : !t.onLink ? 'the MAC (and its vendor) is read only for targets on a link this machine shares'
      : !t.discovered ? 'host discovery, which reads the MAC, was off (`discovery: none`)'
      : 'the neighbour table held no MAC for it',
    );
  }
  if (MULTICAST_REVEALS.has(fact)) {
    why.push(t.asked.has('multicast') ? 'mDNS and SSDP were asked; no answer gave it' : 'mDNS and SSDP were not asked: a multicast query hears only the links this machine is on');
  }
  if (snmpProbe.reveals.includes(fact)) {
    why.push(t.asked.has('snmp') ? 'SNMP was asked; no answer gave it' : t.overBudget.has('snmp') ? `SNMP was left out: ${OVER_BUDGET}` : 'SNMP was not asked: no credentials (`credentials.snmp`, or the server\'s PSCAN_SNMP_CREDENTIALS)');
  }
  if (fact === 'type') {
    why.push(t.asked.has('ports') ? 'its open ports match no catalogue type' : t.overBudget.has('classify') ? `the classification was left out: ${OVER_BUDGET}` : 'its open ports were not looked for');
  }
  if (fact === 'os' || fact === 'services') {
    if (t.asked.has('banner')) why.push(fact === 'os' ? 'no banner of its open ports gave it' : 'no banner named the service of an open port');
    else if (t.overBudget.has('classify') || t.overBudget.has('banner')) why.push(`its open ports or their banners were left out: ${OVER_BUDGET}`);
    else if (t.asked.has('ports')) why.push('no port of the classification catalogue was open, and ports outside it are not looked for: name them in `known.openPorts` or a `tcp-banner` probe');
    else if (t.portsKnown) why.push('no open port was given (`known.openPorts`) to read a banner from');
    else why.push('its open ports were not looked for');
    why.push(t.asked.has('nmap') ? 'nmap\'s version detection did not give it' : t.nmapAllowed ? 'no open port for nmap\'s version detection' : 'nmap\'s version detection was not allowed (`allowIntrusive`) or is not installed where the targets are probed');
  }
  return why;
}

/**
 * Each wanted fact some live target still lacks: how many lack it, and each reason with the number
 * of those targets it applies to (so sites' accounts add up). A plan that found nothing says why,
 * instead of ending with an empty table.
 */
function unmetFacts(want: readonly WantedFact[], live: readonly Target[], lacking: (t: Target) => WantedFact[], why: (t: Target, fact: WantedFact) => string[]): UnmetFact[] {
  const out: UnmetFact[] = [];
  for (const fact of want) {
    const reasons = new Map<string, number>();
    let targets = 0;
    for (const t of live) {
      if (!lacking(t).includes(fact)) continue;
      targets++;
      for (const reason of why(t, fact)) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    if (targets) out.push({ fact, targets, why: [...reasons].map(([reason, n]) => ({ reason, targets: n })) });
  }
  return out;
}

/**
 * The most packets a plan can send, for the scan's packet budget: with a per-target budget, that
 * budget for every target; otherwise every credential, every catalogue port classified and then
 * grabbed, every known open port grabbed, nmap on every catalogue port if allowed; plus the
 * multicast queries per link (and two per target for SSDP descriptions).
 */
export function planBound(plan: PlanRequest, hosts: bigint, catalogPorts: number, requested: bigint): bigint {
  const group = 2n * BigInt(1 + MAX_SERVICE_TYPES) + 1n + (plan.budgetPerTarget === undefined ? 2n * hosts : 0n);
  if (plan.budgetPerTarget !== undefined) return hosts * BigInt(plan.budgetPerTarget) + group;
  const knownPorts = Math.max(0, ...Object.values(plan.known).map((k) => k.openPorts?.length ?? 0));
  const perTarget = plan.credentials.length * 2 + catalogPorts * 3 + knownPorts * 2 + (plan.allowIntrusive ? (catalogPorts + knownPorts) * 300 : 0);
  return hosts * BigInt(perTarget) + group + requested;
}
