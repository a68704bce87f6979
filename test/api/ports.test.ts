import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { bearer, testService, token } from '../support/service.js';

/** A loopback TCP server that greets and closes: an open port to find inside a range. */
async function greeter(): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => s.end('220 ready\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('port ranges in tcp-banner\'s ports', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let alice: Record<string, string>;
  let open: Awaited<ReturnType<typeof greeter>>;
  before(async () => {
    // The budget of one -p- on one host (2 packets per port, no retries): -p- fits, twice does not.
    svc = await testService({ PSCAN_MAX_PROBES: String(2 * 65535) });
    alice = bearer(await token());
    open = await greeter();
  });
  after(() => {
    open.server.close();
    return svc.close(0);
  });
  const post = (body: object) => request(svc.app).post('/v1/scans').set(alice).send(body);

  test('a range is probed port by port; the request keeps it as given', async () => {
    const low = open.port > 65533 ? open.port - 2 : open.port;
    const range = `${low}-${low + 2}`;
    const res = await post({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [range] }, timing: { timeoutMs: 1000 }, mode: 'sync' });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.request.probes[0].ports, [range]);
    assert.deepEqual(res.body.results.map((r: { port: number }) => r.port).sort(), [low, low + 1, low + 2]);
    const found = res.body.results.find((r: { port: number }) => r.port === open.port);
    assert.equal(found.status, 'ok');
    assert.match(found.data.banner, /220 ready/);
  });

  test('["1-65535"] (-p-) is one small request, admitted within the packet budget; on two hosts the budget refuses it', async () => {
    const body = { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: ['1-65535'] }, timing: { timeoutMs: 200 } };
    assert.ok(JSON.stringify(body).length < 200);
    const res = await post(body);
    assert.equal(res.status, 202, res.text);
    assert.deepEqual(res.body.request.probes[0].ports, ['1-65535']);
    assert.equal((await request(svc.app).delete(`/v1/scans/${res.body.id}`).set(alice)).status, 202);
    const two = await post({ ...body, targets: ['127.0.0.1-127.0.0.2'] });
    assert.equal(two.status, 422);
    assert.match(two.body.detail, /262140/, 'the ports a range names are counted');
  });

  test('bad items are 400s naming their pointer: out of range, backwards, overlapping, not a port', async () => {
    const cases: Array<[unknown[], string]> = [
      [['0-10'], '/probes/0/ports/0'],
      [['10-1'], '/probes/0/ports/0'],
      [[22, '1-100'], '/probes/0/ports/1'],
      [['http'], '/probes/0/ports/0'],
      [[65536], '/probes/0/ports/0'],
      [['1-65536'], '/probes/0/ports/0'],
    ];
    for (const [ports, pointer] of cases) {
      const res = await post({ targets: ['127.0.0.1'], probes: [{ type: 'tcp-banner', ports }] });
      assert.equal(res.status, 400, JSON.stringify(ports));
      assert.match(res.headers['content-type']!, /application\/problem\+json/);
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), [pointer], JSON.stringify(ports));
    }
  });
});
