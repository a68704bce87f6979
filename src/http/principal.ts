import type { Request } from 'express';
import type { Principal } from '../scans/scan-service.js';

/** The principal tsoa's authentication put on the request (`request.user`). */
export function principalOf(req: Request): Principal {
  return (req as Request & { user: Principal }).user;
}
