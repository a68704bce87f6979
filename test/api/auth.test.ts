import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { importPKCS8, SignJWT } from 'jose';
import request from 'supertest';
import { bearer, TEST_SECRET, testService, token } from '../support/service.js';

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('authentication and authorisation (HS256 secret)', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  before(async () => (svc = await testService()));
  after(() => svc.close(0));

  const expect401 = async (headers: Record<string, string>, detail: RegExp) => {
    const res = await request(svc.app).get('/v1/scans').set(headers);
    assert.equal(res.status, 401);
    assert.match(res.headers['content-type']!, /application\/problem\+json/);
    assert.equal(res.body.code, 'unauthorized');
    assert.match(res.body.detail, detail);
    // RFC 6750 §3.1: no error code without a bearer token (none, or another scheme), invalid_token for a refused one.
    assert.equal(res.headers['www-authenticate'], /^bearer \S/i.test(headers.Authorization ?? '') ? 'Bearer realm="pscan", error="invalid_token"' : 'Bearer realm="pscan"');
  };

  test('a valid token with the scope is accepted', async () => {
    const res = await request(svc.app).get('/v1/scans').set(bearer(await token()));
    assert.equal(res.status, 200);
  });
  test('no token → 401', () => expect401({}, /bearer token is required/));
  test('the Bearer scheme is case-insensitive', async () => {
    const t = await token();
    for (const scheme of ['bearer', 'BEARER', 'bEaReR']) assert.equal((await request(svc.app).get('/v1/scans').set('Authorization', `${scheme} ${t}`)).status, 200, scheme);
  });
  test('not a Bearer header → 401', () => expect401({ Authorization: 'Basic YTpi' }, /Bearer <token>/));
  test('garbage token → 401', () => expect401(bearer('abc.def.ghi'), /not valid/));
  test('bad signature → 401', async () => expect401(bearer(await token({ secret: 'another-secret-that-is-32-bytes-long!!' })), /signature/));
  test('alg none → 401', () => expect401(bearer(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'alice', iss: 'pscan', aud: 'pscan-api', exp: 9999999999, scope: 'admin' })}.`), /not valid|algorithm/));
  test('expired → 401', async () => expect401(bearer(await token({ expiresIn: -120 })), /expired/));
  test('missing exp → 401', async () => expect401(bearer(await token({ expiresIn: null })), /"exp"/));
  test('wrong aud → 401', async () => expect401(bearer(await token({ aud: 'other-api' })), /"aud"/));
  test('wrong iss → 401', async () => expect401(bearer(await token({ iss: 'evil' })), /"iss"/));
  test('missing sub → 401', async () => expect401(bearer(await token({ sub: '' })), /"sub"/));
  test('a sub that is not a non-empty string ("", 0, false, 123, an object, an array, true) → 401, never another principal or all of them', async () => {
    const created = await request(svc.app).post('/v1/scans').set(bearer(await token({ sub: 'alice' }))).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] } });
    assert.equal(created.status, 202);
    for (const sub of ['', 0, false, 123, { a: 1 }, ['alice'], true]) {
      const t = await new SignJWT({ scope: 'scans:read scans:write', sub } as Record<string, unknown>)
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('pscan')
        .setAudience('pscan-api')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(TEST_SECRET));
      for (const path of ['/v1/scans', '/v1/assets', `/v1/scans/${created.body.id}`]) {
        const res = await request(svc.app).get(path).set(bearer(t));
        assert.equal(res.status, 401, `${JSON.stringify(sub)} on ${path}: ${res.text.slice(0, 200)}`);
        assert.match(res.body.detail, /"sub"/);
      }
    }
  });
  test('a sub of only spaces, control or invisible characters, or with a control character, → 401 naming "sub"; any printable one is a principal', async () => {
    const signed = (sub: string): Promise<string> =>
      new SignJWT({ scope: 'scans:read scans:write', sub }).setProtectedHeader({ alg: 'HS256' }).setIssuer('pscan').setAudience('pscan-api').setExpirationTime('1h').sign(new TextEncoder().encode(TEST_SECRET));
    for (const sub of [' ', '   ', '\t', '\n', '\r\n', '\u0000', '\u0007\u001b', '\u007f', '\u0085', '\u00a0', '\u2003', '\u3000', '\u200b', '\u2028', '\ufeff', ' \u0000 ', 'alice\n', 'ali\u0000ce']) {
      const res = await request(svc.app).get('/v1/scans').set(bearer(await signed(sub)));
      assert.equal(res.status, 401, JSON.stringify(sub));
      assert.match(res.headers['content-type']!, /application\/problem\+json/);
      assert.equal(res.body.code, 'unauthorized');
      assert.match(res.body.detail, /"sub" claim must be a string with a printable character other than a space/, JSON.stringify(sub));
    }
    for (const sub of ['a', ' bob ', 'zoë', '用户', 'token:x']) assert.equal((await request(svc.app).get('/v1/scans').set(bearer(await signed(sub)))).status, 200, sub);
  });
  test('RS256 token against an HS256 server → 401', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256');
    const t = await new SignJWT({ scope: 'admin' }).setProtectedHeader({ alg: 'RS256' }).setSubject('x').setIssuer('pscan').setAudience('pscan-api').setExpirationTime('1h').sign(key);
    await expect401(bearer(t), /algorithm/);
  });

  test('a token is verified once a minute, not per request, and is still refused once it expires', async (t) => {
    const verify = t.mock.method(crypto.subtle, 'verify');
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    const soon = await token({ expiresIn: 90 });
    const get = async () => (await request(svc.app).get('/v1/scans').set(bearer(soon))).status;
    assert.equal(await get(), 200);
    assert.equal(await get(), 200);
    assert.equal(verify.mock.callCount(), 1, 'the second request used the first verification');
    t.mock.timers.tick(61_000);
    assert.equal(await get(), 200);
    assert.equal(verify.mock.callCount(), 2, 'verified again after a minute');
    t.mock.timers.tick(35_000);
    await expect401(bearer(soon), /expired/);
  });
  test('valid token lacking the scope → 403', async () => {
    const res = await request(svc.app).post('/v1/scans').set(bearer(await token({ scopes: ['scans:read'] }))).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] } });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'forbidden');
    assert.match(res.body.detail, /scans:write/);
    const read = await request(svc.app).get('/v1/scans').set(bearer(await token({ scopes: ['scans:write'] })));
    assert.equal(read.status, 403);
  });

  test('scopes may come as a "scopes" array; admin satisfies every scope', async () => {
    const t = await new SignJWT({ scopes: ['scans:read'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('a').setIssuer('pscan').setAudience('pscan-api').setExpirationTime('1h').sign(new TextEncoder().encode('test-secret-that-is-at-least-32-bytes-long!'));
    assert.equal((await request(svc.app).get('/v1/scans').set(bearer(t))).status, 200);
    assert.equal((await request(svc.app).get('/v1/scans').set(bearer(await token({ scopes: 'admin' })))).status, 200);
  });

  test('/readyz says ready or not (and whether nmap is there) to anyone; the tool versions and paths only to an admin', async () => {
    const open = await request(svc.app).get('/readyz');
    assert.equal(open.status, 200);
    assert.deepEqual(Object.keys(open.body).sort(), ['nmap', 'queue', 'ready', 'store']);
    assert.equal(open.body.ready, true);
    assert.deepEqual(Object.keys(open.body.nmap), ['available']);
    assert.deepEqual(Object.keys((await request(svc.app).get('/readyz').set(bearer(await token()))).body.nmap), ['available'], 'not to a token without admin');
    const admin = await request(svc.app).get('/readyz').set(bearer(await token({ scopes: 'admin' })));
    assert.equal(typeof admin.body.nmap.available, 'boolean');
    assert.equal(typeof admin.body.nmap.path, 'string');
    assert.equal((await request(svc.app).get('/readyz').set(bearer('abc.def.ghi'))).status, 401, 'a token that was sent must be valid');
  });

  test('/healthz, /readyz, /docs, /openapi.json need no token; /metrics needs admin', async () => {
    for (const p of ['/healthz', '/readyz', '/openapi.json']) assert.equal((await request(svc.app).get(p)).status, 200, p);
    const docs = await request(svc.app).get('/docs/');
    assert.equal(docs.status, 200);
    assert.match(docs.text, /swagger-ui/);
    assert.equal((await request(svc.app).get('/metrics')).status, 401);
    assert.equal((await request(svc.app).get('/metrics').set(bearer(await token()))).status, 403);
    const m = await request(svc.app).get('/metrics').set(bearer(await token({ scopes: 'admin' })));
    assert.equal(m.status, 200);
    assert.match(m.text, /pscan_packets_sent_total/);
  });

  test('GET / leads a browser to the assets page, without a token', async () => {
    const res = await request(svc.app).get('/');
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, '/ui');
  });
});

describe('authentication with an RS256 public key', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let svc: Awaited<ReturnType<typeof testService>>;
  before(async () => (svc = await testService({ PSCAN_JWT_SECRET: '', PSCAN_JWT_PUBLIC_KEY: publicPem })));
  after(() => svc.close(0));

  test('an RS256 token signed by the matching private key is accepted', async () => {
    const key = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256');
    const t = await new SignJWT({ scope: 'scans:read' }).setProtectedHeader({ alg: 'RS256' }).setSubject('svc').setIssuer('pscan').setAudience('pscan-api').setExpirationTime('1h').sign(key);
    assert.equal((await request(svc.app).get('/v1/scans').set(bearer(t))).status, 200);
  });

  test('HS/RS confusion: an HS256 token keyed with the public key PEM is refused', async () => {
    const t = await new SignJWT({ scope: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer('pscan').setAudience('pscan-api').setExpirationTime('1h').sign(new TextEncoder().encode(publicPem));
    const res = await request(svc.app).get('/v1/scans').set(bearer(t));
    assert.equal(res.status, 401);
    assert.match(res.body.detail, /algorithm/);
  });
});
