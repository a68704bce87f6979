// What a `classify` result's data holds, apart from probe.ts: api/generated/params.ts imports it, and
// probe.ts imports its parameter types from there. tree.ts and judge.ts share these types.

export type PortState = 'open' | 'closed';

/**
 * How strong a classify answer is, named for what was checked:
 * `candidate`: the tree narrowed the catalogue to this type, but ports of its signature were never
 * probed (identify only); `consistent`: every port of the signature open and every other catalogue
 * type ruled out, with `uncheckedPorts` catalogue ports never probed (an extra open port there would
 * go unseen); `exact`: every catalogue port checked, and the open ones are the signature;
 * `unknown`: a probed or known port contradicts every type the walk led to.
 */
export type MatchLevel = 'candidate' | 'consistent' | 'exact' | 'unknown';

export interface Classification {
  match: MatchLevel;
  /** The catalogue type, when one is left (not for `unknown`). */
  device?: string;
  /** Types sharing the same signature, which no port can tell apart: then there is no `device`. */
  candidates?: string[];
  /** The catalogue ports of `device` (or `candidates`): the open TCP ports such a device has. */
  signature?: number[];
  /** For `unknown`: the closest catalogue types, first the nearest, and the ports where they disagree. */
  nearest?: Array<{ type: string; disagreeing: number[] }>;
  /** Catalogue ports never probed (none with `exact: true`). */
  unchecked: number[];
  /** How many catalogue ports were never probed: the length of `unchecked`. @isInt */
  uncheckedPorts: number;
  /** @isInt */
  probes: number;
  /** @isInt */
  roundTrips: number;
  path: Array<{ port: number; state: PortState }>;
}

export interface ClassifyData extends Classification {
  catalog: string;
  /** Ports that gave no answer at all (counted as closed: a filtered port is not open). @isInt */
  filtered: number;
}
