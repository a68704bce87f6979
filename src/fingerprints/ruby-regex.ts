/**
 * Recog's patterns are Ruby regular expressions; this translates one, once, at load into a
 * JavaScript RegExp with the same meaning, or says why it cannot.
 *
 * Ruby differs from JavaScript where it matters here: `^` and `$` always match at line breaks
 * (the `m` flag here), Ruby's MULTILINE is JavaScript's dotAll (`.` is rewritten per group, so
 * `(?m:…)` and `(?i:…)` scoped options work without JavaScript's inline modifiers), `\A \z \Z \h`,
 * POSIX bracket classes, `{,n}`, possessive quantifiers and atomic groups (read as plain groups),
 * extended mode, and unnamed groups that do not capture once a pattern names one.
 *
 * Case-insensitivity is written into the pattern (`a` → `[aA]`) rather than asked of the flag: V8
 * runs a pattern that overruns its backtracking budget on its linear-time engine, which takes no
 * `i` flag, no lookaround and no back-reference, and bounded repetition only up to a product of 16
 * (`linear` says whether a pattern qualifies; the matcher runs the others under a time limit).
 */

export interface TranslatedPattern {
  source: string;
  flags: string;
  /** Whether V8's linear-time engine can take over this pattern when it backtracks too much. */
  linear: boolean;
  /** Lower-case text every match must contain (for the index); absent when none is certain. */
  literal?: string;
}

export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

/** Recog's flag names: REG_ICASE is Ruby's IGNORECASE, the three others its MULTILINE (dot matches newline). */
const FLAG_OPTIONS: Record<string, 'i' | 'm'> = {
  REG_ICASE: 'i',
  IGNORECASE: 'i',
  REG_DOT_NEWLINE: 'm',
  REG_LINE_ANY_CRLF: 'm',
  REG_MULTILINE: 'm',
};

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  blank: ' \\t',
  xdigit: '0-9a-fA-F',
  word: '\\w',
  punct: '!-\\/:-@\\[-`{-~',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
  cntrl: '\\x00-\\x1f\\x7f',
};

/** V8's linear engine refuses a pattern whose nested repetition bounds multiply past this. */
const LINEAR_MAX_REPLICATION = 16;
/** Below this length a literal narrows nothing. */
const MIN_LITERAL = 3;

interface Options {
  ignoreCase: boolean;
  dotAll: boolean;
  extended: boolean;
}

interface Frame {
  options: Options;
  /** The largest repetition product of anything inside the group so far. */
  replication: number;
  /** Atoms read in the group, and whether the last one was repeated without bound (`a+`, `.*`). */
  atoms: number;
  unboundedAtom: boolean;
  alternation: boolean;
}

function parseFlags(flags: string | undefined): Options {
  const options: Options = { ignoreCase: false, dotAll: false, extended: false };
  for (const name of (flags ?? '').split(/[\s,|]+/).filter(Boolean)) {
    const option = FLAG_OPTIONS[name];
    if (!option) throw new PatternError(`unknown flag ${name}`);
    if (option === 'i') options.ignoreCase = true;
    else options.dotAll = true;
  }
  return options;
}

function caseless(ch: string): string {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  return lower === upper ? escapeLiteral(ch) : `[${lower}${upper}]`;
}

function escapeLiteral(ch: string): string {
  return /[\\^$.|?*+()[\]{}/]/.test(ch) ? `\\${ch}` : ch;
}

/** Applies `(?imx-imx)` option letters to a copy of `options`. */
function withOptions(options: Options, spec: string): Options {
  const out = { ...options };
  let on = true;
  for (const letter of spec) {
    if (letter === '-') on = false;
    else if (letter === 'i') out.ignoreCase = on;
    else if (letter === 'm') out.dotAll = on;
    else if (letter === 'x') out.extended = on;
    else throw new PatternError(`unsupported option (?${spec})`);
  }
  return out;
}

