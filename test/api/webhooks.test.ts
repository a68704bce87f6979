import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type dns from 'node:dns';
import { EventEmitter, once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { tcpServer } from '../support/probe-context.js';
import { kill, startServer, type ServerProcess } from '../support/process.js';
import { Receiver } from '../support/receiver.js';
import { bearer, TEST_SECRET, testService, token } from '../support/service.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
type Svc = Awaited<ReturnType<typeof testService>>;

/** Every webhook try of a service, recorded from its start (`onTry` goes to the service's overrides), so no try can be missed. */
function recordTries() {
  const log: Array<{ deliveryId: string; state: string }> = [];
  const changed = new EventEmitter();
  return {
    onTry: (deliveryId: string, state: string): void => {
      log.push({ deliveryId, state });
      changed.emit('try');
    },
    /** Resolves with the states of the first `n` tries of this delivery, once there are `n`. */
    async states(deliveryId: string, n: number): Promise<string[]> {
      for (;;) {
        const states = log.filter((e) => e.deliveryId === deliveryId).map((e) => e.state);
        if (states.length >= n) return states.slice(0, n);
        await once(changed, 'try');
      }
    },
  };
}

describe('webhooks with a real local receiver', () => {
  let svc: Svc;
  let receiver: Receiver;
  let auth: Record<string, string>;
  const recorder = recordTries();
  const tries = (deliveryId: string, n: number): Promise<string[]> => recorder.states(deliveryId, n);
  // A name that resolves to loopback, as a rebinding DNS server would answer.
  const rebindingLookup = ((host: string, _options: dns.LookupAllOptions, cb: (e: Error | null, a: dns.LookupAddress[]) => void) =>
    cb(null, [{ address: host === 'rebind.example' ? '127.0.0.2' : '203.0.113.9', family: 4 }])) as unknown as typeof dns.lookup;

  before(async () => {
    receiver = await new Receiver((p, count, res) => {
      if (p === '/flaky' && count <= 3) return res.writeHead(500).end('receiver body that must never be echoed');
      if (p === '/gone') return res.writeHead(410).end();
      if (p === '/redirect') return res.writeHead(302, { Location: '/landing' }).end();
      if (p === '/busy') return res.writeHead(503, { 'Retry-After': '2' }).end();
      if (p === '/slow' && count === 1) return setTimeout(() => res.writeHead(200).end(), 1000);
      if (p === '/trickle' && count === 1) {
        // A byte every 50 ms for 1.5 s: never idle for the 300 ms timeout, yet five times as long.
        res.writeHead(200);
        let left = 30;
        const drip = setInterval(() => (--left > 0 ? res.write('.') : (clearInterval(drip), res.end())), 50);
        return res.on('close', () => clearInterval(drip));
      }
      res.writeHead(204).end();
    }).listen();
    svc = await testService(
      { PSCAN_WEBHOOK_ALLOW: '127.0.0.1', PSCAN_WEBHOOK_RETRY_BASE_MS: '20', PSCAN_WEBHOOK_TIMEOUT_MS: '300', PSCAN_WEBHOOK_SECRET: SECRET },
      { dnsLookup: rebindingLookup, onWebhookTry: recorder.onTry },
    );
    auth = bearer(await token());
  });
  after(async () => {
    await svc.close(0);
    await receiver.close();
  });

  const scanWith = async (webhook: object) => {
    const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] }, timing: { timeoutMs: 200 }, mode: 'sync', webhook });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [delivery] = (await request(svc.app).get(`/v1/scans/${res.body.id}/deliveries`).set(auth)).body;
    return { scan: res.body, delivery };
  };

  test('scan.completed is POSTed signed per Standard Webhooks; the body carries the scan as GET returns it', async () => {
    const got = receiver.next('/ok');
    const { scan } = await scanWith({ url: receiver.url('/ok'), secret: SECRET });
    const r = await got;
    const payload = new Webhook(SECRET).verify(r.body, r.headers as Record<string, string>) as { type: string; data: unknown };
    assert.equal(payload.type, 'scan.completed');
    assert.deepEqual(payload.data, (await request(svc.app).get(`/v1/scans/${scan.id}`).set(auth)).body);
    assert.match(r.headers['webhook-id'] as string, /^msg_/);
    assert.match(r.headers['webhook-signature'] as string, /^v1,[A-Za-z0-9+/]+=*$/);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.throws(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(r.body, r.headers as Record<string, string>), 'another secret does not verify');
    assert.equal(scan.request.webhook.url, receiver.url('/ok'));
    assert.ok(!JSON.stringify(scan).includes(SECRET.slice(6)), 'the secret is never returned');
  });

  test('a receiver failing three times then succeeding: one webhook-id across four tries, each freshly signed', async () => {
    const { scan, delivery } = await scanWith({ url: receiver.url('/flaky') });
    await tries(delivery.id, 4);
    const got = receiver.requests.filter((r) => r.path === '/flaky');
    assert.equal(got.length, 4);
    assert.deepEqual(new Set(got.map((r) => r.headers['webhook-id'])), new Set([delivery.id]));
    for (const r of got) new Webhook(SECRET).verify(r.body, r.headers as Record<string, string>);
    const [log] = (await request(svc.app).get(`/v1/scans/${scan.id}/deliveries`).set(auth)).body;
    assert.equal(log.status, 'delivered');
    assert.deepEqual(log.tries.map((t: { statusCode: number }) => t.statusCode), [500, 500, 500, 204]);
    assert.ok(log.tries.every((t: { latencyMs: number }) => t.latencyMs >= 0));
    assert.ok(!JSON.stringify(log).includes('must never be echoed'), 'the receiver body is not kept');
  });

  test('410 stops retries', async () => {
    const { scan, delivery } = await scanWith({ url: receiver.url('/gone') });
    assert.deepEqual(await tries(delivery.id, 1), ['gone']);
    const log = svc.store.listDeliveries(scan.id)[0]!;
    assert.equal(log.status, 'gone');
    assert.equal(log.nextAttemptAt, undefined);
  });

  test('302 is a failure and never followed', async () => {
    const { scan, delivery } = await scanWith({ url: receiver.url('/redirect') });
    assert.deepEqual(await tries(delivery.id, 2), ['pending', 'pending']);
    assert.equal(receiver.count('/landing'), 0);
    assert.match(svc.store.listDeliveries(scan.id)[0]!.lastError!, /redirects are not followed/);
  });

  test('a slow receiver times out and is tried again', async () => {
    const { delivery } = await scanWith({ url: receiver.url('/slow') });
    assert.deepEqual(await tries(delivery.id, 2), ['pending', 'delivered']);
  });

  test('a receiver trickling its answer is cut at the try deadline (connect to last byte) and tried again', async () => {
    const { scan, delivery } = await scanWith({ url: receiver.url('/trickle') });
    assert.deepEqual(await tries(delivery.id, 1), ['pending']);
    assert.deepEqual(await tries(delivery.id, 2), ['pending', 'delivered']);
    const [first] = svc.store.listDeliveries(scan.id)[0]!.tries;
    assert.match(first!.error!, /no complete answer within 300 ms/);
    assert.equal(first!.statusCode, undefined);
  });

  test('Retry-After is honoured', async () => {
    const { scan, delivery } = await scanWith({ url: receiver.url('/busy') });
    await tries(delivery.id, 1);
    const d = svc.store.listDeliveries(scan.id)[0]!;
    const triedAt = Date.parse(d.tries[0]!.at);
    assert.ok(d.nextAttemptAt! - triedAt >= 2000, `next try ${d.nextAttemptAt! - triedAt} ms later`);
  });

  test('a receiver down for a while gets the delivery once it is up', async () => {
    const late = await new Receiver((_p, _c, res) => res.writeHead(200).end()).listen();
    late.down = true;
    try {
      const { delivery } = await scanWith({ url: late.url('/late') });
      assert.deepEqual(await tries(delivery.id, 2), ['pending', 'pending']);
      late.down = false;
      let states = await tries(delivery.id, 3);
      for (let n = 4; states.at(-1) !== 'delivered' && n < 20; n++) states = await tries(delivery.id, n);
      assert.equal(states.at(-1), 'delivered');
      assert.ok(states.slice(0, -1).every((x) => x === 'pending'));
      assert.equal(late.requests[0]!.headers['webhook-id'], delivery.id);
    } finally {
      await late.close();
    }
  });

  test('a name that resolves to a refused address is checked at connect time and never reached', async () => {
    const { scan, delivery } = await scanWith({ url: `https://rebind.example:${receiver.port}/rebound` });
    await tries(delivery.id, 1);
    const rejected = await request(svc.app).get(`/v1/scans/${scan.id}/deliveries`).set(auth);
    assert.match(rejected.body[0].tries[0].error, /resolves to 127\.0\.0\.2, which webhooks may not reach/);
    assert.equal(receiver.count('/rebound'), 0);
  });

  test('delivery log and redelivery: same id again, 409 while still being tried, 404 for others', async () => {
    const { scan, delivery } = await scanWith({ url: receiver.url('/again') });
    assert.deepEqual(await tries(delivery.id, 1), ['delivered']);
    const second = receiver.next('/again');
    const re = await request(svc.app).post(`/v1/scans/${scan.id}/deliveries/${delivery.id}/redeliver`).set(auth);
    assert.equal(re.status, 202);
    assert.equal((await second).headers['webhook-id'], delivery.id);
    assert.deepEqual(await tries(delivery.id, 2), ['delivered', 'delivered']);
    const busy = await scanWith({ url: receiver.url('/redirect') });
    const conflict = await request(svc.app).post(`/v1/scans/${busy.scan.id}/deliveries/${busy.delivery.id}/redeliver`).set(auth);
    assert.equal(conflict.status, 409);
    const other = bearer(await token({ sub: 'mallory' }));
    assert.equal((await request(svc.app).get(`/v1/scans/${scan.id}/deliveries`).set(other)).status, 404);
    assert.equal((await request(svc.app).post(`/v1/scans/${scan.id}/deliveries/msg_nope/redeliver`).set(auth)).status, 404);
  });

  test('100 concurrent POSTs with one Idempotency-Key create exactly one scan', async () => {
    const body = { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] }, labels: { run: 'idem' } };
    const answers = await Promise.all(Array.from({ length: 100 }, () => request(svc.app).post('/v1/scans').set(auth).set('Idempotency-Key', 'one-key').send(body)));
    assert.ok(answers.every((a) => a.status === 202));
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal(svc.store.listScans({ owner: 'alice', limit: 500 }).filter((s) => s.request.labels.run === 'idem').length, 1);
  });
});

