import type { ProbeSpec, ResultData, ScanTarget, SnmpV3Spec, Timing, TimingSpec } from './generated/params.js';

// Probe parameters, timing and result data: generated from the probes' own descriptions.
export type * from './generated/params.js';

/** The types of the external contract (API.md); tsoa turns them into the OpenAPI document. */

/** A scan's state: `queued` and `running` until it ends `completed`, `failed` or `cancelled`. */
export type ScanStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
export const FINAL_STATUSES: readonly ScanStatus[] = ['completed', 'failed', 'cancelled'];

/** What a webhook is sent for: the scan's end (by its final status), and `asset.changed` when the scan changed what is known of an asset. */
export type WebhookEvent = 'scan.completed' | 'scan.failed' | 'scan.cancelled' | 'asset.changed';

export interface WebhookSpec {
  /**
   * An http(s) URL: https to a public address, http only to a host in PSCAN_WEBHOOK_ALLOW.
   * @maxLength 2048
   * @pattern ^https?://\S+$
   */
  url: string;
  /**
   * The HMAC secret (Standard Webhooks): `whsec_` and 24 to 64 bytes in base64; required when the server has no PSCAN_WEBHOOK_SECRET.
   * @pattern ^whsec_(([A-Za-z0-9+/]{4}){8,21}([A-Za-z0-9+/]{2}==)?|([A-Za-z0-9+/]{4}){8,20}[A-Za-z0-9+/]{3}=)$
   */
  secret?: string;
  /**
   * Default: the three `scan.*` events.
   * @minItems 1
   * @maxItems 4
   */
  events?: WebhookEvent[];
}

/** Facts a `want` scan can be asked to find. */
export type WantedFact = 'hostname' | 'manufacturer' | 'model' | 'os' | 'services' | 'type' | 'mac';

/** An SNMP credential to try: a community (v1/v2c) or USM (v3); never logged, stored or returned. */
export type SnmpCredential = SnmpCommunityCredential | SnmpV3Credential;

/** An SNMPv1 or v2c community. */
export interface SnmpCommunityCredential {
  version: '1' | '2c';
  /**
   * Never logged, stored or returned.
   * @minLength 1
   * @maxLength 255
   */
  community: string;
  /** The agent's UDP port, default 161. @isInt @minimum 1 @maximum 65535 */
  port?: number;
}

/** An SNMPv3 user (USM). */
export interface SnmpV3Credential {
  version: '3';
  v3: SnmpV3Spec;
  /** The agent's UDP port, default 161. @isInt @minimum 1 @maximum 65535 */
  port?: number;
}

/**
 * A TCP or UDP port.
 * @isInt must be a port number, 1–65535
 * @minimum 1 must be a port number, 1–65535
 * @maximum 65535 must be a port number, 1–65535
 */
export type Port = number;

/** A fact's value as the caller knows it. @minLength 1 @maxLength 256 */
export type KnownFactValue = string;

export interface KnownFacts {
  hostname?: KnownFactValue;
  manufacturer?: KnownFactValue;
  model?: KnownFactValue;
  os?: KnownFactValue;
  type?: KnownFactValue;
  mac?: KnownFactValue;
}

/** What the caller already knows of one address, so that no packet is spent on it. */
export interface KnownTarget {
  facts?: KnownFacts;
  /**
   * Open TCP ports. No item twice.
   * @maxItems 1024
   * @uniqueItems
   */
  openPorts?: Port[];
}

/** One step of a `want` scan's plan: what it ran, for how many targets, at what cost. */
export interface PlanStep {
  /** `discovery`, `mdns-service-types`, `mdns-services`, `ssdp`, `snmp`, `classify`, `banner`, `nmap`. */
  step: string;
  /** The probes it ran, secrets redacted; their results are ordinary results of the scan. */
  probes: ProbeSpec[];
  /** e.g. which credential, which ports. */
  detail?: string;
  /** Targets it served. @isInt */
  targets: number;
  /** Packets it sent. @isInt */
  packets: number;
  /** Targets it skipped, by reason. */
  skipped?: { budget: number };
  /** The sensors' site that ran it, when the scan ran on sensors (each site plans for its own targets). */
  site?: string;
}

