import type { FieldError } from '../errors.js';
import { firstOverlap, PORT_MAX, PORT_MIN, type PortInterval, portInterval } from './ports.js';

/**
 * A parameter described as data: the same list validates requests, fills documented defaults and
 * renders the probe catalogue (`GET /v1/probes`), so the three cannot disagree.
 */
export type ParamSpec =
  | (ParamBase & { type: 'integer'; min: number; max: number; default?: number })
  | (ParamBase & { type: 'boolean'; default?: boolean })
  | (ParamBase & { type: 'string'; maxLength: number; pattern?: RegExp; default?: string; secret?: boolean })
  | (ParamBase & { type: 'enum'; values: readonly string[]; default?: string })
  | (ParamBase & { type: 'integer[]'; min: number; max: number; minItems: number; maxItems: number; unique?: boolean })
  | (ParamBase & { type: 'string[]'; maxLength: number; pattern?: RegExp; minItems: number; maxItems: number; default?: readonly string[] })
  // Port numbers and "a-b" ranges (ports.ts); `maxItems` bounds the list's items, not the ports they name.
  | (ParamBase & { type: 'ports'; minItems: number; maxItems: number })
  | (ParamBase & { type: 'object'; fields: readonly ParamSpec[] });

interface ParamBase {
  name: string;
  description: string;
  required?: boolean;
  /** An external tool the option needs (the catalogue says whether this server has it). */
  requires?: 'nmap';
  /** NSE-style category of an option that changes what the probe does on the wire. */
  category?: 'safe' | 'intrusive';
}

export interface ValidationOutcome<T> {
  value: T;
  errors: FieldError[];
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function checkOne(spec: ParamSpec, v: unknown, path: string, errors: FieldError[]): unknown {
  const err = (message: string): undefined => {
    errors.push({ path, message });
    return undefined;
  };
  switch (spec.type) {
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return err(`must be an integer, got ${describeType(v)}`);
      if (v < spec.min || v > spec.max) return err(`must be between ${spec.min} and ${spec.max}`);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') return err(`must be a boolean, got ${describeType(v)}`);
      return v;
    case 'string':
      if (typeof v !== 'string') return err(`must be a string, got ${describeType(v)}`);
      if (v.length === 0 || v.length > spec.maxLength) return err(`must be 1 to ${spec.maxLength} characters`);
      if (spec.pattern && !spec.pattern.test(v)) return err(`is not in the expected form (${spec.description})`);
      return v;
    case 'enum':
      if (typeof v !== 'string' || !spec.values.includes(v)) return err(`must be one of ${spec.values.map((x) => JSON.stringify(x)).join(', ')}`);
      return v;
    case 'integer[]':
    case 'string[]': {
      if (!Array.isArray(v)) return err(`must be an array, got ${describeType(v)}`);
      if (v.length < spec.minItems || v.length > spec.maxItems) return err(`must have ${spec.minItems} to ${spec.maxItems} items`);
      const before = errors.length;
      const items = v.map((item, i) =>
        checkOne(spec.type === 'integer[]' ? { ...spec, type: 'integer' } : { ...spec, type: 'string', default: undefined }, item, `${path}/${i}`, errors),
      );
      if (errors.length > before) return undefined;
      if (spec.type === 'integer[]' && spec.unique && new Set(items).size !== items.length) return err('must not repeat an item');
      return items;
    }
    case 'ports': {
      if (!Array.isArray(v)) return err(`must be an array, got ${describeType(v)}`);
      if (v.length < spec.minItems || v.length > spec.maxItems) return err(`must have ${spec.minItems} to ${spec.maxItems} items`);
      const list: PortInterval[] = [];
      v.forEach((item, i) => {
        const iv = portInterval(item);
        if (typeof iv === 'string') errors.push({ path: `${path}/${i}`, message: iv });
        else list.push(iv);
      });
      if (list.length < v.length) return undefined;
      const repeated = firstOverlap(list);
      if (repeated) return void errors.push({ path: `${path}/${repeated.index}`, message: `names port ${repeated.port} again: a port may be named once` });
      return v;
    }
    case 'object': {
      const out = validateObject(spec.fields, v, path);
      errors.push(...out.errors);
      return out.value;
    }
  }
}

/**
 * Validates `raw` against `specs`: rejects unknown keys and wrong types, never coerces, and fills
 * the documented default of an absent optional parameter.
 */
export function validateObject<T = Record<string, unknown>>(specs: readonly ParamSpec[], raw: unknown, path: string): ValidationOutcome<T> {
  const errors: FieldError[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push({ path: path || '/', message: `must be an object, got ${describeType(raw)}` });
    return { value: {} as T, errors };
  }
  const input = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (!specs.some((s) => s.name === key)) errors.push({ path: `${path}/${key}`, message: 'is not a known parameter' });
  }
  for (const spec of specs) {
    const v = input[spec.name];
    if (v === undefined) {
      if (spec.required) errors.push({ path: `${path}/${spec.name}`, message: 'is required' });
      else if ('default' in spec && spec.default !== undefined) out[spec.name] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
      continue;
    }
    const checked = checkOne(spec, v, `${path}/${spec.name}`, errors);
    if (checked !== undefined) out[spec.name] = checked;
  }
  return { value: out as T, errors };
}

/** The catalogue form of a parameter list: plain JSON, regexes shown as their source. */
export interface ParamDoc {
  name: string;
  type: string;
  description: string;
  required: boolean;
  default?: unknown;
  min?: number;
  max?: number;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  values?: string[];
  pattern?: string;
  category?: 'safe' | 'intrusive';
  requires?: string;
  /** With `requires`: whether the machines that probe have the tool (this server, or with sensors every live one), i.e. whether the option can be used. */
  available?: boolean;
  fields?: ParamDoc[];
}

export function documentParams(specs: readonly ParamSpec[], has: (tool: string) => boolean = () => true): ParamDoc[] {
  return specs.map((s) => {
    const doc: ParamDoc = { name: s.name, type: s.type, description: s.description, required: s.required ?? false };
    if ('default' in s && s.default !== undefined) doc.default = Array.isArray(s.default) ? [...s.default] : s.default;
    if ('min' in s) doc.min = s.min;
    if ('max' in s) doc.max = s.max;
    if ('minItems' in s) doc.minItems = s.minItems;
    if ('maxItems' in s) doc.maxItems = s.maxItems;
    if ('maxLength' in s) doc.maxLength = s.maxLength;
    if (s.type === 'ports') {
      doc.min = PORT_MIN;
      doc.max = PORT_MAX;
    }
    if ('values' in s) doc.values = [...s.values];
    if ('pattern' in s && s.pattern) doc.pattern = s.pattern.source;
    if (s.category) doc.category = s.category;
    if (s.requires) {
      doc.requires = s.requires;
      doc.available = has(s.requires);
    }
    if (s.type === 'object') doc.fields = documentParams(s.fields, has);
    return doc;
  });
}

export const REDACTED = '[redacted]';

/** A copy of validated parameters with every `secret` string replaced, for storage, logs and answers. */
export function redactParams(specs: readonly ParamSpec[], value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const spec of specs) {
    const v = out[spec.name];
    if (v === undefined) continue;
    if (spec.type === 'string' && spec.secret) out[spec.name] = REDACTED;
    else if (spec.type === 'object') out[spec.name] = redactParams(spec.fields, v as Record<string, unknown>);
  }
  return out;
}
