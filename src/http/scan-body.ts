import type { NextFunction, Request, Response } from 'express';
import { ValidationError } from '../errors.js';
import { findProbe } from '../probes/registry.js';
import { validateScanRequest } from '../scans/request.js';

/**
 * Runs the service's own request validation before tsoa's schema check, so that an invalid probe
 * is reported with its exact JSON Pointer path (tsoa reports union mismatches as one blob).
 */
export function checkScanBody(req: Request, _res: Response, next: NextFunction): void {
  const outcome = validateScanRequest(req.body, findProbe);
  next(outcome.ok ? undefined : new ValidationError(outcome.errors));
}
