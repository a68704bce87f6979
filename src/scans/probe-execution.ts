import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { CheckContext, HostVerdict } from './host-discovery.js';
import type { RoundTripTimes } from '../net/round-trip-times.js';
import type { CatalogLookup } from '../probes/classify/catalog-lookup.js';
import type { NetFactory } from '../probes/net.js';
import type { NmapSettings } from '../probes/nmap/types.js';
import { classifyError, type PacketGate, type ProbeContext, type ProbeUnit } from '../probes/probe.js';
import type { ProbeResult, Timing } from '../api/model.js';
import type { ProbeEntry } from './request.js';
import type { TargetSlots } from './target-slots.js';
import { countHosts, expandTargets, type Target, type TargetSpec, targetsContain } from '../net/targets.js';
import { mapConcurrent } from '../util/map-concurrent.js';

/** What one execution runs: some targets, the scan's probes and timing. */
export interface ExecutionJob {
  scanId: string;
  targets: TargetSpec[];
  probes: ProbeEntry[];
  timing: Timing;
  /** The scan asked for the fragile profile (every target treated as fragile). */
  fragile: boolean;
  /** Which probes to run: per-target units, multicast group queries, or both. */
  part?: 'units' | 'groups' | 'all';
  /** `auto`: per-target units only for targets host discovery finds alive; absent or `none`: all targets. */
  discovery?: 'auto' | 'none';
}

/** Waits until one packet may leave under every cap (global, per target, fragile, per scan). */
export type PaceFn = (target: string | undefined, signal: AbortSignal, fragile: boolean) => Promise<void>;

/** The packet caps, in-process or shared through Redis by every sensor. */
export interface PacketPacing {
  forScan(scanId: string, ratePerSecond: number | undefined): PaceFn;
}

export type ResultDraft = Omit<ProbeResult, 'seq' | 'observedAt'>;

/** Where an execution reports to: the local store, or the queue back to the API. */
export interface ExecutionSink {
  /** One result; `key` names its (target, probe, unit, attempt) so a re-run job can be de-duplicated. */
  record(result: ResultDraft, key: string): void;
  packets(type: string, targetIp: string | undefined, n: number): void;
  dropped(type: string, n: number): void;
  /** What host discovery (or a target's first `unreachable`) found out about an address. */
  host(verdict: HostVerdict): void;
}

/** Host discovery as the execution uses it (HostDiscovery, or a fake in unit tests). */
export interface HostChecker {
  check(target: Target, ctx: CheckContext): Promise<HostVerdict>;
}

export interface ExecutionEnv {
  pacing: PacketPacing;
  slots: TargetSlots;
  isFragile: (ip: string) => boolean;
  fragileGapMs: number;
  inScope: (ip: string) => boolean;
  multicastInterface: string | undefined;
  net: NetFactory;
  logger: Logger;
  nmap: NmapSettings;
  catalogs: CatalogLookup;
  discovery: HostChecker;
  /** Measured round trips, which shorten connection attempts to hosts known to answer fast. */
  roundTripTimes: RoundTripTimes;
  limits: { maxConcurrentProbesPerScan: number; bannerMaxBytes: number; perTargetPacketsPerSecond: number; perTargetConcurrency: number; discoveryConcurrency: number };
}

/** The pseudo-probe name of host discovery in results and packet counts. */
export const DISCOVERY = 'discovery';
/** A socket error saying the target itself is not there (no route, no ARP/NDP answer). */
const HOST_GONE = new Set(['EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH']);

export const isGroupEntry = (e: ProbeEntry): boolean => Boolean(e.probe.runGroup && e.probe.isGroup?.(e.params));

const unitFields = (unit: ProbeUnit | undefined) => ({ ...(unit?.port !== undefined ? { port: unit.port } : {}), ...(unit?.protocol ? { protocol: unit.protocol } : {}) });

