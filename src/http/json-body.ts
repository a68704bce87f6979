import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.js';

/**
 * For an operation that takes a JSON body, after authentication: a body sent as anything but JSON
 * (curl's `-d` sends a form unless told otherwise) is 415, named for what it is, rather than read
 * as no body and refused by the validation for a missing field. No body at all is left to the
 * validation; a chunked body is taken as sent, since only reading it could tell it is empty.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const sent = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (req.body !== undefined || !sent) return next();
  const type = req.headers['content-type']?.slice(0, 100) || 'no Content-Type';
  next(new AppError('unsupported-media-type', 415, 'Unsupported media type', `send the body as JSON, with Content-Type: application/json (it came as ${type})`));
}
