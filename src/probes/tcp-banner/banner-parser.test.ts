import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBanner, printableBanner, productVersion, bannerAnswers } from './banner-parser.js';
import { isComplete } from './probe.js';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

test('HTTP: status, Server split into product/version, realm, title with entities', () => {
  const facts = parseBanner(
    b('HTTP/1.1 401 Unauthorized\r\nServer: lighttpd/1.4.69\r\nWWW-Authenticate: Basic realm="IP Camera"\r\nContent-Type: text/html\r\n\r\n<html><head><TITLE> Cam &amp; Co\n Login</TITLE></head>'),
  );
  assert.deepEqual(facts, {
    service: 'http',
    product: 'lighttpd',
    version: '1.4.69',
    http: { status: 401, reason: 'Unauthorized', server: 'lighttpd/1.4.69', realm: 'IP Camera', authenticate: 'Basic realm="IP Camera"', contentType: 'text/html', title: 'Cam & Co Login' },
  });
});

test('HTTP cookies: every Set-Cookie value, at most 8', () => {
  const cookies = Array.from({ length: 10 }, (_, i) => `Set-Cookie: c${i}=v; path=/`).join('\r\n');
  const facts = parseBanner(b(`HTTP/1.1 200 OK\r\n${cookies}\r\n\r\n`));
  assert.deepEqual(facts.http?.cookies, Array.from({ length: 8 }, (_, i) => `c${i}=v; path=/`));
});

test('POP3 and IMAP greetings', () => {
  assert.deepEqual(parseBanner(b('+OK Dovecot (Debian) ready.\r\n'), 'pop3'), { service: 'pop3', pop3: { text: 'Dovecot (Debian) ready.' } });
  assert.deepEqual(parseBanner(b('* OK [CAPABILITY IMAP4rev1 IDLE] Dovecot ready.\r\n'), 'imap'), { service: 'imap', imap: { text: '[CAPABILITY IMAP4rev1 IDLE] Dovecot ready.' } });
  assert.deepEqual(parseBanner(b('+OK\r\n')), { service: 'pop3', pop3: { text: '' } });
});

test("a banner's fields under the names fingerprint files match, each tied to the port", () => {
  const http = parseBanner(b('HTTP/1.1 401 Unauthorized\r\nServer: App-webs/\r\nWWW-Authenticate: Digest realm="DS-2CD2042WD-I"\r\nSet-Cookie: a=1\r\n\r\n<title>Login</title>'));
  assert.deepEqual(bannerAnswers(http, 80), [
    { matches: 'http_header.server', text: 'App-webs/', service: { port: 80, protocol: 'tcp' } },
    { matches: 'http_header.wwwauth', text: 'Digest realm="DS-2CD2042WD-I"', service: { port: 80, protocol: 'tcp' } },
    { matches: 'html_title', text: 'Login', service: { port: 80, protocol: 'tcp' } },
    { matches: 'http_header.cookie', text: 'a=1', service: { port: 80, protocol: 'tcp' } },
  ]);
  assert.deepEqual(bannerAnswers(parseBanner(b('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'))), [{ matches: 'ssh.banner', text: 'OpenSSH_9.2p1 Debian-2' }]);
  assert.deepEqual(bannerAnswers(parseBanner(b('220 (vsFTPd 3.0.3)\r\n'), 'ftp')), [{ matches: 'ftp.banner', text: '(vsFTPd 3.0.3)' }]);
});

test('HTTP: headers only, no Server, HTTP/1.0 and bare LF line ends', () => {
  assert.deepEqual(parseBanner(b('HTTP/1.0 200 OK\n\n')), { service: 'http', http: { status: 200, reason: 'OK' } });
});

test('SSH identification strings, including lines before it (RFC 4253 §4.2)', () => {
  assert.deepEqual(parseBanner(b('SSH-2.0-dropbear_2022.83\r\n')), { service: 'ssh', product: 'dropbear', version: '2022.83', os: 'Linux', ssh: { protocol: '2.0', software: 'dropbear_2022.83' } });
  assert.deepEqual(parseBanner(b('hello\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n')), {
    service: 'ssh',
    product: 'OpenSSH',
    version: '9.2p1',
    os: 'Linux',
    ssh: { protocol: '2.0', software: 'OpenSSH_9.2p1', comments: 'Debian-2+deb12u3' },
  });
});

test('RTSP: status, Server and Public methods', () => {
  assert.deepEqual(parseBanner(b('RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: GStreamer RTSP server\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n')), {
    service: 'rtsp',
    product: 'GStreamer',
    rtsp: { status: 200, server: 'GStreamer RTSP server', public: ['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY'] },
  });
});

