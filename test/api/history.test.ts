import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { Receiver, type Received } from '../support/receiver.js';
import { bearer, testService, token } from '../support/service.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** A port nothing listens on (taken from the kernel, then let go): connecting to it is refused (RST). */
async function freePort(): Promise<number> {
  const s = net.createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as net.AddressInfo).port;
  s.close();
  await once(s, 'close');
  return port;
}

async function listenOn(port: number): Promise<net.Server> {
  const s = net.createServer((c) => c.end('SSH-2.0-dropbear_2022.83\r\n')).listen(port, '127.0.0.1');
  await once(s, 'listening');
  return s;
}

describe('asset history, changes and asset.changed webhooks on loopback', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let receiver: Receiver;
  let alice: Record<string, string>;
  let bob: Record<string, string>;
  let admin: Record<string, string>;
  let steady: net.Server;
  let opened: net.Server | undefined;
  let portA = 0;
  let portB = 0;

  before(async () => {
    receiver = await new Receiver((_p, _n, res) => res.writeHead(204).end()).listen();
    svc = await testService({ PSCAN_WEBHOOK_ALLOW: '127.0.0.1', PSCAN_WEBHOOK_SECRET: SECRET, PSCAN_WEBHOOK_CHANGES_URL: receiver.url('/all-changes') });
    alice = bearer(await token());
    bob = bearer(await token({ sub: 'bob' }));
    admin = bearer(await token({ sub: 'root', scopes: ['admin'] }));
    steady = await listenOn(0);
    portA = (steady.address() as net.AddressInfo).port;
    portB = await freePort();
  });
  after(async () => {
    await svc.close(0);
    await receiver.close();
    steady.close();
    opened?.close();
  });

  /** Waits for requests until one for `path` of this event type has arrived (they may come in any order). */
  async function received(path: string, type: string, scanId: string): Promise<Received> {
    for (;;) {
      const found = receiver.requests.find((r) => r.path === path && JSON.parse(r.body).type === type && JSON.stringify(JSON.parse(r.body).data).includes(scanId));
      if (found) return found;
      await once(receiver, 'request');
    }
  }

  const scan = async (auth: Record<string, string>, webhook?: object) => {
    const res = await request(svc.app)
      .post('/v1/scans')
      .set(auth)
      .send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [portA, portB] }, timing: { timeoutMs: 500 }, mode: 'sync', ...(webhook ? { webhook } : {}) });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  test('a scan of a device, a new port opened on it, a second scan: the change is in the scan, the feed, the history and a signed webhook', async () => {
    const first = await scan(alice, { url: receiver.url('/soar'), events: ['scan.completed', 'asset.changed'] });
    assert.deepEqual(first.results.map((r: { port: number; status: string }) => [r.port, r.status]).sort(), [[portA, 'ok'], [portB, 'closed']].sort());
    assert.deepEqual(first.assets[0].changes.map((c: { kind: string }) => c.kind), ['asset.new']);
    await received('/soar', 'asset.changed', first.id);

    opened = await listenOn(portB);
    const second = await scan(alice, { url: receiver.url('/soar'), events: ['asset.changed'] });
    const [change] = second.assets[0].changes;
    assert.equal(second.assets[0].changes.length, 1, JSON.stringify(second.assets[0].changes));
    assert.equal(change.kind, 'service.opened');
    assert.equal(change.fact, `tcp/${portB}`);
    assert.deepEqual(change.before.service, { state: 'closed' });
    assert.equal(change.before.scanId, first.id);
    assert.equal(change.after.service.state, 'open');
    assert.equal(change.after.scanId, second.id);

    // The feed: alice's only, filterable, and resumable from its cursor.
    const feed = (await request(svc.app).get('/v1/changes').query({ kind: 'service.opened', cidr: '127.0.0.0/8' }).set(alice)).body;
    assert.deepEqual(feed.items.map((c: { kind: string; fact: string; scanId: string; principal: string }) => [c.kind, c.fact, c.scanId, c.principal]), [['service.opened', `tcp/${portB}`, second.id, 'alice']]);
    assert.deepEqual((await request(svc.app).get('/v1/changes').query({ cursor: feed.nextCursor }).set(alice)).body, { items: [], nextCursor: feed.nextCursor }, 'nothing after it yet');
    assert.deepEqual((await request(svc.app).get('/v1/changes').query({ cidr: '10.0.0.0/8' }).set(alice)).body.items, []);
    assert.deepEqual((await request(svc.app).get('/v1/changes').query({ since: '2999-01-01' }).set(alice)).body.items, []);
    assert.deepEqual((await request(svc.app).get('/v1/changes').set(bob)).body, { items: [] }, "bob sees none of alice's changes");
    assert.equal((await request(svc.app).get('/v1/changes').set(admin)).body.items.length, 2, 'admin sees everyone');

    // The history of the port, as intervals: closed by the first scan, open since the second, newest first.
    type Interval = { scans: { first: { scanId: string }; last: { scanId: string } }; service: { state: string }; count: number; current: boolean; firstSeen: string; lastSeen: string };
    const portHistory = async (): Promise<Array<[string, string, string, number, boolean]>> =>
      (await request(svc.app).get('/v1/assets/127.0.0.1/history').query({ fact: `tcp/${portB}` }).set(alice)).body.items.map((i: Interval) => [i.scans.first.scanId, i.scans.last.scanId, i.service.state, i.count, i.current]);
    assert.deepEqual(await portHistory(), [[second.id, second.id, 'open', 1, true], [first.id, first.id, 'closed', 1, false]]);
    assert.equal((await request(svc.app).get('/v1/assets/127.0.0.1/history').set(bob)).status, 404, "alice's history is not bob's");
    const page = (await request(svc.app).get('/v1/assets/127.0.0.1/history').query({ limit: 1 }).set(alice)).body;
    assert.equal(page.items.length, 1);
    assert.equal((await request(svc.app).get('/v1/assets/127.0.0.1/history').query({ limit: 1, cursor: page.nextCursor }).set(alice)).body.items[0].id < page.items[0].id, true);

    // The webhooks: the scan's own (it asked for asset.changed only) and the server-wide one, signed.
    const own = await received('/soar', 'asset.changed', second.id);
    const all = await received('/all-changes', 'asset.changed', second.id);
    for (const r of [own, all]) {
      const body = new Webhook(SECRET).verify(r.body, r.headers as Record<string, string>) as { type: string; data: { scanId: string; principal: string; changes: Array<{ kind: string }> } };
      assert.equal(body.type, 'asset.changed');
      assert.deepEqual([body.data.scanId, body.data.principal, body.data.changes.map((c) => c.kind)], [second.id, 'alice', ['service.opened']]);
    }
    assert.equal(receiver.requests.some((r) => r.path === '/soar' && JSON.parse(r.body).type === 'scan.completed' && JSON.parse(r.body).data.id === second.id), false, 'the second scan did not ask for scan.completed');
    const deliveries = (await request(svc.app).get(`/v1/scans/${second.id}/deliveries`).set(alice)).body;
    assert.deepEqual(deliveries.map((d: { event: string }) => d.event).sort(), ['asset.changed', 'asset.changed']);

    // Nothing changed: no changes on the asset, and no asset.changed delivery.
    const intervalsBefore = (await request(svc.app).get('/v1/assets/127.0.0.1/history').set(alice)).body.items.length;
    const third = await scan(alice, { url: receiver.url('/soar'), events: ['asset.changed'] });
    assert.equal(third.assets[0].changes, undefined);
    // ... and no new interval: the open port's interval now runs from the second scan to the third.
    assert.deepEqual(await portHistory(), [[second.id, third.id, 'open', 2, true], [first.id, first.id, 'closed', 1, false]]);
    const intervals = (await request(svc.app).get('/v1/assets/127.0.0.1/history').set(alice)).body.items as Interval[];
    assert.equal(intervals.length, intervalsBefore);
    assert.ok(intervals.every((i) => i.firstSeen <= i.lastSeen));
    assert.deepEqual((await request(svc.app).get(`/v1/scans/${third.id}/deliveries`).set(alice)).body, []);

    // The port closes again (RST): service.closed.
    opened!.close();
    await once(opened!, 'close');
    opened = undefined;
    const fourth = await scan(alice);
    assert.deepEqual(fourth.assets[0].changes.map((c: { kind: string; fact: string }) => [c.kind, c.fact]), [['service.closed', `tcp/${portB}`]]);
  });

  test('bad feed and history queries and bad webhook events are 400 with their parameter named', async () => {
    const bad = async (url: string, query: Record<string, string | number>, path: string) => {
      const res = await request(svc.app).get(url).query(query).set(alice);
      assert.equal(res.status, 400, `${url} ${JSON.stringify(query)}: ${JSON.stringify(res.body)}`);
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), [path]);
    };
    await bad('/v1/changes', { since: 'yesterday' }, 'query:since');
    await bad('/v1/changes', { cidr: '10.0.0.0/33' }, 'query:cidr');
    await bad('/v1/changes', { kind: 'service.opened,port.scanned' }, 'query:kind');
    await bad('/v1/changes', { cursor: 'abc' }, 'query:cursor');
    await bad('/v1/changes', { limit: 0 }, 'query:limit');
    await bad('/v1/assets/127.0.0.1/history', { fact: 'tcp/http' }, 'query:fact');
    await bad('/v1/assets/127.0.0.1/history', { limit: 201 }, 'query:limit');
    await bad('/v1/assets/not-an-ip/history', {}, 'path:ip');
    assert.equal((await request(svc.app).get('/v1/changes')).status, 401);
    assert.equal((await request(svc.app).get('/v1/assets/127.0.0.9/history').set(alice)).status, 404);
    const res = await request(svc.app).post('/v1/scans').set(alice).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [portA] }, webhook: { url: receiver.url('/x'), events: ['asset.changed', 'port.opened'] } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), ['/webhook/events/1']);
    const empty = await request(svc.app).post('/v1/scans').set(alice).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [portA] }, webhook: { url: receiver.url('/x'), events: [] } });
    assert.deepEqual(empty.body.errors.map((e: { path: string }) => e.path), ['/webhook/events']);
  });
});
