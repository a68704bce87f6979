/**
 * Pure parsing of what a TCP service said: no sockets here, so every case (truncated, hostile,
 * binary) is a unit test on bytes.
 */
import type { AnswerText } from '../answer.js';

/** What an HTTP answer tells: status, `Server`, the `WWW-Authenticate` realm, `<title>`. */
export interface HttpFacts {
  status: number;
  reason: string;
  server?: string;
  title?: string;
  realm?: string;
  /** The whole `WWW-Authenticate` value. */
  authenticate?: string;
  /** `Set-Cookie` values, at most 8. */
  cookies?: string[];
  contentType?: string;
}

export interface SshFacts {
  protocol: string;
  software: string;
  comments?: string;
}

export interface RtspFacts {
  status: number;
  server?: string;
  public?: string[];
}

export interface LineFacts {
  code?: number;
  text: string;
  /** Telnet: every line the server showed (negotiation removed, control characters dropped), at most 512 characters. */
  screen?: string;
}

export interface BannerFacts {
  /** The service recognised from the bytes themselves, else the port's usual service. */
  service?: string;
  product?: string;
  version?: string;
  /** The operating system the software gives away (Dropbear, `OpenSSH_9.2p1 Debian-2`, `Apache (Win64)`), as nmap's service probes infer it. */
  os?: string;
  http?: HttpFacts;
  ssh?: SshFacts;
  rtsp?: RtspFacts;
  ftp?: LineFacts;
  smtp?: LineFacts;
  pop3?: LineFacts;
  imap?: LineFacts;
  telnet?: LineFacts;
}

/** How much of a banner is shown as text; the full byte count is reported beside it. */
export const BANNER_TEXT_MAX = 2048;

/** Printable text of a banner: control bytes other than CR/LF/TAB escaped as \xNN. */
export function printableBanner(buf: Buffer, max = BANNER_TEXT_MAX): string {
  let out = '';
  for (const byte of buf.subarray(0, max)) {
    if (byte === 0x0a || byte === 0x0d || byte === 0x09 || (byte >= 0x20 && byte < 0x7f)) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** Splits `name/1.2.3 (extra)` or `name_1.2` into product and version. */
export function productVersion(text: string): { product?: string; version?: string } {
  const trimmed = text.trim();
  if (!trimmed) return {};
  const m = /^([A-Za-z][\w.+-]*?)[/_ ]v?(\d[\w.+-]*)/.exec(trimmed);
  if (m) return { product: m[1], version: m[2] };
  const first = trimmed.split(/[\s(]/)[0];
  return first ? { product: first } : {};
}

interface HeaderBlock {
  startLine: string;
  headers: Map<string, string>;
  body: string;
  cookies: string[];
}

const MAX_COOKIES = 8;

function splitHeaders(text: string): HeaderBlock | undefined {
  const end = text.search(/\r?\n\r?\n/);
  const head = end >= 0 ? text.slice(0, end) : text;
  const body = end >= 0 ? text.slice(end).replace(/^\r?\n\r?\n/, '') : '';
  const lines = head.split(/\r?\n/);
  const startLine = lines.shift();
  if (startLine === undefined) return undefined;
  const headers = new Map<string, string>();
  const cookies: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'set-cookie' && cookies.length < MAX_COOKIES) cookies.push(value);
    if (!headers.has(name)) headers.set(name, value);
  }
  return { startLine, headers, body, cookies };
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function parseHttp(text: string): HttpFacts | undefined {
  const block = splitHeaders(text);
  const m = block && /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s+(.*))?$/.exec(block.startLine);
  if (!block || !m) return undefined;
  const facts: HttpFacts = { status: Number(m[1]), reason: (m[2] ?? '').trim() };
  const server = block.headers.get('server');
  if (server) facts.server = server;
  const contentType = block.headers.get('content-type');
  if (contentType) facts.contentType = contentType;
  const authenticate = block.headers.get('www-authenticate');
  const realm = /realm="([^"]*)"/i.exec(authenticate ?? '');
  if (realm) facts.realm = realm[1];
  if (authenticate) facts.authenticate = authenticate;
  if (block.cookies.length) facts.cookies = block.cookies;
  const title = /<title[^>]*>([^<]{0,512})/i.exec(block.body);
  if (title) facts.title = decodeEntities(title[1]!.replace(/\s+/g, ' ').trim());
  return facts;
}

function parseRtsp(text: string): RtspFacts | undefined {
  const block = splitHeaders(text);
  const m = block && /^RTSP\/\d\.\d\s+(\d{3})/.exec(block.startLine);
  if (!block || !m) return undefined;
  const facts: RtspFacts = { status: Number(m[1]) };
  const server = block.headers.get('server');
  if (server) facts.server = server;
  const pub = block.headers.get('public');
  if (pub) facts.public = pub.split(',').map((s) => s.trim()).filter(Boolean);
  return facts;
}

function parseSsh(text: string): SshFacts | undefined {
  // RFC 4253 §4.2: a server may send other lines before the identification string.
  const line = text.split(/\r?\n/).find((l) => l.startsWith('SSH-'));
  const m = line && /^SSH-(\d+\.\d+)-([^\s]+)(?:\s+(.*))?$/.exec(line.trim());
  if (!m) return undefined;
  const facts: SshFacts = { protocol: m[1]!, software: m[2]! };
  if (m[3]) facts.comments = m[3];
  return facts;
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '').slice(0, 1024);
}

function parseReplyLine(text: string): LineFacts | undefined {
  const line = firstLine(text);
  const m = /^(\d{3})[ -](.*)$/.exec(line);
  return m ? { code: Number(m[1]), text: m[2]!.trim() } : undefined;
}