test('FTP and SMTP greetings are told apart by text and by port', () => {
  assert.deepEqual(parseBanner(b('220 (vsFTPd 3.0.3)\r\n'), 'ftp'), { service: 'ftp', product: 'vsFTPd', version: '3.0.3', ftp: { code: 220, text: '(vsFTPd 3.0.3)' } });
  assert.deepEqual(parseBanner(b('220 mx.example ESMTP Postfix (Debian/GNU)\r\n')), { service: 'smtp', product: 'Postfix', smtp: { code: 220, text: 'mx.example ESMTP Postfix (Debian/GNU)' } });
  assert.equal(parseBanner(b('220 ready\r\n'), 'smtp').service, 'smtp');
  assert.deepEqual(parseBanner(b('220 ready\r\n')), {}, 'an unknown 220 on an unknown port is not guessed');
});

test('garbage, binary, truncated and empty answers give no facts and never throw', () => {
  for (const bytes of [Buffer.alloc(0), Buffer.from([0, 1, 2, 255, 254]), b('HTTP/1.1'), b('HTTP/9 abc'), b('SSH-'), b('RTSP/1.0 2'), b('\r\n\r\n\r\n'), Buffer.alloc(70000, 0x41)]) {
    const facts = parseBanner(bytes);
    assert.equal(facts.service, undefined);
  }
  assert.deepEqual(parseBanner(b('HTTP/1.1 200 OK\r\nServer: x')), { service: 'http', product: 'x', http: { status: 200, reason: 'OK', server: 'x' } }, 'truncated headers keep what is there');
});

test('telnet: negotiation stripped, the welcome line kept, a product named where it says one', () => {
  assert.deepEqual(parseBanner(Buffer.from([0xff, 0xfd, 0x18]), 'telnet'), { service: 'telnet' });
  const busybox = Buffer.concat([Buffer.from([0xff, 0xfb, 0x01, 0xff, 0xfa, 0x18, 0x01, 0xff, 0xf0]), Buffer.from('\r\nBusyBox v1.30.1 (2021-03-04) built-in shell\r\ncam login: ')]);
  assert.deepEqual(parseBanner(busybox, 'telnet'), { service: 'telnet', product: 'BusyBox', version: '1.30.1', telnet: { text: 'BusyBox v1.30.1 (2021-03-04) built-in shell', screen: 'BusyBox v1.30.1 (2021-03-04) built-in shell\r\ncam login:' } });
  assert.deepEqual(parseBanner(Buffer.from('\r\nrouter login: '), 'telnet'), { service: 'telnet', telnet: { text: 'router login:', screen: 'router login:' } });
  assert.deepEqual(parseBanner(Buffer.from('plain text'), undefined), {}, 'without IAC or the telnet port, not guessed');
});

test('printable banners escape control bytes and are bounded', () => {
  assert.equal(printableBanner(Buffer.from([0x41, 0x00, 0x0d, 0x0a, 0x1b, 0x7f])), 'A\\x00\r\n\\x1b\\x7f');
  assert.equal(printableBanner(Buffer.alloc(5000, 0x41)).length, 2048);
});

test('productVersion', () => {
  assert.deepEqual(productVersion('Apache/2.4.57 (Debian)'), { product: 'Apache', version: '2.4.57' });
  assert.deepEqual(productVersion('nginx'), { product: 'nginx' });
  assert.deepEqual(productVersion('  '), {});
});

test('isComplete knows when an answer is whole', () => {
  assert.equal(isComplete(b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc'), 'http'), false);
  assert.equal(isComplete(b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde'), 'http'), true);
  assert.equal(isComplete(b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'), 'http'), true);
  assert.equal(isComplete(b('HTTP/1.1 200 OK\r\n\r\nbody until close'), 'http'), false);
  assert.equal(isComplete(b('RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n'), 'rtsp'), true);
  assert.equal(isComplete(b('SSH-2.0-x'), 'ssh'), false);
  assert.equal(isComplete(b('SSH-2.0-x\r\n'), 'ssh'), true);
  assert.equal(isComplete(b('220-first\r\n'), 'smtp'), false);
  assert.equal(isComplete(b('220-first\r\n220 last\r\n'), 'smtp'), true);
});

test('OS hints: software that names its platform, or is only built for one, gives the OS away', () => {
  const os = (banner: string) => parseBanner(b(banner)).os;
  assert.equal(os('SSH-2.0-dropbear_2022.83\r\n'), 'Linux');
  assert.equal(os('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'), 'Linux');
  assert.equal(os('SSH-2.0-OpenSSH_for_Windows_8.1\r\n'), 'Windows');
  assert.equal(os('SSH-2.0-OpenSSH_9.3 FreeBSD-20230316\r\n'), 'FreeBSD');
  assert.equal(os('HTTP/1.1 200 OK\r\nServer: Apache/2.4.57 (Win64) OpenSSL/3.1.1\r\n\r\n'), 'Windows');
  assert.equal(os('HTTP/1.1 200 OK\r\nServer: Apache/2.4.62 (Debian)\r\n\r\n'), 'Linux');
  assert.equal(os('SSH-2.0-OpenSSH_9.6\r\n'), undefined, 'a portable OpenSSH says nothing of its OS');
  assert.equal(os('HTTP/1.1 200 OK\r\nServer: lighttpd/1.4.69\r\n\r\n'), undefined);
});
