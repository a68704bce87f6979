import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { answerClientErrors, createHttpServer } from '../../src/app.js';
import { testService } from '../support/service.js';

let svc: Awaited<ReturnType<typeof testService>>;
let server: http.Server;
before(async () => {
  svc = await testService();
  server = http.createServer(svc.app);
  answerClientErrors(server);
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
});
after(async () => {
  server.close();
  await svc.close(0);
});

/** Sends raw bytes and resolves with everything the server answered before closing. */
function raw(bytes: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (d) => (text += d));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head!)?.[1]), headers: head!, body });
    });
  });
}

test('malformed header bytes get a 400 problem+json, not Node\'s bare 400', async () => {
  for (const bytes of ['GET /healthz HTTP/1.1\r\nHost: x\r\nBad\x01Name: y\r\n\r\n', 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n', 'NOT HTTP AT ALL\r\n\r\n']) {
    const res = await raw(bytes);
    assert.equal(res.status, 400, JSON.stringify(bytes));
    assert.match(res.headers, /content-type: application\/problem\+json/i);
    const problem = JSON.parse(res.body);
    assert.equal(problem.status, 400);
    assert.equal(problem.code, 'bad-request');
  }
});

test('oversized headers get a 431 problem+json', async () => {
  const res = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(http.maxHeaderSize + 1)}\r\n\r\n`);
  assert.equal(res.status, 431);
  assert.match(res.headers, /content-type: application\/problem\+json/i);
  assert.equal(JSON.parse(res.body).code, 'headers-too-large');
});

test('a body shorter than its Content-Length holds the connection only until the request timeout, then a 408 problem, no token needed', async () => {
  const timed = createHttpServer(svc.app, 1000);
  timed.listen(0, '127.0.0.1');
  await new Promise((r) => timed.once('listening', r));
  try {
    const started = Date.now();
    const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const socket = net.connect((timed.address() as AddressInfo).port, '127.0.0.1', () =>
        socket.write('POST /v1/scans HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":1}'),
      );
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('error', reject);
      socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]), text }));
    });
    assert.equal(res.status, 408, res.text);
    assert.match(res.text, /application\/problem\+json/);
    // Node checks the timeout once a second: the connection is gone within a few, not Node's 300 s default.
    assert.ok(Date.now() - started < 10_000, `${Date.now() - started} ms`);
  } finally {
    timed.close();
  }
});
