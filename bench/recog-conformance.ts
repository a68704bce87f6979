// Conformance with Recog, through the API: the service composed with PSCAN_FINGERPRINTS naming a
// Recog checkout (which users fetch themselves; the repository holds none of it), each example of
// each of its fingerprints posted to POST /v1/fingerprints/match under its file's `matches`, 100 a
// request. An example conforms when the match the answer reports for its own file gives every param
// the example states (as Recog's verifier requires; first match in the file wins).
//   npx tsx bench/recog-conformance.ts /path/to/recog [--failures]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { pino } from 'pino';
import { compose } from '../src/composition-root.js';
import { loadConfig } from '../src/config/config.js';
import { loadFingerprintDatabase } from '../src/fingerprints/database.js';
import type { AnswerFacts } from '../src/assets/fingerprint-match.js';
import { bearer, token } from '../test/support/service.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: recog-conformance.ts RECOG_DIR [--failures]');
  process.exit(2);
}
const showFailures = process.argv.includes('--failures');
const name = path.basename(path.resolve(dir));
const config = loadConfig({
  env: { PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-conf-')), PSCAN_JWT_SECRET: 'test-secret-that-is-at-least-32-bytes-long!', PSCAN_FINGERPRINTS: dir, PSCAN_LOG_LEVEL: 'silent' },
});
const svc = await compose(config, { logger: pino({ level: 'silent' }) });
const auth = bearer(await token({ scopes: ['scans:read'] }));

const db = loadFingerprintDatabase(dir, name);
const cases = db.files.flatMap((f) => f.fingerprints.flatMap((fp) => fp.examples.map((e) => ({ file: f.file, matches: f.matches, description: fp.description, ...e }))));
let conforming = 0;
const failures: string[] = [];
for (let i = 0; i < cases.length; i += 100) {
  const batch = cases.slice(i, i + 100);
  const res = await request(svc.app)
    .post('/v1/fingerprints/match')
    .set(auth)
    // Examples with characters past one byte go as text; the others as their bytes (a telnet banner's 0xFF).
    .send({ answers: batch.map((c) => (/^[\x00-\xff]*$/.test(c.text) ? { matches: c.matches, text: Buffer.from(c.text, 'latin1').toString('base64'), encoding: 'base64' } : { matches: c.matches, text: c.text })) });
  if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  (res.body.results as AnswerFacts[]).forEach((r, n) => {
    const c = batch[n]!;
    const hit = r.fingerprints.find((f) => f.database === name && f.file === c.file);
    const wrong = Object.entries(c.expect).filter(([k, v]) => hit?.params[k] !== v);
    if (hit && hit.description === c.description && !wrong.length) conforming++;
    else failures.push(`${c.file} ${c.description}: ${hit ? (hit.description !== c.description ? `matched by "${hit.description}"` : wrong.map(([k, v]) => `${k} ${JSON.stringify(hit.params[k])} ≠ ${JSON.stringify(v)}`).join(', ')) : 'no match'} — ${JSON.stringify(c.text.slice(0, 100))}`);
  });
}
await svc.close(0);
if (showFailures) console.log(failures.join('\n'));
const problems = db.files.reduce((n, f) => n + f.problems.length, 0);
console.log(`${name}: ${db.files.length} files, ${db.files.reduce((n, f) => n + f.fingerprints.length, 0)} fingerprints loaded, ${problems} untranslated`);
console.log(`examples giving their expected params through the API: ${conforming} / ${cases.length} (${((100 * conforming) / cases.length).toFixed(2)} %)`);
