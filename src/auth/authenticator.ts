import { createPublicKey, webcrypto, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ConfigError, type Config } from '../config/config.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { Principal } from './principal.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { dataDirSecret } from '../util/data-dir.js';

export const SCOPES = ['scans:read', 'scans:write', 'scans:intrusive', 'admin'] as const;

const GENERATED_SECRET_FILE = 'jwt-secret';

export const generatedSecretFile = (dataDir: string): string => path.join(dataDir, GENERATED_SECRET_FILE);

/**
 * The HS256 secret when none is configured: the server generates it once into the private data
 * dir (mode 0600) and reads it back afterwards. `pscan token` only reads it (`create: false`): a
 * token command that made its own key, in another data dir than the server's, would mint tokens
 * the server refuses as "signature not valid" with no hint why.
 */
export function generatedSecret(dataDir: string, create = true): string {
  if (create) return dataDirSecret(dataDir, GENERATED_SECRET_FILE);
  const file = generatedSecretFile(dataDir);
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new ConfigError(
      `no signing key at ${file}. The server generates it at its first start (npm start); if the server runs with ` +
        'PSCAN_DATA_DIR, PSCAN_CONFIG or PSCAN_JWT_SECRET, run this command with the same settings (its start-up log says where its key is)',
    );
  }
  if (Buffer.byteLength(secret) < 32) throw new Error(`${file} holds a secret shorter than 32 bytes; delete it to generate a new one`);
  return secret;
}

/**
 * Where this server's verification key comes from and how to mint a token it accepts, for the
 * start-up log (never the key itself).
 */
export function describeKey(config: Config): string {
  if (config.jwt.publicKey) return 'tokens are verified with the configured public key (jwt.publicKey); mint them with its private key';
  if (config.jwt.jwksUrl) return `tokens are verified with the keys of ${config.jwt.jwksUrl}; mint them with their private keys`;
  const mint = 'npm run --silent token -- --scopes scans:read,scans:write';
  if (config.jwt.secret) return `tokens are HS256 with the configured secret (jwt.secret); mint one with the same PSCAN_JWT_SECRET or PSCAN_CONFIG: ${mint}`;
  const dataDirArg = config.dataDir === path.join(packageRoot(), 'data') ? '' : `PSCAN_DATA_DIR=${config.dataDir} `;
  return `tokens are HS256 with the secret in ${generatedSecretFile(config.dataDir)}; mint one with: ${dataDirArg}${mint}`;
}

type VerifyKey = Promise<webcrypto.CryptoKey> | KeyObject | ReturnType<typeof createRemoteJWKSet>;

interface KeySetup {
  key: VerifyKey;
  algorithms: string[];
  /** Present when this server can also mint tokens (shared secret). */
  signingSecret?: Uint8Array;
}

function keySetup(config: Config, createSecret: boolean): KeySetup {
  const jwt = config.jwt;
  if (jwt.publicKey) {
    const key = createPublicKey(jwt.publicKey);
    const alg = key.asymmetricKeyType === 'rsa' ? 'RS256' : key.asymmetricKeyType === 'ec' ? 'ES256' : undefined;
    if (!alg) throw new Error('setting jwt.publicKey (PSCAN_JWT_PUBLIC_KEY): only RSA (RS256) and P-256 EC (ES256) keys are supported');
    if (jwt.algorithms && !jwt.algorithms.includes(alg)) throw new Error(`setting jwt.algorithms (PSCAN_JWT_ALGORITHMS): the public key is for ${alg}`);
    return { key, algorithms: [alg] };
  }
  if (jwt.jwksUrl) return { key: createRemoteJWKSet(new URL(jwt.jwksUrl)), algorithms: [...(jwt.algorithms ?? ['RS256', 'ES256'])] };
  const secret = new TextEncoder().encode(jwt.secret ?? generatedSecret(config.dataDir, createSecret));
  // Imported once: jose would otherwise import a raw secret into a CryptoKey on every request.
  const key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return { key, algorithms: ['HS256'], signingSecret: secret };
}

function scopesOf(payload: JWTPayload): string[] {
  const fromString = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  const fromArray = Array.isArray(payload.scopes) ? payload.scopes.filter((s): s is string => typeof s === 'string') : [];
  return [...new Set([...fromString, ...fromArray])];
}

/**
 * A verified token is trusted this long (never past its `exp`) before it is verified again: the
 * signature check is most of what authentication costs (~0.1 ms), and a caller sends the same token
 * with every request. The bound keeps a key dropped from the JWKS from being trusted for longer.
 */
