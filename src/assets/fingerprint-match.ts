import { isUtf8 } from 'node:buffer';
import { ValidationError, type FieldError } from '../errors.js';
import type { FingerprintEngine } from '../fingerprints/engine.js';
import type { AnswerText } from '../probes/probe.js';
import { bannerAnswers, parseBanner } from '../probes/tcp-banner/banner-parser.js';
import type { Confidence, FingerprintRef } from '../api/model.js';
import { identify } from './identify.js';

/**
 * A field's name as fingerprint files match it (`ssh.banner`, `http_header.server`,
 * `snmp.sys_description` …; GET /v1/fingerprints lists those loaded).
 * @minLength 1
 * @maxLength 64
 * @pattern ^[A-Za-z0-9_.-]+$ is not a field name
 */
export type FieldName = string;

/**
 * The text, at most 4,096 UTF-16 code units (only the first 1,024 are matched); the whole body is
 * bounded by PSCAN_MAX_BODY_BYTES (256 KiB by default).
 * @maxLength 4096
 */
export type AnswerBody = string;

/** An answer's field, under the name fingerprint files match. */
export interface FieldAnswer {
  matches: FieldName;
  text: AnswerBody;
  /** `base64` when `text` is base64 of the bytes (a telnet banner with its negotiation, say). */
  encoding?: 'base64';
}

/**
 * A protocol's raw answer, read into its fields as a scan reads them: `ssh` (`SSH-2.0-…`), `ftp`,
 * `smtp` (`220 …`), `pop3` (`+OK …`), `imap` (`* OK …`), `telnet`, `http` and `rtsp` (the answer's
 * header block, and for `http` its body), `snmp` (a sysDescr), `upnp` (an SSDP `SERVER` value).
 */
export interface ProtocolAnswer {
  protocol: 'ssh' | 'ftp' | 'smtp' | 'pop3' | 'imap' | 'telnet' | 'http' | 'rtsp' | 'snmp' | 'upnp';
  text: AnswerBody;
  /** `base64` when `text` is base64 of the bytes. */
  encoding?: 'base64';
}

/** One answer a caller already holds: a field (`matches`) or a protocol's raw answer (`protocol`). */
export type HeldAnswer = FieldAnswer | ProtocolAnswer;

export interface MatchRequest {
  /**
   * 1 to 100 answers; each gives either `matches` or `protocol`.
   * @minItems 1
   * @maxItems 100
   */
  answers: HeldAnswer[];
}

/** A fingerprint that matched one field, and the params it gave (Recog's names). */
export interface FingerprintHit extends FingerprintRef {
  /** The field it matched. */
  matches: string;
  /** @isInt */
  line: number;
  params: { [name: string]: string };
}

export interface MatchedFact {
  value: string;
  confidence: Confidence;
  fingerprint: FingerprintRef;
  /** Other values fingerprints gave for the same fact, which lost by confidence, then precedence. */
  others?: Array<{ value: string; confidence: Confidence; fingerprint: FingerprintRef }>;
}

export interface AnswerFacts {
  /** Which answer of the request, from 0. @isInt */
  index: number;
  /** Every fingerprint that matched, in precedence order (per file, the first that matched). */
  fingerprints: FingerprintHit[];
  /** The facts, each with the fingerprint that gave it. */
  facts: { hostname?: MatchedFact; manufacturer?: MatchedFact; model?: MatchedFact; os?: MatchedFact; type?: MatchedFact };
  /** The answering software. */
  service?: { vendor?: string; product?: string; version?: string; cpe?: string[] };
  /** CPE names of the device (hardware, OS). */
  cpe?: string[];
}

export interface MatchResponse {
  results: AnswerFacts[];
}

export const MAX_MATCH_ANSWERS = 100;
export const MAX_MATCH_TEXT = 4096;
const PROTOCOLS = new Set(['ssh', 'ftp', 'smtp', 'pop3', 'imap', 'telnet', 'http', 'rtsp', 'snmp', 'upnp']);
const RANK: Record<Confidence, number> = { stated: 3, registry: 2, inferred: 1 };

/** Bytes as text: UTF-8 when they are, else one character per byte (a telnet banner's 0xFF stays 0xFF). */
function textOf(bytes: Buffer): string {
  return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('latin1');
}

