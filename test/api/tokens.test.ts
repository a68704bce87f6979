import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { pino } from 'pino';
import request from 'supertest';
import { compose } from '../../src/composition-root.js';
import { bearer, testService, token } from '../support/service.js';

const DAY_MS = 86_400_000;

describe('integration tokens (POST/GET/DELETE /v1/tokens)', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let admin: Record<string, string>;
  before(async () => {
    svc = await testService();
    admin = bearer(await token({ sub: 'root', scopes: 'admin' }));
  });
  after(() => svc.close(0));

  const mint = (body: unknown, auth = admin) => request(svc.app).post('/v1/tokens').set(auth).send(body as object);

  test('an admin mints a named token with scopes and expiry; the JWT comes once, its jti is the id', async () => {
    const before = Date.now();
    const res = await mint({ name: 'ndr-splunk', scopes: ['scans:read', 'scans:write'], expiresInDays: 30 });
    assert.equal(res.status, 201, res.text);
    const claims = decodeJwt(res.body.token);
    assert.equal(claims.jti, res.body.id);
    assert.match(res.body.id, /^tok_/);
    assert.equal(claims.sub, `token:ndr-splunk:${res.body.id}`);
    assert.equal(claims.scope, 'scans:read scans:write');
    assert.equal(res.body.createdBy, 'root');
    const expires = Date.parse(res.body.expiresAt);
    assert.ok(expires >= before + 30 * DAY_MS && expires <= Date.now() + 30 * DAY_MS);
    assert.equal(claims.exp, Math.floor(expires / 1000));

    const created = await request(svc.app).post('/v1/scans').set(bearer(res.body.token)).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] } });
    assert.equal(created.status, 202);
    assert.equal(created.body.principal, `token:ndr-splunk:${res.body.id}`);

    const listed = await request(svc.app).get('/v1/tokens').set(admin);
    assert.equal(listed.status, 200);
    const entry = listed.body.find((t: { id: string }) => t.id === res.body.id);
    assert.deepEqual(entry, { id: res.body.id, name: 'ndr-splunk', sub: `token:ndr-splunk:${res.body.id}`, scopes: ['scans:read', 'scans:write'], createdAt: res.body.createdAt, expiresAt: res.body.expiresAt, createdBy: 'root' });
    assert.ok(!JSON.stringify(listed.body).includes(res.body.token));
  });

  test('the default expiry is 90 days', async () => {
    const res = await mint({ name: 'soar', scopes: ['scans:read'] });
    assert.equal(res.status, 201);
    assert.ok(Math.abs(Date.parse(res.body.expiresAt) - (Date.now() + 90 * DAY_MS)) < 60_000);
  });

  test('revoking takes effect at the next request, even for a token the server already trusts; idempotent', async () => {
    const minted = (await mint({ name: 'to-revoke', scopes: ['scans:read'] })).body;
    const auth = bearer(minted.token);
    assert.equal((await request(svc.app).get('/v1/scans').set(auth)).status, 200); // now in the verified-token cache
    assert.equal((await request(svc.app).delete(`/v1/tokens/${minted.id}`).set(admin)).status, 204);
    const refused = await request(svc.app).get('/v1/scans').set(auth);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.detail, 'the token has been revoked');
    assert.equal((await request(svc.app).delete(`/v1/tokens/${minted.id}`).set(admin)).status, 204);
    const listed = (await request(svc.app).get('/v1/tokens').set(admin)).body.find((t: { id: string }) => t.id === minted.id);
    assert.ok(Date.parse(listed.revokedAt) <= Date.now());
  });

  test("a token minted again under a revoked token's name is another principal: it never reads the revoked token's scans", async () => {
    const first = (await mint({ name: 'rotated', scopes: ['scans:read', 'scans:write'] })).body;
    const scan = await request(svc.app).post('/v1/scans').set(bearer(first.token)).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] } });
    assert.equal(scan.status, 202);
    assert.equal((await request(svc.app).delete(`/v1/tokens/${first.id}`).set(admin)).status, 204);
    const second = (await mint({ name: 'rotated', scopes: ['scans:read', 'scans:write'] })).body;
    assert.notEqual(second.sub, first.sub);
    const auth = bearer(second.token);
    assert.equal((await request(svc.app).get(`/v1/scans/${scan.body.id}`).set(auth)).status, 404);
    const listed = await request(svc.app).get('/v1/scans').set(auth);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.items, []);
    assert.equal((await request(svc.app).delete(`/v1/scans/${scan.body.id}`).set(auth)).status, 404);
    // Two live tokens of one name are two principals as well.
    const third = (await mint({ name: 'rotated', scopes: ['scans:read'] })).body;
    assert.equal(new Set([first.sub, second.sub, third.sub]).size, 3);
  });

  test('revoking an unknown id is 404', async () => {
    const res = await request(svc.app).delete('/v1/tokens/tok_00000000000000000000000000').set(admin);
    assert.equal(res.status, 404);
    assert.equal(res.type, 'application/problem+json');
  });

  test('only admin may mint, list or revoke', async () => {
    const user = bearer(await token({ scopes: ['scans:read', 'scans:write'] }));
    assert.equal((await mint({ name: 'x', scopes: ['admin'] }, user)).status, 403);
    assert.equal((await request(svc.app).get('/v1/tokens').set(user)).status, 403);
    assert.equal((await request(svc.app).delete('/v1/tokens/tok_00000000000000000000000000').set(user)).status, 403);
    assert.equal((await request(svc.app).get('/v1/tokens')).status, 401);
  });

  const bad: Array<[string, unknown, string]> = [
    ['no name', { scopes: ['scans:read'] }, '/name'],
    ['an empty name', { name: '', scopes: ['scans:read'] }, '/name'],
    ['a name with a space', { name: 'a b', scopes: ['scans:read'] }, '/name'],
    ['a name of 65 characters', { name: 'a'.repeat(65), scopes: ['scans:read'] }, '/name'],
    ['no scopes', { name: 'x' }, '/scopes'],
    ['an empty scope list', { name: 'x', scopes: [] }, '/scopes'],
    ['an unknown scope', { name: 'x', scopes: ['scans:everything'] }, '/scopes/0'],
    ['0 days', { name: 'x', scopes: ['scans:read'], expiresInDays: 0 }, '/expiresInDays'],
    ['367 days', { name: 'x', scopes: ['scans:read'], expiresInDays: 367 }, '/expiresInDays'],
    ['a fraction of a day', { name: 'x', scopes: ['scans:read'], expiresInDays: 1.5 }, '/expiresInDays'],
    ['days as a string', { name: 'x', scopes: ['scans:read'], expiresInDays: '30' }, '/expiresInDays'],
    ['an unknown field', { name: 'x', scopes: ['scans:read'], sub: 'alice' }, ''],
  ];
  for (const [what, body, pointer] of bad) {
    test(`minting with ${what} → 400 naming ${pointer || 'the field'}`, async () => {
      const res = await mint(body);
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.code, 'validation');
      assert.ok(res.body.errors.some((e: { path: string }) => e.path.startsWith(pointer)), JSON.stringify(res.body.errors));
    });
  }
});