const TRUSTED_FOR_MS = 60_000;
/** A character that shows: not a space of any kind, not a control, format, unassigned or private-use one. */
const PRINTABLE = /[^\p{White_Space}\p{C}]/u;
const CONTROL = /\p{Cc}/u;
const MAX_TRUSTED_TOKENS = 10_000;

/** Verifies bearer tokens with pinned algorithms; `exp`, `iss`, `aud` and `sub` are required. */
export class Authenticator {
  private readonly setup: KeySetup;
  /** Verified tokens and until when they are trusted, oldest first. */
  private readonly trusted = new Map<string, { payload: JWTPayload; until: number }>();

  private readonly isRevoked: (jti: string) => boolean;

  /**
   * `createSecret: false` for a minting command: it must use the server's key or none.
   * `isRevoked` is asked on every request, whether the token was verified now or trusted from before.
   */
  constructor(private readonly config: Config, options: { createSecret?: boolean; isRevoked?: (jti: string) => boolean } = {}) {
    this.setup = keySetup(config, options.createSecret ?? true);
    this.isRevoked = options.isRevoked ?? (() => false);
  }

  /** Whether this server holds a signing key (a shared secret), not only a public key or JWKS. */
  get canMint(): boolean {
    return this.setup.signingSecret !== undefined;
  }

  async authenticate(authorization: string | undefined, required: readonly string[]): Promise<Principal> {
    // The scheme is case-insensitive (RFC 9110, 11.1).
    const m = /^Bearer +([A-Za-z0-9_\-.=]+)$/i.exec(authorization ?? '');
    if (!m) throw new UnauthorizedError(authorization ? 'the Authorization header must be "Bearer <token>"' : 'a bearer token is required');
    const payload = await this.verify(m[1]!);
    // The principal is what separates one caller's scans from another's, and is written into logs
    // and exports: it must name someone visibly, and carry no control character.
    if (typeof payload.sub !== 'string' || !PRINTABLE.test(payload.sub) || CONTROL.test(payload.sub)) {
      throw new UnauthorizedError('the token\'s "sub" claim must be a string with a printable character other than a space, and no control character');
    }
    if (typeof payload.jti === 'string' && this.isRevoked(payload.jti)) throw new UnauthorizedError('the token has been revoked');
    const scopes = scopesOf(payload);
    const principal: Principal = { sub: payload.sub, scopes, admin: scopes.includes('admin') };
    const missing = required.filter((s) => !scopes.includes(s));
    if (missing.length && !principal.admin) throw new ForbiddenError(`the token lacks the scope ${missing.join(', ')}`);
    return principal;
  }

  private async verify(token: string): Promise<JWTPayload> {
    const now = Date.now();
    const known = this.trusted.get(token);
    if (known && now < known.until) return known.payload;
    let payload: JWTPayload;
    try {
      // One call for the three key kinds; jose's overloads cannot take their union, hence the cast.
      ({ payload } = await jwtVerify(token, (await this.setup.key) as KeyObject, {
        algorithms: this.setup.algorithms,
        issuer: this.config.jwt.issuer,
        audience: this.config.jwt.audience,
        requiredClaims: ['exp', 'iss', 'aud', 'sub'],
        clockTolerance: 5,
      }));
    } catch (err) {
      throw new UnauthorizedError(describeJoseError(err));
    } finally {
      // Expired from the trust (or refused): forgotten, and if verified, set again at the end, newest.
      this.trusted.delete(token);
    }
    if (this.trusted.size >= MAX_TRUSTED_TOKENS) this.trusted.delete(this.trusted.keys().next().value!);
    this.trusted.set(token, { payload, until: Math.min(now + TRUSTED_FOR_MS, payload.exp! * 1000) });
    return payload;
  }

  /** Mints a token; only possible with a shared secret (configured or generated). */
  async mint(options: { sub: string; scopes: readonly string[]; jti?: string } & ({ ttlSeconds: number } | { expiresAt: Date })): Promise<string> {
    if (!this.setup.signingSecret) throw new Error('this server verifies tokens with a public key or JWKS; mint tokens with the matching private key');
    const jwt = new SignJWT({ scope: options.scopes.join(' ') })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(options.sub)
      .setIssuer(this.config.jwt.issuer)
      .setAudience(this.config.jwt.audience)
      .setIssuedAt()
      .setExpirationTime('expiresAt' in options ? options.expiresAt : Math.floor(Date.now() / 1000) + options.ttlSeconds);
    if (options.jti) jwt.setJti(options.jti);
    return jwt.sign(this.setup.signingSecret);
  }
}

function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `the token's "${err.claim}" claim is missing or not accepted`;
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm this server does not accept';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is not valid: it was signed with a key this server does not use (minted with another data dir or secret?)';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'no key of the JWKS matches the token';
  return 'the token is not valid';
}
