import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { once } from 'node:events';
import type net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { type Sensor, startSensor } from '../../src/sensors/sensor.js';
import { Queue, Worker } from 'bullmq';
import { connectRedis, RESULTS_QUEUE, type ResultBatch } from '../../src/sensors/wire.js';
import { closedPort, tcpServer } from '../support/probe-context.js';
import { Receiver } from '../support/receiver.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { bearer, testService, token } from '../support/service.js';
import { ALL_PRINCIPALS } from '../../src/auth/principal.js';

type Svc = Awaited<ReturnType<typeof testService>>;
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

describe('sensors on a real redis-server: two sites, one API', () => {
  let redis: RedisServer;
  let svc: Svc;
  let auth: Record<string, string>;
  const sensors: Sensor[] = [];
  let receiver: Receiver;

  before(async () => {
    redis = await startRedis();
    receiver = await new Receiver((_p, _n, res) => res.writeHead(204).end()).listen();
    // 10.0.0.0/8 is in scope but no sensor serves it: such targets get 422, nothing leaves.
    svc = await testService({ PSCAN_QUEUE_URL: redis.url, PSCAN_SCOPE_ALLOW: '127.0.0.0/8,10.0.0.0/8', PSCAN_WEBHOOK_ALLOW: '127.0.0.1', PSCAN_QUEUE_CHUNK_HOSTS: '2' });
    const logger = pino({ level: 'silent' });
    sensors.push(await startSensor(svc.config, { site: 'north', cidrs: ['127.0.0.0/25'], capacity: 2, interface: 'lo' }, { logger }));
    sensors.push(await startSensor(svc.config, { site: 'south', cidrs: ['127.0.0.128/25'], capacity: 2, interface: 'lo' }, { logger }));
    auth = bearer(await token());
  });
  after(async () => {
    for (const s of sensors) await s.close(0);
    await svc.close(0);
    await receiver.close();
    await redis.stop();
  });

  /** Whether any hash or string key in Redis holds `text` (there are keys: the queues' own). */
  const redisHolds = async (text: string): Promise<boolean> => {
    const client = connectRedis(redis.url);
    try {
      const keys = await client.keys('*');
      assert.ok(keys.length > 0);
      const values = await Promise.all(keys.map(async (k) => ((await client.type(k)) === 'hash' ? JSON.stringify(await client.hgetall(k)) : (await client.type(k)) === 'string' ? await client.get(k) : '')));
      return values.some((v) => v?.includes(text));
    } finally {
      client.disconnect();
    }
  };

  test('GET /v1/sensors lists the live sensors with site, CIDRs, version, capacity and last-seen', async () => {
    const res = await request(svc.app).get('/v1/sensors').set(auth);
    assert.equal(res.status, 200);
    assert.equal(res.body.mode, 'queue');
    assert.deepEqual(res.body.items.map((s: { site: string; cidrs: string[] }) => [s.site, s.cidrs]), [['north', ['127.0.0.0/25']], ['south', ['127.0.0.128/25']]]);
    for (const s of res.body.items) {
      assert.equal(s.version, '0.1.0');
      assert.equal(s.capacity, 2);
      assert.ok(Date.now() - Date.parse(s.lastSeenAt) < 60_000);
      assert.equal(s.pid, process.pid);
    }
    assert.equal((await request(svc.app).get('/v1/sensors')).status, 401);
    const ready = await request(svc.app).get('/readyz');
    assert.equal(ready.body.queue, 'ok');
  });

  test('a scan spanning both sites is routed by CIDR and every result comes back once', async () => {
    const north = await tcpServer((s) => s.end('north-banner\r\n'), '127.0.0.1');
    const south = await tcpServer((s) => s.end('south-banner\r\n'), '127.0.0.200', north.port);
    try {
      const res = await request(svc.app).post('/v1/scans').set(auth).send({ mode: 'sync', targets: ['127.0.0.1-127.0.0.3', '127.0.0.200'], probe: { type: 'tcp-banner', ports: [north.port] }, timing: { timeoutMs: 1000 } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'completed');
      const byTarget = Object.fromEntries(res.body.results.map((r: { target: string; status: string; data?: { banner: string } }) => [r.target, r.data?.banner ?? r.status]));
      assert.deepEqual(byTarget, { '127.0.0.1': 'north-banner\r\n', '127.0.0.2': 'closed', '127.0.0.3': 'closed', '127.0.0.200': 'south-banner\r\n' });
      assert.deepEqual(res.body.results.map((r: { seq: number }) => r.seq).sort((a: number, b: number) => a - b), [1, 2, 3, 4]);
      assert.equal(res.body.stats.packetsSent, 4);
      assert.deepEqual(res.body.stats.byTarget, { '127.0.0.1': 1, '127.0.0.2': 1, '127.0.0.3': 1, '127.0.0.200': 1 });
      assert.ok(res.body.assets.some((a: { ip: string }) => a.ip === '127.0.0.200'), 'assets are derived from the sensors’ results');
    } finally {
      await north.close();
      await south.close();
    }
  });

  test('targets no live sensor serves are refused with 422 naming them; nothing is queued', async () => {
    const before = (await svc.store.listScans({ owner: ALL_PRINCIPALS, limit: 200 })).length;
    const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1', '10.1.2.0/30', '10.9.9.9'], probe: { type: 'tcp-banner', ports: [22] } });
    assert.equal(res.status, 422);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(res.body.code, 'no-sensor');
    assert.deepEqual(res.body.unreachable, ['10.1.2.1-10.1.2.2', '10.9.9.9']);
    assert.equal((await svc.store.listScans({ owner: ALL_PRINCIPALS, limit: 200 })).length, before);
  });

  test('an async scan through the sensors still POSTs its signed webhook', async () => {
    const got = receiver.next('/hook');
    const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.5'], probe: { type: 'tcp-banner', ports: [1] }, timing: { timeoutMs: 200 }, webhook: { url: receiver.url('/hook'), secret: SECRET } });
    assert.equal(res.status, 202);
    const r = await got;
    const payload = new Webhook(SECRET).verify(r.body, r.headers as Record<string, string>) as { type: string; data: { id: string; results: unknown[] } };
    assert.equal(payload.type, 'scan.completed');
    assert.equal(payload.data.id, res.body.id);
    assert.equal(payload.data.results.length, 1);
  });

  test('cancelling reaches the sensor: its open connection is closed and the scan ends cancelled', async () => {
    let onConnect!: (s: net.Socket) => void;
    const connection = new Promise<net.Socket>((resolve) => (onConnect = resolve));
    const silent = await tcpServer((s) => onConnect(s));
    try {
      const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [silent.port] }, timing: { timeoutMs: 30000 } });
      assert.equal(res.status, 202);
      const socket = await connection;
      const closed = once(socket, 'close');
      const cancel = await request(svc.app).delete(`/v1/scans/${res.body.id}`).set(auth);
      assert.equal(cancel.status, 202);
      assert.equal(cancel.body.status, 'cancelled');
      await closed;
    } finally {
      await silent.close();
    }
  });

  test('a catalogue created through the API classifies through a sensor: the job carries it', async () => {
    const [a, b] = [await tcpServer((s) => s.destroy()), await tcpServer((s) => s.destroy())];
    const shut = await closedPort();
    try {
      const created = await request(svc.app).post('/v1/catalogs').set(auth).send({ name: 'loopback', devices: [{ type: 'both open', ports: [a.port, b.port] }, { type: 'one open', ports: [a.port, shut] }] });
      assert.equal(created.status, 201);
      const res = await request(svc.app).post('/v1/scans').set(auth).send({ mode: 'sync', targets: ['127.0.0.1'], probe: { type: 'classify', catalog: created.body.id }, timing: { timeoutMs: 1000 } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const [result] = res.body.results;
      assert.equal(result.status, 'ok', JSON.stringify(result));
      assert.deepEqual([result.data.match, result.data.device], [result.data.uncheckedPorts === 0 ? 'exact' : 'consistent', 'both open']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('a want scan through the sensors: each site plans for its own targets, known facts cost nothing, every credential\'s try is kept, none stays in Redis', async () => {
    const community = `community-${randomBytes(6).toString('hex')}`;
    // A silent agent: both credentials time out, so the plan runs two SNMP steps on one target,
    // each numbering its probes from 0; both results must reach the scan.
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.200', resolve));
    const port = silent.address().port;
    try {
      const res = await request(svc.app).post('/v1/scans').set(auth).send({
        mode: 'sync',
        targets: ['127.0.0.1', '127.0.0.200'],
        want: ['hostname'],
        known: { '127.0.0.1': { facts: { hostname: 'north-cam' } } },
        credentials: { snmp: [{ version: '2c', community, port }, { version: '2c', community: `${community}-2`, port }] },
        timing: { timeoutMs: 200 },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'completed', JSON.stringify(res.body.error));
      const steps = res.body.plan.steps.map((s: { site: string; step: string; targets: number; packets: number }) => [s.site, s.step, s.targets, s.packets]);
      // North knows its one target's hostname: discovery only. South asks the agent with each credential.
      assert.deepEqual(steps, [['north', 'discovery', 1, 0], ['south', 'discovery', 1, 0], ['south', 'snmp', 1, 1], ['south', 'snmp', 1, 1]]);
      assert.deepEqual(res.body.results.map((r: { target: string; probe: string; status: string }) => [r.target, r.probe, r.status]), [['127.0.0.200', 'snmp', 'timeout'], ['127.0.0.200', 'snmp', 'timeout']]);
      assert.equal(res.body.plan.complete, 1);
      // What south could not find reaches the scan's plan with why.
      assert.deepEqual(res.body.plan.unmet, [{ fact: 'hostname', targets: 1, why: [{ reason: 'mDNS and SSDP were not asked: a multicast query hears only the links this machine is on', targets: 1 }, { reason: 'SNMP was asked; no answer gave it', targets: 1 }] }]);
      const north = res.body.assets.find((a: { ip: string }) => a.ip === '127.0.0.1');
      assert.deepEqual([north.hostname, north.sources.hostname.source], ['north-cam', 'known']);
      assert.ok(!JSON.stringify(res.body).includes(community), 'no secret in the scan');
      assert.ok(!(await redisHolds(community)), 'no key holds the community');
    } finally {
      silent.close();
    }
  });

  test('probe credentials do not stay in Redis once the job is over', async () => {
    const community = `community-${randomBytes(6).toString('hex')}`;
    const res = await request(svc.app).post('/v1/scans').set(auth).send({ mode: 'sync', targets: ['127.0.0.9'], probe: { type: 'snmp', operation: 'get', oids: ['1.3.6.1.2.1.1.5.0'], community }, timing: { timeoutMs: 200 } });
    assert.equal(res.status, 200);
    assert.equal(res.body.results.length, 1);
    assert.ok(!(await redisHolds(community)), 'no key holds the community');
  });
});

test('without PSCAN_QUEUE_URL the API runs probes itself and says so', async () => {
  const svc = await testService();
  try {
    const auth = bearer(await token());
    const res = await request(svc.app).get('/v1/sensors').set(auth);
    assert.deepEqual(res.body, { mode: 'embedded', items: [] });
    assert.equal((await request(svc.app).get('/readyz')).body.queue, 'off');
  } finally {
    await svc.close(0);
  }
});

test('a sensor refuses a job for addresses outside its site or scope, with an unreadable catalogue or plan, and says so', async () => {
  const redis = await startRedis();
  const svc = await testService({ PSCAN_QUEUE_URL: redis.url, PSCAN_QUEUE_PREFIX: 'refusal' });
  const sensor = await startSensor(svc.config, { site: 'north', cidrs: ['127.0.0.0/25'], capacity: 1, interface: 'lo' }, { logger: pino({ level: 'silent' }) });
  // The API would never route these here; a forged or stale job must still not be probed.
  const clients = [connectRedis(redis.url), connectRedis(redis.url, { blocking: true })];
  const forged = new Queue('work-north', { connection: clients[0]!, prefix: 'refusal' });
  const batches: ResultBatch[] = [];
  const reported = new Promise<void>((resolve) => {
    const worker = new Worker<ResultBatch>(RESULTS_QUEUE, async (job) => {
      batches.push(job.data);
      if (batches.length === 4) {
        resolve();
        void worker.close();
      }
    }, { connection: clients[1]!, prefix: 'refusal' });
  });
  try {
    // The composed API's own results worker would take these batches: stop it first.
    await svc.close(0);
    const job = { scanId: 'scn_forged', part: 'units', probes: [{ type: 'tcp-banner', ports: [22] }], timing: { count: 1, intervalMs: 0, timeoutMs: 200, retries: 0 }, fragile: false, caps: { globalPacketsPerSecond: 10, perTargetPacketsPerSecond: 10, fragilePacketsPerSecond: 1, fragileCidrs: [], fragileGapMs: 0, perTargetConcurrency: 1, maxConcurrentProbesPerScan: 1, bannerMaxBytes: 1024 } };
    await forged.add('units', { ...job, chunk: 0, targets: ['127.0.0.200'] });
    await forged.add('units', { ...job, chunk: 1, targets: ['10.0.0.1'] });
    const badCatalog = { catalog: { id: 'cat_forged', name: 'forged', devices: 'every device' }, trees: {} };
    await forged.add('units', { ...job, chunk: 2, targets: ['127.0.0.1'], probes: [{ type: 'classify', catalog: 'cat_forged' }], catalogs: [badCatalog] });
    // A plan whose credential is of the wrong shape: refused before anything is sent.
    await forged.add('plan', { ...job, chunk: 3, part: 'plan', targets: ['127.0.0.1'], probes: [], plan: { want: ['hostname'], credentials: [{ version: '2c' }], known: {}, allowIntrusive: false, catalog: 'builtin' } });
    await reported;
    const byChunk = Object.fromEntries(batches.map((b) => [b.chunk, b]));
    assert.equal(byChunk[0]!.error?.code, 'refused-by-sensor');
    assert.match(byChunk[0]!.error!.message, /127\.0\.0\.200/);
    assert.equal(byChunk[1]!.error?.code, 'refused-by-sensor');
    assert.equal(byChunk[2]!.error?.code, 'invalid-job');
    assert.match(byChunk[2]!.error!.message, /cat_forged/);
    assert.equal(byChunk[3]!.error?.code, 'invalid-job');
    assert.match(byChunk[3]!.error!.message, /plan\/credentials\/0/);
    for (const b of batches) {
      assert.equal(b.done, true);
      assert.deepEqual(b.results, []);
      assert.deepEqual(b.packets, [], 'nothing was sent');
    }
  } finally {
    await forged.close();
    await sensor.close(0);
    for (const c of clients) c.disconnect();
    await redis.stop();
  }
});

test('nmap is asked of the sensors that would probe the targets, not of the API: an API without it still runs deep probes on a site whose sensors have it; a site whose sensor lacks it gets 503', async () => {
  const redis = await startRedis();
  // The API's own machine has no nmap (as in a container that sends nothing); north's sensor has it, south's not.
  const svc = await testService({ PSCAN_QUEUE_URL: redis.url, PSCAN_QUEUE_PREFIX: 'tools', PSCAN_NMAP_PATH: '/nonexistent/nmap' });
  const logger = pino({ level: 'silent' });
  const withNmap = { ...svc.config, probes: { ...svc.config.probes, nmapPath: 'nmap' } };
  const sensors = [
    await startSensor(withNmap, { site: 'north', cidrs: ['127.0.0.0/25'], capacity: 1, interface: 'lo' }, { logger }),
    await startSensor(svc.config, { site: 'south', cidrs: ['127.0.0.128/25'], capacity: 1, interface: 'lo' }, { logger }),
  ];
  const port = await closedPort();
  try {
    const auth = bearer(await token());
    const deep = (target: string) => request(svc.app).post('/v1/scans').set(auth).send({ mode: 'sync', targets: [target], probe: { type: 'tcp-banner', ports: [port], additionalProbes: true }, timing: { timeoutMs: 1000 } });
    const north = await deep('127.0.0.1');
    assert.equal(north.status, 200, JSON.stringify(north.body));
    // nmap ran on north's sensor: its service detection is a result of its own beside the port's.
    assert.deepEqual(north.body.results.map((r: { status: string; data?: { kind?: string } }) => [r.status, r.data?.kind]), [['closed', undefined], ['ok', 'nmap']]);
    const south = await deep('127.0.0.200');
    assert.equal(south.status, 503);
    assert.equal(south.body.code, 'unavailable');
    assert.match(south.body.detail, /nmap is not available where these targets are probed/);
    // The catalogue answers for every live sensor: south's lacks nmap, so the option is not usable everywhere.
    const option = (await request(svc.app).get('/v1/probes').set(auth)).body.probes.find((p: { type: string }) => p.type === 'tcp-banner').parameters.find((p: { name: string }) => p.name === 'additionalProbes');
    assert.deepEqual([option.requires, option.available], ['nmap', false]);
  } finally {
    for (const s of sensors) await s.close(0);
    await svc.close(0);
    await redis.stop();
  }
});
