import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import dgram from 'node:dgram';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, test } from 'node:test';
import { probeContext } from '../../../test/support/probe-context.js';
import { assertEveryTruncationIsSafe } from '../../../test/support/truncation.js';
import { fetchDescription, MAX_DESCRIPTION_BYTES, parseDescription } from './description.js';
import { ssdpFacts } from './facts.js';
import { buildMSearch, parseSearchResponse, parseServerHeader } from './parser.js';
import { ssdpProbe } from './probe.js';

const fixture = (name: string): Buffer => readFileSync(path.join(import.meta.dirname, 'fixtures', name));
/** minidlna 1.3.0's answer to an M-SEARCH for upnp:rootdevice, and its description, from the lab. */
const captured = Buffer.from(fixture('minidlna-search-response.hex').toString('utf8').trim(), 'hex');
const rootDesc = fixture('minidlna-rootDesc.xml').toString('utf8');

test('M-SEARCH has the required headers, MX and ST as asked', () => {
  assert.equal(
    buildMSearch({ st: 'ssdp:all', mx: 3 }).toString(),
    'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 3\r\nST: ssdp:all\r\nUSER-AGENT: pscan/0.1 UPnP/1.1 pscan/0.1\r\n\r\n',
  );
  assert.match(buildMSearch({ st: 'upnp:rootdevice', mx: 1, host: '10.0.0.5:1900' }).toString(), /^M-SEARCH \* HTTP\/1.1\r\nHOST: 10.0.0.5:1900\r\n/);
});

test('a captured minidlna response: headers case-insensitive, max-age, SERVER parts', () => {
  const r = parseSearchResponse(captured);
  assert.equal(r.st, 'upnp:rootdevice');
  assert.match(r.usn!, /^uuid:[0-9a-f-]+::upnp:rootdevice$/);
  assert.equal(r.location, 'http://198.18.77.23:8200/rootDesc.xml');
  assert.equal(r.maxAge, 70);
  assert.equal(r.headers.ext, '');
  assert.deepEqual(parseServerHeader(r.server!), { os: 'Debian', product: 'MiniDLNA', version: '1.3.0' });
  assert.deepEqual(parseServerHeader('Linux/5.10.0 UPnP/1.0 Portable SDK for UPnP devices/1.14.13'), { os: 'Linux 5.10.0', product: 'devices', version: '1.14.13' });
  assert.deepEqual(parseServerHeader('lighttpd'), {});
  assert.throws(() => parseSearchResponse(Buffer.from('http/1.1 200 ok\nlocation: http://x/\n\n')), /not an HTTP response/, 'the status line is HTTP/1.x as written');
  const mixed = parseSearchResponse(Buffer.from('HTTP/1.1 200 OK\nlocation: http://x/\nSt: a\n\n'));
  assert.deepEqual([mixed.location, mixed.st], ['http://x/', 'a'], 'header names in any case, bare LF line ends');
});

test('truncated, hostile and oversized datagrams: a clear throw or bounded values, never a crash', () => {
  assertEveryTruncationIsSafe(captured, parseSearchResponse);
  assert.throws(() => parseSearchResponse(Buffer.from([0, 1, 2, 3])), /not an HTTP response/);
  assert.throws(() => parseSearchResponse(Buffer.from('NOTIFY * HTTP/1.1\r\n\r\n')), /not an HTTP response/);
  assert.throws(() => parseSearchResponse(Buffer.from('HTTP/1.1 404 Not Found\r\n\r\n')), /404/);
  const huge = parseSearchResponse(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nSERVER: '), Buffer.alloc(60000, 'B'), Buffer.from('\r\n'), ...Array.from({ length: 200 }, (_, i) => Buffer.from(`X-${i}: v\r\n`))]));
  assert.equal(huge.server!.length, 1024);
  assert.equal(Object.keys(huge.headers).length, 64);
});

test('the captured description: identity fields extracted', () => {
  const d = parseDescription(rootDesc);
  assert.equal(d.friendlyName, 'Lab NAS');
  assert.equal(d.modelName, 'Lab NAS DLNA');
  assert.equal(d.modelNumber, 'DS-220');
  assert.equal(d.serialNumber, 'LAB0023');
  assert.equal(d.manufacturer, 'Justin Maggard');
  assert.equal(d.deviceType, 'urn:schemas-upnp-org:device:MediaServer:1');
  assert.match(d.UDN!, /^uuid:/);
});

test('descriptions with DTDs (entity bombs), without a device, or not XML are refused', () => {
  assert.throws(() => parseDescription('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><root><device><friendlyName>&lol;</friendlyName></device></root>'), /DTD/);
  assert.throws(() => parseDescription('<root><nodevice/></root>'), /no root\/device/);
  assert.throws(() => parseDescription('garbage <<<'));
});

const servers: http.Server[] = [];
after(() => servers.forEach((s) => s.close()));
async function httpServer(handler: http.RequestListener, host = '127.0.0.1'): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, host, r));
  return `http://${host}:${(s.address() as AddressInfo).port}`;
}

