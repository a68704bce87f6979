import type { NextFunction, Request, Response } from 'express';
import { ValidationError } from '../errors.js';
import { findProbe } from '../probes/registry.js';
import { validateScanRequest, type ValidatedRequest } from '../scans/request.js';

const validated = new WeakMap<Request, ValidatedRequest>();

/**
 * Runs the service's own request validation before tsoa's schema check, so that an invalid probe
 * is reported with its exact JSON Pointer path (tsoa reports union mismatches as one blob). The
 * outcome is kept for the controller to hand to the service, which then does not validate again.
 */
export function checkScanBody(req: Request, _res: Response, next: NextFunction): void {
  const outcome = validateScanRequest(req.body, findProbe);
  if (outcome.ok) validated.set(req, outcome.request);
  next(outcome.ok ? undefined : new ValidationError(outcome.errors));
}

/** What `checkScanBody` made of this request's body. */
export const validatedScanBody = (req: Request): ValidatedRequest | undefined => validated.get(req);
