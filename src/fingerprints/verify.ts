import type { FingerprintDatabase } from './database.js';
import { FingerprintEngine } from './engine.js';

/** One example that did not give what it states, as Recog's verifier reports it. */
export interface ExampleFailure {
  file: string;
  line: number;
  description: string;
  example: string;
  /** What went wrong: no match, another fingerprint first, or a param's value. */
  reason: string;
}

export interface VerifyReport {
  fingerprints: number;
  examples: number;
  failures: ExampleFailure[];
  /** Fingerprints without an example. */
  withoutExamples: Array<{ file: string; line: number; description: string }>;
}

/**
 * Checks every example of every fingerprint against its whole file with first-match semantics:
 * the example must be matched by its own fingerprint (not an earlier one) and give each param its
 * attributes state.
 */
export function verifyDatabase(db: FingerprintDatabase): VerifyReport {
  const engine = new FingerprintEngine([db]);
  const report: VerifyReport = { fingerprints: 0, examples: 0, failures: [], withoutExamples: [] };
  for (const file of db.files) {
    for (const fp of file.fingerprints) {
      report.fingerprints++;
      if (!fp.examples.length) report.withoutExamples.push({ file: file.file, line: fp.line, description: fp.description });
      for (const example of fp.examples) {
        report.examples++;
        const fail = (reason: string): void => {
          report.failures.push({ file: file.file, line: fp.line, description: fp.description, example: example.text, reason });
        };
        const hit = engine.firstInFile(db.name, file.file, example.text);
        if (!hit) {
          fail('no fingerprint matches it');
          continue;
        }
        if (hit.line !== fp.line) {
          fail(`an earlier fingerprint matches it first: line ${hit.line} (${hit.description})`);
          continue;
        }
        for (const [name, want] of Object.entries(example.expect)) {
          if (hit.params[name] !== want) fail(`${name}: expected ${JSON.stringify(want)}, got ${JSON.stringify(hit.params[name])}`);
        }
      }
    }
  }
  return report;
}
