import { NotFoundError, UnavailableError } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import { newId } from '../util/ids.js';

export type TokenScope = 'scans:read' | 'scans:write' | 'scans:intrusive' | 'admin';

/** An integration token as stored: never the JWT itself, which is shown once when minted. */
export interface TokenRecord {
  /** Also the token's `jti`. */
  id: string;
  name: string;
  /**
   * The token's `sub`: `token:<name>:<id>`, apart from people's names so it sees only its own
   * scans, and unique forever: a token minted again under a revoked one's name is someone new.
   */
  sub: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string;
  /** The admin who minted it. */
  createdBy: string;
  revokedAt?: string;
}

export interface TokenPersistence {
  insertToken(token: TokenRecord): void;
  /** Newest first. */
  listTokens(): TokenRecord[];
  /** Sets `revokedAt` unless already set; false when there is no such token. */
  revokeToken(id: string, at: string): boolean;
}

export interface TokenInput {
  /**
   * What the token is for, e.g. `ndr-splunk`; its `sub` is `token:<name>:<id>`.
   * @pattern ^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$
   */
  name: string;
  /** @minItems 1 */
  scopes: TokenScope[];
  /**
   * Days until it expires, 1–366; default 90.
   * @isInt
   * @minimum 1
   * @maximum 366
   */
  expiresInDays?: number;
}

export interface MintedToken extends TokenRecord {
  /** The JWT: shown this once, never stored. */
  token: string;
}

const DEFAULT_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Long-lived, revocable tokens for integrations. Revoked ids are kept in memory, loaded from the
 * store at start, so the authenticator checks every request against them at the cost of a Set
 * lookup, including requests whose token it trusts from its cache.
 */
export class TokenService {
  private readonly revoked: Set<string>;

  constructor(
    private readonly store: TokenPersistence,
    /** Signs a JWT; undefined when this server only verifies (public key, JWKS). */
    private readonly mint: ((claims: { sub: string; scopes: readonly string[]; expiresAt: Date; jti: string }) => Promise<string>) | undefined,
  ) {
    this.revoked = new Set(store.listTokens().filter((t) => t.revokedAt).map((t) => t.id));
  }

  isRevoked(jti: string): boolean {
    return this.revoked.has(jti);
  }

  async create(by: Principal, input: TokenInput, now = new Date()): Promise<MintedToken> {
    if (!this.mint) throw new UnavailableError('this server verifies tokens with a public key or JWKS and cannot sign them; mint tokens with the matching private key');
    const expiresAt = new Date(now.getTime() + (input.expiresInDays ?? DEFAULT_DAYS) * DAY_MS);
    const id = newId('tok', now.getTime());
    const record: TokenRecord = {
      id,
      name: input.name,
      sub: `token:${input.name}:${id}`,
      scopes: [...new Set(input.scopes)],
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      createdBy: by.sub,
    };
    const token = await this.mint({ sub: record.sub, scopes: record.scopes, expiresAt, jti: record.id });
    this.store.insertToken(record);
    return { ...record, token };
  }

  list(): TokenRecord[] {
    return this.store.listTokens();
  }

  /** Idempotent; takes effect for the next request. */
  revoke(id: string, now = new Date()): void {
    if (!this.store.revokeToken(id, now.toISOString())) throw new NotFoundError(`no token ${id.slice(0, 64)}`);
    this.revoked.add(id);
  }
}
