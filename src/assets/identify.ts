import type { AnswerText } from '../probes/probe.js';
import type { FingerprintEngine, FingerprintMatch } from '../fingerprints/engine.js';
import { factsOfMatch, type FingerprintFactName } from '../fingerprints/facts.js';
import type { Confidence, FingerprintRef } from '../api/model.js';

export interface IdentifiedClaim {
  fact: FingerprintFactName;
  value: string;
  confidence: Confidence;
  fingerprint: FingerprintRef;
}

export interface IdentifiedService {
  port: number;
  protocol: 'tcp' | 'udp';
  vendor?: string;
  product?: string;
  version?: string;
  cpe: string[];
}

export interface Identification {
  /** Every match, with the field it matched, in precedence order per field. */
  matches: Array<{ matches: string; match: FingerprintMatch }>;
  /** In precedence order: the first claim of a fact with the best confidence wins. */
  claims: IdentifiedClaim[];
  services: IdentifiedService[];
  /** The device's CPE names (hardware, OS). */
  cpe: string[];
}

/**
 * What the loaded fingerprints make of an answer's text fields: facts with the fingerprint that
 * gave each, the software of the answering port, and CPE names. Per port, the first match giving
 * the software's product decides it (its version and vendor with it).
 */
export function identify(answers: readonly AnswerText[], engine: FingerprintEngine): Identification {
  const out: Identification = { matches: [], claims: [], services: [], cpe: [] };
  for (const answer of answers) {
    for (const match of engine.match(answer.matches, answer.text)) {
      out.matches.push({ matches: answer.matches, match });
      const fingerprint: FingerprintRef = { database: match.database, file: match.file, description: match.description };
      const { facts, service, deviceCpe, serviceCpe } = factsOfMatch(match);
      for (const [fact, claim] of Object.entries(facts) as Array<[FingerprintFactName, { value: string; confidence: Confidence }]>) {
        out.claims.push({ fact, value: claim.value, confidence: claim.confidence, fingerprint });
      }
      for (const cpe of deviceCpe) if (!out.cpe.includes(cpe)) out.cpe.push(cpe);
      if (!answer.service) {
        for (const cpe of serviceCpe) if (!out.cpe.includes(cpe)) out.cpe.push(cpe);
        continue;
      }
      const { port, protocol } = answer.service;
      let entry = out.services.find((s) => s.port === port && s.protocol === protocol);
      if (!entry) out.services.push((entry = { port, protocol, cpe: [] }));
      if (service?.product && !entry.product) Object.assign(entry, service);
      for (const cpe of serviceCpe) if (!entry.cpe.includes(cpe)) entry.cpe.push(cpe);
    }
  }
  return out;
}
