import type { FieldError } from '../errors.js';

/** RFC 9457 problem details, as every error of this API is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable machine-readable code; also the last segment of `type`. */
  code: string;
  /** For validation errors: each invalid field, by JSON Pointer. */
  errors?: FieldError[];
  [extension: string]: unknown;
}
