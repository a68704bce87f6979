#!/usr/bin/env node
// Writes registries/iana-enterprise-numbers.tsv (number TAB name) from the IANA Private Enterprise
// Numbers registry as Debian's libwireshark-data ships it (/usr/share/wireshark/enterprises.tsv):
// `apt-get install libwireshark-data`, then `node scripts/enterprise-numbers.mjs [path]`.
// Names keep the registry's spelling less its contact URLs; the service shortens them to brands.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const source = process.argv[2] ?? '/usr/share/wireshark/enterprises.tsv';
const root = path.resolve(import.meta.dirname, '..');
const lines = readFileSync(source, 'utf8').split('\n');
const updated = lines.find((l) => /last updated/.test(l))?.replace(/^#\s*/, '') ?? '';
const out = [`# IANA Private Enterprise Numbers, from ${path.basename(source)} (Debian libwireshark-data); ${updated}`];
for (const line of lines) {
  const m = /^(\d+)\s+(.+?)\s*$/.exec(line);
  if (!m) continue;
  const name = m[2].replace(/\s*\((?:https?:\/\/|www\.)[^)]*\)\s*/g, ' ').replace(/\s+/g, ' ').trim();
  if (!name || /^(Reserved|Unassigned)$/i.test(name)) continue;
  out.push(`${m[1]}\t${name}`);
}
writeFileSync(path.join(root, 'registries', 'iana-enterprise-numbers.tsv'), `${out.join('\n')}\n`);
console.log(`${out.length - 1} enterprise numbers written`);