test('revocations are kept in the store: a revoked token stays refused after a restart', async () => {
  const first = await testService();
  const admin = bearer(await token({ sub: 'root', scopes: 'admin' }));
  const minted = (await request(first.app).post('/v1/tokens').set(admin).send({ name: 'kept', scopes: ['scans:read'] })).body;
  const other = (await request(first.app).post('/v1/tokens').set(admin).send({ name: 'other', scopes: ['scans:read'] })).body;
  assert.equal((await request(first.app).delete(`/v1/tokens/${minted.id}`).set(admin)).status, 204);
  await first.close(0);
  const second = await compose(first.config, { logger: pino({ level: 'silent' }) });
  try {
    assert.equal((await request(second.app).get('/v1/scans').set(bearer(minted.token))).status, 401);
    assert.equal((await request(second.app).get('/v1/scans').set(bearer(other.token))).status, 200);
  } finally {
    await second.close(0);
  }
});

test('a server that verifies with a public key cannot mint: 503', async () => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const svc = await testService({ PSCAN_JWT_SECRET: '', PSCAN_JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  try {
    const res = await svc.tokens.create({ sub: 'root', scopes: ['admin'], admin: true }, { name: 'x', scopes: ['scans:read'] }).then(
      () => undefined,
      (err: { status: number; code: string }) => err,
    );
    assert.equal(res?.status, 503);
    assert.equal(res?.code, 'unavailable');
  } finally {
    await svc.close(0);
  }
});