/** Translates a bracket class starting at `pattern[start]` (`[`); returns it and the index after it. */
function translateClass(pattern: string, start: number, ignoreCase: boolean): { text: string; end: number } {
  let i = start + 1;
  let out = '[';
  if (pattern[i] === '^') {
    out += '^';
    i++;
  }
  // A `]` first in the class is a literal in Ruby.
  if (pattern[i] === ']') {
    out += '\\]';
    i++;
  }
  const extra: string[] = [];
  while (i < pattern.length && pattern[i] !== ']') {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new PatternError('pattern ends inside a class');
      if (next === 'h') out += '0-9a-fA-F';
      else if (next === 'H' || next === 'p' || next === 'P') throw new PatternError(`\\${next} inside a class has no JavaScript form`);
      else out += `\\${next}`;
      i += 2;
      continue;
    }
    if (ch === '[') {
      const posix = /^\[:(\^?)(\w+):\]/.exec(pattern.slice(i));
      if (!posix) throw new PatternError('nested character classes have no JavaScript form');
      const name = POSIX_CLASSES[posix[2]!];
      if (!name || posix[1]) throw new PatternError(`POSIX class [:${posix[1]}${posix[2]}:] has no JavaScript form`);
      out += name;
      i += posix[0].length;
      continue;
    }
    if (ch === '&' && pattern[i + 1] === '&') throw new PatternError('class intersection (&&) has no JavaScript form');
    const range = /^(.)-([^\]\\])/.exec(pattern.slice(i));
    if (range) {
      out += `${escapeClassChar(range[1]!)}-${escapeClassChar(range[2]!)}`;
      if (ignoreCase) {
        const [from, to] = [range[1]!, range[2]!];
        if (/[a-z]/.test(from) && /[a-z]/.test(to)) extra.push(`${from.toUpperCase()}-${to.toUpperCase()}`);
        else if (/[A-Z]/.test(from) && /[A-Z]/.test(to)) extra.push(`${from.toLowerCase()}-${to.toLowerCase()}`);
      }
      i += 3;
      continue;
    }
    out += escapeClassChar(ch);
    if (ignoreCase && ch.toLowerCase() !== ch.toUpperCase()) extra.push(ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase());
    i++;
  }
  if (i >= pattern.length) throw new PatternError('unterminated character class');
  return { text: `${out}${extra.join('')}]`, end: i + 1 };
}

function escapeClassChar(ch: string): string {
  // `-` escaped: case-insensitivity appends characters after it, which would make it a range.
  return ch === '[' || ch === '/' || ch === '-' ? `\\${ch}` : ch;
}

