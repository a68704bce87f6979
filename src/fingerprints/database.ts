import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PatternError, translateRubyPattern, type TranslatedPattern } from './ruby-regex.js';

/** One `param`: capture group `pos`, or the constant `value` when `pos` is 0. */
export interface FingerprintParam {
  pos: number;
  name: string;
  value?: string;
}

/** One `example`: the text and the params it must give. */
export interface FingerprintExample {
  text: string;
  expect: Record<string, string>;
}

export interface Fingerprint {
  description: string;
  /** Line of its `<fingerprint` in the file. */
  line: number;
  pattern: string;
  flags?: string;
  /** Recog's optional certainty; below 1 every fact it gives counts as inferred. */
  certainty?: number;
  compiled: TranslatedPattern;
  regex: RegExp;
  params: FingerprintParam[];
  examples: FingerprintExample[];
}

/** A pattern that has no JavaScript translation: reported, and its fingerprint left out. */
export interface PatternProblem {
  file: string;
  line: number;
  description: string;
  pattern: string;
  reason: string;
}

export interface FingerprintFile {
  /** Path relative to its database's directory. */
  file: string;
  /** What the file's patterns are matched against, e.g. `ssh.banner`. */
  matches: string;
  protocol?: string;
  databaseType?: string;
  /** Recog's ordering among files with the same `matches` (higher first); 0.10 when absent, as Recog's. */
  preference: number;
  fingerprints: Fingerprint[];
  problems: PatternProblem[];
}

export interface FingerprintDatabase {
  /** `pscan` for ours; a loaded directory's base name otherwise. */
  name: string;
  dir: string;
  files: FingerprintFile[];
}

/** A file that cannot be read as a fingerprint database: start-up stops on it. */
export class FingerprintFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'FingerprintFileError';
  }
}

const DEFAULT_PREFERENCE = 0.1;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseAttributeValue: false,
  parseTagValue: false,
  htmlEntities: true,
  isArray: (name) => name === 'fingerprint' || name === 'example' || name === 'param',
});

type XmlNode = Record<string, unknown>;

/** Lines of each `<fingerprint` start tag, comments blanked first so a commented one does not count. */
function fingerprintLines(xml: string): number[] {
  const blanked = xml.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  const lines: number[] = [];
  const re = /<fingerprint[\s>/]/g;
  for (let m = re.exec(blanked); m; m = re.exec(blanked)) lines.push(blanked.slice(0, m.index).split('\n').length);
  return lines;
}

function text(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && typeof (node as XmlNode)['#text'] === 'string') return (node as XmlNode)['#text'] as string;
  return '';
}

