import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { FingerprintFileError, loadFingerprintDatabase, parseFingerprintFile } from './database.js';
import { FingerprintEngine } from './engine.js';
import { factsOfMatch } from './facts.js';
import { loadFingerprints, ownDatabase } from './installed.js';
import { verifyDatabase } from './verify.js';

const xml = (matches: string, body: string, attrs = ''): string => `<?xml version="1.0"?>\n<fingerprints matches="${matches}"${attrs}>\n${body}\n</fingerprints>\n`;
const fp = (pattern: string, params: string, examples = '', extra = ''): string =>
  `  <fingerprint pattern="${pattern}"${extra}>\n    <description>${pattern}</description>\n${examples}    ${params}\n  </fingerprint>`;

function dir(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pscan-fp-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

test('within a file the first matching fingerprint wins; params from captures and constants, {name} filled in', () => {
  const file = parseFingerprintFile(
    xml(
      'ssh.banner',
      [
        fp('^OpenSSH_([\\d.]+p\\d+) Debian', '<param pos="0" name="service.product" value="OpenSSH"/><param pos="1" name="service.version"/><param pos="0" name="os.vendor" value="Debian"/><param pos="0" name="service.cpe23" value="cpe:2.3:a:openbsd:openssh:{service.version}:*:*:*:*:*:*:*"/>'),
        fp('^OpenSSH_([\\d.]+)', '<param pos="0" name="service.product" value="OpenSSH"/><param pos="1" name="service.version"/>'),
      ].join('\n'),
    ),
    'ssh.xml',
    '.',
  );
  const engine = new FingerprintEngine([{ name: 'test', dir: '.', files: [file] }]);
  const [hit] = engine.match('ssh.banner', 'OpenSSH_9.2p1 Debian-2');
  assert.deepEqual(hit!.params, { 'service.product': 'OpenSSH', 'service.version': '9.2p1', 'os.vendor': 'Debian', 'service.cpe23': 'cpe:2.3:a:openbsd:openssh:9.2p1:*:*:*:*:*:*:*' });
  assert.equal(hit!.line, 3);
  assert.deepEqual(engine.match('ssh.banner', 'OpenSSH_7.4')[0]!.params, { 'service.product': 'OpenSSH', 'service.version': '7.4' });
  assert.deepEqual(engine.match('ssh.banner', 'dropbear_2022.83'), []);
  assert.deepEqual(engine.match('ftp.banner', 'OpenSSH_7.4'), [], 'only files that match this name are tried');
});

test('a CPE whose {part} is missing names any version; another value with a hole is left out', () => {
  const file = parseFingerprintFile(xml('x', fp('^thing( [\\d.]+)?$', '<param pos="0" name="service.cpe23" value="cpe:2.3:a:v:thing:{service.version}:*:*:*:*:*:*:*"/><param pos="0" name="service.product" value="Thing {service.version}"/><param pos="1" name="service.version"/>')), 'x.xml', '.');
  const engine = new FingerprintEngine([{ name: 't', dir: '.', files: [file] }]);
  assert.deepEqual(engine.match('x', 'thing')[0]!.params, { 'service.cpe23': 'cpe:2.3:a:v:thing:*:*:*:*:*:*:*:*' });
});

test('databases in precedence order: a user database before ours; within one, files by preference', () => {
  const user = dir({ 'a.xml': xml('http_header.server', fp('^lighttpd', '<param pos="0" name="service.product" value="user lighttpd"/>'), ' preference="0.2"'), 'b.xml': xml('http_header.server', fp('^lighttpd', '<param pos="0" name="service.product" value="preferred"/>'), ' preference="0.9"') });
  const engine = loadFingerprints([user]);
  const hits = engine.match('http_header.server', 'lighttpd/1.4.69');
  assert.deepEqual(
    hits.slice(0, 2).map((h) => [h.database, h.file, h.params['service.product']]),
    [
      [path.basename(user), 'b.xml', 'preferred'],
      [path.basename(user), 'a.xml', 'user lighttpd'],
    ],
  );
  assert.equal(hits.at(-1)!.database, 'pscan', 'ours answers after the user databases');
});

test('a Recog checkout loads from its xml/ folder; its schema and test data are not read as fingerprints', () => {
  const checkout = dir({
    'xml/ssh_banners.xml': xml('ssh.banner', fp('^X', '<param pos="0" name="service.product" value="X"/>')),
    'xml/fingerprints.xsd': '<xsd:schema/>',
    'features/data/schema_failure.xml': '<fingerprints><broken',
  });
  const db = loadFingerprintDatabase(checkout, 'recog');
  assert.deepEqual(db.files.map((f) => f.file), ['ssh_banners.xml']);
});

test('a file that does not parse names itself and the line; a pattern without a JavaScript form is reported, not dropped silently', () => {
  const bad = dir({ 'bad.xml': '<?xml version="1.0"?>\n<fingerprints matches="x">\n  <fingerprint pattern="a">\n    <description>d</description>\n  </fingerprnt>\n</fingerprints>\n' });
  assert.throws(() => loadFingerprintDatabase(bad, 'b'), (err: unknown) => err instanceof FingerprintFileError && err.file === 'bad.xml' && err.line === 5);
  const noPattern = dir({ 'np.xml': xml('x', '  <fingerprint>\n    <description>d</description>\n  </fingerprint>') });
  assert.throws(() => loadFingerprintDatabase(noPattern, 'n'), /np\.xml:3: a fingerprint has no pattern/);
  const badParam = dir({ 'bp.xml': xml('x', fp('^a', '<param pos="zero" name="n"/>')) });
  assert.throws(() => loadFingerprintDatabase(badParam, 'n'), /bp\.xml:3: a param needs a name and a whole pos/);
  const untranslated = dir({ 'u.xml': xml('x', [fp('\\Gabc', '<param pos="0" name="n" value="v"/>'), fp('^ok', '<param pos="0" name="n" value="v"/>')].join('\n')) });
  const db = loadFingerprintDatabase(untranslated, 'u');
  assert.equal(db.files[0]!.fingerprints.length, 1);
  assert.deepEqual(db.files[0]!.problems.map((p) => [p.file, p.line, p.pattern]), [['u.xml', 3, '\\Gabc']]);
  assert.match(db.files[0]!.problems[0]!.reason, /\\G has no JavaScript form/);
});

test('examples: base64, _filename from the folder named after the file (never outside it), expected params as attributes', () => {
  const root = dir({
    'telnet.xml': xml('telnet.banner', fp('^\\xff\\xfb\\x01login:', '<param pos="0" name="n" value="v"/>', '    <example _encoding="base64" n="v">//sBbG9naW46</example>\n    <example _filename="long.txt" n="v"/>\n')),
    'telnet/long.txt': Buffer.from([0xff, 0xfb, 0x01, ...Buffer.from('login:')]),
  });
  const db = loadFingerprintDatabase(root, 't');
  assert.deepEqual(db.files[0]!.fingerprints[0]!.examples.map((e) => e.expect), [{ n: 'v' }, { n: 'v' }]);
  assert.deepEqual(verifyDatabase(db).failures, []);
  const escape = dir({ 'e.xml': xml('x', fp('^a', '<param pos="0" name="n" value="v"/>', '    <example _filename="../../etc/passwd"/>\n')) });
  assert.throws(() => loadFingerprintDatabase(escape, 'e'), /leaves/);
});

test('no pattern hangs the service: a catastrophic pattern on a pathological answer ends, and one V8 cannot run linearly is stopped and reported', () => {
  const file = parseFingerprintFile(
    xml('x', [fp('^(a|aa)+(\\1)$', '<param pos="0" name="n" value="backref"/>'), fp('^(\\w+\\s?)+$', '<param pos="0" name="n" value="nested"/>', '', ' flags="REG_ICASE"')].join('\n')),
    'evil.xml',
    '.',
  );
  assert.equal(file.fingerprints[0]!.compiled.linear, false);
  assert.equal(file.fingerprints[1]!.compiled.linear, true);
  const engine = new FingerprintEngine([{ name: 'evil', dir: '.', files: [file] }]);
  const pathological = `${'a'.repeat(40)}!`;
  assert.deepEqual(engine.match('x', pathological), []);
  assert.deepEqual(engine.drainTimeouts(), [{ database: 'evil', file: 'evil.xml', line: 3 }], 'the guarded pattern ran out of time and is reported');
  assert.deepEqual(engine.match('x', 'aaaa'), [{ database: 'evil', file: 'evil.xml', description: '^(a|aa)+(\\1)$', line: 3, params: { n: 'backref' }, stated: [] }]);
});

test("a match's params become facts: hw → maker, model, type; os.* → one OS name; stated when the text says it, inferred otherwise", () => {
  const base = { database: 'd', file: 'f', description: 'x', line: 1 };
  const cisco = factsOfMatch({ ...base, params: { 'hw.vendor': 'Cisco', 'hw.product': 'C2960', 'hw.device': 'Switch', 'os.vendor': 'Cisco', 'os.product': 'IOS', 'os.version': '15.0(2)SE11', 'hw.cpe23': 'cpe:2.3:h:cisco:c2960:-:*:*:*:*:*:*:*' }, stated: ['hw.vendor', 'hw.product', 'os.product', 'os.version'] });
  assert.deepEqual(cisco.facts, {
    manufacturer: { value: 'Cisco', confidence: 'stated' },
    model: { value: 'C2960', confidence: 'stated' },
    type: { value: 'Switch', confidence: 'inferred' },
    os: { value: 'Cisco IOS 15.0(2)SE11', confidence: 'stated' },
  });
  assert.deepEqual(cisco.deviceCpe, ['cpe:2.3:h:cisco:c2960:-:*:*:*:*:*:*:*']);
  const os = (params: Record<string, string>): string | undefined => factsOfMatch({ ...base, params, stated: [] }).facts.os?.value;
  assert.equal(os({ 'os.vendor': 'Debian', 'os.family': 'Linux', 'os.product': 'Linux', 'os.version': '12' }), 'Debian 12');
  assert.equal(os({ 'os.vendor': 'Ubuntu', 'os.family': 'Linux', 'os.product': 'Linux', 'os.version': '5.15.0' }), 'Linux 5.15.0', "a kernel's version is Linux's");
  assert.equal(os({ 'os.vendor': 'Microsoft', 'os.product': 'Windows Server 2019' }), 'Microsoft Windows Server 2019');
  const windows = factsOfMatch({ ...base, params: { 'os.vendor': 'Microsoft', 'os.product': 'Windows' }, stated: [] });
  assert.equal(windows.facts.manufacturer, undefined, "an OS vendor is no PC's maker");
  assert.equal(factsOfMatch({ ...base, params: { 'hw.vendor': 'Acme' }, stated: ['hw.vendor'], certainty: 0.5 }).facts.manufacturer?.confidence, 'inferred', 'an uncertain fingerprint states nothing');
});

test('our database: every fingerprint has examples, every example gives its params first in its file, every pattern translates', () => {
  const db = ownDatabase();
  const report = verifyDatabase(db);
  assert.ok(report.fingerprints >= 500, `${report.fingerprints} fingerprints`);
  assert.deepEqual(report.failures, []);
  assert.deepEqual(report.withoutExamples, []);
  assert.deepEqual(db.files.flatMap((f) => f.problems), []);
});