describe('webhook delivery is fair per principal and per receiver', () => {
  let svc: Svc;
  const silent: Receiver[] = [];
  let healthy: Receiver;
  const recorder = recordTries();
  const ended: string[] = [];

  before(async () => {
    // Receivers that take the request and never answer: each try holds its slot until the deadline.
    for (let i = 0; i < 6; i++) silent.push(await new Receiver(() => undefined).listen());
    healthy = await new Receiver((_p, _c, res) => res.writeHead(204).end()).listen();
    // A try's deadline far beyond what alice's delivery takes: the test shows the order of events, not speed.
    svc = await testService(
      { PSCAN_WEBHOOK_ALLOW: '127.0.0.1', PSCAN_WEBHOOK_TIMEOUT_MS: '20000', PSCAN_WEBHOOK_SECRET: SECRET },
      { onWebhookTry: (id, state) => (ended.push(id), recorder.onTry(id, state)) },
    );
  });
  after(async () => {
    // The receivers go first: the tries they hold end at once instead of at their deadline.
    for (const r of [...silent, healthy]) await r.close();
    await svc.close(0);
  });

  const scanWith = async (auth: Record<string, string>, url: string): Promise<string> => {
    const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] }, timing: { timeoutMs: 200 }, mode: 'sync', webhook: { url } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (await request(svc.app).get(`/v1/scans/${res.body.id}/deliveries`).set(auth)).body[0].id;
  };

  test("24 deliveries of one principal to silent receivers do not hold up another principal's delivery to a healthy receiver", async () => {
    const mallory = bearer(await token({ sub: 'mallory' }));
    const held = new Set<string>();
    for (let i = 0; i < 24; i++) held.add(await scanWith(mallory, silent[i % silent.length]!.url('/hold')));
    // Alice's delivery, due after all of mallory's, arrives while every try of mallory's is still held open.
    const alices = healthy.next('/alice');
    const aliceId = await scanWith(bearer(await token({ sub: 'alice' })), healthy.url('/alice'));
    await alices;
    assert.deepEqual(ended.filter((id) => held.has(id)), [], "alice's delivery did not wait for a try of mallory's to end");
    assert.deepEqual(await recorder.states(aliceId, 1), ['delivered']);
  });
});