function readExample(node: unknown, file: string, line: number, baseDir: string): FingerprintExample {
  const attrs = (node && typeof node === 'object' ? node : {}) as Record<string, unknown>;
  const expect: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (k !== '#text' && !k.startsWith('_') && typeof v === 'string') expect[k] = v;
  let body = text(node);
  if (typeof attrs._filename === 'string') {
    // Recog keeps long examples in a folder named after the file.
    const dir = path.join(baseDir, path.basename(file, '.xml'));
    const target = path.resolve(dir, attrs._filename);
    if (!target.startsWith(dir + path.sep)) throw new FingerprintFileError(file, line, `example _filename ${attrs._filename} leaves ${dir}`);
    try {
      body = readFileSync(target, 'latin1');
    } catch {
      throw new FingerprintFileError(file, line, `example _filename ${attrs._filename} cannot be read`);
    }
  }
  if (attrs._encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('latin1');
  else if (attrs._encoding !== undefined) throw new FingerprintFileError(file, line, `unknown example _encoding ${String(attrs._encoding)}`);
  return { text: body, expect };
}

/** Parses one file's XML; `baseDir` is where `_filename` examples are looked for. */
export function parseFingerprintFile(xml: string, file: string, baseDir: string): FingerprintFile {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new FingerprintFileError(file, valid.err.line, valid.err.msg);
  const doc = parser.parse(xml) as XmlNode;
  const root = doc.fingerprints as XmlNode | undefined;
  if (!root || typeof root !== 'object') throw new FingerprintFileError(file, 1, 'the root element is not <fingerprints>');
  const lines = fingerprintLines(xml);
  const preference = root.preference === undefined ? DEFAULT_PREFERENCE : Number(root.preference);
  if (!Number.isFinite(preference)) throw new FingerprintFileError(file, 1, `preference ${String(root.preference)} is not a number`);
  const out: FingerprintFile = {
    file,
    // Recog: without `matches`, the file's base name.
    matches: typeof root.matches === 'string' && root.matches ? root.matches : path.basename(file, '.xml'),
    ...(typeof root.protocol === 'string' ? { protocol: root.protocol } : {}),
    ...(typeof root.database_type === 'string' ? { databaseType: root.database_type } : {}),
    preference,
    fingerprints: [],
    problems: [],
  };
  const nodes = (root.fingerprint ?? []) as XmlNode[];
  nodes.forEach((node, n) => {
    const line = lines[n] ?? 1;
    const pattern = node.pattern;
    if (typeof pattern !== 'string') throw new FingerprintFileError(file, line, 'a fingerprint has no pattern attribute');
    const description = text(node.description).trim();
    if (!description) throw new FingerprintFileError(file, line, 'a fingerprint has no description');
    const params = ((node.param ?? []) as XmlNode[]).map((p): FingerprintParam => {
      const pos = Number(p.pos);
      if (typeof p.name !== 'string' || !p.name || !Number.isInteger(pos) || pos < 0) throw new FingerprintFileError(file, line, 'a param needs a name and a whole pos ≥ 0');
      if (pos === 0 && typeof p.value !== 'string') throw new FingerprintFileError(file, line, `param ${p.name} has pos 0 and no value`);
      return { pos, name: p.name, ...(pos === 0 ? { value: p.value as string } : {}) };
    });
    const flags = typeof node.flags === 'string' && node.flags.trim() ? node.flags.trim() : undefined;
    const examples = ((node.example ?? []) as unknown[]).map((e) => readExample(e, file, line, baseDir));
    const certainty = node.certainty === undefined ? undefined : Number(node.certainty);
    let compiled: TranslatedPattern;
    try {
      compiled = translateRubyPattern(pattern, flags);
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
      out.problems.push({ file, line, description, pattern, reason: err.message });
      return;
    }
    out.fingerprints.push({
      description,
      line,
      pattern,
      ...(flags ? { flags } : {}),
      ...(certainty !== undefined && Number.isFinite(certainty) ? { certainty } : {}),
      compiled,
      regex: new RegExp(compiled.source, compiled.flags),
      params,
      examples,
    });
  });
  return out;
}

function xmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) out.push(...xmlFiles(full));
    else if (name.endsWith('.xml')) out.push(full);
  }
  return out;
}

/**
 * Loads every `*.xml` under `dir`; a directory holding an `xml/` folder (a Recog checkout) is read
 * from that folder only, so its test data is not taken for fingerprints. Files that are not
 * fingerprint databases, such as Recog's schema, are skipped by their root element.
 */
export function loadFingerprintDatabase(dir: string, name: string): FingerprintDatabase {
  const files: FingerprintFile[] = [];
  const xmlDir = path.join(dir, 'xml');
  const root = existsSync(xmlDir) && statSync(xmlDir).isDirectory() ? xmlDir : dir;
  for (const full of xmlFiles(root)) {
    const xml = readFileSync(full, 'utf8');
    const rel = path.relative(root, full);
    // An XML file of another kind (an XSD, a feature test's data) is not ours to judge.
    if (!/<fingerprints[\s>]/.test(xml)) continue;
    files.push(parseFingerprintFile(xml, rel, path.dirname(full)));
  }
  return { name, dir, files };
}