/** Well-known products in FTP/SMTP greetings, e.g. `220 (vsFTPd 3.0.3)`, `220 mx ESMTP Postfix`. */
function productFromGreeting(text: string): { product?: string; version?: string } {
  const paren = /\(([A-Za-z][\w.-]*)\s+v?(\d[\w.-]*)\)/.exec(text);
  if (paren) return { product: paren[1], version: paren[2] };
  const named = /\b(ProFTPD|Pure-FTPd|vsFTPd|FileZilla Server|Postfix|Exim|Sendmail|OpenSMTPD|BusyBox)\b(?:\s+v?(\d[\w.-]*))?/i.exec(text);
  if (named) return named[2] ? { product: named[1], version: named[2] } : { product: named[1] };
  return {};
}

/** Removes telnet IAC commands (RFC 854: IAC cmd opt, and IAC SB … IAC SE sub-negotiations). */
export function stripTelnetNegotiation(buf: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] !== 0xff) {
      out.push(buf[i]!);
      continue;
    }
    const cmd = buf[i + 1];
    if (cmd === 0xff) {
      out.push(0xff);
      i++;
    } else if (cmd === 0xfa) {
      const end = buf.indexOf(Buffer.from([0xff, 0xf0]), i + 2);
      i = end < 0 ? buf.length : end + 1;
    } else if (cmd !== undefined && cmd >= 0xfb && cmd <= 0xfe) i += 2;
    else i += 1;
  }
  return Buffer.from(out);
}

/** Operating systems that server software names, or is only ever built for, in its banner. */
const OS_HINTS: Array<[RegExp, string]> = [
  [/^dropbear/i, 'Linux'], // embedded Linux's SSH server; nmap's dropbear match says o/Linux/ too
  [/\b(Debian|Ubuntu|Raspbian|CentOS|Red Hat|Fedora|Alpine|OpenWrt)\b/i, 'Linux'],
  [/\bFreeBSD\b/i, 'FreeBSD'],
  [/(Win32|Win64|Windows|Microsoft-IIS|Microsoft-HTTPAPI)/i, 'Windows'], // also OpenSSH_for_Windows
];

function osHint(software: string | undefined): { os?: string } {
  const hit = software ? OS_HINTS.find(([re]) => re.test(software)) : undefined;
  return hit ? { os: hit[1] } : {};
}

/**
 * What the bytes say. `portService` is the port's usual service (e.g. `ftp` on 21): it decides
 * between FTP and SMTP, whose greetings look alike, and names the service when the bytes do not.
 */
export function parseBanner(buf: Buffer, portService?: string): BannerFacts {
  const text = buf.toString('latin1');
  const http = parseHttp(text);
  if (http) return { service: 'http', ...productVersion(http.server ?? ''), ...osHint(http.server), http };
  const rtsp = parseRtsp(text);
  if (rtsp) return { service: 'rtsp', ...productVersion(rtsp.server ?? ''), ...osHint(rtsp.server), rtsp };
  const ssh = parseSsh(text);
  if (ssh) return { service: 'ssh', ...productVersion(ssh.software), ...osHint(`${ssh.software} ${ssh.comments ?? ''}`), ssh };
  const reply = parseReplyLine(text);
  if (reply && reply.code === 220) {
    const isSmtp = portService === 'smtp' || /\bE?SMTP\b/i.test(reply.text);
    const isFtp = portService === 'ftp' || /\bFTP/i.test(reply.text);
    if (isSmtp && !isFtp) return { service: 'smtp', ...productFromGreeting(reply.text), smtp: reply };
    if (isFtp) return { service: 'ftp', ...productFromGreeting(reply.text), ftp: reply };
  }
  const pop3 = /^\+OK(?: (.*))?$/.exec(firstLine(text));
  if (pop3 && portService !== 'imap') return { service: 'pop3', pop3: { text: (pop3[1] ?? '').trim() } };
  const imap = /^\* (?:OK|PREAUTH)(?: (.*))?$/.exec(firstLine(text));
  if (imap) return { service: 'imap', imap: { text: (imap[1] ?? '').trim() } };
  if (buf[0] === 0xff || portService === 'telnet') {
    const text = stripTelnetNegotiation(buf).toString('latin1');
    const line = text.split(/\r?\n/).map((l) => l.replace(/[^\x20-\x7e]/g, '').trim()).find(Boolean);
    const screen = text.replace(/[^\x20-\x7e\r\n\t]/g, '').trim().slice(0, 512);
    if (buf[0] === 0xff || line) return { service: 'telnet', ...(line ? { ...productFromGreeting(line), telnet: { text: line.slice(0, 256), screen } } : {}) };
  }
  return {};
}

/** The banner's fields under the names fingerprint files match (Recog's). */
export function bannerAnswers(d: BannerFacts, port?: number): AnswerText[] {
  const fields: Array<[string, string | undefined]> = [
    ['ssh.banner', d.ssh ? [d.ssh.software, d.ssh.comments].filter(Boolean).join(' ') : undefined],
    ['ftp.banner', d.ftp?.text],
    ['smtp.banner', d.smtp?.text],
    ['pop3.banner', d.pop3?.text],
    ['imap4.banner', d.imap?.text],
    ['telnet.banner', d.telnet?.screen ?? d.telnet?.text],
    ['http_header.server', d.http?.server],
    ['http_header.wwwauth', d.http?.authenticate],
    ['html_title', d.http?.title],
    ['rtsp_header.server', d.rtsp?.server],
    ...(d.http?.cookies ?? []).map((c): [string, string] => ['http_header.cookie', c]),
  ];
  return fields.flatMap(([matches, text]) => (text ? [{ matches, text, ...(port !== undefined ? { service: { port, protocol: 'tcp' as const } } : {}) }] : []));
}
