// Identification on our own evaluation set (bench/fingerprint-eval/answers.json, written apart from
// the database): each answer is turned into the result a scan would store (the raw banner parsed by
// the tcp-banner probe's parser, the SNMP varbinds, the SSDP answer, the mDNS service) and read by
// the asset builder, as a scan reads it. Scores each expected fact: right (case and punctuation
// aside, or one value containing the other), wrong (named, not right), or missing.
//   npx tsx bench/fingerprint-eval.ts [answers.json] [--fingerprints DIR…] [--misses]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AssetBuilder } from '../src/assets/asset-builder.js';
import type { Asset, ProbeResult } from '../src/api/model.js';
import { parseBanner, printableBanner } from '../src/probes/tcp-banner/banner-parser.js';
import { SYS_DESCR, SYS_OBJECT_ID } from '../src/probes/snmp/facts.js';
import { serviceForPort } from '../src/probes/tcp-banner/services.js';
import { loadFingerprints } from '../src/fingerprints/installed.js';

interface Item {
  matches: string;
  text: string;
  expect: Partial<Record<Fact, string>>;
}
type Fact = 'manufacturer' | 'model' | 'os' | 'type' | 'product' | 'version';
const FACTS: Fact[] = ['manufacturer', 'model', 'os', 'type', 'product', 'version'];

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && a.endsWith('.json')) ?? path.join(import.meta.dirname, 'fingerprint-eval', 'answers.json');
const dirsAt = args.indexOf('--fingerprints');
const dirs = dirsAt >= 0 ? args.slice(dirsAt + 1).filter((a) => !a.startsWith('--')) : [];
const showMisses = args.includes('--misses');
const items = JSON.parse(readFileSync(file, 'utf8')) as Item[];
const engine = loadFingerprints(dirs);

const BANNER: Record<string, { port: number; raw: (t: string) => string }> = {
  'ssh.banner': { port: 22, raw: (t) => `SSH-2.0-${t}\r\n` },
  'ftp.banner': { port: 21, raw: (t) => `220 ${t}\r\n` },
  'smtp.banner': { port: 25, raw: (t) => `220 ${t}\r\n` },
  'pop3.banner': { port: 110, raw: (t) => `+OK ${t}\r\n` },
  'imap4.banner': { port: 143, raw: (t) => `* OK ${t}\r\n` },
  'telnet.banner': { port: 23, raw: (t) => `\xff\xfb\x01\xff\xfb\x03${t}` },
  'http_header.server': { port: 80, raw: (t) => `HTTP/1.1 200 OK\r\nServer: ${t}\r\nContent-Length: 0\r\n\r\n` },
  'http_header.wwwauth': { port: 80, raw: (t) => `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${t}\r\nContent-Length: 0\r\n\r\n` },
  'http_header.cookie': { port: 80, raw: (t) => `HTTP/1.1 200 OK\r\nSet-Cookie: ${t}\r\nContent-Length: 0\r\n\r\n` },
  html_title: { port: 80, raw: (t) => `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>${t}</title></head></html>` },
  'rtsp_header.server': { port: 554, raw: (t) => `RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: ${t}\r\n\r\n` },
};

/** The result a scan would store for this answer. */
function resultOf(item: Item): ProbeResult {
  const base = { seq: 1, target: '198.18.77.50', attempt: 1, tries: 1, status: 'ok' as const, observedAt: new Date().toISOString() };
  const banner = BANNER[item.matches];
  if (banner) {
    const buf = Buffer.from(banner.raw(item.text), 'latin1');
    const data = { port: banner.port, ...parseBanner(buf, serviceForPort(banner.port)?.name), banner: printableBanner(buf), bytes: buf.length };
    return { ...base, probe: 'tcp-banner', port: banner.port, protocol: 'tcp', data } as ProbeResult;
  }
  if (item.matches.startsWith('snmp.')) {
    const oid = item.matches === 'snmp.sys_description' ? SYS_DESCR : SYS_OBJECT_ID;
    return { ...base, probe: 'snmp', port: 161, protocol: 'udp', data: { version: '2c', operation: 'get', varbinds: [{ oid, type: oid === SYS_DESCR ? 'OctetString' : 'OID', value: item.text }] } } as unknown as ProbeResult;
  }
  if (item.matches === 'upnp.server') return { ...base, probe: 'ssdp', data: { responses: [{ server: item.text }], queries: 1 } } as unknown as ProbeResult;
  if (item.matches === 'upnp.description') {
    const device = Object.fromEntries(item.text.split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    return { ...base, probe: 'ssdp', data: { responses: [{ location: 'http://198.18.77.50:5000/desc.xml' }], descriptions: [{ location: 'http://198.18.77.50:5000/desc.xml', device }], queries: 1 } } as unknown as ProbeResult;
  }
  if (item.matches.startsWith('mdns.')) {
    const lines = item.text.split('\n');
    const type = item.matches === 'mdns.txt' ? lines.shift()!.replace(/^service=/, '') : '_device-info._tcp';
    const txt = Object.fromEntries(lines.map((l) => (l.includes('=') ? [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] : [l, true])));
    return { ...base, probe: 'mdns', data: { services: [{ instance: 'x', type: `${type}.local`, txt, addresses: [] }], hostnames: [] } } as unknown as ProbeResult;
  }
  throw new Error(`no scan path for ${item.matches}`);
}

function got(asset: Asset | undefined, fact: Fact, port: number | undefined): string | undefined {
  if (!asset) return undefined;
  if (fact === 'product' || fact === 'version') {
    const s = asset.services.find((x) => x.port === port) ?? asset.services[0];
    return s?.[fact];
  }
  return asset[fact];
}

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9.+]/g, '');
function right(value: string, want: string): boolean {
  const [a, b] = [norm(value), norm(want)];
  return a === b || (a.length >= 2 && b.includes(a)) || (b.length >= 2 && a.includes(b));
}

const tally = Object.fromEntries(FACTS.map((f) => [f, { stated: 0, right: 0, exact: 0, wrong: 0 }])) as Record<Fact, { stated: number; right: number; exact: number; wrong: number }>;
const misses: string[] = [];
for (const item of items) {
  const result = resultOf(item);
  const builder = new AssetBuilder(engine);
  builder.add(result);
  const asset = builder.asset(result.target);
  for (const fact of FACTS) {
    const want = item.expect[fact];
    if (!want) continue;
    const t = tally[fact];
    t.stated++;
    const value = got(asset, fact, result.port);
    if (value && right(value, want)) {
      t.right++;
      if (norm(value) === norm(want)) t.exact++;
    } else {
      if (value) t.wrong++;
      if (showMisses) misses.push(`${fact}\t${value ? `WRONG ${JSON.stringify(value)}` : 'MISSING'}\twant ${JSON.stringify(want)}\t${item.matches}\t${JSON.stringify(item.text.slice(0, 140))}`);
    }
  }
}
if (showMisses) console.log(misses.join('\n'));
const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)} %` : '–');
console.log(`${items.length} answers from ${path.relative(process.cwd(), file)}; databases: ${engine.summary().map((d) => `${d.name} (${d.fingerprints})`).join(', ')}`);
console.log('| fact | answers stating it | named right | of which exactly | named wrong (of those stated) |');
console.log('| --- | --- | --- | --- | --- |');
for (const fact of FACTS) {
  const t = tally[fact];
  console.log(`| ${fact} | ${t.stated} | ${pct(t.right, t.stated)} | ${pct(t.exact, t.stated)} | ${pct(t.wrong, t.stated)} |`);
}
