import type { FieldError } from '../errors.js';
import { type ParamSpec, redactParams, validateObject } from '../probes/params.js';
import type { Probe } from '../probes/probe.js';
import type { FactName, NormalizedRequest, ProbeSpec, SnmpCredential, SnmpV3Spec, Timing, WantedFact, WebhookEvent } from '../api/model.js';
import { formatAddress, parseAddress } from '../net/addresses.js';

/** What a `want` scan asks for, as admitted: secrets in full (they never leave this process but as packets). */
export interface PlanRequest {
  want: WantedFact[];
  /** SNMP credentials to try in order: the request's, then the server's. */
  credentials: SnmpCredential[];
  /** Per address: facts and open TCP ports the caller already has. */
  known: Record<string, { facts?: Partial<Record<FactName, string>>; openPorts?: number[] }>;
  /** Packets per target the plan never exceeds. */
  budgetPerTarget?: number;
  /** nmap service/version detection as the last step, where still needed. */
  allowIntrusive: boolean;
  /** The catalogue of the classification step. */
  catalog: string;
}

/** Facts a `want` scan can find. */
export const WANTABLE: readonly WantedFact[] = ['hostname', 'manufacturer', 'model', 'os', 'services', 'type', 'mac'];
import { parseTarget, type TargetSpec } from '../net/targets.js';

export const MAX_TARGET_ENTRIES = 1024;
export const MAX_PROBES = 16;
const MAX_LABELS = 32;

export const TIMING_PARAMS: readonly ParamSpec[] = [
  { name: 'count', type: 'integer', min: 1, max: 10, default: 1, description: 'how many times each packet is emitted' },
  { name: 'intervalMs', type: 'integer', min: 0, max: 60000, default: 0, description: 'pause between emissions of one packet, ms' },
  { name: 'timeoutMs', type: 'integer', min: 1, max: 30000, default: 2000, description: 'how long to wait for an answer to one packet, ms' },
  { name: 'retries', type: 'integer', min: 0, max: 5, default: 0, description: 'extra tries after a timeout' },
  { name: 'ratePerSecond', type: 'integer', min: 1, max: 100000, description: 'packets per second for this scan (server caps still apply)' },
];

const WEBHOOK_PARAMS: readonly ParamSpec[] = [
  { name: 'url', type: 'string', maxLength: 2048, required: true, pattern: /^https?:\/\/\S+$/, description: 'an http(s) URL' },
  { name: 'secret', type: 'string', maxLength: 256, secret: true, description: 'HMAC secret for the signature' },
  {
    name: 'events',
    type: 'string[]',
    maxLength: 32,
    minItems: 1,
    maxItems: 4,
    pattern: /^(scan\.completed|scan\.failed|scan\.cancelled|asset\.changed)$/,
    description: 'one of scan.completed, scan.failed, scan.cancelled, asset.changed',
  },
];

/** A probe entry as validated: its probe, its full parameters, and the redacted copy to store. */
export interface ProbeEntry {
  probe: Probe<Record<string, unknown>, unknown>;
  params: Record<string, unknown>;
  redacted: ProbeSpec;
}

export interface ValidatedRequest {
  targets: TargetSpec[];
  probes: ProbeEntry[];
  timing: Timing;
  mode: 'sync' | 'async';
  profile: 'normal' | 'fragile';
  discovery: 'auto' | 'none';
  labels: Record<string, string>;
  webhook?: { url: string; secret?: string; events?: WebhookEvent[] };
  /** Where the probes were given: `/probes`, or `/probe` for the one-probe shorthand. */
  probeSource: '/probes' | '/probe';
  /** A `want` scan: what to find and with what (the catalogue and the server's credentials are added at admission). */
  plan?: Omit<PlanRequest, 'catalog'>;
  /** What is stored and returned: no secret in it. */
  normalized: NormalizedRequest;
}

const MAX_CREDENTIALS = 8;
const MAX_KNOWN = 1024;
const KNOWN_FACTS = ['hostname', 'manufacturer', 'model', 'os', 'type', 'mac'] as const;

