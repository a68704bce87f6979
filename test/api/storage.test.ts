import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { StorageUnavailableError } from '../../src/errors.js';
import { guardStorage } from '../../src/store/storage-guard.js';
import { DuplicateIdempotencyKeyError } from '../../src/store/store.js';
import { emptyStats } from '../../src/scans/tally.js';
import { FullDiskStore } from '../support/full-disk-store.js';
import { Receiver } from '../support/receiver.js';
import { bearer, testService, token } from '../support/service.js';

const silentLogger = { error: () => {}, info: () => {} };
const record = (id: string, over: object = {}) => ({
  id, principal: 'alice', status: 'queued' as const, createdAt: new Date().toISOString(),
  request: { targets: ['127.0.0.1'], probes: [], timing: { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 }, mode: 'async' as const, profile: 'normal' as const, labels: {} },
  stats: emptyStats(1), assets: [], ...over,
});

test('the storage guard: a store write refused with SQLITE_FULL is a StorageUnavailableError and unreadiness until a write succeeds; reads and other errors pass', () => {
  const inner = new FullDiskStore();
  const store = guardStorage(inner, silentLogger);
  store.insertScan(record('scn_a', { idempotencyKey: 'k' }));
  assert.equal(store.isHealthy(), true);
  inner.full = true;
  assert.equal(store.isHealthy(), true, 'nothing failed yet: ready');
  assert.throws(() => store.insertScan(record('scn_b')), (err: unknown) => err instanceof StorageUnavailableError && err.status === 503 && err.code === 'storage-unavailable' && /SQLITE_FULL/.test(err.message));
  assert.equal(store.failure, 'SQLITE_FULL');
  assert.equal(store.getScan('scn_b'), undefined, 'nothing of the refused write was kept');
  assert.equal(store.getScan('scn_a')?.id, 'scn_a', 'reads go on');
  assert.equal(store.isHealthy(), false, 'not ready: its own write is refused too');
  assert.equal(store.isHealthy(), false);
  // Room for a small write but not for the write check: writes are refused before they start.
  inner.full = false;
  const check = inner.checkWritable.bind(inner);
  inner.checkWritable = () => {
    throw Object.assign(new Error('less than 256 KiB free beside the store'), { code: 'ENOSPC' });
  };
  assert.throws(() => store.insertToken({ id: 'tok_a', name: 'a', sub: 'token:a', scopes: ['scans:read'], createdAt: '2026-01-01T00:00:00Z', expiresAt: '2026-02-01T00:00:00Z', createdBy: 'root' }), StorageUnavailableError);
  assert.deepEqual(store.listTokens(), [], 'refused before it started');
  assert.equal(store.isHealthy(), false);
  inner.checkWritable = check;
  assert.throws(() => store.insertScan(record('scn_c', { idempotencyKey: 'k' })), DuplicateIdempotencyKeyError, 'an error that is not the storage\'s passes unchanged');
  assert.equal(store.isHealthy(), true, 'ready again once a write succeeds');
  assert.equal(store.failure, undefined);
});

test('the storage guard knows SQLite\'s and the file system\'s storage errors, and nothing else', () => {
  for (const code of ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_IOERR_WRITE', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', 'ENOSPC', 'EROFS', 'EIO', 'EDQUOT']) {
    const inner = new FullDiskStore();
    inner.checkWritable = () => {
      throw Object.assign(new Error(code), { code });
    };
    const store = guardStorage(inner, silentLogger);
    assert.throws(() => store.checkWritable(), StorageUnavailableError, code);
    assert.equal(store.isHealthy(), false, code);
  }
  for (const code of ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'ERR_X', undefined]) {
    const inner = new FullDiskStore();
    inner.checkWritable = () => {
      throw Object.assign(new Error('no'), { code });
    };
    const store = guardStorage(inner, silentLogger);
    assert.throws(() => store.checkWritable(), (err: unknown) => !(err instanceof StorageUnavailableError), String(code));
    assert.equal(store.failure, undefined);
  }
});

