// Verifies fingerprint files as Recog's verifier does: every example must be matched first by its
// own fingerprint and give the params it states. Usage: npx tsx scripts/fingerprint-verify.ts FILE|DIR…
import { statSync } from 'node:fs';
import path from 'node:path';
import { loadFingerprintDatabase, parseFingerprintFile, type FingerprintDatabase } from '../src/fingerprints/database.js';
import { verifyDatabase } from '../src/fingerprints/verify.js';
import { readFileSync } from 'node:fs';

const targets = process.argv.slice(2);
if (!targets.length) {
  console.error('usage: fingerprint-verify FILE|DIR…');
  process.exit(2);
}
let failed = 0;
for (const target of targets) {
  const db: FingerprintDatabase = statSync(target).isDirectory()
    ? loadFingerprintDatabase(target, path.basename(target))
    : { name: path.basename(target), dir: path.dirname(target), files: [parseFingerprintFile(readFileSync(target, 'utf8'), path.basename(target), path.dirname(target))] };
  const report = verifyDatabase(db);
  for (const p of db.files.flatMap((f) => f.problems)) console.log(`UNTRANSLATED ${p.file}:${p.line} ${p.description}: ${p.reason} — ${p.pattern}`);
  for (const f of report.failures) console.log(`FAIL ${f.file}:${f.line} ${f.description}: ${f.reason}\n     example: ${JSON.stringify(f.example)}`);
  for (const w of report.withoutExamples) console.log(`NO EXAMPLE ${w.file}:${w.line} ${w.description}`);
  const problems = db.files.reduce((n, f) => n + f.problems.length, 0);
  console.log(`${target}: ${report.fingerprints} fingerprints, ${report.examples} examples, ${report.failures.length} failing, ${problems} untranslated, ${report.withoutExamples.length} without examples`);
  failed += report.failures.length + problems + report.withoutExamples.length;
}
process.exit(failed ? 1 : 0);
