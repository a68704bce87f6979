import type { Request } from 'express';
import type { Authenticator } from './authenticator.js';
import type { PrincipalRateLimiter } from './principal-rate-limit.js';
import type { Principal } from './principal.js';

/** tsoa's authentication hook: delegates to the Authenticator the composition root put on the app. */
export async function expressAuthentication(request: Request, securityName: string, scopes?: string[]): Promise<Principal> {
  if (securityName !== 'bearer') throw new Error(`unknown security scheme ${securityName}`);
  const authenticator = request.app.locals.authenticator as Authenticator;
  const principal = await authenticator.authenticate(request.headers.authorization, scopes ?? []);
  (request.app.locals.principalLimiter as PrincipalRateLimiter).take(principal.sub);
  return principal;
}