describe('webhook URL policy', () => {
  let svc: Svc;
  let auth: Record<string, string>;
  // Accepted deliveries are tried: no name may be resolved by the machine's resolver in a test.
  const noDns = ((host: string, _options: unknown, cb: (e: Error) => void) =>
    cb(Object.assign(new Error(`${host}: no DNS in tests`), { code: 'ENOTFOUND' }))) as unknown as typeof dns.lookup;
  before(async () => {
    svc = await testService({ PSCAN_WEBHOOK_SECRET: SECRET }, { dnsLookup: noDns });
    auth = bearer(await token());
  });
  after(() => svc.close(0));

  const submit = (url: string, secret?: string) =>
    request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] }, webhook: secret ? { url, secret } : { url } });

  test('loopback, private, link-local, metadata, mapped, embedded-IPv4 (compatible, translated, Teredo, 6to4, NAT64), site-local, decimal and octal forms are refused unless allowed', async () => {
    for (const url of [
      'http://127.0.0.1/h', 'https://127.0.0.1/h', 'https://10.1.2.3/h', 'https://172.16.0.1/h', 'https://192.168.1.1/h', 'https://169.254.169.254/latest/meta-data',
      'https://[::1]/h', 'https://[::ffff:127.0.0.1]/h', 'https://[::ffff:a9fe:a9fe]/h', 'https://2130706433/h', 'https://0177.0.0.1/h', 'https://0x7f.0.0.1/h',
      'https://localhost/h', 'https://app.localhost/h', 'https://[fe80::1]/h', 'https://[fd00::1]/h', 'https://100.64.0.1/h', 'https://0.0.0.0/h', 'https://224.0.0.1/h',
      'https://[::127.0.0.1]/h', 'https://[::7f00:1]/h', 'https://[::ffff:0:7f00:1]/h', 'https://[fec0::1]/h', 'https://[2001::7f00:1]/h', 'https://[2002:7f00:1::1]/h', 'https://[64:ff9b::7f00:1]/h',
      'http://soar.example/h', 'https://user:pw@soar.example/h', 'ftp://soar.example/h',
    ]) {
      const res = await submit(url);
      assert.equal(res.status, 400, url);
      assert.equal(res.body.errors[0].path, '/webhook/url', url);
    }
  });

  test('a public https URL is accepted; secrets must be Standard Webhooks secrets', async () => {
    assert.equal((await submit('https://soar.example/hooks/pscan')).status, 202);
    const bad = await submit('https://soar.example/hooks/pscan', 'not-a-whsec-secret');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, '/webhook/secret');
  });

  test('without a server secret, a request must bring one', async () => {
    const bare = await testService({}, { dnsLookup: noDns });
    try {
      const res = await request(bare.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] }, webhook: { url: 'https://soar.example/h' } });
      assert.equal(res.status, 400);
      assert.equal(res.body.errors[0].path, '/webhook/secret');
    } finally {
      await bare.close(0);
    }
  });
});

