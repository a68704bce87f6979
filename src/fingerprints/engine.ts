import vm from 'node:vm';
import v8 from 'node:v8';
import type { Fingerprint, FingerprintDatabase, FingerprintFile, PatternProblem } from './database.js';

// A pattern that backtracks past V8's budget continues on its linear-time engine instead of
// running for minutes (patterns that engine cannot take run under a time limit: `match`).
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

/**
 * The longest text matched; answers are cut here. The fields are lines, not documents (an SSH
 * identification is at most 255 characters, a sysDescr a DisplayString of 255), and a pattern that
 * backtracks quadratically costs 16 times less on 1,024 characters than on 4,096.
 */
export const MATCH_TEXT_MAX = 1024;
/** How long one pattern the linear engine cannot take may run on one text (wall time: generous, so a busy machine does not lose a match). */
export const GUARDED_MATCH_MS = 200;

/** The `matches` keys the service feeds that Recog names otherwise (a file without `matches` takes its file name). */
const ALIASES: Record<string, readonly string[]> = {
  'telnet.banner': ['telnet_banners'],
};

export interface FingerprintMatch {
  database: string;
  file: string;
  description: string;
  /** The fingerprint's line in its file. */
  line: number;
  params: Record<string, string>;
  /** Params taken from the text itself (captured, or a constant the text contains): what the device states. */
  stated: string[];
  certainty?: number;
}

interface IndexedFile {
  database: string;
  file: FingerprintFile;
  /** Fingerprints by a three-character piece of the literal each must contain. */
  byTrigram: Map<string, number[]>;
  /** Fingerprints with no such literal: always tried. */
  always: number[];
}

export interface DatabaseSummary {
  name: string;
  dir: string;
  files: Array<{ file: string; matches: string; protocol?: string; preference: number; fingerprints: number }>;
  fingerprints: number;
  /** Patterns with no JavaScript translation, left out and listed here. */
  problems: PatternProblem[];
}

/** A guarded pattern that ran out of time, for the log and the metrics. */
export interface MatchTimeout {
  database: string;
  file: string;
  line: number;
}

interface GuardState {
  patterns: RegExp[];
  text: string;
  /** Where the run starts, and how far it got: on a timeout, the pattern that ran out of time. */
  at: number;
  found: RegExpExecArray | null;
}

const guard = vm.createContext({ patterns: [], text: '', at: 0, found: null } satisfies GuardState) as GuardState;
// One run tries the patterns in order until one matches, so an answer pays for one time-limited
// run (its watchdog thread is most of the cost), not one per pattern.
const guardScript = new vm.Script('found = null; for (; at < patterns.length; at++) { patterns[at].lastIndex = 0; found = patterns[at].exec(text); if (found) break; }');

/**
 * The first of these patterns (in order) that matches `text`, each under the time limit; a pattern
 * that runs out of time counts as no match and is reported through `timedOut`.
 */