/** One SNMP credential, checked as the snmp probe checks its own fields; the secret-free copy to store. */
export function validateCredential(raw: unknown, path: string, lookup: (type: string) => Probe<Record<string, unknown>, unknown> | undefined, errors: FieldError[]): { credential: SnmpCredential; redacted: NonNullable<NonNullable<NormalizedRequest['credentials']>['snmp']>[number] } | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push({ path, message: 'must be an object: {"version": "2c", "community": …} or {"version": "3", "v3": {…}}' });
    return undefined;
  }
  const c = raw as Record<string, unknown>;
  const extra = Object.keys(c).filter((k) => !['version', 'community', 'v3', 'port'].includes(k));
  if (extra.length) {
    errors.push(...extra.map((k) => ({ path: `${path}/${k}`, message: 'is not a known field' })));
    return undefined;
  }
  if (c.version === '3' ? c.v3 === undefined || c.community !== undefined : typeof c.community !== 'string' || c.v3 !== undefined) {
    errors.push({ path, message: c.version === '3' ? 'a v3 credential has "v3" and no "community"' : 'a v1/v2c credential has a "community" and no "v3"' });
    return undefined;
  }
  const before = errors.length;
  const entry = validateProbe({ type: 'snmp', operation: 'get', oids: ['1.3.6.1.2.1.1.5.0'], ...c }, path, lookup, errors);
  if (!entry || errors.length > before) return undefined;
  const p = entry.params as { version: '1' | '2c' | '3'; community?: string; v3?: SnmpV3Spec; port: number };
  const redacted = entry.redacted as { version: '1' | '2c' | '3'; community?: string; v3?: SnmpV3Spec };
  const port = c.port !== undefined ? { port: p.port } : {};
  const credential: SnmpCredential = p.version === '3' ? { version: '3', v3: p.v3!, ...port } : { version: p.version, community: p.community ?? 'public', ...port };
  return { credential, redacted: { version: redacted.version, ...(redacted.community !== undefined ? { community: redacted.community } : {}), ...(redacted.v3 ? { v3: redacted.v3 } : {}), ...port } };
}

