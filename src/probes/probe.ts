import type { Logger } from 'pino';
import type { AnswerText } from './answer.js';

export type { AnswerText } from './answer.js';
import type { FieldError } from '../errors.js';
import type { Target } from '../net/targets.js';
import type { ParamSpec } from './params.js';
import type { NetFactory } from './net.js';
import type { NmapSettings } from './nmap/types.js';
import type { CatalogLookup } from './classify/catalog-lookup.js';
import type { TypeSignature } from './classify/judge.js';
import type { FactName, ResultStatus, Service, WantedFact } from '../api/model.js';

/** Grants permission to emit one packet under every rate cap in force, and counts it. */
export interface PacketGate {
  acquire(signal: AbortSignal): Promise<void>;
  /** Counts packets an external tool (nmap) already sent under its own rate cap. */
  record(packets: number): void;
}

/** External tools a probe option may need; the server says which it has. */
export type Capability = 'nmap';

export interface ProbeContext {
  readonly signal: AbortSignal;
  /** Whether an address may be contacted (e.g. a UPnP LOCATION learned during the scan). */
  readonly inScope: (ip: string) => boolean;
  /** IPv4 address of the interface multicast probes use; undefined when there is none. */
  readonly multicastInterface: string | undefined;
  /** Per packet: how long to wait for an answer. */
  readonly timeoutMs: number;
  /**
   * TCP connection attempts to this target: how long one waits (`timeoutMs`, shortened once the
   * host's round trip has been measured) and where an answered handshake's round trip is reported.
   */
  readonly connect: { readonly timeoutMs: () => number; readonly answered: (rttMs: number) => void };
  /** The scan's timing: group probes emit their query themselves; nmap gets retries and a rate cap. */
  readonly timing: { readonly count: number; readonly intervalMs: number; readonly retries: number; readonly maxRatePerSecond: number };
  readonly tools: { readonly nmap: NmapSettings };
  /** Classification catalogues with their probe-order trees. */
  readonly catalogs: CatalogLookup;
  readonly gate: PacketGate;
  /** The gate for packets to one address a group probe heard from (an SSDP LOCATION at the answering address). */
  readonly gateFor: (ip: string) => PacketGate;
  readonly net: NetFactory;
  readonly logger: Logger;
  readonly limits: { readonly bannerMaxBytes: number };
}

/** One independent thing a probe does to a target, e.g. one port of a banner grab. */
export interface ProbeUnit {
  readonly port?: number;
  readonly protocol?: 'tcp' | 'udp';
  /** A unit done by an external tool for the whole target, e.g. nmap over all requested ports. */
  readonly tool?: Capability;
}

export interface ProbeOutcome<D> {
  readonly data: D;
  readonly rttMs?: number;
}

/** What a group (multicast) probe heard, per answering address. */
export interface GroupAnswer<D> {
  ip: string;
  outcome?: ProbeOutcome<D>;
  /** Set instead of `outcome` when the address only sent something unusable. */
  failure?: unknown;
}

export interface GroupOutcome<D> {
  answers: GroupAnswer<D>[];
  /** Queries emitted (the runner reports them as the result's `tries`). */
  queries: number;
  /** Answers from addresses outside the targets, dropped. */
  dropped: number;
}

/** What one `ok` result tells of its device: the asset facts and port states its data yields. */
export interface ResultFacts {
  /** Facts the device states of itself (SNMP sysName, a UPnP description, nmap's OS type). */
  stated?: Partial<Record<FactName, string | undefined>>;
  /** Facts inferred from what it shows (an OS from server software). */
  inferred?: Partial<Record<FactName, string | undefined>>;
  services?: Service[];
  /** These services override what an earlier observation of the same port said (nmap's version detection). */
  servicesOverride?: boolean;
  /** Ports with a definite answer, for the history of open and closed ports. */
  ports?: Array<{ port: number; protocol: 'tcp' | 'udp'; state: 'open' | 'closed' }>;
  /** A device type by its port signature, judged against every open port once the scan's results are in. */
  signature?: TypeSignature;
  /** The answer's text fields that fingerprints read. */
  answers?: AnswerText[];
}