/** One reason a wanted fact stayed unknown, and for how many of the targets lacking it. */
export interface UnmetReason {
  /** Per source that can give the fact: not asked and what it lacked, or asked and no answer gave it. */
  reason: string;
  /** @isInt */
  targets: number;
}

/** A wanted fact some live targets still lack when the plan ends, and why no step gave it. */
export interface UnmetFact {
  fact: WantedFact;
  /** Live targets lacking it. @isInt */
  targets: number;
  why: UnmetReason[];
}

/** How a `want` scan went about it: its steps in order, and how many targets have every wanted fact. */
export interface ScanPlan {
  want: WantedFact[];
  steps: PlanStep[];
  /** Live targets with every wanted fact known. @isInt */
  complete: number;
  /** Once the plan has ended: each wanted fact still lacking on some live target, and why. */
  unmet?: UnmetFact[];
}

/** For `want`: the credentials to try. */
export interface WantCredentials {
  /**
   * SNMP credentials, tried in order (the server's own after them).
   * @minItems 1
   * @maxItems 8
   */
  snmp?: SnmpCredential[];
}

/** For `want`: what the plan may spend. */
export interface WantBudget {
  /** Packets per target the plan never exceeds. @isInt @minimum 1 @maximum 100000 */
  packetsPerTarget?: number;
}

/** A label's value. @maxLength 256 */
export type LabelValue = string;

/**
 * A scan to run. It names its probes by `probes`, `probe` or `want` (at least one of them), never
 * by both `probe` and `probes`; `credentials`, `known`, `budget` and `allowIntrusive` only go with
 * `want`.
 */
export interface ScanRequest {
  /**
   * Addresses, CIDRs or `a-b` ranges, IPv4 or IPv6.
   * @minItems 1
   * @maxItems 1024
   */
  targets: ScanTarget[];
  /**
   * @minItems 1
   * @maxItems 16
   */
  probes?: ProbeSpec[];
  /** Shorthand for `probes` with one element; not together with `probes`. */
  probe?: ProbeSpec;
  timing?: TimingSpec;
  /** `sync` answers 200 with the finished scan; `async` (default) answers 202 at once. */
  mode?: 'sync' | 'async';
  /** `fragile`: one probe at a time per device, a gap between them, a lower packet rate. */
  profile?: 'normal' | 'fragile';
  /**
   * `auto` (default): a target is probed only once known alive: on-link by neighbour resolution
   * (ARP/NDP, no IP packet), off-link by a TCP connect to the discovery ports; a dead one ends as one
   * `unreachable` result, code `host-down`. `none`: every target is probed.
   */
  discovery?: 'auto' | 'none';
  /**
   * Facts to find, instead of (or besides) `probes`: the service plans the probes, cheapest first,
   * and each target stops once its wanted facts are known. The plan is in the scan. No item twice.
   * @minItems 1
   * @maxItems 7
   * @uniqueItems
   */
  want?: WantedFact[];
  /** For `want`: credentials to try in order (and the server's own after them). */
  credentials?: WantCredentials;
  /** For `want`: per address (keys are IP addresses, at most 1024), what the caller already knows. */
  known?: { [ip: string]: KnownTarget };
  budget?: WantBudget;
  /** For `want`: nmap's version detection (intrusive) as the last step, where still needed. */
  allowIntrusive?: boolean;
  webhook?: WebhookSpec;
  /** At most 32 labels; names of 1 to 64 characters. */
  labels?: { [key: string]: LabelValue };
}

/** The request as the service understood it: defaults filled in, secrets redacted. */
export interface NormalizedRequest {
  targets: string[];
  probes: ProbeSpec[];
  timing: Timing;
  mode: 'sync' | 'async';
  profile: 'normal' | 'fragile';
  /** Absent in scans stored before host discovery existed. */
  discovery?: 'auto' | 'none';
  want?: WantedFact[];
  /** Credentials as given, each secret redacted. */
  credentials?: { snmp?: Array<{ version: '1' | '2c' | '3'; community?: string; v3?: SnmpV3Spec; port?: number }> };
  known?: { [ip: string]: KnownTarget };
  budget?: { packetsPerTarget?: number };
  allowIntrusive?: boolean;
  labels: { [key: string]: string };
  /** Where the finished scan is POSTed; the secret is never shown. Without `events`: the `scan.*` events. */
  webhook?: { url: string; events?: WebhookEvent[] };
}