function validate(body: unknown, keys: ReadonlySet<string>): Array<{ answer: HeldAnswer; text: string }> {
  const errors: FieldError[] = [];
  const answers = (body as Partial<MatchRequest> | undefined)?.answers;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ValidationError([{ path: '/', message: 'the body must be a JSON object with `answers`' }]);
  if (!Array.isArray(answers)) throw new ValidationError([{ path: '/answers', message: 'must be an array of 1 to 100 answers' }]);
  if (answers.length < 1 || answers.length > MAX_MATCH_ANSWERS) throw new ValidationError([{ path: '/answers', message: `must hold 1 to ${MAX_MATCH_ANSWERS} answers (it holds ${answers.length})` }]);
  const out: Array<{ answer: HeldAnswer; text: string }> = [];
  answers.forEach((a: unknown, i) => {
    const at = `/answers/${i}`;
    if (!a || typeof a !== 'object' || Array.isArray(a)) return void errors.push({ path: at, message: 'must be an object with `text` and `matches` or `protocol`' });
    const answer = a as Record<string, unknown>;
    for (const key of Object.keys(answer)) if (!['matches', 'protocol', 'text', 'encoding'].includes(key)) errors.push({ path: `${at}/${key}`, message: 'is not a field of an answer' });
    if (typeof answer.text !== 'string') errors.push({ path: `${at}/text`, message: 'must be a string' });
    else if (answer.text.length > MAX_MATCH_TEXT) errors.push({ path: `${at}/text`, message: `must be at most ${MAX_MATCH_TEXT} characters (it has ${answer.text.length})` });
    if (answer.encoding !== undefined && answer.encoding !== 'base64') errors.push({ path: `${at}/encoding`, message: 'must be `base64` when given' });
    else if (answer.encoding === 'base64' && typeof answer.text === 'string' && !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(answer.text)) errors.push({ path: `${at}/text`, message: 'is not base64' });
    if ((answer.matches === undefined) === (answer.protocol === undefined)) errors.push({ path: at, message: 'give either `matches` or `protocol`' });
    else if (answer.matches !== undefined && (typeof answer.matches !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(answer.matches))) errors.push({ path: `${at}/matches`, message: 'is not a field name (1 to 64 letters, digits, `_`, `.` or `-`)' });
    else if (answer.matches !== undefined && !keys.has(answer.matches)) errors.push({ path: `${at}/matches`, message: `no loaded fingerprint file matches ${JSON.stringify(String(answer.matches).slice(0, 64))}; GET /v1/fingerprints lists the names` });
    else if (answer.protocol !== undefined && (typeof answer.protocol !== 'string' || !PROTOCOLS.has(answer.protocol))) errors.push({ path: `${at}/protocol`, message: `must be one of ${[...PROTOCOLS].join(', ')}` });
    if (typeof answer.text !== 'string') return;
    out.push({ answer: answer as unknown as HeldAnswer, text: answer.encoding === 'base64' ? textOf(Buffer.from(answer.text, 'base64')) : answer.text });
  });
  if (errors.length) throw new ValidationError(errors);
  return out;
}

/** The fields a scan would read from this raw answer of `protocol`. */
function fieldsOf(protocol: ProtocolAnswer['protocol'], text: string): AnswerText[] {
  if (protocol === 'snmp') return [{ matches: 'snmp.sys_description', text: text.trim() }];
  if (protocol === 'upnp') return [{ matches: 'upnp.server', text: text.trim() }];
  // The banner parser reads bytes as a scan receives them.
  return bannerAnswers(parseBanner(Buffer.from(text, /^[\x00-\xff]*$/.test(text) ? 'latin1' : 'utf8'), protocol));
}

function best(claims: Array<{ value: string; confidence: Confidence; fingerprint: FingerprintRef }>): MatchedFact {
  const [top, ...rest] = [...claims].sort((a, b) => RANK[b.confidence] - RANK[a.confidence]);
  const others = rest.filter((c) => c.value !== top!.value);
  return others.length ? { ...top!, others } : top!;
}

/**
 * Facts from answers a caller already holds (an NDR's `ssh.log`, a `Server` header, a sysDescr):
 * the passive side of pScan, zero packets. Each answer's facts come with the fingerprint that gave them.
 */
export async function matchHeldAnswers(body: unknown, engine: FingerprintEngine): Promise<MatchResponse> {
  const keys = new Set(engine.keys());
  keys.add('telnet.banner');
  const results: AnswerFacts[] = [];
  for (const [index, { answer, text }] of validate(body, keys).entries()) {
    // Each answer in a turn of its own: a request of 100 answers does not hold up other requests.
    if (index) await new Promise((resolve) => setImmediate(resolve));
    results.push(factsOfAnswer(answer, text, index, engine));
  }
  return { results };
}

function factsOfAnswer(answer: HeldAnswer, text: string, index: number, engine: FingerprintEngine): AnswerFacts {
  const fields = 'protocol' in answer ? fieldsOf(answer.protocol, text) : [{ matches: answer.matches, text }];
  const identified = identify(
    fields.map((f) => ({ ...f, service: { port: 0, protocol: 'tcp' as const } })),
    engine,
  );
  const hits: FingerprintHit[] = identified.matches.map(({ matches, match: m }) => ({ database: m.database, file: m.file, description: m.description, matches, line: m.line, params: m.params }));
  const facts: AnswerFacts['facts'] = {};
  for (const fact of ['hostname', 'manufacturer', 'model', 'os', 'type'] as const) {
    const claims = identified.claims.filter((c) => c.fact === fact);
    if (claims.length) facts[fact] = best(claims.map(({ value, confidence, fingerprint }) => ({ value, confidence, fingerprint })));
  }
  const software = identified.services[0];
  const service = software && (software.product || software.cpe.length) ? { ...(software.vendor ? { vendor: software.vendor } : {}), ...(software.product ? { product: software.product } : {}), ...(software.version ? { version: software.version } : {}), ...(software.cpe.length ? { cpe: software.cpe } : {}) } : undefined;
  return { index, fingerprints: hits, facts, ...(service ? { service } : {}), ...(identified.cpe.length ? { cpe: identified.cpe } : {}) };
}