/** Whether the pattern names a group, which in Ruby makes its unnamed groups non-capturing. */
function namesGroups(pattern: string): boolean {
  return /\(\?(?:<[A-Za-z_]\w*>|'[A-Za-z_]\w*')/.test(pattern);
}

/** Translates Recog's `pattern` and `flags` into a JavaScript RegExp source and flags. */
export function translateRubyPattern(pattern: string, flags?: string): TranslatedPattern {
  const named = namesGroups(pattern);
  const frames: Frame[] = [{ options: parseFlags(flags), replication: 1, atoms: 0, unboundedAtom: false, alternation: false }];
  let out = '';
  let linear = true;
  let sticky = false;
  let topAlternation = false;
  const literals: string[] = [];
  let run = '';
  /** The repetition product of the atom just read, until we know whether a quantifier follows. */
  let pending: number | undefined;
  /** Where the run stood before the last literal character, for a quantifier that may drop it. */
  let runBeforeLast: string | undefined;
  /** The group just closed held one atom repeated without bound: `(a+)*` reads as `(a+)?`. */
  let closedRepeatedAtom = false;

  const frame = (): Frame => frames[frames.length - 1]!;
  const endRun = (): void => {
    if (frames.length === 1 && run.length >= MIN_LITERAL) literals.push(run);
    run = '';
    runBeforeLast = undefined;
  };
  const commit = (): void => {
    if (pending !== undefined) frame().replication = Math.max(frame().replication, pending);
    pending = undefined;
  };
  const atom = (text: string, literalChar?: string, replication = 1): void => {
    commit();
    closedRepeatedAtom = false;
    frame().atoms++;
    frame().unboundedAtom = false;
    out += text;
    pending = replication;
    if (literalChar !== undefined && frames.length === 1) {
      runBeforeLast = run;
      run += literalChar.toLowerCase();
    } else endRun();
  };

  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    const options = frame().options;
    if (options.extended && /\s/.test(ch)) {
      i++;
      continue;
    }
    if (options.extended && ch === '#') {
      const nl = pattern.indexOf('\n', i);
      i = nl < 0 ? pattern.length : nl + 1;
      continue;
    }
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new PatternError('pattern ends with a backslash');
      i += 2;
      if (next === 'A') {
        if (out === '' && frames.length === 1) sticky = true;
        else {
          atom('(?<![\\s\\S])');
          linear = false;
        }
        continue;
      }
      if (next === 'z' || next === 'Z') {
        atom(next === 'z' ? '(?![\\s\\S])' : '(?=\\n?(?![\\s\\S]))');
        linear = false;
        continue;
      }
      if (next === 'h') atom('[0-9a-fA-F]');
      else if (next === 'H') atom('[^0-9a-fA-F]');
      else if (next === 'R') atom('(?:\\r\\n|[\\n\\v\\f\\r])');
      else if (next === 'e') atom('\\x1b', '\x1b');
      else if (next === 'a') atom('\\x07', '\x07');
      else if ('GKXpPg'.includes(next)) throw new PatternError(`\\${next} has no JavaScript form`);
      else if (next === 'k') {
        const ref = /^<(\w+)>/.exec(pattern.slice(i));
        if (!ref) throw new PatternError('malformed \\k back-reference');
        i += ref[0].length;
        atom(`\\k<${ref[1]}>`);
        linear = false;
      } else if (/[1-9]/.test(next)) {
        atom(`\\${next}`);
        linear = false;
      } else if (next === 'x') {
        const hex = /^[0-9a-fA-F]{1,2}/.exec(pattern.slice(i))?.[0] ?? '';
        i += hex.length;
        const char = hex ? String.fromCharCode(parseInt(hex, 16)) : undefined;
        atom(`\\x${hex.padStart(2, '0')}`, char);
      } else if (next === 'u') {
        const hex = /^[0-9a-fA-F]{4}/.exec(pattern.slice(i))?.[0];
        if (!hex) throw new PatternError('malformed \\u escape');
        i += 4;
        atom(`\\u${hex}`, String.fromCharCode(parseInt(hex, 16)));
      } else if (next === '0') {
        const octal = /^[0-7]{0,2}/.exec(pattern.slice(i))![0];
        i += octal.length;
        const code = parseInt(`0${octal}`, 8);
        atom(`\\x${code.toString(16).padStart(2, '0')}`, String.fromCharCode(code));
      } else if (/[a-zA-Z]/.test(next)) {
        // Class escapes (\d \w \s \b …) and control escapes (\n \r \t) mean the same in both.
        const control: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };
        atom(`\\${next}`, control[next]);
      } else atom(options.ignoreCase ? caseless(next) : `\\${next}`, next);
      continue;
    }
    if (ch === '[') {
      const cls = translateClass(pattern, i, options.ignoreCase);
      i = cls.end;
      atom(cls.text);
      continue;
    }
    if (ch === '(') {
      commit();
      endRun();
      const rest = pattern.slice(i);
      if (rest.startsWith('(?#')) {
        const close = pattern.indexOf(')', i);
        if (close < 0) throw new PatternError('unterminated comment group');
        i = close + 1;
        continue;
      }
      const inline = /^\(\?([imx]*(?:-[imx]*)?)\)/.exec(rest);
      if (inline && inline[1]) {
        frame().options = withOptions(options, inline[1]);
        i += inline[0].length;
        continue;
      }
      let open: string;
      let inner = options;
      let length: number;
      const scoped = /^\(\?([imx]*(?:-[imx]*)?):/.exec(rest);
      const name = /^\(\?(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(rest);
      if (scoped) {
        inner = withOptions(options, scoped[1]!);
        open = '(?:';
        length = scoped[0].length;
      } else if (rest.startsWith('(?>')) {
        open = '(?:';
        length = 3;
      } else if (/^\(\?<?[=!]/.test(rest)) {
        open = rest.startsWith('(?<') ? rest.slice(0, 4) : rest.slice(0, 3);
        length = open.length;
        linear = false;
      } else if (name) {
        open = `(?<${name[1] ?? name[2]}>`;
        length = name[0].length;
      } else if (rest.startsWith('(?')) throw new PatternError(`unsupported group ${rest.slice(0, 4)}`);
      else {
        open = named ? '(?:' : '(';
        length = 1;
      }
      out += open;
      i += length;
      frame().atoms++;
      frame().unboundedAtom = false;
      frames.push({ options: { ...inner }, replication: 1, atoms: 0, unboundedAtom: false, alternation: false });
      continue;
    }
    if (ch === ')') {
      commit();
      if (frames.length === 1) throw new PatternError('unbalanced )');
      const closed = frames.pop()!;
      out += ')';
      i++;
      endRun();
      pending = closed.replication;
      closedRepeatedAtom = closed.atoms === 1 && closed.unboundedAtom && !closed.alternation;
      continue;
    }
    if (ch === '|') {
      commit();
      if (frames.length === 1) topAlternation = true;
      frame().alternation = true;
      endRun();
      out += '|';
      i++;
      continue;
    }
    const quantifier = /^(?:[*+?]|\{(\d*)(?:(,)(\d*))?\})/.exec(pattern.slice(i));
    if (quantifier && (quantifier[0].length === 1 || quantifier[1] || quantifier[3])) {
      if (pending === undefined) throw new PatternError(`quantifier ${quantifier[0]} follows nothing`);
      const [min, max] =
        quantifier[0] === '*' ? [0, Infinity] : quantifier[0] === '+' ? [1, Infinity] : quantifier[0] === '?' ? [0, 1] : [Number(quantifier[1] || 0), quantifier[2] ? (quantifier[3] ? Number(quantifier[3]) : Infinity) : Number(quantifier[1])];
      i += quantifier[0].length;
      const lazy = pattern[i] === '?';
      if (lazy) i++;
      else if (pattern[i] === '+') i++; // possessive: read as greedy
      if (closedRepeatedAtom && max === Infinity && !lazy) {
        // `(a+)*` and `(a+)+` match what `(a+)?` and `(a+)` match, and backtrack exponentially
        // where Ruby's engine does not; the group keeps the whole run, as the greedy original's
        // single iteration does.
        out += min === 0 ? '?' : '';
      } else {
        out += quantifier[0].startsWith('{') ? `{${min}${quantifier[2] ? `,${max === Infinity ? '' : max}` : ''}}` : quantifier[0];
        if (lazy) out += '?';
      }
      closedRepeatedAtom = false;
      if (max === Infinity && frame().atoms > 0) frame().unboundedAtom = true;
      pending *= max === Infinity ? min + 1 : max;
      if (frames.length === 1) {
        // An optional character is not certain; one repeated is, but ends the run.
        if (min === 0 && runBeforeLast !== undefined) run = runBeforeLast;
        endRun();
      }
      continue;
    }
    i++;
    if (ch === '.') atom(options.dotAll ? '[\\s\\S]' : '[^\\n]');
    else if (ch === '^' || ch === '$') atom(ch);
    else atom(options.ignoreCase ? caseless(ch) : escapeLiteral(ch), ch);
  }
  commit();
  endRun();
  if (frames.length > 1) throw new PatternError('unbalanced (');
  if (frames[0]!.replication > LINEAR_MAX_REPLICATION) linear = false;
  const literal = topAlternation ? undefined : literals.sort((a, b) => b.length - a.length)[0];
  // The source must compile as JavaScript too (a back-reference to a missing group, say).
  const jsFlags = `m${sticky ? 'y' : ''}`;
  try {
    new RegExp(out, jsFlags);
  } catch (err) {
    throw new PatternError(`no JavaScript equivalent: ${(err as Error).message}`);
  }
  return { source: out, flags: jsFlags, linear, ...(literal ? { literal } : {}) };
}