describe('a full disk through the API: every route that writes answers 503 storage-unavailable with Retry-After; readiness follows', () => {
  const store = new FullDiskStore();
  let svc: Awaited<ReturnType<typeof testService>>;
  let receiver: Receiver;
  let alice: Record<string, string>;
  let admin: Record<string, string>;
  let banner: net.Server;
  let silent: net.Server;
  const tries: string[] = [];
  let tried: (() => void) | undefined;

  before(async () => {
    receiver = await new Receiver((_p, _n, res) => res.writeHead(204).end()).listen();
    svc = await testService(
      { PSCAN_WEBHOOK_ALLOW: '127.0.0.1', PSCAN_WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}` },
      {
        store,
        onWebhookTry: (_id, state) => {
          tries.push(state);
          tried?.();
        },
      },
    );
    alice = bearer(await token());
    admin = bearer(await token({ sub: 'root', scopes: ['admin'] }));
    banner = net.createServer((c) => c.end('SSH-2.0-dropbear_2022.83\r\n')).listen(0, '127.0.0.1');
    // Accepts and says nothing: a banner probe of it lasts its whole timeout.
    silent = net.createServer(() => {}).listen(0, '127.0.0.1');
    await Promise.all([once(banner, 'listening'), once(silent, 'listening')]);
  });
  after(async () => {
    store.full = false;
    await svc.close(0);
    await receiver.close();
    banner.close();
    silent.close();
  });

  const portOf = (s: net.Server): number => (s.address() as net.AddressInfo).port;
  const scanBody = (mode: 'sync' | 'async', port = portOf(banner), timeoutMs = 500) => ({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [port] }, timing: { timeoutMs }, mode });
  const assertStorage503 = (res: request.Response, what: string): void => {
    assert.equal(res.status, 503, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, what);
    assert.equal(res.headers['retry-after'], '30', what);
    assert.equal(res.body.code, 'storage-unavailable', what);
    assert.equal(res.body.type, 'urn:pscan:problem:storage-unavailable', what);
  };

  test('full: scans (async and sync), tokens, catalogues and redeliveries are 503, reads still work, /readyz is not ready; then ready again', async () => {
    // A finished delivery to send again later, and a token to revoke, while the disk has room.
    const done = new Promise<void>((resolve) => (tried = () => tries.includes('delivered') && resolve()));
    const hooked = await request(svc.app).post('/v1/scans').set(alice).send({ ...scanBody('sync'), webhook: { url: receiver.url('/hook') } });
    assert.equal(hooked.status, 200);
    await done;
    const [delivery] = (await request(svc.app).get(`/v1/scans/${hooked.body.id}/deliveries`).set(alice)).body;
    const minted = await request(svc.app).post('/v1/tokens').set(admin).send({ name: 'kept', scopes: ['scans:read'] });
    assert.equal(minted.status, 201);
    assert.equal((await request(svc.app).get('/readyz')).status, 200);

    store.full = true;
    assertStorage503(await request(svc.app).post('/v1/scans').set(alice).send(scanBody('async')), 'async scan');
    const sync = await request(svc.app).post('/v1/scans').set(alice).send(scanBody('sync'));
    assertStorage503(sync, 'sync scan');
    assert.match(sync.body.scanId, /^scn_/);
    assert.match(sync.body.detail, /packets were sent.*nothing of it was kept/);
    assert.equal(sync.body.scan, undefined, 'nothing was committed');
    assert.equal((await request(svc.app).get(`/v1/scans/${sync.body.scanId}`).set(alice)).status, 404, 'and indeed nothing is there');
    assertStorage503(await request(svc.app).post('/v1/tokens').set(admin).send({ name: 'n', scopes: ['scans:read'] }), 'token');
    assertStorage503(await request(svc.app).delete(`/v1/tokens/${minted.body.id}`).set(admin), 'token revocation');
    assertStorage503(await request(svc.app).post('/v1/catalogs').set(alice).send({ name: 'plugs', devices: [{ type: 'Plug', ports: [portOf(banner)] }] }), 'catalogue');
    assertStorage503(await request(svc.app).post(`/v1/scans/${hooked.body.id}/deliveries/${delivery.id}/redeliver`).set(alice), 'redelivery');
    // What was acknowledged is all there.
    const kept = await request(svc.app).get(`/v1/scans/${hooked.body.id}`).set(alice);
    assert.deepEqual([kept.status, kept.body.status, kept.body.results.length], [200, 'completed', 1]);
    const ready = await request(svc.app).get('/readyz');
    assert.deepEqual([ready.status, ready.body.ready, ready.body.store], [503, false, 'unavailable']);
    assert.equal((await request(svc.app).get('/readyz')).status, 503, 'still not ready while writes fail');

    store.full = false;
    const again = await request(svc.app).get('/readyz');
    assert.deepEqual([again.status, again.body.ready, again.body.store], [200, true, 'ok']);
    assert.equal((await request(svc.app).post('/v1/scans').set(alice).send(scanBody('sync'))).status, 200);
  });

  test('a sync scan whose first batch was committed before the disk filled: 503 with what was committed, which stays', async () => {
    const bob = bearer(await token({ sub: 'bob' }));
    // The scan is stored (running) with its first batch at once; the disk is full by its end.
    store.fullAfterInserts = 1;
    const res = await request(svc.app).post('/v1/scans').set(bob).send(scanBody('sync', portOf(silent), 400));
    store.fullAfterInserts = undefined;
    store.full = false;
    assertStorage503(res, 'sync scan, partly committed');
    assert.match(res.body.detail, /`scan` is what was committed/);
    assert.equal(res.body.scan.id, res.body.scanId);
    assert.equal(res.body.scan.status, 'running', 'its end was refused');
    const stored = await request(svc.app).get(`/v1/scans/${res.body.scanId}`).set(bob);
    assert.deepEqual([stored.status, stored.body.status], [200, 'running'], 'what was committed is kept');
  });
});
