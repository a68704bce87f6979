#!/usr/bin/env node
// Finishes the OpenAPI document tsoa generates, for what tsoa cannot express, and generates the
// client types from it; run by `npm run generate` after `tsoa spec-and-routes`, and by the
// staleness test on a fresh tsoa output.
//   node scripts/openapi.mjs [SPEC TYPES]   finish SPEC (openapi/openapi.json) in place, write its
//                                           client types to TYPES (src/http/generated/api-types.ts)
// Every step is a rule over the document, not a list of operations, so a new operation, field or
// probe type is covered without touching this file. Running it twice changes nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = path.resolve(import.meta.dirname, '..');

const PROBLEM = 'application/problem+json';
const problemContent = () => ({ [PROBLEM]: { schema: { $ref: '#/components/schemas/Problem' } } });
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** What any operation with these traits can answer; an operation's own wording wins. */
const COMMON_ERRORS = {
  secured: {
    401: { description: 'No token, or one that is invalid, expired or revoked', headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'Bearer challenge' } } },
    403: { description: 'The token lacks a scope this operation needs' },
    429: { description: 'Too many requests from this principal', headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } } },
  },
  body: {
    400: { description: 'Malformed JSON or invalid fields (`errors` names each by JSON Pointer)' },
    413: { description: 'Body larger than the server accepts' },
    415: { description: 'Body not sent as JSON (Content-Type), or in a charset or Content-Encoding the parser cannot read' },
  },
  // Every operation: the server refuses a query parameter an operation does not declare.
  any: {
    400: { description: 'Invalid parameters, or a query parameter this operation does not take (`errors` names each)' },
  },
};

/**
 * Rules between a schema's fields that TypeScript types (and so tsoa) cannot state, in JSON Schema:
 * a scan names its probes by `probes`, `probe` or `want` (at least one), never by both `probe` and
 * `probes`; what only a `want` scan takes comes with `want`.
 */
const FIELD_RULES = {
  ScanRequest: {
    allOf: [
      { anyOf: [{ required: ['probes'] }, { required: ['probe'] }, { required: ['want'] }] },
      { not: { required: ['probe', 'probes'] } },
      { anyOf: [{ required: ['want'] }, { not: { anyOf: ['credentials', 'known', 'budget', 'allowIntrusive'].map((k) => ({ required: [k] })) } }] },
    ],
  },
};

/** OpenAPI 3.0 names a license by URL: the SPDX page of the package's license. */
function licenseUrl(info) {
  if (info?.license?.name && !info.license.url) info.license.url = `https://spdx.org/licenses/${info.license.name}.html`;
}

function operations(doc) {
  return Object.entries(doc.paths ?? {}).flatMap(([route, item]) => METHODS.filter((m) => item[m]).map((m) => ({ route, method: m, op: item[m] })));
}

function addCommonErrors(op) {
  const traits = ['any'];
  if (op.security?.some((s) => Object.keys(s).length)) traits.push('secured');
  if (op.requestBody) traits.push('body');
  for (const trait of traits) {
    for (const [status, response] of Object.entries(COMMON_ERRORS[trait])) op.responses[status] ??= structuredClone(response);
  }
}

/**
 * The error handler answers every error as RFC 9457 problem+json; tsoa can only say
 * application/json. A status that answers another body (readiness's 503) keeps its own.
 */
function problemJson(op) {
  for (const [status, response] of Object.entries(op.responses)) {
    if (Number(status) < 400) continue;
    const schema = response.content?.['application/json']?.schema;
    if (!response.content || schema?.$ref === '#/components/schemas/Problem') response.content = problemContent();
  }
}

/**
 * A controller method that writes its own body (a stream, an export) is documented by tsoa as
 * JSON or without content; `@Extension('x-response-content-type', type or [types])` says what it
 * sends (several: by its `format` parameter).
 */
function streamedContent(op) {
  const types = [op['x-response-content-type'] ?? []].flat();
  if (!types.length) return;
  for (const [status, response] of Object.entries(op.responses)) {
    if (/^2\d\d$/.test(status) && status !== '204') response.content = Object.fromEntries(types.map((type) => [type, { schema: { type: 'string' } }]));
  }
  delete op['x-response-content-type'];
}

/**
 * tsoa checks `@uniqueItems` but leaves it out of the document; an array described with "No item
 * twice." (the words beside the tag) says it.
 */
function uniqueArrays(node) {
  if (Array.isArray(node)) return node.forEach(uniqueArrays);
  if (!node || typeof node !== 'object') return;
  if (node.type === 'array' && /\bNo item twice\./.test(node.description ?? '')) node.uniqueItems = true;
  Object.values(node).forEach(uniqueArrays);
}