export interface DeliveryTry {
  /** @isInt */
  n: number;
  at: string;
  /** The receiver's status code; its body is never kept. @isInt */
  statusCode?: number;
  /** @isInt */
  latencyMs: number;
  error?: string;
}

export interface Delivery {
  /** The `webhook-id`, the same on every try. */
  id: string;
  event?: string;
  url: string;
  status: 'scheduled' | 'pending' | 'delivered' | 'failed' | 'gone';
  /** @isInt */
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  tries: DeliveryTry[];
}

export interface ProbeCounters {
  packetsSent: number;
  results: { [status: string]: number };
  /** Multicast answers from addresses outside the targets, dropped. */
  droppedAnswers?: number;
}

export interface ScanStats {
  /** Addresses in the expanded target list. */
  targets: number;
  packetsSent: number;
  /** Results in which the device answered (`ok`, `closed`, `malformed`). */
  responses: number;
  results: number;
  durationMs?: number;
  byProbe: { [probe: string]: ProbeCounters };
  /** Packets sent to each target address (multicast queries are counted under byProbe only). */
  byTarget?: { [ip: string]: number };
  /**
   * Addresses inside the target ranges that scope left out, by reason (`self`: the service's own,
   * `scope-deny`: PSCAN_SCOPE_DENY, `never-target`: reserved ranges); they are not in `targets`.
   */
  excluded?: { [reason: string]: number };
  /**
   * Host discovery's progress: `alive` and `dead` so far, `pending` not known yet. Without
   * discovery a target counts alive at its first answer and dead at `host-down`.
   */
  hosts?: HostCounts;
}

export interface HostCounts {
  /** @isInt */
  alive: number;
  /** @isInt */
  dead: number;
  /** @isInt */
  pending: number;
}

