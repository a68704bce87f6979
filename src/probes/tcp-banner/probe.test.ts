import assert from 'node:assert/strict';
import net from 'node:net';
import { after, test } from 'node:test';
import { closedPort, probeContext, tcpServer } from '../../../test/support/probe-context.js';
import { systemNet } from '../net.js';
import { classifyError, ProbeError, type ProbeOutcome } from '../probe.js';
import type { BannerData } from './data.js';
import { tcpBannerProbe } from './probe.js';

const cleanups: Array<() => Promise<void>> = [];
after(async () => Promise.all(cleanups.map((c) => c())));
async function server(...args: Parameters<typeof tcpServer>) {
  const s = await tcpServer(...args);
  cleanups.push(s.close);
  return s;
}
const params = { ports: [1], additionalProbes: false };
const grab = (host: string, port: number, ctx: ReturnType<typeof probeContext>) =>
  tcpBannerProbe.run(params, { ip: host, family: 4 }, { port, protocol: 'tcp' }, ctx) as Promise<ProbeOutcome<BannerData>>;

test('SSH-like server: the identification line is read and parsed, one packet sent', async () => {
  const s = await server((sock) => sock.write('SSH-2.0-dropbear_2022.83\r\n'));
  const ctx = probeContext({ timeoutMs: 2000 });
  const { data, rttMs } = await grab(s.host, s.port, ctx);
  assert.equal(data.service, 'ssh');
  assert.equal(data.product, 'dropbear');
  assert.equal(data.version, '2022.83');
  assert.equal(data.banner, 'SSH-2.0-dropbear_2022.83\r\n');
  assert.equal(data.cut, undefined);
  assert.equal(data.request, undefined);
  assert.equal(ctx.packets(), 1);
  assert.ok(typeof rttMs === 'number' && rttMs >= 0);
});

test('HTTP port: GET / is sent, status, Server and title parsed; two packets', async () => {
  let received = '';
  const s = await server(
    (sock) =>
      sock.once('data', (d) => {
        received = d.toString();
        const body = '<html><title>Router</title></html>';
        sock.end(`HTTP/1.1 200 OK\r\nServer: lighttpd/1.4.69\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      }),
    '127.0.0.3',
    8081,
  );
  const ctx = probeContext({ timeoutMs: 2000 });
  const { data } = await grab(s.host, s.port, ctx);
  assert.match(received, /^GET \/ HTTP\/1.1\r\nHost: 127.0.0.3:8081\r\n/);
  assert.equal(data.request, 'GET / HTTP/1.1');
  assert.deepEqual(data.http, { status: 200, reason: 'OK', server: 'lighttpd/1.4.69', title: 'Router' });
  assert.equal(data.product, 'lighttpd');
  assert.equal(ctx.packets(), 2);
});

test('RTSP port: OPTIONS is sent and Public/Server parsed', async () => {
  const s = await server(
    (sock) => sock.once('data', (d) => sock.write(`RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: TestCam RTSP/2.1\r\nPublic: OPTIONS, DESCRIBE\r\n\r\n${d.toString().startsWith('OPTIONS rtsp://127.0.0.3:8554/ RTSP/1.0') ? '' : 'WRONG'}`)),
    '127.0.0.3',
    8554,
  );
  const { data } = await grab(s.host, s.port, probeContext({ timeoutMs: 2000 }));
  assert.equal(data.service, 'rtsp');
  assert.deepEqual(data.rtsp, { status: 200, server: 'TestCam RTSP/2.1', public: ['OPTIONS', 'DESCRIBE'] });
  assert.ok(!data.banner.includes('WRONG'));
});

test('silent open port: ok with an empty banner after timeoutMs', async () => {
  const s = await server(() => {});
  const { data } = await grab(s.host, s.port, probeContext({ timeoutMs: 150 }));
  assert.equal(data.bytes, 0);
  assert.equal(data.banner, '');
  assert.equal(data.cut, undefined);
});

test('endless banner: cut at the size cap', async () => {
  const s = await server((sock) => {
    const chunk = Buffer.alloc(1024, 0x41);
    const pump = (): void => {
      while (sock.writable && sock.write(chunk));
      if (sock.writable) sock.once('drain', pump);
    };
    pump();
  });
  const { data } = await grab(s.host, s.port, probeContext({ timeoutMs: 2000, bannerMaxBytes: 4096 }));
  assert.equal(data.cut, 'size');
  assert.ok(data.bytes >= 4096);
  assert.equal(data.banner.length, 2048);
});

test('trickling banner: cut at the connection deadline (2 × timeoutMs)', async () => {
  const s = await server((sock) => {
    const t = setInterval(() => sock.writable && sock.write('x'), 20);
    sock.on('close', () => clearInterval(t));
  });
  const { data } = await grab(s.host, s.port, probeContext({ timeoutMs: 200 }));
  assert.equal(data.cut, 'deadline');
  assert.ok(data.bytes > 0 && data.bytes < 100);
});

test('closed port: ECONNREFUSED, classified closed', async () => {
  const port = await closedPort();
  await assert.rejects(grab('127.0.0.1', port, probeContext({ timeoutMs: 1000 })), (err) => classifyError(err).status === 'closed');
});

test('no SYN-ACK: connect-timeout, classified timeout', async () => {
  const neverConnects = { connectTcp: () => new net.Socket(), createUdp: () => { throw new Error('unused'); } };
  await assert.rejects(grab('198.18.0.1', 9, probeContext({ timeoutMs: 50, net: neverConnects })), (err) => {
    assert.ok(err instanceof ProbeError);
    return classifyError(err).status === 'timeout';
  });
});

test('a stalled event loop: a connection the kernel completed in time is not called a timeout by a timer that expired meanwhile', async () => {
  const s = await server((sock) => sock.write('SSH-2.0-dropbear_2022.83\r\n'));
  // The connect is issued on the next tick; the thread then stalls 100 ms, past the 20 ms wait.
  const stalling = { ...systemNet, connectTcp: (o: { host: string; port: number }) => {
    const socket = systemNet.connectTcp(o);
    process.nextTick(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100));
    return socket;
  } };
  const { data } = await grab(s.host, s.port, probeContext({ timeoutMs: 2000, connectTimeoutMs: 20, net: stalling }));
  assert.equal(data.product, 'dropbear');
});

test('no route: the socket error is classified unreachable', async () => {
  const unroutable = {
    connectTcp: () => {
      const s = new net.Socket();
      setImmediate(() => s.emit('error', Object.assign(new Error('connect EHOSTUNREACH'), { code: 'EHOSTUNREACH' })));
      return s;
    },
    createUdp: () => { throw new Error('unused'); },
  };
  await assert.rejects(grab('198.18.0.1', 9, probeContext({ timeoutMs: 1000, net: unroutable })), (err) => classifyError(err).status === 'unreachable');
});

test('abort during the read ends the probe at once', async () => {
  const s = await server(() => {});
  const controller = new AbortController();
  const pending = grab(s.host, s.port, probeContext({ timeoutMs: 5000, signal: controller.signal }));
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(pending, (err) => (err as Error).name === 'AbortError');
});
