import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { packageRoot } from '../../src/util/package-root.js';
import { closedPort, tcpServer } from '../support/probe-context.js';
import { runProcess } from '../support/process.js';
import { TEST_SECRET, testService, token } from '../support/service.js';
import { ALL_PRINCIPALS } from '../../src/store/store.js';

const BIN = path.join(packageRoot(), 'bin', 'pscan.mjs');

const pscan = (args: string[], env: Record<string, string>) => runProcess(process.execPath, [BIN, ...args], env);

describe('pscan CLI', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let server: ReturnType<Awaited<ReturnType<typeof testService>>['app']['listen']>;
  let ssh: Awaited<ReturnType<typeof tcpServer>>;
  let env: Record<string, string>;
  before(async () => {
    svc = await testService();
    server = svc.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    ssh = await tcpServer((s) => s.write('SSH-2.0-dropbear_2022.83\r\n'));
    env = { PSCAN_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, PSCAN_TOKEN: await token() };
  });
  after(async () => {
    server.close();
    await svc.close(0);
    await ssh.close();
  });

  test('scan --wait --json: the finished scan as JSON, exit 0', async () => {
    const r = await pscan(['scan', '--target', '127.0.0.1', '--banner', String(ssh.port), '--wait', '--json', '--label', 'case=cli'], env);
    assert.equal(r.code, 0, r.stderr);
    const scan = JSON.parse(r.stdout);
    assert.equal(scan.status, 'completed');
    assert.deepEqual(scan.labels, { case: 'cli' });
    assert.equal(scan.results[0].data.product, 'dropbear');
  });

  test('scan --wait prints a readable table; get, watch and assets work on it', async () => {
    const r = await pscan(['scan', '--target', '127.0.0.1', '--banner', `${ssh.port},${await closedPort()}`, '--wait'], env);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^TARGET\s+PROBE\s+PORT\s+STATUS\s+SUMMARY$/);
    assert.ok(lines.some((l) => /127\.0\.0\.1\s+tcp-banner\s+\d+\s+ok\s+ssh dropbear 2022\.83/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /\s+closed\s+/.test(l)));
    const id = /^(scn_\S+) completed/m.exec(r.stdout)![1]!;
    const watch = await pscan(['watch', id, '--json'], env);
    assert.equal(watch.code, 0);
    const events = watch.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(events.at(-1), { end: 'completed' });
    assert.equal(events.length, 3);
    const get = await pscan(['get', id, '--json'], env);
    assert.equal(JSON.parse(get.stdout).id, id);
    const assets = await pscan(['assets', '127.0.0.1', '--json'], env);
    assert.equal(assets.code, 0);
    assert.equal(JSON.parse(assets.stdout).ip, '127.0.0.1');
  });

  test('a classify result reads as its level, with the unchecked catalogue ports or the nearest type', async () => {
    const gone = await closedPort();
    const summary = async (devices: object[]) => {
      const catalog = await fetch(`${env.PSCAN_URL}/v1/catalogs`, { method: 'POST', headers: { Authorization: `Bearer ${env.PSCAN_TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'cli', devices }) });
      assert.equal(catalog.status, 201);
      const r = await pscan(['scan', '--target', '127.0.0.1', '--classify', ((await catalog.json()) as { id: string }).id, '--wait'], env);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout.split('\n').find((l) => /\sclassify\s/.test(l))!;
    };
    assert.match(await summary([{ type: 'Box', ports: [ssh.port] }]), /\sok\s+exact Box \(1 probes\)$/);
    assert.match(await summary([{ type: 'Box', ports: [ssh.port, gone] }]), /\sok\s+unknown, nearest Box \(2 probes\)$/);
    // Which port the tree probes first depends on the ports the servers got.
    assert.match(await summary([{ type: 'Box', ports: [ssh.port] }, { type: 'Hub', ports: [gone] }]), /\sok\s+(exact Box \(2 probes\)|consistent Box \(1 probes, unchecked catalogue ports: 1\))$/);
  });

  test('exit codes: 2 usage, 3 refused by the API (problem printed), 4 unreachable', async () => {
    assert.equal((await pscan(['scan', '--banner', '22'], env)).code, 2);
    assert.equal((await pscan(['scan', '--target', '127.0.0.1'], env)).code, 2);
    assert.equal((await pscan(['frobnicate'], env)).code, 2);
    assert.equal((await pscan(['get', 'scn_x'], { ...env, PSCAN_TOKEN: '' })).code, 2);
    const refused = await pscan(['scan', '--target', '8.8.8.8', '--banner', '22'], env);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /403 Target out of scope: 8\.8\.8\.8/);
    const invalid = await pscan(['scan', '--target', '127.0.0.1', '--banner', '99999'], env);
    assert.equal(invalid.code, 3);
    assert.match(invalid.stderr, /\/probes\/0\/ports\/0/);
    const badToken = await pscan(['get', 'scn_x'], { ...env, PSCAN_TOKEN: 'not.a.jwt' });
    assert.equal(badToken.code, 3);
    const down = await pscan(['get', 'scn_x', '--url', `http://127.0.0.1:${await closedPort()}`], env);
    assert.equal(down.code, 4);
  });

  test('a cancelled scan exits 1; token prints a usable JWT', async () => {
    let connected!: () => void;
    const probing = new Promise<void>((r) => (connected = r));
    const silent = await tcpServer(() => connected());
    try {
      const started = pscan(['scan', '--target', '127.0.0.0/28', '--banner', String(silent.port), '--timeout', '20000', '--wait', '--json'], env);
      await probing;
      const [running] = svc.store.listScans({ owner: ALL_PRINCIPALS, limit: 1, status: 'running' });
      await svc.scans.cancel({ sub: 'alice', scopes: [], admin: true }, running!.id);
      assert.equal((await started).code, 1);
    } finally {
      await silent.close();
    }
    const minted = await pscan(['token', '--scopes', 'scans:read', '--sub', 'cli-user'], { PSCAN_JWT_SECRET: TEST_SECRET, PSCAN_DATA_DIR: svc.dataDir });
    assert.equal(minted.code, 0);
    const list = await fetch(`${env.PSCAN_URL}/v1/scans`, { headers: { Authorization: `Bearer ${minted.stdout.trim()}` } });
    assert.equal(list.status, 200);
  });
});
