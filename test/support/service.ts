import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { compose, type Overrides } from '../../src/composition-root.js';
import { loadConfig } from '../../src/config/config.js';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long!';

/** A composed service on a fresh data dir with a known HS256 secret; loopback and the lab in scope. */
export async function testService(env: Record<string, string> = {}, overrides: Overrides = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pscan-api-'));
  // An empty value in `env` removes that variable, e.g. PSCAN_JWT_SECRET to test public keys.
  // Multicast probes use loopback here: nothing from a host-namespace test reaches a real network.
  const merged: Record<string, string> = { PSCAN_DATA_DIR: dataDir, PSCAN_JWT_SECRET: TEST_SECRET, PSCAN_SCOPE_ALLOW: '127.0.0.0/8,198.18.0.0/15', PSCAN_SCOPE_ALLOW_SELF: 'true', PSCAN_INTERFACE: 'lo', PSCAN_LOG_LEVEL: 'silent', ...env };
  const config = loadConfig({ env: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== '')) });
  const service = await compose(config, { logger: pino({ level: 'silent' }), ...overrides });
  return { ...service, config, dataDir };
}

export interface TokenOptions {
  sub?: string;
  scopes?: string[] | string;
  iss?: string;
  aud?: string;
  expiresIn?: number | null;
  secret?: string;
}

/** Mints a token as a client would get one, with every claim controllable for the auth matrix. */
export async function token(options: TokenOptions = {}): Promise<string> {
  const scopes = options.scopes ?? ['scans:read', 'scans:write'];
  const jwt = new SignJWT(Array.isArray(scopes) ? { scope: scopes.join(' ') } : { scope: scopes })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.iss ?? 'pscan')
    .setAudience(options.aud ?? 'pscan-api')
    .setIssuedAt();
  if (options.sub !== '') jwt.setSubject(options.sub ?? 'alice');
  if (options.expiresIn !== null) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresIn ?? 3600));
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_SECRET));
}

export const bearer = (t: string): Record<string, string> => ({ Authorization: `Bearer ${t}` });
