import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { parseCidr } from '../net/addresses.js';
import { packageRoot } from '../util/package-root.js';
import { isValidSecret } from '../webhooks/signer.js';

/**
 * One typed, validated, frozen configuration. Precedence: `config/default.json` < the file named
 * by PSCAN_CONFIG < environment variables. Every setting has exactly one key in the file (dotted
 * path below) and one env var; a bad value stops the start with a message naming both.
 */
export interface Config {
  readonly host: string;
  readonly port: number;
  /** Absolute (see `validate`). */
  readonly dataDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly jwt: {
    readonly secret: string | undefined;
    readonly publicKey: string | undefined;
    readonly jwksUrl: string | undefined;
    readonly algorithms: readonly string[] | undefined;
    readonly issuer: string;
    readonly audience: string;
  };
  readonly scope: { readonly allow: readonly string[]; readonly deny: readonly string[]; readonly allowSelf: boolean };
  readonly fragile: { readonly cidrs: readonly string[]; readonly packetsPerSecond: number; readonly gapMs: number };
  readonly policy: { readonly intrusive: 'allow' | 'scope' | 'deny' };
  readonly interface: string | undefined;
  readonly metricsPublic: boolean;
  readonly limits: {
    readonly maxBodyBytes: number;
    readonly maxHostsPerScan: number;
    readonly maxProbesPerScan: number;
    readonly requestsPerMinutePerPrincipal: number;
    readonly perTargetConcurrency: number;
    readonly globalPacketsPerSecond: number;
    readonly perTargetPacketsPerSecond: number;
    readonly maxConcurrentScans: number;
    readonly activeScansPerPrincipal: number;
    readonly maxConcurrentProbesPerScan: number;
    readonly syncWaitMs: number;
    readonly shutdownGraceMs: number;
    readonly requestTimeoutMs: number;
    readonly sseStreams: number;
    readonly sseStreamsPerPrincipal: number;
    readonly sseMaxLag: number;
  };
  readonly webhooks: {
    readonly secret: string | undefined;
    readonly allow: readonly string[];
    readonly timeoutMs: number;
    readonly retryBaseMs: number;
    readonly retryForMs: number;
    /** Every scan's `asset.changed` is also sent here, signed with `secret`. */
    readonly changesUrl: string | undefined;
  };
  readonly classify: { readonly catalogs: readonly string[]; readonly catalogsPerPrincipal: number; readonly buildTimeoutMs: number };
  /** Fingerprint databases (directories of Recog-format XML) matched before the shipped one. */
  readonly fingerprints: { readonly dirs: readonly string[] };
  /** `want` scans: a JSON file of SNMP credentials tried after the request's own. */
  readonly planner: { readonly snmpCredentials: string | undefined };
  /** Host discovery before probing (a scan's `discovery: "auto"`). */
  readonly discovery: { readonly concurrency: number; readonly tcpPorts: readonly number[]; readonly pollMs: number };
  readonly assets: { readonly halfLifeHours: number };
  /** Retention of asset observations and changes. */
  readonly history: { readonly maxAgeDays: number; readonly perAsset: number; readonly pruneIntervalMs: number; readonly pruneRowsPerRun: number };
  readonly probes: {
    readonly bannerMaxBytes: number;
    readonly minRttTimeoutMs: number;
    readonly nmapPath: string;
    readonly nmapVersionIntensity: number;
    readonly nmapHostTimeoutMs: number;
  };
  /** Set: scans go to sensors over BullMQ on this Redis; unset: probes run in this process. */
  readonly queue: { readonly url: string | undefined; readonly prefix: string; readonly chunkHosts: number; readonly lockMs: number };
  /** What a sensor process (`npm run sensor`) serves; the command line overrides these. */
  readonly sensor: { readonly site: string | undefined; readonly cidrs: readonly string[]; readonly capacity: number; readonly heartbeatMs: number };
}

