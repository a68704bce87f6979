import type { Request } from 'express';

/** Who a request is: the token's subject and scopes. */
export interface Principal {
  sub: string;
  scopes: readonly string[];
  admin: boolean;
}

/**
 * Every principal's scans (admin). A distinct value, so that reading them all is said, never
 * implied by a principal that is missing or empty.
 */
export const ALL_PRINCIPALS: unique symbol = Symbol('all principals');

/** Whose scans a read covers: one principal's (a non-empty string), or ALL_PRINCIPALS. */
export type Owner = string | typeof ALL_PRINCIPALS;

/** Whose scans a principal reads: an admin every principal's, anyone else their own. */
export function ownerOf(principal: Principal): Owner {
  return principal.admin ? ALL_PRINCIPALS : principal.sub;
}

/** The principal tsoa's authentication put on the request (`request.user`). */
export function principalOf(req: Request): Principal {
  return (req as Request & { user: Principal }).user;
}