/** Contexts for one execution's probes and discovery checks (`pace`: the scan's caps, one for the whole scan): every packet passes the caps and is counted to the sink. */
function contextsFor(job: ExecutionJob, signal: AbortSignal, env: ExecutionEnv, sink: ExecutionSink, pace: PaceFn) {
  const gateOf = (type: string, targetIp: string | undefined): PacketGate => {
    const fragile = targetIp !== undefined && (job.fragile || env.isFragile(targetIp));
    return {
      acquire: async (s) => {
        await pace(targetIp, s, fragile);
        sink.packets(type, targetIp, 1);
      },
      record: (n) => sink.packets(type, targetIp, n),
    };
  };
  const connectOf = (targetIp: string | undefined): ProbeContext['connect'] =>
    targetIp === undefined
      ? { timeoutMs: () => job.timing.timeoutMs, answered: () => {} }
      : { timeoutMs: () => env.roundTripTimes.timeoutMs(targetIp, job.timing.timeoutMs), answered: (ms) => env.roundTripTimes.observe(targetIp, ms) };
  return {
    probe: (type: string, targetIp: string | undefined): ProbeContext => {
      const gate = gateOf(type, targetIp);
      return {
        signal,
        timeoutMs: job.timing.timeoutMs,
        connect: connectOf(targetIp),
        timing: {
          count: job.timing.count,
          intervalMs: job.timing.intervalMs,
          retries: job.timing.retries,
          maxRatePerSecond: Math.min(job.timing.ratePerSecond ?? Infinity, env.limits.perTargetPacketsPerSecond),
        },
        tools: { nmap: env.nmap },
        catalogs: env.catalogs,
        gate,
        gateFor: (ip) => (ip === targetIp ? gate : gateOf(type, ip)),
        net: env.net,
        logger: env.logger,
        inScope: env.inScope,
        multicastInterface: env.multicastInterface,
        limits: { bannerMaxBytes: env.limits.bannerMaxBytes },
      };
    },
    /** Only what a discovery check uses: a sweep builds one for every address, each held while ARP is awaited. */
    check: (targetIp: string): CheckContext => ({ signal, timeoutMs: job.timing.timeoutMs, connect: connectOf(targetIp), gate: gateOf(DISCOVERY, targetIp), net: env.net }),
  };
}

/**
 * The targets worth probing, as host discovery finds them alive, `limits.discoveryConcurrency` at a
 * time: each verdict goes to the sink, and a dead target ends with its one host-down result.
 */
export async function* discoveredTargets(
  job: ExecutionJob,
  signal: AbortSignal,
  env: ExecutionEnv,
  sink: ExecutionSink,
  pace: PaceFn,
  onDown: (ip: string) => void = () => {},
): AsyncGenerator<Target> {
  const contexts = contextsFor(job, signal, env, sink, pace);
  const check = (target: Target): Promise<Checked> =>
    env.discovery.check(target, contexts.check(target.ip)).then(
      (verdict) => ({ target, verdict }),
      (failure: unknown) => ({ target, failure }),
    );
  for await (const checked of mapConcurrent(expandTargets(job.targets), env.limits.discoveryConcurrency, check)) {
    if (signal.aborted) return;
    if (worthProbing(checked, env, sink, onDown)) yield checked.target;
  }
}

type Checked = { target: Target; verdict?: HostVerdict; failure?: unknown };

/** Tells the sink what discovery found of a target (a dead one ends with its one host-down result); true if it is worth probing. */
function worthProbing({ target, verdict, failure }: Checked, env: ExecutionEnv, sink: ExecutionSink, onDown: (ip: string) => void): boolean {
  if (!verdict) {
    // Discovery itself failed (not the host): probe the target rather than call it down.
    env.logger.warn({ err: failure, target: target.ip }, 'host discovery failed; probing the target anyway');
    return true;
  }
  sink.host(verdict);
  if (verdict.alive) return true;
  onDown(target.ip);
  sink.record({ target: target.ip, probe: DISCOVERY, attempt: 1, tries: 1, status: 'unreachable', error: { code: 'host-down', message: `host down: ${verdict.reason ?? 'no answer'}; nothing else was sent to it` } }, `${target.ip}|discovery`);
  return false;
}

/**
 * The job's one (target, unit) when it has exactly one, tried once (`timing.count` 1) and no
 * multicast query: then the whole execution is one probe call and its retries.
 */
export function singleUnit(job: ExecutionJob): { target: Target; entry: ProbeEntry; unit: ProbeUnit } | undefined {
  if (job.part === 'groups' || job.timing.count !== 1 || job.probes.length !== 1 || job.targets.length !== 1) return undefined;
  const entry = job.probes[0]!;
  if (isGroupEntry(entry) || countHosts(job.targets) !== 1n) return undefined;
  const units = entry.probe.units(entry.params);
  if (units.length !== 1) return undefined;
  const [target] = expandTargets(job.targets);
  return { target: target!, entry, unit: units[0]! };
}

/**
 * Runs (target × probe unit × attempt) under the packet caps and the per-target slots, and turns
 * whatever happens into one result each; multicast probes send one query for all targets. Nothing a
 * probe does stops the execution; it ends early only when `signal` aborts.
 */