/** `want` and what goes with it: facts, credentials, what is known, the budget, nmap's permission. */
function validateWant(body: Record<string, unknown>, lookup: (type: string) => Probe<Record<string, unknown>, unknown> | undefined, errors: FieldError[]): { plan: Omit<PlanRequest, 'catalog'>; normalized: Partial<NormalizedRequest> } | undefined {
  const related = ['credentials', 'known', 'budget', 'allowIntrusive'].filter((k) => body[k] !== undefined);
  if (body.want === undefined) {
    errors.push(...related.map((k) => ({ path: `/${k}`, message: 'only applies to a "want" scan' })));
    return undefined;
  }
  const before = errors.length;
  const want: WantedFact[] = [];
  if (!Array.isArray(body.want) || body.want.length === 0 || body.want.length > WANTABLE.length) errors.push({ path: '/want', message: `must be an array of 1 to ${WANTABLE.length} of: ${WANTABLE.join(', ')}` });
  else
    body.want.forEach((f, i) => {
      if (typeof f !== 'string' || !(WANTABLE as readonly string[]).includes(f)) errors.push({ path: `/want/${i}`, message: `must be one of: ${WANTABLE.join(', ')}` });
      else if (want.includes(f as WantedFact)) errors.push({ path: `/want/${i}`, message: 'is listed twice' });
      else want.push(f as WantedFact);
    });

  const credentials: SnmpCredential[] = [];
  const redactedCredentials: NonNullable<NormalizedRequest['credentials']>['snmp'] = [];
  if (body.credentials !== undefined) {
    const c = body.credentials as Record<string, unknown>;
    if (c === null || typeof c !== 'object' || Array.isArray(c)) errors.push({ path: '/credentials', message: 'must be an object: {"snmp": […]}' });
    else {
      for (const k of Object.keys(c)) if (k !== 'snmp') errors.push({ path: `/credentials/${k}`, message: 'is not a known field' });
      if (c.snmp !== undefined) {
        if (!Array.isArray(c.snmp) || c.snmp.length === 0 || c.snmp.length > MAX_CREDENTIALS) errors.push({ path: '/credentials/snmp', message: `must be an array of 1 to ${MAX_CREDENTIALS} credentials, tried in order` });
        else
          c.snmp.forEach((raw, i) => {
            const out = validateCredential(raw, `/credentials/snmp/${i}`, lookup, errors);
            if (out) {
              credentials.push(out.credential);
              redactedCredentials.push(out.redacted);
            }
          });
      }
    }
  }

  const known: PlanRequest['known'] = {};
  if (body.known !== undefined) {
    const k = body.known as Record<string, unknown>;
    if (k === null || typeof k !== 'object' || Array.isArray(k)) errors.push({ path: '/known', message: 'must be an object keyed by address' });
    else if (Object.keys(k).length > MAX_KNOWN) errors.push({ path: '/known', message: `must name at most ${MAX_KNOWN} addresses` });
    else
      for (const [ip, entry] of Object.entries(k)) {
        const path = `/known/${ip.replace(/~/g, '~0').replace(/\//g, '~1').slice(0, 64)}`;
        const addr = parseAddress(ip);
        if (!addr) {
          errors.push({ path, message: 'keys must be IP addresses' });
          continue;
        }
        const e = entry as Record<string, unknown>;
        if (e === null || typeof e !== 'object' || Array.isArray(e)) {
          errors.push({ path, message: 'must be an object: {"facts": {…}, "openPorts": […]}' });
          continue;
        }
        for (const f of Object.keys(e)) if (f !== 'facts' && f !== 'openPorts') errors.push({ path: `${path}/${f}`, message: 'is not a known field' });
        const out: { facts?: Partial<Record<FactName, string>>; openPorts?: number[] } = {};
        if (e.facts !== undefined) {
          const facts = e.facts as Record<string, unknown>;
          if (facts === null || typeof facts !== 'object' || Array.isArray(facts)) errors.push({ path: `${path}/facts`, message: 'must be an object of strings' });
          else
            for (const [name, value] of Object.entries(facts)) {
              if (!(KNOWN_FACTS as readonly string[]).includes(name)) errors.push({ path: `${path}/facts/${name.slice(0, 64)}`, message: `is not a fact: ${KNOWN_FACTS.join(', ')}` });
              else if (typeof value !== 'string' || value === '' || value.length > 256) errors.push({ path: `${path}/facts/${name}`, message: 'must be a string of 1 to 256 characters' });
              else (out.facts ??= {})[name as FactName] = value;
            }
        }
        if (e.openPorts !== undefined) {
          const ports = e.openPorts;
          if (!Array.isArray(ports) || ports.length > 1024 || !ports.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535) || new Set(ports).size !== ports.length) {
            errors.push({ path: `${path}/openPorts`, message: 'must be up to 1024 distinct TCP ports (1–65535)' });
          } else out.openPorts = ports as number[];
        }
        known[formatAddress(addr)] = out;
      }
  }

  let budgetPerTarget: number | undefined;
  if (body.budget !== undefined) {
    const out = validateObject<{ packetsPerTarget?: number }>(BUDGET_PARAMS, body.budget, '/budget');
    errors.push(...out.errors);
    budgetPerTarget = out.value.packetsPerTarget;
  }
  if (body.allowIntrusive !== undefined && typeof body.allowIntrusive !== 'boolean') errors.push({ path: '/allowIntrusive', message: 'must be true or false' });
  const allowIntrusive = body.allowIntrusive === true;
  if (errors.length > before) return undefined;
  const normalized: Partial<NormalizedRequest> = {
    want,
    ...(redactedCredentials.length ? { credentials: { snmp: redactedCredentials } } : {}),
    ...(Object.keys(known).length ? { known } : {}),
    ...(budgetPerTarget !== undefined ? { budget: { packetsPerTarget: budgetPerTarget } } : {}),
    ...(allowIntrusive ? { allowIntrusive } : {}),
  };
  return { plan: { want, credentials, known, ...(budgetPerTarget !== undefined ? { budgetPerTarget } : {}), allowIntrusive }, normalized };
}

