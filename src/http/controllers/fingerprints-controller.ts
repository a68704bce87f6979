import { Body, Controller, Get, Middlewares, Post, Response, Route, Security, Tags } from '@tsoa/runtime';
import { requireJsonBody } from '../json-body.js';
import type { Problem } from '../problem.js';
import type { FingerprintEngine } from '../../fingerprints/engine.js';
import { matchHeldAnswers, type MatchRequest, type MatchResponse } from '../../assets/fingerprint-match.js';

export interface FingerprintFileSummary {
  file: string;
  /** What its patterns are matched against. */
  matches: string;
  protocol?: string;
  preference: number;
  /** @isInt */
  fingerprints: number;
}

export interface UntranslatedPattern {
  file: string;
  /** @isInt */
  line: number;
  description: string;
  reason: string;
}

export interface FingerprintDatabaseSummary {
  /** `pscan` for the shipped one; a PSCAN_FINGERPRINTS directory's base name otherwise. */
  name: string;
  /** Its place in the precedence: 1 is tried first. @isInt */
  precedence: number;
  /** @isInt */
  fingerprints: number;
  files: FingerprintFileSummary[];
  /** Patterns with no JavaScript translation, left out. */
  untranslated: UntranslatedPattern[];
}

export interface FingerprintDatabases {
  databases: FingerprintDatabaseSummary[];
  /** Every name an answer's `matches` may take. */
  matches: string[];
}

@Route('v1/fingerprints')
@Tags('fingerprints')
export class FingerprintsController extends Controller {
  constructor(private readonly engine: FingerprintEngine) {
    super();
  }

  /**
   * The loaded fingerprint databases, in precedence order, with their files and counts.
   * @summary List fingerprint databases
   */
  @Get()
  @Security('bearer', ['scans:read'])
  public async listFingerprints(): Promise<FingerprintDatabases> {
    return {
      databases: this.engine.summary().map((db, i) => ({
        name: db.name,
        precedence: i + 1,
        fingerprints: db.fingerprints,
        files: db.files,
        untranslated: db.problems.map(({ file, line, description, reason }) => ({ file, line, description, reason })),
      })),
      matches: [...new Set([...this.engine.keys(), 'telnet.banner'])].sort(),
    };
  }

  /**
   * Facts from answers the caller already holds (an SSH banner from an NDR's log, a `Server`
   * header, a sysDescr): no packet is sent. Each fact names the fingerprint that gave it.
   * @summary Match answers against the fingerprints
   */
  @Post('match')
  @Middlewares(requireJsonBody)
  @Security('bearer', ['scans:read'])
  @Response<Problem>(400, 'Invalid answers: the problem lists each invalid field by JSON Pointer; besides the schema, a `matches` name no loaded fingerprint file answers, or text that is not base64 with `encoding: base64`')
  @Response<Problem>(413, 'The body exceeds PSCAN_MAX_BODY_BYTES')
  public async matchFingerprints(@Body() body: MatchRequest): Promise<MatchResponse> {
    return await matchHeldAnswers(body, this.engine);
  }
}
