import type { NextFunction, Request, Response } from 'express';
import { ValidationError } from '../errors.js';
import { findProbe } from '../probes/registry.js';
import { validateScanRequest, type ValidatedRequest } from '../scans/request.js';

const validated = new WeakMap<Request, ValidatedRequest>();

/**
 * The one validation of a scan body: the service's own, which reports an invalid probe with its
 * exact JSON Pointer path (tsoa reports union mismatches as one blob). tsoa's check of the same
 * body is taken out of the generated route (scripts/routes.mjs). The outcome is kept for the
 * controller to hand to the service, which does not validate again.
 */
export function checkScanBody(req: Request, _res: Response, next: NextFunction): void {
  const outcome = validateScanRequest(req.body, findProbe);
  if (outcome.ok) validated.set(req, outcome.request);
  next(outcome.ok ? undefined : new ValidationError(outcome.errors));
}

/** What `checkScanBody` made of this request's body. */
export const validatedScanBody = (req: Request): ValidatedRequest | undefined => validated.get(req);