export async function executeProbes(job: ExecutionJob, signal: AbortSignal, env: ExecutionEnv, sink: ExecutionSink, pace = env.pacing.forScan(job.scanId, job.timing.ratePerSecond)): Promise<void> {
  const part = job.part ?? 'all';
  const fragileTarget = (ip: string): boolean => job.fragile || env.isFragile(ip);
  const contexts = contextsFor(job, signal, env, sink, pace);

  // Targets a first `unreachable` answer called down: their remaining units end without a packet,
  // each reported (nmap stops probing such a host too). Those discovery calls down get no unit at
  // all; they are kept only while a group probe needs to tell their silence apart, so a sweep of
  // dead addresses holds nothing per address.
  const down = new Map<string, string>();

  const runAttempts = async (target: Target, entry: ProbeEntry, unit: ProbeUnit, key: string): Promise<void> => {
    const type = entry.probe.type;
    const ctx = contexts.probe(type, target.ip);
    for (let attempt = 1; attempt <= job.timing.count; attempt++) {
      if (attempt > 1 && job.timing.intervalMs > 0) await sleep(job.timing.intervalMs, undefined, { signal });
      for (let tries = 1; ; tries++) {
        const base = { target: target.ip, probe: type, ...unitFields(unit), attempt, tries };
        const gone = down.get(target.ip);
        if (gone !== undefined) {
          sink.record({ ...base, tries: 0, status: 'unreachable', error: { code: 'host-down', message: `not sent: the host is down (${gone})` } }, `${key}|${attempt}`);
          break;
        }
        try {
          const outcome = await entry.probe.run(entry.params, target, unit, ctx);
          sink.record({ ...base, status: 'ok', ...(outcome.rttMs !== undefined ? { rttMs: outcome.rttMs } : {}), data: outcome.data as ProbeResult['data'] }, `${key}|${attempt}`);
          break;
        } catch (err) {
          if (signal.aborted) return;
          const failure = classifyError(err);
          if (failure.status === 'timeout' && tries <= job.timing.retries) continue;
          if (failure.status === 'unreachable' && HOST_GONE.has(failure.error?.code ?? '') && !down.has(target.ip)) {
            down.set(target.ip, `${type} got ${failure.error!.code}`);
            sink.host({ ip: target.ip, alive: false, method: 'tcp', reason: failure.error!.message });
          }
          sink.record({ ...base, ...failure }, `${key}|${attempt}`);
          break;
        }
      }
    }
  };

  /** A unit holds one of its target's slots while it runs; on a fragile target, also a gap after. */
  const runUnit = async (target: Target, entry: ProbeEntry, unit: ProbeUnit, key: string): Promise<void> => {
    const fragile = fragileTarget(target.ip);
    let release: (() => void) | undefined;
    try {
      release = await env.slots.acquire(target.ip, fragile ? 1 : env.limits.perTargetConcurrency, signal);
      await runAttempts(target, entry, unit, key);
      if (fragile && env.fragileGapMs > 0) await sleep(env.fragileGapMs, undefined, { signal });
    } catch (err) {
      // A cancelled scan's waits end with the abort; that is its end, not a failure.
      if (!signal.aborted) throw err;
    } finally {
      release?.();
    }
  };

  // One target and one unit (a sync request's usual shape): discovery's check, then the unit, with
  // none of the machinery below for handing many units to many workers.
  const single = part === 'groups' ? undefined : singleUnit(job);
  if (single) {
    const { target, entry, unit } = single;
    if (job.discovery === 'auto') {
      const checked: Checked = await env.discovery.check(target, contexts.check(target.ip)).then(
        (verdict) => ({ target, verdict }),
        (failure: unknown) => ({ target, failure }),
      );
      if (signal.aborted || !worthProbing(checked, env, sink, () => {})) return;
    }
    if (!signal.aborted) await runUnit(target, entry, unit, `${target.ip}|0|0`);
    return;
  }

  // Indexes into the scan's probe list name the results, so a re-run job yields the same keys.
  const indexed = job.probes.map((entry, index) => ({ entry, index }));
  const perTarget = part === 'groups' ? [] : indexed.filter(({ entry }) => !isGroupEntry(entry));
  const groups = part === 'units' ? [] : indexed.filter(({ entry }) => isGroupEntry(entry));
  const discover = job.discovery === 'auto' && perTarget.length > 0;
  const foundDown = discover && groups.length > 0 ? new Set<string>() : undefined;
  let discoveryOver!: () => void;
  const discoveryDone = new Promise<void>((resolve) => (discoveryOver = resolve));
  signal.addEventListener('abort', () => discoveryOver(), { once: true });

  /** The targets worth probing, as discovery finds them alive (all of them without discovery). */
  async function* liveTargets(): AsyncGenerator<Target> {
    if (!discover) return yield* expandTargets(job.targets);
    try {
      yield* discoveredTargets(job, signal, env, sink, pace, (ip) => foundDown?.add(ip));
    } finally {
      discoveryOver();
    }
  }

  function* unitsOf(target: Target) {
    for (const { entry, index } of perTarget) {
      const units = entry.probe.units(entry.params);
      for (let u = 0; u < units.length; u++) yield { target, entry, unit: units[u]!, key: `${target.ip}|${index}|${u}` };
    }
  }
  // No more workers than units: a one-port scan needs one, not maxConcurrentProbesPerScan.
  const unitsPerTarget = perTarget.reduce((n, { entry }) => n + entry.probe.units(entry.params).length, 0);
  const units = countHosts(job.targets) * BigInt(unitsPerTarget);
  const workers = units < BigInt(env.limits.maxConcurrentProbesPerScan) ? Number(units) : env.limits.maxConcurrentProbesPerScan;
  // Units are handed out in turns across enough live targets to keep every worker busy: taken
  // target by target, all workers would queue for the first target's few slots, and a sweep would
  // visit its hosts one after another.
  const work = interleave(liveTargets(), unitsOf, Math.max(1, Math.ceil(workers / env.limits.perTargetConcurrency)));

  /** One query to the group; then one result per target address, answered or not. */
  const runGroup = async (entry: ProbeEntry, index: number): Promise<void> => {
    const type = entry.probe.type;
    const unit = entry.probe.units(entry.params)[0];
    const ctx = contexts.probe(type, undefined);
    const key = (ip: string): string => `${ip}|${index}|group`;
    try {
      const outcome = await entry.probe.runGroup!(entry.params, (ip) => targetsContain(job.targets, ip), ctx);
      sink.dropped(type, outcome.dropped);
      const byIp = new Map(outcome.answers.map((a) => [a.ip, a]));
      // A target discovery found down has its one host-down result; silence from it says nothing more.
      if (discover) await discoveryDone;
      for (const target of expandTargets(job.targets)) {
        const base = { target: target.ip, probe: type, ...unitFields(unit), attempt: 1, tries: outcome.queries };
        const answer = byIp.get(target.ip);
        if (!answer && foundDown?.has(target.ip)) continue;
        if (answer?.outcome) {
          const o = answer.outcome;
          sink.record({ ...base, status: 'ok', ...(o.rttMs !== undefined ? { rttMs: o.rttMs } : {}), data: o.data as ProbeResult['data'] }, key(target.ip));
        } else if (answer) sink.record({ ...base, ...classifyError(answer.failure) }, key(target.ip));
        else sink.record({ ...base, status: 'timeout', error: { code: 'no-answer', message: `no answer to the ${type} query within the listening window` } }, key(target.ip));
      }
    } catch (err) {
      if (signal.aborted) return;
      const failure = classifyError(err);
      for (const target of expandTargets(job.targets)) sink.record({ target: target.ip, probe: type, ...unitFields(unit), attempt: 1, tries: 0, ...failure }, key(target.ip));
    }
  };

  const worker = async (): Promise<void> => {
    for (let next = await work.next(); !next.done && !signal.aborted; next = await work.next()) {
      const { target, entry, unit, key } = next.value;
      await runUnit(target, entry, unit, key);
    }
  };
  await Promise.all([...Array.from({ length: workers }, worker), ...groups.map(({ entry, index }) => runGroup(entry, index))]);
}