export const SITE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Kind =
  | { t: 'string'; optional?: boolean }
  | { t: 'path' }
  | { t: 'int'; min: number; max: number }
  | { t: 'bool' }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'cidrs' }
  | { t: 'ports' }
  | { t: 'list'; optional?: boolean };

interface Setting {
  key: string;
  env: string;
  /** One line for docs/configuration.md: what the setting does, and what unset means where it is optional. */
  description: string;
  kind: Kind;
  check?: (value: never) => string | undefined;
}

const HS_MIN_SECRET_BYTES = 32;

/** The single list of settings; docs/configuration.md is generated from it (`npm run generate`). */
export const SETTINGS: readonly Setting[] = [
  { key: 'host', env: 'PSCAN_HOST', description: 'listen address', kind: { t: 'string' },
    check: (v: string) => (isIP(v) || v === 'localhost' ? undefined : 'must be an IP address or localhost') },
  { key: 'port', env: 'PSCAN_PORT', description: 'listen port (0: any free port)', kind: { t: 'int', min: 0, max: 65535 } },
  { key: 'dataDir', env: 'PSCAN_DATA_DIR', description: 'SQLite store and the generated secrets (made 0700, files 0600); relative: to the checkout from a config file, to the working directory from the env var', kind: { t: 'path' } },
  { key: 'logLevel', env: 'PSCAN_LOG_LEVEL', description: 'pino level', kind: { t: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] } },
  { key: 'jwt.secret', env: 'PSCAN_JWT_SECRET', description: 'HS256 secret, ≥ 32 bytes; with no key configured, one is generated once into `data/jwt-secret`', kind: { t: 'string', optional: true },
    check: (v: string) => (Buffer.byteLength(v) >= HS_MIN_SECRET_BYTES ? undefined : `must be at least ${HS_MIN_SECRET_BYTES} bytes`) },
  { key: 'jwt.publicKey', env: 'PSCAN_JWT_PUBLIC_KEY', description: 'PEM public key (RS256 or ES256)', kind: { t: 'string', optional: true },
    check: (v: string) => (v.includes('-----BEGIN PUBLIC KEY-----') ? undefined : 'must be a PEM (SPKI) public key') },
  { key: 'jwt.jwksUrl', env: 'PSCAN_JWT_JWKS_URL', description: 'JWKS URL (RS256/ES256)', kind: { t: 'string', optional: true },
    check: (v: string) => (/^https?:\/\//.test(v) ? undefined : 'must be an http(s) URL') },
  { key: 'jwt.algorithms', env: 'PSCAN_JWT_ALGORITHMS', description: 'pin further, e.g. `ES256`; unset: from the key', kind: { t: 'list', optional: true },
    check: (v: string[]) => v.every((a) => ['HS256', 'RS256', 'ES256'].includes(a)) ? undefined : 'allowed: HS256, RS256, ES256' },
  { key: 'jwt.issuer', env: 'PSCAN_JWT_ISSUER', description: 'required `iss`', kind: { t: 'string' } },
  { key: 'jwt.audience', env: 'PSCAN_JWT_AUDIENCE', description: 'required `aud`', kind: { t: 'string' } },
  { key: 'scope.allow', env: 'PSCAN_SCOPE_ALLOW', description: 'CIDRs that may be probed', kind: { t: 'cidrs' } },
  { key: 'scope.deny', env: 'PSCAN_SCOPE_DENY', description: 'CIDRs never probed (wins over allow)', kind: { t: 'cidrs' } },
  { key: 'scope.allowSelf', env: 'PSCAN_SCOPE_ALLOW_SELF', description: 'allow the service\'s own addresses and loopback', kind: { t: 'bool' } },
  { key: 'fragile.cidrs', env: 'PSCAN_FRAGILE_CIDRS', description: 'devices always treated as fragile', kind: { t: 'cidrs' } },
  { key: 'fragile.packetsPerSecond', env: 'PSCAN_FRAGILE_PPS', description: 'packet cap per fragile device', kind: { t: 'int', min: 1, max: 1000 } },
  { key: 'fragile.gapMs', env: 'PSCAN_FRAGILE_GAP_MS', description: 'pause between probes of a fragile device', kind: { t: 'int', min: 0, max: 60000 } },
  { key: 'policy.intrusive', env: 'PSCAN_INTRUSIVE', description: '`allow`, `scope` (needs scans:intrusive) or `deny`', kind: { t: 'enum', values: ['allow', 'scope', 'deny'] } },
  { key: 'interface', env: 'PSCAN_INTERFACE', description: 'interface for multicast probes; unset: the default route\'s', kind: { t: 'string', optional: true } },
  { key: 'metricsPublic', env: 'PSCAN_METRICS_PUBLIC', description: 'serve `/metrics` without a token', kind: { t: 'bool' } },
  { key: 'limits.maxBodyBytes', env: 'PSCAN_MAX_BODY_BYTES', description: 'larger bodies get 413', kind: { t: 'int', min: 1024, max: 16 * 1024 * 1024 } },
  { key: 'limits.maxHostsPerScan', env: 'PSCAN_MAX_HOSTS', description: 'more hosts get 422', kind: { t: 'int', min: 1, max: 16777216 } },
  { key: 'limits.maxProbesPerScan', env: 'PSCAN_MAX_PROBES', description: 'a scan that could send more packets gets 422', kind: { t: 'int', min: 1, max: 100000000 } },
  { key: 'limits.requestsPerMinutePerPrincipal', env: 'PSCAN_PRINCIPAL_RPM', description: 'more get 429', kind: { t: 'int', min: 1, max: 1000000 } },
  { key: 'limits.perTargetConcurrency', env: 'PSCAN_TARGET_CONCURRENCY', description: 'probe units in flight per device', kind: { t: 'int', min: 1, max: 1024 } },
  { key: 'limits.globalPacketsPerSecond', env: 'PSCAN_GLOBAL_PPS', description: 'cap over all scans', kind: { t: 'int', min: 1, max: 1000000 } },
  { key: 'limits.perTargetPacketsPerSecond', env: 'PSCAN_TARGET_PPS', description: 'cap per device, over all scans', kind: { t: 'int', min: 1, max: 100000 } },
  { key: 'limits.maxConcurrentScans', env: 'PSCAN_MAX_CONCURRENT_SCANS', description: 'scans running at once; the rest queue', kind: { t: 'int', min: 1, max: 1000 } },
  { key: 'limits.activeScansPerPrincipal', env: 'PSCAN_PRINCIPAL_ACTIVE_SCANS', description: 'scans queued or running per principal; more get 429', kind: { t: 'int', min: 1, max: 1000000 } },
  { key: 'limits.maxConcurrentProbesPerScan', env: 'PSCAN_MAX_CONCURRENT_PROBES', description: 'probes in flight per scan', kind: { t: 'int', min: 1, max: 4096 } },
  { key: 'limits.syncWaitMs', env: 'PSCAN_SYNC_WAIT_MS', description: 'a sync scan still running then is answered 202', kind: { t: 'int', min: 100, max: 600000 } },
  { key: 'limits.shutdownGraceMs', env: 'PSCAN_SHUTDOWN_GRACE_MS', description: 'drain time on SIGTERM', kind: { t: 'int', min: 0, max: 600000 } },
  { key: 'limits.requestTimeoutMs', env: 'PSCAN_REQUEST_TIMEOUT_MS', description: 'a request (headers and body) must arrive within this, else 408; the connection is closed', kind: { t: 'int', min: 1000, max: 600000 } },
  { key: 'limits.sseStreams', env: 'PSCAN_SSE_STREAMS', description: 'event streams open at once; more get 429', kind: { t: 'int', min: 1, max: 100000 } },
  { key: 'limits.sseStreamsPerPrincipal', env: 'PSCAN_SSE_STREAMS_PER_PRINCIPAL', description: 'event streams open at once per principal; more get 429', kind: { t: 'int', min: 1, max: 100000 } },
  { key: 'limits.sseMaxLag', env: 'PSCAN_SSE_MAX_LAG', description: 'results a stream may fall behind (socket full) before it is closed', kind: { t: 'int', min: 1, max: 1000000 } },
  { key: 'webhooks.secret', env: 'PSCAN_WEBHOOK_SECRET', description: '`whsec_…` secret for requests that give none', kind: { t: 'string', optional: true },
    check: (v: string) => (isValidSecret(v) ? undefined : 'must be whsec_ followed by 24 to 64 bytes in base64') },
  { key: 'webhooks.allow', env: 'PSCAN_WEBHOOK_ALLOW', description: 'CIDRs, addresses, host names webhooks may also reach', kind: { t: 'list' },
    check: (v: string[]) => v.find((e) => e.includes('/') && !parseCidr(e)) ? 'entries are CIDRs, addresses or host names (*.example.org)' : undefined },
  { key: 'webhooks.timeoutMs', env: 'PSCAN_WEBHOOK_TIMEOUT_MS', description: 'deadline of one try, connect to last byte', kind: { t: 'int', min: 100, max: 120000 } },
  { key: 'webhooks.retryBaseMs', env: 'PSCAN_WEBHOOK_RETRY_BASE_MS', description: 'first retry delay', kind: { t: 'int', min: 10, max: 3600000 } },
  { key: 'webhooks.retryForMs', env: 'PSCAN_WEBHOOK_RETRY_FOR_MS', description: 'retries go on this long (26 h)', kind: { t: 'int', min: 1000, max: 604800000 } },
  { key: 'webhooks.changesUrl', env: 'PSCAN_WEBHOOK_CHANGES_URL', description: 'every scan\'s `asset.changed` also goes here (needs `PSCAN_WEBHOOK_SECRET`, checked against the allow-list)', kind: { t: 'string', optional: true },
    check: (v: string) => (/^https?:\/\/\S+$/.test(v) && v.length <= 2048 ? undefined : 'must be an http(s) URL of at most 2048 characters') },
  { key: 'history.maxAgeDays', env: 'PSCAN_HISTORY_MAX_AGE_DAYS', description: 'asset history intervals last seen, and changes recorded, longer ago than this are deleted', kind: { t: 'int', min: 1, max: 36500 } },
  { key: 'history.perAsset', env: 'PSCAN_HISTORY_PER_ASSET', description: 'per address: intervals kept per fact (and source) or port, and changes kept', kind: { t: 'int', min: 1, max: 100000 } },
  { key: 'history.pruneIntervalMs', env: 'PSCAN_HISTORY_PRUNE_INTERVAL_MS', description: 'how often the history is pruned (expiry and the per-address limits), apart from any scan', kind: { t: 'int', min: 1000, max: 86400000 } },
  { key: 'history.pruneRowsPerRun', env: 'PSCAN_HISTORY_PRUNE_ROWS', description: 'the most history rows one pruning run deletes; a backlog is worked off over several runs', kind: { t: 'int', min: 1, max: 1000000 } },
  { key: 'classify.catalogs', env: 'PSCAN_CATALOGS', description: 'catalogue JSON files (`{name, source?, devices: [{type, ports}]}`)', kind: { t: 'list' } },
  { key: 'classify.catalogsPerPrincipal', env: 'PSCAN_CATALOGS_PER_PRINCIPAL', description: 'catalogues one principal may create (kept or being built); more get 422', kind: { t: 'int', min: 1, max: 10000 } },
  { key: 'fingerprints.dirs', env: 'PSCAN_FINGERPRINTS', description: 'directories of fingerprint XML files in Recog\'s format (a Recog checkout as it is), matched before the shipped database, in the order given; a file that does not parse stops the start', kind: { t: 'list' } },
  { key: 'classify.buildTimeoutMs', env: 'PSCAN_CATALOG_BUILD_TIMEOUT_MS', description: 'an API catalogue\'s tree build stopped and refused (422) past this', kind: { t: 'int', min: 100, max: 600000 } },
  { key: 'planner.snmpCredentials', env: 'PSCAN_SNMP_CREDENTIALS', description: 'JSON file: SNMP credentials `want` scans try after the request\'s (keep it 0600)', kind: { t: 'string', optional: true } },
  { key: 'discovery.concurrency', env: 'PSCAN_DISCOVERY_CONCURRENCY', description: 'addresses host discovery checks at once per scan', kind: { t: 'int', min: 1, max: 4096 } },
  { key: 'discovery.tcpPorts', env: 'PSCAN_DISCOVERY_PORTS', description: 'TCP ports an off-link host is tried on (1–16 ports)', kind: { t: 'ports' } },
  { key: 'discovery.pollMs', env: 'PSCAN_DISCOVERY_POLL_MS', description: 'how often the neighbour table is read while addresses resolve', kind: { t: 'int', min: 10, max: 1000 } },
  { key: 'assets.halfLifeHours', env: 'PSCAN_ASSET_HALF_LIFE_HOURS', description: 'freshness half-life of observed facts', kind: { t: 'int', min: 1, max: 87600 } },
  { key: 'probes.bannerMaxBytes', env: 'PSCAN_BANNER_MAX_BYTES', description: 'bytes kept per banner', kind: { t: 'int', min: 256, max: 1048576 } },
  { key: 'probes.minRttTimeoutMs', env: 'PSCAN_MIN_RTT_TIMEOUT_MS', description: 'the least a TCP connection attempt waits once the host\'s round trip is measured (srtt + 4·rttvar, at most the scan\'s timeoutMs); raise it to the timeout to always wait the whole timeout', kind: { t: 'int', min: 10, max: 60000 } },
  { key: 'probes.nmapPath', env: 'PSCAN_NMAP_PATH', description: 'nmap binary (readiness reports it)', kind: { t: 'string' } },
  { key: 'probes.nmapVersionIntensity', env: 'PSCAN_NMAP_VERSION_INTENSITY', description: '`--version-intensity` (0–9)', kind: { t: 'int', min: 0, max: 9 } },
  { key: 'probes.nmapHostTimeoutMs', env: 'PSCAN_NMAP_HOST_TIMEOUT_MS', description: '`--host-timeout`; the process is killed 5 s later', kind: { t: 'int', min: 1000, max: 900000 } },
  { key: 'queue.url', env: 'PSCAN_QUEUE_URL', description: '`redis://`, `rediss://` or `unix:///path.sock`: scans go to sensors; unset: every scan runs in this process (embedded)', kind: { t: 'string', optional: true },
    check: (v: string) => (/^(rediss?:\/\/\S+|unix:\/\/\/\S+)$/.test(v) ? undefined : 'must be redis://, rediss:// or unix:///path/to/redis.sock') },
  { key: 'queue.prefix', env: 'PSCAN_QUEUE_PREFIX', description: 'Redis key prefix (one per deployment)', kind: { t: 'string' },
    check: (v: string) => (/^[A-Za-z0-9_-]{1,32}$/.test(v) ? undefined : 'must be 1 to 32 letters, digits, _ or -') },
  { key: 'queue.chunkHosts', env: 'PSCAN_QUEUE_CHUNK_HOSTS', description: 'addresses per work job (what a dying sensor can leave half-done)', kind: { t: 'int', min: 1, max: 65536 } },
  { key: 'queue.lockMs', env: 'PSCAN_QUEUE_LOCK_MS', description: 'sensor side: a job whose sensor is silent this long goes to another', kind: { t: 'int', min: 1000, max: 600000 } },
  { key: 'sensor.site', env: 'PSCAN_SENSOR_SITE', description: 'sensor side: the site it serves (`--site`)', kind: { t: 'string', optional: true },
    check: (v: string) => (SITE_NAME.test(v) ? undefined : 'must be 1 to 63 letters, digits, ., _ or -, starting with a letter or digit') },
  { key: 'sensor.cidrs', env: 'PSCAN_SENSOR_CIDRS', description: 'sensor side: the site\'s CIDRs (`--cidrs`)', kind: { t: 'cidrs' } },
  { key: 'sensor.capacity', env: 'PSCAN_SENSOR_CAPACITY', description: 'sensor side: work jobs at once (`--capacity`)', kind: { t: 'int', min: 1, max: 256 } },
  { key: 'sensor.heartbeatMs', env: 'PSCAN_SENSOR_HEARTBEAT_MS', description: 'sensor side: heartbeat; three missed and the sensor is gone', kind: { t: 'int', min: 100, max: 60000 } },
];

type Json = Record<string, unknown>;

function getPath(obj: Json, key: string): unknown {
  let cur: unknown = obj;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Json)[part];
  }
  return cur;
}

