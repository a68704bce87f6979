import type { Classification, MatchLevel } from './data.js';

/**
 * How strong an answer that nothing contradicts is. A catalogue is not the world: a device outside
 * it can agree with a signature on every port that was looked at, so the level names what was
 * looked at rather than claiming a match.
 */
export function strength(signature: readonly number[], unchecked: readonly number[]): Exclude<MatchLevel, 'unknown'> {
  if (unchecked.length === 0) return 'exact';
  return signature.some((p) => unchecked.includes(p)) ? 'candidate' : 'consistent';
}

/** A classify answer naming a type, as an asset keeps it until the scan's results are all in. */
export type TypeSignature = Pick<Classification, 'match' | 'signature' | 'unchecked' | 'uncheckedPorts'> & { catalog: string; device: string };

/** What judging reads and rewrites of a classify answer; the rest is passed through. */
export type Judgeable = Pick<Classification, 'match' | 'device' | 'candidates' | 'signature' | 'nearest' | 'unchecked' | 'uncheckedPorts'>;

/**
 * A classify answer judged again with open TCP ports known for the device from elsewhere: other
 * probes of the same scan (the asset builder passes the asset's TCP services), earlier scans, or
 * the caller's `known` ports (the planner). The signature is the device's whole set of open TCP
 * ports, so a known open port outside it (catalogue port or not) contradicts the answer, which
 * becomes `unknown` with the answered type as `nearest` and the contradicting ports as where they
 * disagree. Known open ports that agree count as checked: they leave `unchecked`, and the level can
 * rise (a `candidate` whose unprobed signature ports are known open becomes `consistent`). Closed
 * ports are not taken as known: a port closed at one time says little about another. Pure; an
 * `unknown` answer is returned as it is.
 */
export function judgeClassification<C extends Judgeable>(result: C, knownOpenPorts: Iterable<number>): C {
  const { signature } = result;
  if (result.match === 'unknown' || !signature) return result;
  const open = new Set(knownOpenPorts);
  const contradicting = [...open].filter((p) => !signature.includes(p)).sort((a, b) => a - b);
  if (contradicting.length > 0) {
    const { device: _device, candidates: _candidates, signature: _signature, ...rest } = result;
    const types = result.device ? [result.device] : (result.candidates ?? []);
    return { ...rest, match: 'unknown', nearest: types.map((type) => ({ type, disagreeing: contradicting })) } as C;
  }
  const unchecked = result.unchecked.filter((p) => !open.has(p));
  return { ...result, match: strength(signature, unchecked), unchecked, uncheckedPorts: unchecked.length };
}