test('fetchDescription: ok, redirect not followed, too large, HTTP error, out of scope, not an address, timeout; two packets when fetched', async () => {
  const base = await httpServer((req, res) => {
    if (req.url === '/ok.xml') return res.end(rootDesc);
    if (req.url === '/redirect') return res.writeHead(302, { Location: 'http://169.254.169.254/' }).end();
    if (req.url === '/big') return res.end(Buffer.alloc(MAX_DESCRIPTION_BYTES + 10, 'a'));
    if (req.url === '/silent') return;
    res.writeHead(404).end();
  });
  const ctx = probeContext({ timeoutMs: 300 });
  const ok = await fetchDescription(`${base}/ok.xml`, '127.0.0.1', ctx);
  assert.equal(ok.status, 'ok');
  assert.equal(ok.device!.modelNumber, 'DS-220');
  assert.equal(ctx.packets(), 2);
  assert.deepEqual(await fetchDescription(`${base}/redirect`, '127.0.0.1', ctx), { location: `${base}/redirect`, status: 'error', reason: 'redirect-not-followed', httpStatus: 302 });
  assert.equal((await fetchDescription(`${base}/big`, '127.0.0.1', ctx)).reason, 'too-large');
  assert.equal((await fetchDescription(`${base}/nope`, '127.0.0.1', ctx)).httpStatus, 404);
  assert.equal((await fetchDescription(`${base}/silent`, '127.0.0.1', ctx)).reason, 'timeout');
  const before = ctx.packets();
  assert.deepEqual(await fetchDescription('http://8.8.8.8/d.xml', '8.8.8.8', ctx), { location: 'http://8.8.8.8/d.xml', status: 'skipped', reason: 'out-of-scope' });
  assert.equal((await fetchDescription('http://printer.local:80/d.xml', '127.0.0.1', ctx)).reason, 'not-an-address');
  assert.equal((await fetchDescription('https://127.0.0.1/d.xml', '127.0.0.1', ctx)).reason, 'not-http');
  assert.equal((await fetchDescription('::not a url', '127.0.0.1', ctx)).reason, 'invalid-url');
  assert.equal(ctx.packets(), before, 'nothing sent for skipped locations');
});

test('a LOCATION on another host than the one that answered is kept but not fetched; one on the answering host is, counted against it', async () => {
  // The device at .2 answers twice: once pointing at .3 (any port, any path), once at itself.
  const [device, other] = ['127.0.77.2', '127.0.77.3'];
  const asked: string[] = [];
  const own = await httpServer((req, res) => void (asked.push(`${device}${req.url}`), res.end(rootDesc)), device);
  const elsewhere = await httpServer((req, res) => void (asked.push(`${other}${req.url}`), res.end(rootDesc.replace('Justin Maggard', 'Someone Else'))), other);
  const responder = dgram.createSocket('udp4');
  responder.on('message', (_m, from) => {
    for (const [usn, location] of [['uuid:a', `${elsewhere}/admin/anything`], ['uuid:b', `${own}/rootDesc.xml`]]) {
      responder.send(`HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nUSN: ${usn}\r\nLOCATION: ${location}\r\n\r\n`, from.port, from.address);
    }
  });
  await new Promise<void>((r) => responder.bind(1900, device, r));
  try {
    const ctx = probeContext({ timeoutMs: 300 });
    const { data } = await ssdpProbe.run({ mx: 1, st: 'upnp:rootdevice', unicast: true, fetchDescription: true }, { ip: device, family: 4 }, { port: 1900, protocol: 'udp' }, ctx);
    assert.deepEqual(data.descriptions!.map((d) => [d.location, d.status, d.reason]), [
      [`${elsewhere}/admin/anything`, 'skipped', 'not-the-answering-address'],
      [`${own}/rootDesc.xml`, 'ok', undefined],
    ]);
    assert.deepEqual(asked, [`${device}/rootDesc.xml`], 'nothing was sent to the other host');
    assert.equal(ctx.packetsTo(device), 2, 'the fetch (connection and GET) counts against the answering address');
    assert.equal(ctx.packetsTo(other), 0);
    assert.equal(ssdpFacts(data).manufacturer, 'Justin Maggard', "the device's own description, not the other host's");
  } finally {
    responder.close();
  }
});

test('the LOCATION host is compared as an address: another spelling of the answering address is fetched, a different one is not', async () => {
  const base = await httpServer((_req, res) => res.end(rootDesc));
  const ctx = probeContext({ timeoutMs: 300 });
  assert.equal((await fetchDescription(`${base}/d.xml`, '::ffff:127.0.0.1', ctx)).status, 'ok', 'an IPv4-mapped answerer is the same address');
  assert.deepEqual(await fetchDescription(`${base}/d.xml`, '127.0.0.2', ctx), { location: `${base}/d.xml`, status: 'skipped', reason: 'not-the-answering-address' });
  assert.deepEqual(await fetchDescription('http://[::1]/d.xml', '127.0.0.1', ctx), { location: 'http://[::1]/d.xml', status: 'skipped', reason: 'not-the-answering-address' });
});