/** Orders responses by status code, so the document reads the same however they were added. */
function sortResponses(op) {
  op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * A union of object schemas that all require one property with a single, distinct constant value
 * (probe specs by `type`) becomes `oneOf` with a discriminator, so generators emit a tagged union.
 */
function discriminate(schemas) {
  for (const schema of Object.values(schemas)) {
    const members = schema.anyOf ?? schema.oneOf;
    if (!members?.length || !members.every((m) => typeof m.$ref === 'string')) continue;
    const targets = members.map((m) => [m.$ref, schemas[m.$ref.replace('#/components/schemas/', '')]]);
    const constant = (s, prop) => (s?.required?.includes(prop) && s.properties?.[prop]?.enum?.length === 1 ? s.properties[prop].enum[0] : undefined);
    const candidates = Object.keys(targets[0][1]?.properties ?? {});
    const prop = candidates.find((p) => {
      const values = targets.map(([, s]) => constant(s, p));
      return values.every((v) => typeof v === 'string') && new Set(values).size === values.length;
    });
    if (!prop) continue;
    delete schema.anyOf;
    schema.oneOf = members;
    schema.discriminator = { propertyName: prop, mapping: Object.fromEntries(targets.map(([ref, s]) => [constant(s, prop), ref])) };
  }
}

/**
 * tsoa writes `T | U | null` as `anyOf` beside `nullable: true`, which OpenAPI 3.0 ignores without
 * a `type`; each member says it instead.
 */
function nullableUnions(node) {
  if (Array.isArray(node)) return node.forEach(nullableUnions);
  if (!node || typeof node !== 'object') return;
  const members = node.anyOf ?? node.oneOf;
  if (node.nullable === true && !node.type && members) {
    delete node.nullable;
    for (const m of members) {
      if (m.$ref) Object.assign(m, { allOf: [{ $ref: m.$ref }], nullable: true }), delete m.$ref;
      else m.nullable = true;
    }
  }
  Object.values(node).forEach(nullableUnions);
}

/** tsoa names a mapped type after its expression (`Pick_Scan.Exclude_…__`); generators then invent names. */
function checkSchemaNames(schemas) {
  const bad = Object.keys(schemas).filter((n) => !/^[A-Z][A-Za-z0-9]*$/.test(n));
  if (bad.length) throw new Error(`schema names that clients cannot use: ${bad.join(', ')}; give each an interface or type alias of its own`);
}

/** Every operation has a summary and tag (generators name methods and group them by these). */
function checkOperations(doc) {
  const missing = operations(doc).filter(({ op }) => !op.summary || !op.tags?.length).map(({ method, route }) => `${method.toUpperCase()} ${route}`);
  if (missing.length) throw new Error(`operations without a @summary or @Tags: ${missing.join(', ')}`);
}

export function finishSpec(doc) {
  for (const { op } of operations(doc)) {
    addCommonErrors(op);
    problemJson(op);
    streamedContent(op);
    sortResponses(op);
  }
  nullableUnions(doc.components?.schemas ?? {});
  uniqueArrays(doc.components?.schemas ?? {});
  for (const [name, rules] of Object.entries(FIELD_RULES)) if (doc.components?.schemas?.[name]) Object.assign(doc.components.schemas[name], rules);
  licenseUrl(doc.info);
  discriminate(doc.components?.schemas ?? {});
  checkSchemaNames(doc.components?.schemas ?? {});
  checkOperations(doc);
  return doc;
}

/** The JSON text as tsoa writes it (tabs), so a diff of the committed file stays readable. */
export const specText = (doc) => JSON.stringify(doc, null, '\t');

/**
 * TypeScript types of the document as openapi-typescript generates them for clients (a test
 * drives the API through openapi-fetch with them), so a document generators choke on fails here.
 */
export async function clientTypes(doc) {
  const header = '// Generated from openapi/openapi.json by openapi-typescript (npm run generate); do not edit.\n';
  return header + astToString(await openapiTS(structuredClone(doc), { silent: true }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [specFile, typesFile] = process.argv.length > 2 ? process.argv.slice(2) : [path.join(root, 'openapi', 'openapi.json'), path.join(root, 'src', 'http', 'generated', 'api-types.ts')];
  const doc = finishSpec(JSON.parse(readFileSync(specFile, 'utf8')));
  writeFileSync(specFile, specText(doc));
  writeFileSync(typesFile, await clientTypes(doc));
}
