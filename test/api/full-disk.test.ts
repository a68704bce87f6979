import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import request from 'supertest';
import { packageRoot } from '../../src/util/package-root.js';
import { bearer, TEST_SECRET, token } from '../support/service.js';

/** A tmpfs this small holds the store's schema and a few 60 KB banners before it is full. */
const TMPFS = '1m';
/** Taken up at once; deleting it (through the server's /proc root) is how the test frees space. */
const BALLAST_BYTES = 384 * 1024;
const BANNER = `SSH-2.0-${'x'.repeat(60 * 1024)}\r\n`;

/** A private mount namespace: as root, or as a user through a user namespace mapping it to root. */
const NAMESPACE = process.getuid?.() === 0 ? ['unshare', '--mount'] : ['unshare', '--user', '--map-root-user', '--mount'];

/** Whether this machine lets the test mount a tmpfs in a namespace of its own; the reason if not. */
function mountNamespace(): string | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'pscan-ns-'));
  const r = spawnSync(NAMESPACE[0]!, [...NAMESPACE.slice(1), 'sh', '-c', 'mount -t tmpfs -o size=64k pscan-probe "$0"', dir], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  return r.status === 0 ? undefined : `${NAMESPACE.join(' ')} + mount -t tmpfs failed: ${(r.error?.message ?? r.stderr).trim()}`;
}

/** The real server with its data dir on a small tmpfs that only its own mount namespace sees. */
async function serverOnTmpfs(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const root = packageRoot();
  const inside = `mount -t tmpfs -o size=${TMPFS},mode=0700 pscan-full "$0" && head -c ${BALLAST_BYTES} /dev/zero > "$0/ballast" && exec "$@"`;
  const child = spawn(NAMESPACE[0]!, [...NAMESPACE.slice(1), 'sh', '-c', inside, dataDir, process.execPath, '--import', 'tsx', path.join(root, 'src', 'server.ts')], {
    cwd: root,
    env: { ...process.env, PSCAN_PORT: '0', PSCAN_LOG_LEVEL: 'warn', PSCAN_DATA_DIR: dataDir, PSCAN_JWT_SECRET: TEST_SECRET, PSCAN_SCOPE_ALLOW: '127.0.0.0/8', PSCAN_SCOPE_ALLOW_SELF: 'true', PSCAN_INTERFACE: 'lo' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
  return { child, url, output: () => out };
}

test('a full disk (the data dir on a 1 MB tmpfs, 60 KB banners): 503 storage-unavailable on every write, /readyz not ready, nothing acknowledged lost, ready again once space is freed', async (t) => {
  const unavailable = mountNamespace();
  if (unavailable) {
    // Root can always make a mount namespace: failing to is a broken test machine, said loudly.
    if (process.getuid?.() === 0) assert.fail(`this test needs a mount namespace with a tmpfs, which root should always get: ${unavailable}`);
    t.skip(`not root, and no unprivileged user namespace to mount a tmpfs in (${unavailable}); run the tests as root`);
    return;
  }
  const banners = net.createServer((c) => c.end(BANNER)).listen(0, '127.0.0.1');
  await once(banners, 'listening');
  const port = (banners.address() as net.AddressInfo).port;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pscan-full-'));
  const server = await serverOnTmpfs(dataDir);
  try {
    const alice = bearer(await token());
    const admin = bearer(await token({ sub: 'root', scopes: ['admin'] }));
    const api = request(server.url);
    const scan = (mode: 'sync' | 'async') => api.post('/v1/scans').set(alice).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [port] }, timing: { timeoutMs: 2000 }, mode });
    const storage503 = (res: request.Response, what: string): void => {
      assert.equal(res.status, 503, `${what}: ${res.status} ${JSON.stringify(res.body)}\n${server.output()}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, what);
      assert.equal(res.body.code, 'storage-unavailable', what);
      assert.ok(Number(res.headers['retry-after']) > 0, `${what}: Retry-After`);
    };
    assert.equal((await api.get('/readyz')).status, 200);

    // Sync scans until the disk is full: each acknowledged one (200) is kept; the first refused one says so.
    const acknowledged: string[] = [];
    let refused: request.Response | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const res = await scan('sync');
      if (res.status === 200) acknowledged.push(res.body.id);
      else refused = res;
    }
    assert.ok(refused, `the disk never filled: ${acknowledged.length} scans stored`);
    assert.ok(acknowledged.length > 0, 'at least one scan fits before the disk is full');
    storage503(refused, 'the sync scan that filled the disk');
    assert.match(refused.body.scanId, /^scn_/);
    assert.match(refused.body.detail, /packets were sent/);

    const ready = await api.get('/readyz');
    assert.deepEqual([ready.status, ready.body.store], [503, 'unavailable'], 'not ready while the store refuses writes');
    storage503(await scan('async'), 'an async scan');
    storage503(await api.post('/v1/tokens').set(admin).send({ name: 'n', scopes: ['scans:read'] }), 'a token');
    storage503(await api.post('/v1/catalogs').set(alice).send({ name: 'plugs', devices: [{ type: 'Plug', ports: [port] }] }), 'a catalogue');

    // Nothing acknowledged is lost: every 200 is there with its banner.
    for (const id of acknowledged) {
      const kept = await api.get(`/v1/scans/${id}`).set(alice);
      assert.deepEqual([kept.status, kept.body.status, kept.body.results.length, kept.body.results[0].data.bytes >= 60 * 1024], [200, 'completed', 1, true], id);
    }

    // Space freed (inside the server's namespace, through its /proc root): ready again, and scans are stored.
    rmSync(`/proc/${server.child.pid}/root${dataDir}/ballast`);
    const again = await api.get('/readyz');
    assert.deepEqual([again.status, again.body.store], [200, 'ok'], server.output());
    const after = await scan('sync');
    assert.equal(after.status, 200, JSON.stringify(after.body));
  } finally {
    const exited = once(server.child, 'exit');
    server.child.kill('SIGTERM');
    await exited;
    banners.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
