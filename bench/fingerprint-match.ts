// What identification costs: the time to load the databases, the memory they hold, and the time to
// match one answer (every file its field names, as a scan's asset builder does), median and p99,
// over the answers of our evaluation set, each matched ROUNDS times. With a directory argument
// (a Recog checkout, which users load themselves and the repository never holds) it is measured
// loaded before ours, as PSCAN_FINGERPRINTS would load it.
//   npx tsx --expose-gc bench/fingerprint-match.ts [DIR…]    (node --expose-gc for the memory figure)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadFingerprints } from '../src/fingerprints/installed.js';
import { verifyDatabase } from '../src/fingerprints/verify.js';

const ROUNDS = 20;
const dirs = process.argv.slice(2);
const answers = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fingerprint-eval', 'answers.json'), 'utf8')) as Array<{ matches: string; text: string }>;

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const loadStarted = performance.now();
const engine = loadFingerprints(dirs);
const loadMs = performance.now() - loadStarted;
gc?.();
const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

// Recog's own examples, when a checkout is loaded, are answers too: its fields are what it was written for.
const extra = engine.databases
  .filter((db) => db.name !== 'pscan')
  .flatMap((db) => db.files.flatMap((f) => f.fingerprints.flatMap((fp) => fp.examples.map((e) => ({ matches: f.matches, text: e.text })))));
const sample = [...answers, ...extra];

// One warm-up pass compiles every pattern V8 meets (as the first scans after start-up would).
for (const a of sample) engine.match(a.matches, a.text);
const times: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const a of sample) {
    const t = performance.now();
    engine.match(a.matches, a.text);
    times.push((performance.now() - t) * 1000);
  }
}
times.sort((a, b) => a - b);
const q = (p: number): string => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(1);
const fingerprints = engine.summary().reduce((n, d) => n + d.fingerprints, 0);
console.log(`databases: ${engine.summary().map((d) => `${d.name} (${d.fingerprints})`).join(', ')}`);
console.log(`load: ${loadMs.toFixed(0)} ms, heap held: ${gc ? `${heapMiB.toFixed(1)} MiB` : 'run with --expose-gc'}, ${fingerprints} fingerprints`);
console.log(`answers: ${sample.length} (${answers.length} of our evaluation set${extra.length ? `, ${extra.length} examples of the loaded databases` : ''}), ${ROUNDS} rounds`);
console.log(`match per answer: median ${q(0.5)} µs, p90 ${q(0.9)} µs, p99 ${q(0.99)} µs, max ${times.at(-1)!.toFixed(0)} µs; guarded patterns that ran out of time: ${engine.drainTimeouts().length}`);
const verify = engine.databases.map((db) => ({ name: db.name, report: verifyDatabase(db) }));
for (const { name, report } of verify) console.log(`examples of ${name}: ${report.examples - report.failures.length} / ${report.examples} give their params first in their file`);