/** A server resource that parameters name: checked at admission, carried to a sensor with the job. */
export interface ResourceRef {
  kind: 'catalog';
  id: string;
  /** The parameter naming it, relative to the probe (a JSON Pointer). */
  path: string;
}

/**
 * The contract every probe implements (after zgrab2's ScanModule and NSE's metadata): parameters
 * described as data, a category operators can use as policy, and `run`, which returns data or
 * throws. Only the runner builds results, so a probe never decides a result's envelope.
 */
export interface Probe<P = Record<string, unknown>, D = unknown> {
  readonly type: string;
  readonly description: string;
  readonly category: 'safe' | 'intrusive';
  readonly reach: 'target' | 'multicast';
  /** The one description of the parameters: validation, the catalogue and the API types come from it. */
  readonly params: readonly ParamSpec[];
  /** The fact kinds a result of this probe can reveal: what a `want` scan's planner runs it for. */
  readonly reveals: readonly WantedFact[];
  /** What an `ok` result's data tells of the device; `at`: the result's port and protocol. */
  facts(data: D, at: { port?: number; protocol?: 'tcp' | 'udp' }): ResultFacts;
  /** Server resources these parameters name. */
  resources?(params: P): ResourceRef[];
  /** Cross-field rules that a parameter list cannot express; paths are relative to the probe. */
  check?(params: P): FieldError[];
  /** External tools these parameters need; a request needing one the server lacks gets 503. */
  requires?(params: P): Capability[];
  units(params: P): ProbeUnit[];
  /**
   * The most packets these parameters can make the service send to `hosts` targets, for one
   * emission without retries (the budget multiplies by count and tries): what admission checks
   * against the packet budget, and what a planner can weigh.
   */
  packetBound(params: P, scope: { hosts: bigint; catalogs: CatalogLookup }): bigint;
  run(params: P, target: Target, unit: ProbeUnit, ctx: ProbeContext): Promise<ProbeOutcome<D>>;
  /** Whether these parameters make the probe one query to a group rather than one per target. */
  isGroup?(params: P): boolean;
  /** Sends to the group once and keeps answers from addresses `isTarget` accepts. */
  runGroup?(params: P, isTarget: (ip: string) => boolean, ctx: ProbeContext): Promise<GroupOutcome<D>>;
}

/** A typed failure a probe throws; `status` places it in the closed set. */
export class ProbeError extends Error {
  constructor(
    readonly status: Exclude<ResultStatus, 'ok' | 'malformed'>,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProbeError';
  }
}

/** An answer arrived but could not be parsed; its bytes are kept, bounded. */
export class MalformedAnswerError extends Error {
  constructor(
    message: string,
    readonly raw: Buffer,
  ) {
    super(message);
    this.name = 'MalformedAnswerError';
  }
}

export const MAX_RAW_BYTES = 4096;

export interface ClassifiedFailure {
  status: Exclude<ResultStatus, 'ok'>;
  error?: { code: string; message: string };
  raw?: string;
  rawTruncated?: boolean;
}

const CLOSED_CODES = new Set(['ECONNREFUSED', 'ECONNRESET']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'RequestTimedOutError']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);

/** The one mapping from anything a probe can throw to the closed status set. */
export function classifyError(err: unknown): ClassifiedFailure {
  if (err instanceof ProbeError) return { status: err.status, error: { code: err.code, message: err.message } };
  if (err instanceof MalformedAnswerError) {
    const raw = err.raw.subarray(0, MAX_RAW_BYTES);
    return {
      status: 'malformed',
      error: { code: 'malformed-answer', message: err.message },
      raw: raw.toString('base64'),
      rawTruncated: err.raw.length > MAX_RAW_BYTES,
    };
  }
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : 'unknown';
  const message = typeof e?.message === 'string' && e.message ? e.message : String(err);
  if (CLOSED_CODES.has(code)) return { status: 'closed', error: { code, message } };
  if (TIMEOUT_CODES.has(code) || code === 'TimeoutError') return { status: 'timeout', error: { code: 'timeout', message } };
  if (UNREACHABLE_CODES.has(code)) return { status: 'unreachable', error: { code, message } };
  if (code === 'AbortError') return { status: 'error', error: { code: 'cancelled', message: 'the scan was cancelled' } };
  return { status: 'error', error: { code, message } };
}
