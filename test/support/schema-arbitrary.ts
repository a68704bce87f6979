import fc from 'fast-check';

/** The part of an OpenAPI 3.0 schema object a generator reads. */
export interface Schema {
  $ref?: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  enum?: unknown[];
  nullable?: boolean;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  not?: Schema;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minProperties?: number;
  maxProperties?: number;
}

/** How large generated values get beyond what the schema requires: a few items, short strings. */
const SPARE_ITEMS = 3;
const SPARE_CHARS = 24;

/**
 * A fast-check arbitrary of the values `schema` allows, `$ref`s resolved in `schemas`: the
 * requests a schema-reading client (a fuzzer, a generator) may send. Only what the schema states
 * shapes the values, so a server that refuses one shows a rule the document does not state.
 */
export function schemaArbitrary(schema: Schema, schemas: Record<string, Schema>): fc.Arbitrary<unknown> {
  const arb = (s: Schema): fc.Arbitrary<unknown> => {
    if (s.$ref) return arb(schemas[s.$ref.replace('#/components/schemas/', '')]!);
    const plain = ((): fc.Arbitrary<unknown> => {
      // An object's `anyOf`/`allOf`/`not` over `required` lists are rules between its fields: its values are filtered by them.
      const rules = (s.type === 'object' || s.properties) && (s.anyOf || s.allOf || s.not);
      if (rules) {
        const { anyOf, allOf, not, ...rest } = s;
        return arb(rest).filter((v) => holds(v as object, { ...(anyOf ? { anyOf } : {}), ...(allOf ? { allOf } : {}), ...(not ? { not } : {}) }));
      }
      if (s.allOf) {
        if (s.allOf.length !== 1) throw new Error('allOf of several schemas is not generated');
        return arb(s.allOf[0]!);
      }
      if (s.not) throw new Error('`not` is not generated');
      const members = s.oneOf ?? s.anyOf;
      if (members) return fc.oneof(...members.map(arb));
      if (s.enum) return fc.constantFrom(...s.enum);
      switch (s.type) {
        case 'boolean':
          return fc.boolean();
        case 'integer':
          return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
        case 'number':
          return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
        case 'string':
          return stringArbitrary(s);
        case 'array': {
          const min = s.minItems ?? 0;
          const max = Math.min(s.maxItems ?? min + SPARE_ITEMS, min + SPARE_ITEMS);
          const items = arb(s.items ?? {});
          return s.uniqueItems ? fc.uniqueArray(items, { minLength: min, maxLength: max, selector: (v) => JSON.stringify(v) }) : fc.array(items, { minLength: min, maxLength: max });
        }
        case 'object':
        case undefined: {
          if (!s.properties && s.additionalProperties === undefined && s.type === undefined) return fc.jsonValue();
          const props = s.properties ?? {};
          const known = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arb(v)])), { requiredKeys: (s.required ?? []).filter((k) => k in props) });
          const extra = s.additionalProperties;
          if (!extra) return known;
          const minKeys = s.minProperties ?? 0;
          const maxKeys = Math.min(s.maxProperties ?? minKeys + SPARE_ITEMS, minKeys + SPARE_ITEMS);
          const values = extra === true ? fc.jsonValue() : arb(extra);
          const keys = extra === true ? fc.string({ maxLength: SPARE_CHARS }) : fc.string({ minLength: 1, maxLength: SPARE_CHARS });
          return fc.tuple(known, fc.dictionary(keys.filter((k) => !(k in props)), values, { minKeys, maxKeys })).map(([a, b]) => ({ ...b, ...(a as object) }));
        }
      }
    })();
    return s.nullable ? fc.option(plain, { nil: null, freq: 8 }) : plain;
  };
  return arb(schema);
}

/** One UTF-16 unit, one code point: mostly printable ASCII, some of the rest of the BMP. */
const CHAR = fc.oneof(
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), weight: 5 },
  { arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCharCode(c)), weight: 1 },
);

// Building an arbitrary from a long pattern (an IPv6 address) takes a second; sampling it does not.
const byPattern = new Map<string, fc.Arbitrary<string>>();
function matching(pattern: string): fc.Arbitrary<string> {
  if (!byPattern.has(pattern)) byPattern.set(pattern, fc.stringMatching(new RegExp(pattern)));
  return byPattern.get(pattern)!;
}

/** Whether an object's keys meet a rule made of `required`, `anyOf`, `allOf` and `not`. */
function holds(v: object, rule: Schema): boolean {
  return (
    (rule.required ?? []).every((k) => Object.hasOwn(v, k)) &&
    (!rule.anyOf || rule.anyOf.some((r) => holds(v, r))) &&
    (!rule.allOf || rule.allOf.every((r) => holds(v, r))) &&
    (!rule.not || !holds(v, rule.not))
  );
}

function stringArbitrary(s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? min + SPARE_CHARS;
  if (s.pattern) return matching(s.pattern).filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
  if (s.format === 'date-time') return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date') return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  return fc.string({ minLength: min, maxLength: Math.min(max, min + SPARE_CHARS), unit: CHAR });
}