/** The closed set of result statuses (API.md). `closed` and `timeout` are never merged. */
export const RESULT_STATUSES = ['ok', 'closed', 'timeout', 'unreachable', 'malformed', 'error'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export interface ProbeResult {
  /** Position of this result in its scan, from 1; SSE event ids use it. @isInt */
  seq: number;
  target: string;
  probe: string;
  /** @isInt */
  port?: number;
  protocol?: 'tcp' | 'udp';
  /** Which emission of the packet (1 … `timing.count`). @isInt */
  attempt: number;
  /** Packets tried for this attempt (1 + retries used). @isInt */
  tries: number;
  status: ResultStatus;
  rttMs?: number;
  observedAt: string;
  data?: ResultData;
  error?: { code: string; message: string };
  /** For `malformed`: the answer's bytes, base64, at most 4 KiB. */
  raw?: string;
  rawTruncated?: boolean;
}

export interface Service {
  /** @isInt */
  port: number;
  protocol: 'tcp' | 'udp';
  name?: string;
  /** The maker of the service's software, from a fingerprint. */
  vendor?: string;
  product?: string;
  version?: string;
  banner?: string;
  /** CPE 2.3 names of the service's software, from fingerprints. */
  cpe?: string[];
}

/** How much a fact's source is worth: what a device states of itself > a registry > an inference. */
export type Confidence = 'stated' | 'registry' | 'inferred';

/** The fingerprint that turned an answer into a fact: which database, which file, which entry. */
export interface FingerprintRef {
  /** `pscan` (shipped with the service) or the name of a directory loaded through PSCAN_FINGERPRINTS. */
  database: string;
  /** The XML file, relative to its database. */
  file: string;
  /** The fingerprint's own description. */
  description: string;
}

export interface FactClaim {
  value: string;
  /** When a fingerprint gave the value: which one. */
  fingerprint?: FingerprintRef;
  /** The probe whose result gave it, `neighbour` (the kernel's ARP/NDP table), `oui` (IEEE registry) or `known`. */
  source: string;
  /** The result it came from, in this scan. @isInt */
  seq?: number;
  observedAt: string;
  confidence: Confidence;
}

/** Where an asset's fact comes from, and the values that lost to it. */
export interface FactSource {
  source: string;
  /** When a fingerprint gave the value: which one. */
  fingerprint?: FingerprintRef;
  /** @isInt */
  seq?: number;
  observedAt: string;
  confidence: Confidence;
  /** Other values found for the same fact, which lost by the order stated > registry > inferred (then first found). */
  others?: FactClaim[];
}

export type FactName = 'hostname' | 'manufacturer' | 'model' | 'os' | 'type' | 'mac';

export interface Asset {
  ip: string;
  /** Link-layer address, from the neighbour table of a sensor on the device's link. */
  mac?: string;
  hostname?: string;
  manufacturer?: string;
  model?: string;
  os?: string;
  /** Device class, from a classification catalogue or a fingerprint. */
  type?: string;
  /** CPE 2.3 names of the device's hardware and operating system, from fingerprints. */
  cpe?: string[];
  services: Service[];
  observedAt: string;
  /** Per fact: its provenance. */
  sources?: { [fact: string]: FactSource };
  /** In a finished scan: what this scan changed against the caller's previous observations of the address (absent: nothing). */
  changes?: AssetChange[];
}

/** What a port's last definite answer said: `open` (a connection, an answer), `closed` (RST or ICMP port unreachable; never a timeout). */
export interface ServiceState {
  state: 'open' | 'closed';
  name?: string;
  product?: string;
  version?: string;
}

/** One observation of one fact of an address, by one scan. */
export interface Observation {
  ip: string;
  /** A fact (`mac`, `hostname`, `manufacturer`, `model`, `os`, `type`) or a port (`tcp/80`, `udp/161`). */
  fact: string;
  /** For a fact: the value. */
  value?: string;
  /** For a fact: the probe or registry that gave it (facts are compared with the same source's earlier value). */
  source?: string;
  confidence?: Confidence;
  /** For a port. */
  service?: ServiceState;
  scanId: string;
  /** The result it came from. @isInt */
  seq?: number;
  observedAt: string;
}

/** A scan's observation behind an interval's end: the scan and the result that gave it. */
export interface ObservationRef {
  scanId: string;
  /** The result it came from. @isInt */
  seq?: number;
}

/**
 * One value of one fact (or port state) of an address, from the first observation that gave it to
 * the last: an unchanged value extends its interval, a changed one opens the next. `current` is the
 * interval the latest observation of the fact (from this source) belongs to.
 */
export interface HistoryInterval {
  ip: string;
  /** A fact (`mac`, `hostname`, `manufacturer`, `model`, `os`, `type`) or a port (`tcp/80`, `udp/161`). */
  fact: string;
  /** For a fact: the value. */
  value?: string;
  /** For a fact: the probe or registry that gave it. */
  source?: string;
  /** As the first observation of the interval rated it. */
  confidence?: Confidence;
  /** For a port. */
  service?: ServiceState;
  /** When the first observation of this value was made. */
  firstSeen: string;
  /** When the last observation of this value was made. */
  lastSeen: string;
  /** Observations merged into the interval (one per scan that saw the value). @isInt */
  count: number;
  /** The scans of its first and last observations. */
  scans: { first: ObservationRef; last: ObservationRef };
  /** True while no later observation of the fact (from this source) gave another value. */
  current: boolean;
}

export type ChangeKind =
  | 'asset.new'
  | 'service.opened'
  | 'service.closed'
  | 'service.changed'
  | 'mac.changed'
  | 'hostname.changed'
  | 'manufacturer.changed'
  | 'model.changed'
  | 'os.changed'
  | 'type.changed';

/** One side of a change: an observation without its address. */
export interface ChangeSide {
  value?: string;
  source?: string;
  service?: ServiceState;
  scanId: string;
  /** @isInt */
  seq?: number;
  observedAt: string;
}

/**
 * A difference between a scan's observation of an address and the caller's previous one of the
 * same fact. `before` absent: the fact was never observed for this address before (`asset.new`:
 * nothing was).
 */
export interface AssetChange {
  kind: ChangeKind;
  ip: string;
  /** The fact or port (`tcp/8080`) that changed; absent for `asset.new`. */
  fact?: string;
  before?: ChangeSide;
  after?: ChangeSide;
  scanId: string;
  /** When this scan observed it. */
  at: string;
}

export interface ScanError {
  code: string;
  message: string;
}

/** A scan without its results, as listed. */
export interface ScanSummary {
  id: string;
  status: ScanStatus;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  principal: string;
  labels: { [key: string]: string };
  request: NormalizedRequest;
  stats: ScanStats;
  error?: ScanError;
  /** A `want` scan's plan. */
  plan?: ScanPlan;
}

export interface Scan extends ScanSummary {
  results: ProbeResult[];
  assets: Asset[];
}

/** A page of a scan's results, in `seq` order. */
export interface ResultPage {
  items: ProbeResult[];
  /** Pass as `cursor` to get the next page; absent on the last page (of a scan that has ended). */
  nextCursor?: string;
}

export interface ScanPage {
  items: ScanSummary[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
}

/** A scan's id, as a cursor. @pattern ^scn_[0-9A-HJKMNP-TV-Z]{26}$ is not a cursor this service issued */
export type ScanId = string;

/**
 * An id as this server issued it, in a path: a scan's `scn_…`, a token's `tok_…`, a delivery's
 * `msg_…`, a catalogue's `cat_…`, `default` or configured name. Any other is not found (404).
 * @minLength 1
 * @maxLength 255
 * @pattern ^([^.][\s\S]*|\.[^.][\s\S]*|\.\.[\s\S]+)$ is not an id
 */
export type ResourceId = string;

/** A position in a sequence (a result's `seq`, a history or change-feed row): digits. @pattern ^[0-9]{1,15}$ is not a cursor this service issued */
export type SeqCursor = string;

/** `key:value`: a label name of 1 to 64 characters, a colon, the value. @pattern ^[^:]{1,64}:.*$ must be key:value, e.g. ndrAlertId:A-1234 */
export type LabelFilter = string;

/** One or more result statuses, comma-separated, e.g. `ok,closed`. @pattern ^(ok|closed|timeout|unreachable|malformed|error)(,(ok|closed|timeout|unreachable|malformed|error))*$ must be one or more of ok, closed, timeout, unreachable, malformed, error, comma-separated or repeated */
export type ResultStatusFilter = string;

/** An export's format: `ndjson` (one JSON object per line) or `csv` (RFC 4180, a header line, no JSON inside a cell). */
export type ExportFormat = 'ndjson' | 'csv';

/**
 * An ISO 8601 date or time, e.g. `2026-01-31` or `2026-01-31T12:00:00Z`.
 * @pattern ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$ must be an ISO 8601 date or time, e.g. 2026-01-31T12:00:00Z
 */
export type IsoTime = string;

/**
 * An ISO 8601 date or time, or an age counted back from now: 1 to 6 digits and `s`, `m`, `h` or `d`, e.g. `24h`.
 * @pattern ^([0-9]{1,6}[smhd]|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?)$ must be an ISO 8601 time (2026-01-31T12:00:00Z) or an age such as 30m, 24h, 7d
 */
export type TimeOrAge = string;

/**
 * A service name, e.g. `ssh`.
 * @minLength 1 must be a service name of 1 to 64 characters, e.g. http
 * @maxLength 64 must be a service name of 1 to 64 characters, e.g. http
 */
export type ServiceName = string;

/**
 * @minLength 1 must be 1 to 128 characters
 * @maxLength 128 must be 1 to 128 characters
 */
export type ManufacturerFilter = string;

/** A fact (`mac`, `hostname`, `manufacturer`, `model`, `os`, `type`) or a port such as `tcp/80`. @pattern ^(mac|hostname|manufacturer|model|os|type|(tcp|udp)/[0-9]{1,5})$ must be mac, hostname, manufacturer, model, os, type or a port such as tcp/80 */
export type FactFilter = string;

/** Change kinds, comma-separated, e.g. `service.opened,mac.changed`. @pattern ^(asset\.new|service\.opened|service\.closed|service\.changed|mac\.changed|hostname\.changed|manufacturer\.changed|model\.changed|os\.changed|type\.changed)(,(asset\.new|service\.opened|service\.closed|service\.changed|mac\.changed|hostname\.changed|manufacturer\.changed|model\.changed|os\.changed|type\.changed))*$ must be a comma-separated list of change kinds (asset.new, service.opened, …) */
export type ChangeKindFilter = string;