/**
 * A plan as admitted (the request's credentials and the server's, the catalogue), checked again
 * where it arrives from another process: a sensor reads it from a work job.
 */
export function validatePlan(raw: unknown, lookup: (type: string) => Probe<Record<string, unknown>, unknown> | undefined): { ok: true; plan: PlanRequest } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, errors: [{ path: '/plan', message: 'must be an object' }] };
  const p = raw as Record<string, unknown>;
  const budget = p.budgetPerTarget === undefined ? {} : { budget: { packetsPerTarget: p.budgetPerTarget } };
  const wanted = validateWant({ want: p.want, known: p.known, allowIntrusive: p.allowIntrusive, ...budget }, lookup, errors);
  const credentials: SnmpCredential[] = [];
  if (!Array.isArray(p.credentials)) errors.push({ path: '/plan/credentials', message: 'must be an array' });
  else p.credentials.forEach((c, i) => {
    const out = validateCredential(c, `/plan/credentials/${i}`, lookup, errors);
    if (out) credentials.push(out.credential);
  });
  if (typeof p.catalog !== 'string' || p.catalog === '') errors.push({ path: '/plan/catalog', message: 'must name a catalogue' });
  if (!wanted || errors.length) return { ok: false, errors };
  return { ok: true, plan: { ...wanted.plan, credentials, catalog: p.catalog as string } };
}

const BUDGET_PARAMS: readonly ParamSpec[] = [{ name: 'packetsPerTarget', type: 'integer', min: 1, max: 100000, description: 'packets per target the plan never exceeds' }];

/** One probe spec: its type, its parameters (defaults filled in), its own cross-field rules; the redacted copy to store. */
export function validateProbe(raw: unknown, path: string, lookup: (type: string) => Probe<Record<string, unknown>, unknown> | undefined, errors: FieldError[]): ProbeEntry | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push({ path, message: 'must be an object with a "type"' });
    return undefined;
  }
  const { type, ...rest } = raw as Record<string, unknown>;
  if (typeof type !== 'string') {
    errors.push({ path: `${path}/type`, message: 'is required and must be a string' });
    return undefined;
  }
  const probe = lookup(type);
  if (!probe) {
    errors.push({ path: `${path}/type`, message: `unknown probe type "${type.slice(0, 64)}" (see GET /v1/probes)` });
    return undefined;
  }
  const out = validateObject(probe.params, rest, path);
  errors.push(...out.errors);
  if (out.errors.length) return undefined;
  const extra = probe.check?.(out.value) ?? [];
  errors.push(...extra.map((e) => ({ path: `${path}${e.path}`, message: e.message })));
  if (extra.length) return undefined;
  return { probe, params: out.value, redacted: { type, ...redactParams(probe.params, out.value) } as ProbeSpec };
}

/**
 * Validates a scan request as sent, field by field, with JSON Pointer paths; never coerces a type
 * or rewrites a value, only fills documented defaults. Scope and budgets are checked afterwards.
 */
