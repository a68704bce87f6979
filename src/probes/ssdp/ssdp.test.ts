import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, test } from 'node:test';
import { probeContext } from '../../../test/support/probe-context.js';
import { assertEveryTruncationIsSafe } from '../../../test/support/truncation.js';
import { fetchDescription, MAX_DESCRIPTION_BYTES, parseDescription } from './description.js';
import { buildMSearch, parseSearchResponse, parseServerHeader } from './parser.js';

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
async function httpServer(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
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
  const ok = await fetchDescription(`${base}/ok.xml`, ctx);
  assert.equal(ok.status, 'ok');
  assert.equal(ok.device!.modelNumber, 'DS-220');
  assert.equal(ctx.packets(), 2);
  assert.deepEqual(await fetchDescription(`${base}/redirect`, ctx), { location: `${base}/redirect`, status: 'error', reason: 'redirect-not-followed', httpStatus: 302 });
  assert.equal((await fetchDescription(`${base}/big`, ctx)).reason, 'too-large');
  assert.equal((await fetchDescription(`${base}/nope`, ctx)).httpStatus, 404);
  assert.equal((await fetchDescription(`${base}/silent`, ctx)).reason, 'timeout');
  const before = ctx.packets();
  assert.deepEqual(await fetchDescription('http://8.8.8.8/d.xml', ctx), { location: 'http://8.8.8.8/d.xml', status: 'skipped', reason: 'out-of-scope' });
  assert.equal((await fetchDescription('http://printer.local:80/d.xml', ctx)).reason, 'not-an-address');
  assert.equal((await fetchDescription('https://127.0.0.1/d.xml', ctx)).reason, 'not-http');
  assert.equal((await fetchDescription('::not a url', ctx)).reason, 'invalid-url');
  assert.equal(ctx.packets(), before, 'nothing sent for skipped locations');
});
