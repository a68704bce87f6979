import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { bearer, testService, token } from '../support/service.js';

/** A user database in Recog's layout (a checkout's xml/ folder), written for this test. */
function userDatabase(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pscan-userfp-'));
  mkdirSync(path.join(root, 'xml'));
  writeFileSync(
    path.join(root, 'xml', 'ssh_banners.xml'),
    `<?xml version="1.0"?>
<fingerprints matches="ssh.banner" protocol="ssh">
  <fingerprint pattern="^AcmeSSH_(\\d[\\d.]*)$">
    <description>Acme appliance SSH</description>
    <example service.version="2.1">AcmeSSH_2.1</example>
    <param pos="0" name="service.product" value="AcmeSSH"/>
    <param pos="1" name="service.version"/>
    <param pos="0" name="hw.vendor" value="Acme"/>
    <param pos="0" name="hw.device" value="Router"/>
  </fingerprint>
</fingerprints>
`,
  );
  return root;
}

describe('fingerprints API: matching answers a caller already holds', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let auth: Record<string, string>;
  const user = userDatabase();
  before(async () => {
    svc = await testService({ PSCAN_FINGERPRINTS: user });
    auth = bearer(await token({ scopes: ['scans:read'] }));
  });
  after(() => svc.close(0));

  test('GET lists the databases in precedence order: the user database first, ours after, with counts', async () => {
    const res = await request(svc.app).get('/v1/fingerprints').set(auth);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.databases.map((d: { name: string; precedence: number }) => [d.name, d.precedence]),
      [
        [path.basename(user), 1],
        ['pscan', 2],
      ],
    );
    assert.deepEqual(res.body.databases[0].files, [{ file: 'ssh_banners.xml', matches: 'ssh.banner', protocol: 'ssh', preference: 0.1, fingerprints: 1 }]);
    assert.ok(res.body.databases[1].fingerprints >= 500);
    assert.ok(res.body.matches.includes('snmp.sys_description') && res.body.matches.includes('telnet.banner'));
  });

  test('a field under its name, or a protocol\'s raw answer, gives facts with the fingerprint behind each', async () => {
    const res = await request(svc.app)
      .post('/v1/fingerprints/match')
      .set(auth)
      .send({
        answers: [
          { matches: 'ssh.banner', text: 'AcmeSSH_2.1' },
          { protocol: 'ssh', text: 'SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n' },
          { protocol: 'ftp', text: 'ZZZ 220 no such greeting' },
        ],
      });
    assert.equal(res.status, 200);
    const [acme, openssh, none] = res.body.results;
    assert.deepEqual(acme.facts.manufacturer, { value: 'Acme', confidence: 'stated', fingerprint: { database: path.basename(user), file: 'ssh_banners.xml', description: 'Acme appliance SSH' } });
    assert.equal(acme.facts.type.value, 'Router');
    assert.equal(acme.facts.type.confidence, 'inferred', 'the text does not say it is a router');
    assert.deepEqual(acme.service, { product: 'AcmeSSH', version: '2.1' });
    assert.equal(openssh.index, 1);
    assert.equal(openssh.service.product, 'OpenSSH');
    assert.equal(openssh.service.version, '9.2p1');
    assert.ok(openssh.fingerprints.every((f: { database: string; matches: string }) => f.database === 'pscan' && f.matches === 'ssh.banner'));
    assert.deepEqual(none, { index: 2, fingerprints: [], facts: {} });
  });

  test('base64 text is matched as its bytes (a telnet banner with option negotiation)', async () => {
    const raw = Buffer.concat([Buffer.from([0xff, 0xfb, 0x01, 0xff, 0xfb, 0x03]), Buffer.from('\r\nUser Access Verification\r\n\r\nUsername: ')]);
    const res = await request(svc.app).post('/v1/fingerprints/match').set(auth).send({ answers: [{ protocol: 'telnet', text: raw.toString('base64'), encoding: 'base64' }] });
    assert.equal(res.status, 200);
    assert.ok(res.body.results[0].fingerprints.some((f: { matches: string }) => f.matches === 'telnet.banner'), JSON.stringify(res.body));
  });

  test('bad answers: 400 with a pointer to each bad field; a huge body 413; no token 401; malformed JSON 400', async () => {
    const post = (body: unknown) => request(svc.app).post('/v1/fingerprints/match').set(auth).send(body as object);
    const pointers = async (body: unknown): Promise<string[]> => {
      const res = await post(body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      return res.body.errors.map((e: { path: string }) => e.path);
    };
    assert.deepEqual(await pointers([]), ['/']);
    assert.deepEqual(await pointers({}), ['/answers']);
    assert.deepEqual(await pointers({ answers: [] }), ['/answers']);
    assert.deepEqual(await pointers({ answers: Array.from({ length: 101 }, () => ({ matches: 'ssh.banner', text: 'x' })) }), ['/answers']);
    // What the schema says (types, enums, lengths, unknown fields) …
    assert.deepEqual(
      await pointers({
        answers: [
          { protocol: 'gopher', text: 'x' },
          { matches: 'ssh.banner', text: 42 },
          { matches: 'ssh.banner', text: 'x'.repeat(4097) },
          { matches: 'ssh.banner', text: 'x', encoding: 'rot13' },
          { matches: 'ssh.banner', text: 'x', extra: true },
          'a string',
        ],
      }),
      ['/answers/0/protocol', '/answers/1/text', '/answers/2/text', '/answers/3/encoding', '/answers/4/extra', '/answers/5'],
    );
    // … and what it cannot: one of matches and protocol, and a name some loaded file matches.
    assert.deepEqual(
      await pointers({ answers: [{ matches: 'ssh.banner', protocol: 'ssh', text: 'x' }, { text: 'x' }, { matches: 'no.such.field', text: 'x' }] }),
      ['/answers/0', '/answers/1', '/answers/2/matches'],
    );
    const huge = await post({ answers: [{ matches: 'ssh.banner', text: 'x'.repeat(300_000) }] });
    assert.equal(huge.status, 413);
    assert.equal((await request(svc.app).post('/v1/fingerprints/match').send({ answers: [] })).status, 401);
    const malformed = await request(svc.app).post('/v1/fingerprints/match').set(auth).set('Content-Type', 'application/json').send('{"answers": [');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.code, 'malformed-json');
  });

  test('a pathological answer against every pattern of a file ends with an answer, not a hang', async () => {
    const res = await request(svc.app).post('/v1/fingerprints/match').set(auth).send({ answers: [{ matches: 'snmp.sys_description', text: `${'a '.repeat(2000)}!` }, { matches: 'http_header.server', text: `${'/'.repeat(4000)}x` }] });
    assert.equal(res.status, 200);
    assert.equal(res.body.results.length, 2);
  });
});

test('a fingerprint file that does not parse stops the start with its name and line', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pscan-badfp-'));
  writeFileSync(path.join(root, 'broken.xml'), '<?xml version="1.0"?>\n<fingerprints matches="x">\n  <fingerprint pattern="a">\n</fingerprints>\n');
  await assert.rejects(testService({ PSCAN_FINGERPRINTS: root }), /PSCAN_FINGERPRINTS.*broken\.xml:\d+/);
});