export function validateScanRequest(
  raw: unknown,
  lookup: (type: string) => Probe<Record<string, unknown>, unknown> | undefined,
): { ok: true; request: ValidatedRequest } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, errors: [{ path: '/', message: 'the body must be a JSON object' }] };
  const body = raw as Record<string, unknown>;
  const known = ['targets', 'probes', 'probe', 'timing', 'mode', 'profile', 'discovery', 'want', 'credentials', 'known', 'budget', 'allowIntrusive', 'webhook', 'labels'];
  for (const k of Object.keys(body)) if (!known.includes(k)) errors.push({ path: `/${k}`, message: 'is not a known field' });

  const targets: TargetSpec[] = [];
  if (!Array.isArray(body.targets)) errors.push({ path: '/targets', message: body.targets === undefined ? 'is required' : 'must be an array of strings' });
  else if (body.targets.length === 0 || body.targets.length > MAX_TARGET_ENTRIES) errors.push({ path: '/targets', message: `must have 1 to ${MAX_TARGET_ENTRIES} entries` });
  else
    body.targets.forEach((t, i) => {
      if (typeof t !== 'string' || t.length > 100) return errors.push({ path: `/targets/${i}`, message: 'must be a string of at most 100 characters' });
      const parsed = parseTarget(t);
      if (typeof parsed === 'string') errors.push({ path: `/targets/${i}`, message: `"${t}" ${parsed}` });
      else targets.push(parsed);
    });

  const probes: ProbeEntry[] = [];
  if (body.probe !== undefined && body.probes !== undefined) errors.push({ path: '/probe', message: 'give either "probe" or "probes", not both' });
  else if (body.probe !== undefined) {
    const entry = validateProbe(body.probe, '/probe', lookup, errors);
    if (entry) probes.push(entry);
  } else if (body.probes === undefined) {
    if (body.want === undefined) errors.push({ path: '/probes', message: 'is required (or "probe", or "want")' });
  }
  else if (!Array.isArray(body.probes) || body.probes.length === 0 || body.probes.length > MAX_PROBES) errors.push({ path: '/probes', message: `must be an array of 1 to ${MAX_PROBES} probes` });
  else
    body.probes.forEach((p, i) => {
      const entry = validateProbe(p, `/probes/${i}`, lookup, errors);
      if (entry) probes.push(entry);
    });

  const timing = validateObject<Timing>(TIMING_PARAMS, body.timing ?? {}, '/timing');
  errors.push(...timing.errors);

  if (body.mode !== undefined && body.mode !== 'sync' && body.mode !== 'async') errors.push({ path: '/mode', message: 'must be "sync" or "async"' });
  const mode = body.mode === 'sync' ? 'sync' : 'async';
  if (body.profile !== undefined && body.profile !== 'normal' && body.profile !== 'fragile') errors.push({ path: '/profile', message: 'must be "normal" or "fragile"' });
  const profile = body.profile === 'fragile' ? 'fragile' : 'normal';
  if (body.discovery !== undefined && body.discovery !== 'auto' && body.discovery !== 'none') errors.push({ path: '/discovery', message: 'must be "auto" or "none"' });
  const discovery = body.discovery === 'none' ? 'none' : 'auto';

  // No prototype: a label may be named __proto__ or constructor like any other.
  const labels: Record<string, string> = Object.create(null) as Record<string, string>;
  if (body.labels !== undefined) {
    if (body.labels === null || typeof body.labels !== 'object' || Array.isArray(body.labels)) errors.push({ path: '/labels', message: 'must be an object of strings' });
    else {
      const entries = Object.entries(body.labels as Record<string, unknown>);
      if (entries.length > MAX_LABELS) errors.push({ path: '/labels', message: `must have at most ${MAX_LABELS} labels` });
      for (const [k, v] of entries) {
        if (k.length === 0 || k.length > 64) errors.push({ path: `/labels/${k.slice(0, 64)}`, message: 'label names are 1 to 64 characters' });
        else if (typeof v !== 'string' || v.length > 256) errors.push({ path: `/labels/${k}`, message: 'must be a string of at most 256 characters' });
        else labels[k] = v;
      }
    }
  }

  let webhook: ValidatedRequest['webhook'];
  if (body.webhook !== undefined) {
    const out = validateObject<{ url: string; secret?: string; events?: WebhookEvent[] }>(WEBHOOK_PARAMS, body.webhook, '/webhook');
    errors.push(...out.errors);
    webhook = out.value;
  }

  const wanted = validateWant(body, lookup, errors);

  if (errors.length) return { ok: false, errors };
  const normalized: NormalizedRequest = {
    targets: targets.map((t) => t.text),
    probes: probes.map((p) => p.redacted),
    timing: timing.value,
    mode,
    profile,
    discovery,
    labels,
    ...(wanted ? wanted.normalized : {}),
    ...(webhook ? { webhook: { url: webhook.url, ...(webhook.events ? { events: webhook.events } : {}) } } : {}),
  };
  return { ok: true, request: { targets, probes, probeSource: body.probe !== undefined ? '/probe' : '/probes', timing: timing.value, mode, profile, discovery, labels, ...(wanted ? { plan: wanted.plan } : {}), ...(webhook ? { webhook } : {}), normalized } };
}
