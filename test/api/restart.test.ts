import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import request from 'supertest';
import { tcpServer } from '../support/probe-context.js';
import { kill, startServer, type ServerProcess } from '../support/process.js';
import { bearer, TEST_SECRET, token } from '../support/service.js';

const servers: ServerProcess[] = [];
after(async () => {
  for (const s of servers) await kill(s, 'SIGKILL');
});

test('kill -9 with a running and a queued scan: after restart the running one is failed with a reason, the queued one runs', async () => {
  const env = { PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-restart-')), PSCAN_JWT_SECRET: TEST_SECRET, PSCAN_SCOPE_ALLOW: '127.0.0.0/8', PSCAN_SCOPE_ALLOW_SELF: 'true', PSCAN_MAX_CONCURRENT_SCANS: '1' };
  let connected!: () => void;
  const firstConnection = new Promise<void>((r) => (connected = r));
  const silent = await tcpServer(() => connected());
  const ssh = await tcpServer((s) => s.write('SSH-2.0-test_1.0\r\n'));
  const auth = bearer(await token());
  try {
    const first = await startServer(env);
    servers.push(first);
    const running = await request(first.url).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [silent.port] }, timing: { timeoutMs: 30000 } });
    assert.equal(running.status, 202);
    const queued = await request(first.url).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port] } });
    assert.equal(queued.status, 202);
    await firstConnection;
    assert.equal((await request(first.url).get(`/v1/scans/${running.body.id}`).set(auth)).body.status, 'running');
    assert.equal((await request(first.url).get(`/v1/scans/${queued.body.id}`).set(auth)).body.status, 'queued');
    await kill(first, 'SIGKILL');

    const second = await startServer(env);
    servers.push(second);
    const failed = await request(second.url).get(`/v1/scans/${running.body.id}`).set(auth);
    assert.equal(failed.body.status, 'failed');
    assert.equal(failed.body.error.code, 'interrupted');
    assert.match(failed.body.error.message, /stopped while this scan was running/);
    const events = await request(second.url).get(`/v1/scans/${queued.body.id}/events`).set(auth);
    assert.match(events.text, /event: end\ndata: \{"status":"completed"\}/);
    const resumed = await request(second.url).get(`/v1/scans/${queued.body.id}`).set(auth);
    assert.equal(resumed.body.results[0].data.ssh.software, 'test_1.0');
  } finally {
    await silent.close();
    await ssh.close();
  }
});

test('SIGTERM: stops accepting, interrupts what outlasts the grace period, exits 0', async () => {
  const env = { PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-term-')), PSCAN_JWT_SECRET: TEST_SECRET, PSCAN_SCOPE_ALLOW: '127.0.0.0/8', PSCAN_SCOPE_ALLOW_SELF: 'true', PSCAN_SHUTDOWN_GRACE_MS: '100' };
  let connected!: () => void;
  const firstConnection = new Promise<void>((r) => (connected = r));
  const silent = await tcpServer(() => connected());
  const auth = bearer(await token());
  try {
    const server = await startServer(env);
    servers.push(server);
    const scan = await request(server.url).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [silent.port] }, timing: { timeoutMs: 30000 } });
    await firstConnection;
    assert.equal(await kill(server, 'SIGTERM'), 0);
    const again = await startServer(env);
    servers.push(again);
    const after = await request(again.url).get(`/v1/scans/${scan.body.id}`).set(auth);
    assert.equal(after.body.status, 'failed');
    assert.equal(after.body.error.code, 'interrupted');
  } finally {
    await silent.close();
  }
});

test('kill -9, then a narrower configuration: queued scans pass admission again or fail with the reason; a crashed one keeps its counts', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pscan-readmit-'));
  const env = { PSCAN_DATA_DIR: dataDir, PSCAN_JWT_SECRET: TEST_SECRET, PSCAN_SCOPE_ALLOW: '127.0.0.0/8', PSCAN_SCOPE_ALLOW_SELF: 'true', PSCAN_MAX_CONCURRENT_SCANS: '1' };
  let connected!: () => void;
  const silentConnection = new Promise<void>((r) => (connected = r));
  const silent = await tcpServer(() => connected());
  const ssh = await tcpServer((s) => s.write('SSH-2.0-test_1.0\r\n'));
  let forbiddenContacts = 0;
  const forbidden = await tcpServer(() => void forbiddenContacts++, '127.0.0.2');
  const auth = bearer(await token());
  try {
    const first = await startServer(env);
    servers.push(first);
    const running = await request(first.url).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port, silent.port] }, timing: { timeoutMs: 30000 } });
    const denied = await request(first.url).post('/v1/scans').set(auth).send({ targets: ['127.0.0.2'], probe: { type: 'tcp-banner', ports: [forbidden.port] } });
    const intrusive = await request(first.url).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port], additionalProbes: true } });
    const fine = await request(first.url).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port] } });
    assert.deepEqual([running.status, denied.status, intrusive.status, fine.status], [202, 202, 202, 202], JSON.stringify(intrusive.body));
    await silentConnection;
    // The ssh port's result is stored within the group-commit window; wait until a poll shows it.
    for (let i = 0; i < 200 && (await request(first.url).get(`/v1/scans/${running.body.id}`).set(auth)).body.results.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    await kill(first, 'SIGKILL');

    const second = await startServer({ ...env, PSCAN_SCOPE_DENY: '127.0.0.2/32', PSCAN_INTRUSIVE: 'deny' });
    servers.push(second);
    const crashed = (await request(second.url).get(`/v1/scans/${running.body.id}`).set(auth)).body;
    assert.equal(crashed.status, 'failed');
    assert.deepEqual([crashed.stats.results, crashed.stats.packetsSent, crashed.stats.byProbe['tcp-banner'].results.ok], [1, 2, 1], 'counts as stored, not zero');
    assert.equal(crashed.assets[0].services[0].name, 'ssh');
    for (const [scan, why] of [[denied, /outside the allowed scope/], [intrusive, /intrusive probes .* are forbidden/]] as const) {
      const after = (await request(second.url).get(`/v1/scans/${scan.body.id}`).set(auth)).body;
      assert.equal(after.status, 'failed');
      assert.equal(after.error.code, 'not-admitted');
      assert.match(after.error.message, why);
    }
    const events = await request(second.url).get(`/v1/scans/${fine.body.id}/events`).set(auth);
    assert.match(events.text, /event: end\ndata: \{"status":"completed"\}/, 'a scan that still passes runs');
    assert.equal(forbiddenContacts, 0, 'nothing reached the address scope now denies');
  } finally {
    await silent.close();
    await ssh.close();
    await forbidden.close();
  }
});