/**
 * The items of up to `width` sources at a time, one from each in turn; a source joins when one is
 * used up. Sources arrive from `arrivals` (host discovery, which may take seconds for dead
 * addresses) without holding up the ones already in turn, and no more than `width` wait unread.
 */
export async function* interleave<S, T>(arrivals: AsyncIterable<S>, itemsOf: (source: S) => Iterator<T>, width: number): AsyncGenerator<T> {
  const arrived: S[] = [];
  let ended = false;
  /** The consumer is gone (done, failed or broke off): the producer must stop too, or it waits forever. */
  let stopped = false;
  let failure: { err: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;
  const pump = (async () => {
    try {
      for await (const source of arrivals) {
        if (stopped) break;
        arrived.push(source);
        wakeConsumer?.();
        while (arrived.length >= width && !stopped) await new Promise<void>((resolve) => (wakeProducer = resolve));
        if (stopped) break;
      }
    } catch (err) {
      failure = { err };
    } finally {
      ended = true;
      wakeConsumer?.();
    }
  })();
  const inTurn: Array<Iterator<T>> = [];
  let turn = 0;
  try {
    for (;;) {
      while (inTurn.length < width && arrived.length) {
        inTurn.push(itemsOf(arrived.shift()!));
        wakeProducer?.();
      }
      if (inTurn.length === 0) {
        if (failure) throw failure.err;
        if (ended) return await pump;
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
        continue;
      }
      turn %= inTurn.length;
      const next = inTurn[turn]!.next();
      if (next.done) inTurn.splice(turn, 1);
      else {
        turn++;
        yield next.value;
      }
    }
  } finally {
    stopped = true;
    wakeProducer?.();
  }
}