function firstGuarded(patterns: RegExp[], text: string, timedOut: (index: number) => void): { index: number; match: RegExpExecArray } | undefined {
  guard.patterns = patterns;
  guard.text = text;
  guard.at = 0;
  try {
    while (guard.at < patterns.length) {
      try {
        guardScript.runInContext(guard, { timeout: GUARDED_MATCH_MS });
        return guard.found ? { index: guard.at, match: guard.found } : undefined;
      } catch (err) {
        if ((err as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw err;
        timedOut(guard.at);
        guard.at++;
      }
    }
    return undefined;
  } finally {
    guard.patterns = [];
    guard.found = null;
  }
}

function index(database: string, file: FingerprintFile): IndexedFile {
  const byTrigram = new Map<string, number[]>();
  const always: number[] = [];
  file.fingerprints.forEach((fp, n) => {
    const literal = fp.compiled.literal;
    if (!literal) return always.push(n);
    // The literal's rarest-looking piece: the one with the fewest fingerprints so far.
    let best = literal.slice(0, 3);
    for (let i = 1; i + 3 <= literal.length; i++) {
      const piece = literal.slice(i, i + 3);
      if ((byTrigram.get(piece)?.length ?? 0) < (byTrigram.get(best)?.length ?? 0)) best = piece;
    }
    const list = byTrigram.get(best) ?? [];
    list.push(n);
    byTrigram.set(best, list);
  });
  return { database, file, byTrigram, always };
}

const INTERPOLATION = /\{([\w.-]+)\}/g;

/** Recog's result: each param from its capture group or constant, then `{name}` filled in from the others. */
export function paramsOf(fp: Fingerprint, m: RegExpExecArray, text: string): { params: Record<string, string>; stated: string[] } {
  const params: Record<string, string> = {};
  const stated: string[] = [];
  const lower = text.toLowerCase();
  for (const p of fp.params) {
    if (p.pos === 0) {
      params[p.name] = p.value!;
      if (!p.value!.includes('{') && p.value!.length > 1 && lower.includes(p.value!.toLowerCase())) stated.push(p.name);
    } else {
      // Ruby gives an empty string for a group that matched nothing, nil for one that did not take part.
      const value = m[p.pos];
      if (value !== undefined) {
        params[p.name] = value;
        if (value) stated.push(p.name);
      }
    }
  }
  for (const [name, value] of Object.entries(params)) {
    if (!value.includes('{')) continue;
    let missing = false;
    const filled = value.replace(INTERPOLATION, (_, ref: string) => {
      const v = params[ref];
      if (v === undefined || v.includes('{')) {
        missing = true;
        return '';
      }
      return v;
    });
    // A CPE with an unknown part names any version; another value with a hole is no value.
    if (!missing) params[name] = filled;
    else if (name.endsWith('.cpe23')) params[name] = value.replace(INTERPOLATION, (_, ref: string) => (params[ref] && !params[ref]!.includes('{') ? params[ref]! : '*'));
    else delete params[name];
  }
  return { params, stated };
}

/**
 * Every loaded database, matched as Recog's Nizer matches: per file, the first fingerprint whose
 * pattern matches wins. Files are tried in precedence order: the databases in the order given
 * (those a user loads before ours), and within a database by `preference`, highest first.
 */
export class FingerprintEngine {
  private readonly byKey = new Map<string, IndexedFile[]>();
  private timeouts: MatchTimeout[] = [];

  constructor(readonly databases: readonly FingerprintDatabase[]) {
    for (const db of databases) {
      const files = [...db.files].sort((a, b) => b.preference - a.preference || a.file.localeCompare(b.file));
      for (const file of files) {
        const list = this.byKey.get(file.matches) ?? [];
        list.push(index(db.name, file));
        this.byKey.set(file.matches, list);
      }
    }
  }

  /** The `matches` keys some loaded file answers. */
  keys(): string[] {
    return [...this.byKey.keys()].sort();
  }

  summary(): DatabaseSummary[] {
    return this.databases.map((db) => ({
      name: db.name,
      dir: db.dir,
      files: db.files.map((f) => ({ file: f.file, matches: f.matches, ...(f.protocol ? { protocol: f.protocol } : {}), preference: f.preference, fingerprints: f.fingerprints.length })),
      fingerprints: db.files.reduce((n, f) => n + f.fingerprints.length, 0),
      problems: db.files.flatMap((f) => f.problems),
    }));
  }

  /** Patterns that ran out of time since the last call. */
  drainTimeouts(): MatchTimeout[] {
    const out = this.timeouts;
    this.timeouts = [];
    return out;
  }

  /** Per file answering `matches`, in precedence order, its first fingerprint matching `text`. */
  match(matches: string, text: string): FingerprintMatch[] {
    const files = [...(this.byKey.get(matches) ?? []), ...(ALIASES[matches] ?? []).flatMap((alias) => this.byKey.get(alias) ?? [])];
    if (!files.length) return [];
    const subject = text.length > MATCH_TEXT_MAX ? text.slice(0, MATCH_TEXT_MAX) : text;
    const lower = subject.toLowerCase();
    const out: FingerprintMatch[] = [];
    for (const indexed of files) {
      const hit = this.first(indexed, subject, lower);
      if (hit) out.push(hit);
    }
    return out;
  }

  /** The file's first matching fingerprint, trying only those whose literal the text contains. */
  firstInFile(database: string, file: string, text: string): FingerprintMatch | undefined {
    for (const list of this.byKey.values()) {
      const indexed = list.find((f) => f.database === database && f.file.file === file);
      if (indexed) return this.first(indexed, text.slice(0, MATCH_TEXT_MAX), text.slice(0, MATCH_TEXT_MAX).toLowerCase());
    }
    return undefined;
  }

  private first(indexed: IndexedFile, subject: string, lower: string): FingerprintMatch | undefined {
    const candidates = new Set<number>(indexed.always);
    if (indexed.byTrigram.size) {
      for (let i = 0; i + 3 <= lower.length; i++) {
        const list = indexed.byTrigram.get(lower.slice(i, i + 3));
        if (list) for (const n of list) candidates.add(n);
      }
    }
    const order = [...candidates].sort((a, b) => a - b);
    // Patterns that run under the time limit wait until a native one matches (or none does): only
    // those before it can still come first, and they run together.
    const guarded: Fingerprint[] = [];
    const firstOf = (): { fp: Fingerprint; m: RegExpExecArray } | undefined => {
      if (!guarded.length) return undefined;
      const hit = firstGuarded(
        guarded.map((fp) => fp.regex),
        subject,
        (i) => this.timeouts.push({ database: indexed.database, file: indexed.file.file, line: guarded[i]!.line }),
      );
      return hit && { fp: guarded[hit.index]!, m: hit.match };
    };
    for (const n of order) {
      const fp = indexed.file.fingerprints[n]!;
      const literal = fp.compiled.literal;
      if (literal && !lower.includes(literal)) continue;
      if (!fp.compiled.linear) {
        guarded.push(fp);
        continue;
      }
      fp.regex.lastIndex = 0;
      const m = fp.regex.exec(subject);
      if (m) return this.hit(indexed, firstOf() ?? { fp, m }, subject);
    }
    const last = firstOf();
    return last && this.hit(indexed, last, subject);
  }

  private hit(indexed: IndexedFile, { fp, m }: { fp: Fingerprint; m: RegExpExecArray }, subject: string): FingerprintMatch {
    const { params, stated } = paramsOf(fp, m, subject);
    {
      return {
        database: indexed.database,
        file: indexed.file.file,
        description: fp.description,
        line: fp.line,
        params,
        stated,
        ...(fp.certainty !== undefined ? { certainty: fp.certainty } : {}),
      };
    }
  }
}
