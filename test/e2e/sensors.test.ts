import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { kill, type ServerProcess, startServer, startSensorProcess } from '../support/process.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { bearer, TEST_SECRET, token } from '../support/service.js';
import { lab, type ScanOf } from './lab-service.js';

const cast = lab.devices.cast!;
const kitchen = lab.siteB.devices.kitchen!;
const SCOPE = `${lab.subnet},${lab.siteB.subnet}`;

describe('lab: one API, three sensors in two subnets, on a real redis-server', () => {
  let redis: RedisServer;
  let api: ServerProcess;
  let auth: Record<string, string>;
  const sensors: Record<string, ServerProcess> = {};

  before(async () => {
    redis = await startRedis();
    const queue = { PSCAN_QUEUE_URL: redis.url, PSCAN_JWT_SECRET: TEST_SECRET, PSCAN_SCOPE_ALLOW: SCOPE };
    api = await startServer({ ...queue, PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-e2e-api-')), PSCAN_QUEUE_CHUNK_HOSTS: '2' });
    // A lost sensor's job is handed on after 2 s without a lock renewal.
    const sensorEnv = { ...queue, PSCAN_QUEUE_LOCK_MS: '2000', PSCAN_SENSOR_HEARTBEAT_MS: '500', PSCAN_SENSOR_CAPACITY: '1' };
    const siteA = ['--site', 'site-a', '--cidrs', lab.subnet, '--interface', 'eth0'];
    [sensors.a1, sensors.a2, sensors.b] = await Promise.all([
      startSensorProcess(siteA, sensorEnv),
      startSensorProcess(siteA, sensorEnv, 'pscan-sensor-a2'),
      startSensorProcess(['--site', 'site-b', '--cidrs', lab.siteB.subnet, '--interface', 'eth0'], sensorEnv, 'pscan-sensor-b'),
    ]);
    auth = bearer(await token({ sub: 'e2e' }));
  });
  after(async () => {
    for (const s of Object.values(sensors)) await kill(s, 'SIGTERM');
    await kill(api, 'SIGTERM');
    await redis.stop();
  });

  test('site B\'s sensor namespace reaches only its own subnet', () => {
    const routes = execFileSync('ip', ['netns', 'exec', 'pscan-sensor-b', 'ip', '-4', 'route', 'show'], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(routes.map((r) => r.split(' ')[0]).sort(), [lab.siteB.subnet, '224.0.0.0/4']);
    assert.match(execFileSync('ip', ['netns', 'exec', 'pscan-sensor-b', 'nft', 'list', 'table', 'inet', 'pscan_guard'], { encoding: 'utf8' }), /policy drop;/);
  });

  test('GET /v1/sensors: two sensors for site A, one for site B', async () => {
    const res = await request(api.url).get('/v1/sensors').set(auth);
    assert.equal(res.status, 200);
    const bySite = res.body.items.map((s: { site: string; id: string }) => [s.site, s.id]).sort();
    assert.deepEqual(bySite, [['site-a', sensors.a1!.url], ['site-a', sensors.a2!.url], ['site-b', sensors.b!.url]].sort());
  });

  test('a scan spanning both subnets completes; the multicast query is answered in each', async () => {
    const res = await request(api.url)
      .post('/v1/scans')
      .set(auth)
      .send({ mode: 'sync', targets: ['198.18.77.21-198.18.77.24', kitchen.ip], probes: [{ type: 'mdns', name: '_googlecast._tcp.local' }, { type: 'tcp-banner', ports: [22] }], timing: { timeoutMs: 1500 } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const scan = res.body as ScanOf<{ banner?: string; services?: Array<{ txt?: Record<string, string> }> }>;
    assert.equal(scan.status, 'completed');
    const mdnsOk = scan.results.filter((r) => r.probe === 'mdns' && r.status === 'ok').map((r) => r.target).sort();
    assert.deepEqual(mdnsOk, [cast.ip, kitchen.ip].sort(), 'each site\'s Cast device answered its own sensor');
    const kitchenMdns = scan.results.find((r) => r.probe === 'mdns' && r.target === kitchen.ip)!;
    assert.match(JSON.stringify(kitchenMdns.data), /Kitchen speaker/);
    const sshOk = scan.results.filter((r) => r.probe === 'tcp-banner' && r.status === 'ok').map((r) => [r.target, r.data?.banner?.slice(0, 8)]);
    assert.deepEqual(sshOk.sort(), [['198.18.77.21', 'SSH-2.0-'], [kitchen.ip, 'SSH-2.0-']].sort());
    assert.equal(scan.results.length, 5 * 2, 'one result per target and probe');
    const kitchenAsset = scan.assets.find((a) => a.ip === kitchen.ip);
    assert.ok(kitchenAsset, 'assets include site B\'s device');
  });

  test('a want scan spanning both subnets: each site\'s sensor plans for its own targets; the plan names the sites', async () => {
    const printer = lab.devices.printer as { ip: string; snmp: { community: string } };
    const res = await request(api.url)
      .post('/v1/scans')
      .set(auth)
      .send({ mode: 'sync', targets: [printer.ip, cast.ip, kitchen.ip], want: ['hostname', 'model'], credentials: { snmp: [{ version: '2c', community: printer.snmp!.community }] }, timing: { timeoutMs: 1000 } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const scan = res.body as ScanOf<unknown> & { plan: { steps: Array<{ step: string; site?: string; packets: number; targets: number }>; complete: number } };
    assert.equal(scan.status, 'completed', JSON.stringify(scan.error));
    const facts = (ip: string) => { const a = scan.assets.find((x) => x.ip === ip) as { hostname?: string; model?: string } | undefined; return [a?.hostname, a?.model]; };
    assert.deepEqual(facts(printer.ip), ['printer-lab', 'LaserJet 400 M401dn']);
    assert.deepEqual(facts(cast.ip), ['cast-lab', 'Google Home Mini']);
    assert.deepEqual(facts(kitchen.ip), ['kitchen-lab', 'Google Nest Audio'], 'site B\'s device, planned by site B\'s sensor on its own link');
    assert.deepEqual([...new Set(scan.plan.steps.map((s) => s.site))].sort(), ['site-a', 'site-b']);
    assert.deepEqual(scan.plan.steps.filter((s) => s.step === 'discovery').map((s) => [s.site, s.targets]).sort(), [['site-a', 2], ['site-b', 1]]);
    assert.equal(scan.plan.complete, 3);
    assert.equal(scan.plan.steps.reduce((n, s) => n + s.packets, 0), scan.stats.packetsSent, 'the sites\' plans account for every packet');
    assert.deepEqual(scan.results.map((r) => r.seq).sort((a, b) => a - b), Array.from({ length: scan.results.length }, (_, i) => i + 1), 'each result stored once');
    assert.ok(!JSON.stringify(scan).includes(printer.snmp.community), 'the community travelled in the job, not into the scan');
  });

  test('killing a sensor mid-scan loses no result and duplicates none', async () => {
    // 20 addresses of site A (neither sensor's own), 2 per job: ten jobs over the two site-A sensors.
    const finished = request(api.url)
      .post('/v1/scans')
      .set(auth)
      .send({ mode: 'sync', targets: ['198.18.77.20-198.18.77.39'], probe: { type: 'tcp-banner', ports: [22, 80, 554, 1002] }, timing: { timeoutMs: 1500 } })
      .then((r) => r);
    let busy = false;
    for (let i = 0; i < 100 && !busy; i++) {
      const list = await request(api.url).get('/v1/sensors').set(auth);
      busy = list.body.items.some((s: { id: string; running: number }) => s.id === sensors.a1!.url && s.running > 0);
      if (!busy) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(busy, 'sensor a1 took a job');
    await kill(sensors.a1!, 'SIGKILL');
    const res = await finished;
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const scan = res.body as ScanOf<unknown>;
    assert.equal(scan.status, 'completed', JSON.stringify(scan.error));
    // Host discovery runs on the sensors: a live address has a result per port, a dead one its one host-down result.
    const live = new Set(Object.values(lab.devices).map((d) => d.ip).filter((ip) => ip >= '198.18.77.20' && ip <= '198.18.77.39'));
    const pairs = scan.results.map((r) => `${r.target}:${r.port ?? r.probe}`);
    const expected = live.size * 4 + (20 - live.size);
    assert.equal(pairs.length, expected, 'every live (target, port) and every dead target has a result');
    assert.equal(new Set(pairs).size, expected, 'none twice');
    assert.ok(scan.results.filter((r) => !live.has(r.target)).every((r) => r.probe === 'discovery' && r.error?.code === 'host-down'));
    assert.deepEqual(scan.stats.hosts, { alive: live.size, dead: 20 - live.size, pending: 0 });
    assert.deepEqual(scan.results.map((r) => r.seq).sort((a, b) => a - b), Array.from({ length: expected }, (_, i) => i + 1));
    const cam = scan.results.filter((r) => r.target === '198.18.77.21' && r.status === 'ok').map((r) => r.port).sort((a, b) => a! - b!);
    assert.deepEqual(cam, [22, 80, 554]);
  });
});
