import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTarget, type TargetSpec } from '../net/targets.js';
import { chunkRanges, mergeRanges, rangeText, routeTargets } from './routing.js';

const spec = (t: string): TargetSpec => parseTarget(t) as TargetSpec;
const texts = (rs: Parameters<typeof rangeText>[0][]): string[] => rs.map(rangeText);

test('targets spanning two sites are split at the site boundary; the rest is uncovered', () => {
  const r = routeTargets([spec('198.18.77.250-198.18.78.5'), spec('198.18.79.1')], [
    { site: 'a', cidrs: ['198.18.77.0/24'] },
    { site: 'b', cidrs: ['198.18.78.0/24'] },
  ]);
  assert.deepEqual(texts(r.bySite.get('a')!), ['198.18.77.250-198.18.77.255']);
  assert.deepEqual(texts(r.bySite.get('b')!), ['198.18.78.0-198.18.78.5']);
  assert.deepEqual(texts(r.uncovered), ['198.18.79.1']);
});

test('the most specific CIDR wins where sites overlap', () => {
  const r = routeTargets([spec('10.1.0.0/16')], [
    { site: 'campus', cidrs: ['10.0.0.0/8'] },
    { site: 'lab', cidrs: ['10.1.2.0/24'] },
  ]);
  assert.deepEqual(texts(r.bySite.get('lab')!), ['10.1.2.0-10.1.2.255']);
  assert.deepEqual(texts(r.bySite.get('campus')!), ['10.1.0.1-10.1.1.255', '10.1.3.0-10.1.255.254']);
  assert.equal(r.uncovered.length, 0);
});

test('overlapping target entries are probed once', () => {
  assert.deepEqual(texts(mergeRanges([spec('10.0.0.5-10.0.0.9').range, spec('10.0.0.1-10.0.0.6').range, spec('10.0.0.10').range])), ['10.0.0.1-10.0.0.10']);
  const r = routeTargets([spec('10.0.0.0/30'), spec('10.0.0.2')], [{ site: 's', cidrs: ['10.0.0.0/24'] }]);
  assert.deepEqual(texts(r.bySite.get('s')!), ['10.0.0.1-10.0.0.2']);
});

test('IPv6 targets go to IPv6 sites only', () => {
  const r = routeTargets([spec('fd00::1'), spec('10.0.0.1')], [{ site: 'v6', cidrs: ['fd00::/64'] }]);
  assert.deepEqual(texts(r.bySite.get('v6')!), ['fd00::1']);
  assert.deepEqual(texts(r.uncovered), ['10.0.0.1']);
});

test('chunks hold at most the given number of hosts and cover every address once', () => {
  const ranges = [spec('10.0.0.1-10.0.0.5').range, spec('10.0.0.9-10.0.0.20').range];
  const chunks = chunkRanges(ranges, 4);
  assert.deepEqual(chunks.map(texts), [['10.0.0.1-10.0.0.4'], ['10.0.0.5', '10.0.0.9-10.0.0.11'], ['10.0.0.12-10.0.0.15'], ['10.0.0.16-10.0.0.19'], ['10.0.0.20']]);
  assert.equal(chunkRanges([spec('10.0.0.0/16').range], 16).length, Math.ceil(65534 / 16));
  assert.deepEqual(chunkRanges([], 4), []);
});