describe('crash safety', () => {
  const servers: ServerProcess[] = [];
  after(async () => {
    for (const s of servers) await kill(s, 'SIGKILL');
  });

  test('kill -9 with a pending delivery and a running scan: after restart both deliveries arrive', async () => {
    let connected!: () => void;
    const firstConnection = new Promise<void>((r) => (connected = r));
    const silent = await tcpServer(() => connected());
    const env = {
      PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-crash-')),
      PSCAN_JWT_SECRET: TEST_SECRET,
      PSCAN_SCOPE_ALLOW: '127.0.0.0/8',
      PSCAN_SCOPE_ALLOW_SELF: 'true',
      PSCAN_WEBHOOK_ALLOW: '127.0.0.1',
      PSCAN_WEBHOOK_SECRET: SECRET,
      PSCAN_WEBHOOK_RETRY_BASE_MS: '50',
    };
    const auth = bearer(await token());
    const receiver = await new Receiver((_p, _c, res) => res.writeHead(200).end()).listen();
    receiver.down = true;
    const url = receiver.url('/hook');
    try {
      const first = await startServer(env);
      servers.push(first);
      const done = await request(first.url).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] }, mode: 'sync', webhook: { url } });
      assert.equal(done.body.status, 'completed');
      const running = await request(first.url).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [silent.port] }, timing: { timeoutMs: 30000 }, webhook: { url } });
      await firstConnection;
      const log = (await request(first.url).get(`/v1/scans/${done.body.id}/deliveries`).set(auth)).body;
      assert.equal(log[0].status, 'pending', 'the receiver is down: tries go on');
      await kill(first, 'SIGKILL');

      receiver.down = false;
      const arrivals: Array<{ type: string; data: { id: string; status: string } }> = [];
      const both = new Promise<void>((resolve) =>
        receiver.on('request', (r: { body: string; headers: Record<string, string> }) => {
          arrivals.push(new Webhook(SECRET).verify(r.body, r.headers) as (typeof arrivals)[number]);
          if (new Set(arrivals.map((a) => a.data.id)).size === 2) resolve();
        }),
      );
      const second = await startServer(env);
      servers.push(second);
      await both;
      const byScan = Object.fromEntries(arrivals.map((a) => [a.data.id, a]));
      assert.equal(byScan[done.body.id]!.type, 'scan.completed');
      assert.equal(byScan[running.body.id]!.type, 'scan.failed');
      assert.equal(byScan[running.body.id]!.data.status, 'failed');
    } finally {
      await receiver.close();
      await silent.close();
    }
  });
});
