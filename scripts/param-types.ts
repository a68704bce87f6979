// Writes src/api/generated/params.ts: the TypeScript types of every probe's parameters and of a
// scan's timing, from their one description as data (each probe's `params`, TIMING_PARAMS). tsoa
// needs real types to describe the API, and the probes need them to be typed; both read this file,
// so neither can drift from what validation enforces. Run by `npm run generate`; `--stdout` prints
// it instead (test/api/param-types.test.ts compares the two).
import { writeFileSync } from 'node:fs';
import type { ParamSpec } from '../src/probes/params.js';
import { PORT_MAX, PORT_MIN } from '../src/probes/ports.js';
import { PROBES } from '../src/probes/registry.js';
import { TIMING_PARAMS } from '../src/scans/request.js';
import { IP_ADDRESS_PATTERN, NETWORK_PATTERN, TARGET_PATTERN } from '../src/net/address-patterns.js';

const pascal = (s: string): string => s.replace(/(^|[-_])(\w)/g, (_m, _sep, c: string) => c.toUpperCase());

/** The JSDoc tsoa reads: the description, the default in words, the bounds as its annotations. */
function doc(spec: ParamSpec, indent: string): string {
  const lines = [`${spec.description}${spec.description.endsWith('.') ? '' : '.'}`];
  if (spec.type === 'integer[]') lines.push(`Each ${spec.min}–${spec.max}.${spec.unique ? ' No item twice.' : ''}`);
  if ('default' in spec && spec.default !== undefined) lines.push(`Default \`${Array.isArray(spec.default) ? JSON.stringify(spec.default) : String(spec.default)}\`.`);
  const tags: string[] = [];
  if (spec.type === 'integer') tags.push('@isInt');
  if (spec.type === 'integer') tags.push(`@minimum ${spec.min}`, `@maximum ${spec.max}`);
  if (spec.type === 'string') tags.push('@minLength 1', `@maxLength ${spec.maxLength}`);
  if (spec.type === 'string' && spec.pattern) tags.push(`@pattern ${spec.pattern.source}`);
  if (spec.type === 'integer[]' || spec.type === 'string[]' || spec.type === 'ports') tags.push(`@minItems ${spec.minItems}`, `@maxItems ${spec.maxItems}`);
  if (spec.type === 'integer[]' && spec.unique) tags.push('@uniqueItems');
  lines.push(...tags);
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`].join('\n');
}

/**
 * An array's items, as a type of their own (tsoa reads bounds and patterns of a type, not of an
 * array's items), named after the owner and field (snmp's oids: SnmpOidsItem).
 */
function item(spec: Extract<ParamSpec, { type: 'integer[]' | 'string[]' }>, owner: string): string {
  const name = `${owner}${pascal(spec.name)}Item`;
  const tags =
    spec.type === 'integer[]'
      ? ['@isInt', `@minimum ${spec.min}`, `@maximum ${spec.max}`]
      : ['@minLength 1', `@maxLength ${spec.maxLength}`, ...(spec.pattern ? [`@pattern ${spec.pattern.source}`] : [])];
  const block = `/**\n${tags.map((t) => ` * ${t}`).join('\n')}\n */\nexport type ${name} = ${spec.type === 'integer[]' ? 'number' : 'string'};`;
  if (!nested.includes(block)) nested.push(block);
  return name;
}

/** Interfaces of object parameters, named after their owner and field (snmp's v3: SnmpV3Spec). */
const nested: string[] = [];

function typeOf(spec: ParamSpec, owner: string): string {
  switch (spec.type) {
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    case 'enum':
      return spec.values.map((v) => `'${v}'`).join(' | ');
    case 'integer[]':
    case 'string[]':
      return `${item(spec, owner)}[]`;
    case 'ports':
      return 'Array<PortNumber | PortRange>';
    case 'object': {
      const name = `${owner}${pascal(spec.name)}Spec`;
      nested.push(`export interface ${name} {\n${fields(spec.fields, name, 'request')}\n}`);
      return name;
    }
  }
}

/**
 * `request`: as a client sends it (only `required` fields required); `validated`: as validation
 * hands it to the code (a field with a default is always there).
 */
function fields(specs: readonly ParamSpec[], owner: string, form: 'request' | 'validated'): string {
  return specs
    .map((s) => {
      const optional = s.required || (form === 'validated' && 'default' in s && s.default !== undefined) ? '' : '?';
      return `${doc(s, '  ')}\n  ${s.name}${optional}: ${typeOf(s, owner)};`;
    })
    .join('\n');
}

const blocks: string[] = [];
for (const probe of PROBES) {
  const name = pascal(probe.type);
  const request = fields(probe.params, name, 'request');
  nested.length = 0;
  const validated = fields(probe.params, name, 'validated');
  blocks.push(...nested);
  blocks.push(`/** A \`${probe.type}\` probe as a request gives it. */\nexport interface ${name}ProbeSpec {\n  type: '${probe.type}';\n${request}\n}`);
  blocks.push(`/** A \`${probe.type}\` probe's parameters once validated: defaults filled in. */\nexport interface ${name}Params {\n${validated}\n}`);
}
// The items of a `ports` parameter (probes/ports.ts), named once so the document describes them once.
blocks.push(`/**
 * A TCP or UDP port.
 * @isInt
 * @minimum ${PORT_MIN}
 * @maximum ${PORT_MAX}
 */
export type PortNumber = number;`);
blocks.push(`/**
 * An inclusive range of ports, \`"first-last"\` (\`"1-65535"\`: every port).
 * @pattern ^[0-9]{1,5}-[0-9]{1,5}$
 */
export type PortRange = string;`);
blocks.push(`export type ProbeSpec = ${PROBES.map((p) => `${pascal(p.type)}ProbeSpec`).join(' | ')};`);
blocks.push(`/** What a result's \`data\` holds, by probe. */\nexport type ResultData = ${PROBES.map((p) => `${pascal(p.type)}Data`).join(' | ')};`);
blocks.push(`export interface TimingSpec {\n${fields(TIMING_PARAMS, 'Timing', 'request')}\n}`);
blocks.push(`/** A scan's timing once validated: defaults filled in. */\nexport interface Timing {\n${fields(TIMING_PARAMS, 'Timing', 'validated')}\n}`);

// The address forms, as types whose pattern is the one the server parses (src/net/address-patterns.ts).
blocks.push(`/**\n * One IPv4 or IPv6 address, e.g. \`192.168.1.20\` or \`fd00::7\`.\n * @pattern ${IP_ADDRESS_PATTERN} is not an IP address\n */\nexport type IpAddress = string;`);
blocks.push(
  `/**\n * An address, or a CIDR such as \`192.168.1.0/24\` (an IPv4-mapped IPv6 address, \`::ffff:…\`, takes a prefix of 96 or more).\n * @pattern ${NETWORK_PATTERN} is not a CIDR or an address, e.g. 192.168.1.0/24\n */\nexport type Network = string;`,
);
blocks.push(
  `/**\n * An address, a CIDR (an IPv4-mapped IPv6 address, \`::ffff:…\`, takes a prefix of 96 or more) or an \`a-b\` range that ends at or after its start.\n * @maxLength 100\n * @pattern ${TARGET_PATTERN} must be an address, a CIDR or an a-b range\n */\nexport type ScanTarget = string;`,
);

const imports = PROBES.map((p) => `import type { ${pascal(p.type)}Data } from '../../probes/${p.type}/data.js';`);
const out = `// Generated by scripts/param-types.ts from each probe's \`params\` and TIMING_PARAMS: do not edit, run \`npm run generate\`.
${imports.join('\n')}

${blocks.join('\n\n')}
`;

if (process.argv.includes('--stdout')) process.stdout.write(out);
else writeFileSync(new URL('../src/api/generated/params.ts', import.meta.url), out);
