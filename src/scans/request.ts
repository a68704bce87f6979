import type { FieldError } from '../errors.js';
import { type ParamSpec, redactParams, validateObject } from '../probes/params.js';
import type { Probe } from '../probes/probe.js';
import type { NormalizedRequest, ProbeSpec, Timing, WebhookEvent } from './model.js';
import { parseTarget, type TargetSpec } from './targets.js';

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
  /** What is stored and returned: no secret in it. */
  normalized: NormalizedRequest;
}

function validateProbe(raw: unknown, path: string, lookup: (type: string) => Probe<Record<string, unknown>, unknown> | undefined, errors: FieldError[]): ProbeEntry | undefined {
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
  const known = ['targets', 'probes', 'probe', 'timing', 'mode', 'profile', 'discovery', 'webhook', 'labels'];
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
  } else if (body.probes === undefined) errors.push({ path: '/probes', message: 'is required (or "probe")' });
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

  const labels: Record<string, string> = {};
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

  if (errors.length) return { ok: false, errors };
  const normalized: NormalizedRequest = { targets: targets.map((t) => t.text), probes: probes.map((p) => p.redacted), timing: timing.value, mode, profile, discovery, labels, ...(webhook ? { webhook: { url: webhook.url, ...(webhook.events ? { events: webhook.events } : {}) } } : {}) };
  return { ok: true, request: { targets, probes, probeSource: body.probe !== undefined ? '/probe' : '/probes', timing: timing.value, mode, profile, discovery, labels, ...(webhook ? { webhook } : {}), normalized } };
}