function setPath(obj: Json, key: string, value: unknown): void {
  const parts = key.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    cur[part] ??= {};
    cur = cur[part] as Json;
  }
  cur[parts.at(-1)!] = value;
}

function readJsonFile(file: string, what: string): Json {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${what} ${file} cannot be read: ${(err as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as Json;
  } catch (err) {
    throw new ConfigError(`${what} ${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Rejects keys nobody reads, so a typo in a config file is an error, not a silent default. */
function checkKnownKeys(obj: Json, file: string, prefix = ''): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (SETTINGS.some((s) => s.key === key)) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && SETTINGS.some((s) => s.key.startsWith(`${key}.`))) {
      checkKnownKeys(v as Json, file, key);
      continue;
    }
    throw new ConfigError(`unknown setting "${key}" in ${file}`);
  }
}

function fromEnv(raw: string, kind: Kind): unknown {
  switch (kind.t) {
    case 'int':
      return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    case 'bool':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'cidrs':
    case 'list':
      return raw.trim() === '' ? [] : raw.split(',').map((s) => s.trim());
    case 'ports':
      return raw.split(',').map((s) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s));
    default:
      return raw;
  }
}

/**
 * A relative path from a config file is relative to the package root (where `config/` is), so the
 * server and `pscan token` find the same data dir from any working directory; one from an env var
 * is relative to the working directory, as a shell user expects.
 */
function validate(setting: Setting, value: unknown, source: string, base: string): unknown {
  const where = `setting ${setting.key} (${setting.env}) from ${source}`;
  const kind = setting.kind;
  const fail = (why: string): never => {
    throw new ConfigError(`${where}: ${why}; got ${JSON.stringify(value)}`);
  };
  let out: unknown;
  switch (kind.t) {
    case 'string':
      if (typeof value !== 'string' || value === '') fail('must be a non-empty string');
      out = value;
      break;
    case 'path':
      if (typeof value !== 'string' || value === '') fail('must be a non-empty path');
      out = path.resolve(base, value as string);
      break;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail('must be an integer');
      if ((value as number) < kind.min || (value as number) > kind.max) fail(`must be between ${kind.min} and ${kind.max}`);
      out = value;
      break;
    case 'bool':
      if (typeof value !== 'boolean') fail('must be true or false');
      out = value;
      break;
    case 'enum':
      if (typeof value !== 'string' || !kind.values.includes(value)) fail(`must be one of ${kind.values.join(', ')}`);
      out = value;
      break;
    case 'list':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== '')) fail('must be a list of strings');
      out = Object.freeze([...(value as string[])]);
      break;
    case 'ports':
      if (!Array.isArray(value) || value.length === 0 || value.length > 16 || !value.every((v) => Number.isInteger(v) && v >= 1 && v <= 65535) || new Set(value).size !== value.length) {
        fail('must be 1 to 16 distinct TCP ports (1–65535)');
      }
      out = Object.freeze([...(value as number[])]);
      break;
    case 'cidrs':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) fail('must be a list of CIDRs');
      for (const c of value as string[]) if (!parseCidr(c)) fail(`"${c}" is not a CIDR`);
      out = Object.freeze([...(value as string[])]);
      break;
  }
  const problem = setting.check?.(out as never);
  if (problem) fail(problem);
  return out;
}

function deepFreeze<T>(obj: T): T {
  if (obj && typeof obj === 'object') {
    for (const v of Object.values(obj)) deepFreeze(v);
    Object.freeze(obj);
  }
  return obj;
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Directory holding default.json; defaults to ./config of the package. */
  configDir?: string;
}

export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const rootDir = packageRoot();
  const configDir = options.configDir ?? path.join(rootDir, 'config');
  const defaultsFile = path.join(configDir, 'default.json');
  const layers: Array<{ source: string; data: Json }> = [{ source: defaultsFile, data: readJsonFile(defaultsFile, 'config file') }];
  const overrideFile = env.PSCAN_CONFIG;
  if (overrideFile) layers.push({ source: overrideFile, data: readJsonFile(overrideFile, 'PSCAN_CONFIG file') });
  for (const layer of layers) checkKnownKeys(layer.data, layer.source);

  const result: Json = {};
  for (const setting of SETTINGS) {
    let value: unknown;
    let source = 'nowhere';
    let base = rootDir;
    for (const layer of layers) {
      const v = getPath(layer.data, setting.key);
      if (v !== undefined) {
        value = v;
        source = layer.source;
      }
    }
    const envValue = env[setting.env];
    if (envValue !== undefined) {
      value = fromEnv(envValue, setting.kind);
      source = `env ${setting.env}`;
      base = process.cwd();
    }
    const optional = 'optional' in setting.kind && setting.kind.optional;
    if (value === undefined || value === null) {
      if (!optional) throw new ConfigError(`setting ${setting.key} (${setting.env}) is required`);
      setPath(result, setting.key, undefined);
      continue;
    }
    setPath(result, setting.key, validate(setting, value, source, base));
  }
  const config = result as unknown as Config;
  const keys = [config.jwt.secret, config.jwt.publicKey, config.jwt.jwksUrl].filter(Boolean).length;
  if (keys > 1) throw new ConfigError('settings jwt.secret, jwt.publicKey and jwt.jwksUrl are exclusive: set at most one');
  if (config.jwt.algorithms && config.jwt.secret && !config.jwt.algorithms.every((a) => a === 'HS256')) {
    throw new ConfigError('setting jwt.algorithms (PSCAN_JWT_ALGORITHMS): a shared secret only verifies HS256');
  }
  if (config.jwt.algorithms && (config.jwt.publicKey || config.jwt.jwksUrl) && config.jwt.algorithms.includes('HS256')) {
    throw new ConfigError('setting jwt.algorithms (PSCAN_JWT_ALGORITHMS): HS256 cannot be used with a public key or JWKS');
  }
  if (config.jwt.publicKey && config.jwt.algorithms && config.jwt.algorithms.length !== 1) {
    throw new ConfigError('setting jwt.algorithms (PSCAN_JWT_ALGORITHMS): a single public key verifies exactly one algorithm');
  }
  if (config.webhooks.changesUrl && !config.webhooks.secret) {
    throw new ConfigError('setting webhooks.changesUrl (PSCAN_WEBHOOK_CHANGES_URL) needs webhooks.secret (PSCAN_WEBHOOK_SECRET) to sign with');
  }
  return deepFreeze(config);
}
