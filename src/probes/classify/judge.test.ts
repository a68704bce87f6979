import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CATALOG } from './catalog.js';
import { DEFAULT_TREES } from './default-trees.js';
import { judgeClassification } from './judge.js';
import type { Classification, PortState } from './data.js';
import { classify } from './tree.js';

const devices = DEFAULT_CATALOG.devices;
const walk = (open: readonly number[], options: { confirm: boolean; exact: boolean }) =>
  classify(devices, (options.confirm ? DEFAULT_TREES.confirm : DEFAULT_TREES.identify).root, { ...options, speculative: false }, async (ports) => new Map(ports.map((p) => [p, (open.includes(p) ? 'open' : 'closed') as PortState])));

/** The IoT lab's camera and printer of issue 20: neither is in Table I. */
const outside = { camera: [22, 80, 554], printer: [80, 631, 9100] };

test('Table I, the camera {22, 80, 554} and the printer {80, 631, 9100}: with exact: false not a confident match, and unknown once their open ports are known', async () => {
  for (const [name, open] of Object.entries(outside)) {
    const c = await walk(open, { confirm: true, exact: false });
    assert.deepEqual([c.match, c.device, c.uncheckedPorts], ['consistent', 'iHome Plug', 36], `${name}: the answer says what was not checked`);
    assert.equal(c.unchecked.length, 36);
    assert.ok(open.filter((p) => p !== 80).every((p) => c.unchecked.includes(p)), `${name}: its other open ports were never probed`);
    const i = await walk(open, { confirm: false, exact: false });
    assert.notEqual(i.match, 'exact', name);
    assert.ok(i.uncheckedPorts > 0, name);
    for (const answer of [c, i]) {
      const judged = judgeClassification(answer, open);
      assert.equal(judged.match, 'unknown', `${name}: an open port outside the signature contradicts it`);
      assert.equal(judged.device, undefined);
      assert.ok(judged.nearest!.length > 0 && judged.nearest![0]!.disagreeing.length > 0, name);
    }
    assert.deepEqual(judgeClassification(c, open).nearest, [{ type: 'iHome Plug', disagreeing: open.filter((p) => p !== 80) }]);
  }
});

test('Table I, the camera and the printer with exact: true: unknown, with the nearest type, every catalogue port checked', async () => {
  for (const [name, open] of Object.entries(outside)) {
    const e = await walk(open, { confirm: true, exact: true });
    assert.equal(e.match, 'unknown', name);
    assert.equal(e.device, undefined);
    assert.deepEqual([e.uncheckedPorts, e.unchecked, e.probes], [0, [], 42], name);
    const [nearest] = e.nearest!;
    assert.ok(nearest && devices.some((d) => d.type === nearest.type), name);
    assert.ok(nearest.disagreeing.length > 0, name);
    assert.ok(e.nearest!.every((n) => n.disagreeing.length >= nearest.disagreeing.length), `${name}: the nearest type comes first`);
  }
});

test('a device that is in the catalogue: exact when every catalogue port was checked, consistent with the unchecked ones named otherwise', async () => {
  for (const d of devices) {
    const e = await walk(d.ports, { confirm: true, exact: true });
    assert.deepEqual([e.match, e.device, e.signature, e.unchecked], ['exact', d.type, d.ports, []], d.type);
    const c = await walk(d.ports, { confirm: true, exact: false });
    assert.deepEqual([c.match, c.device, c.signature], ['consistent', d.type, d.ports], d.type);
    assert.equal(c.uncheckedPorts, c.unchecked.length);
    assert.ok(c.unchecked.length > 0 && c.unchecked.every((p) => !c.path.some((x) => x.port === p)), d.type);
    assert.deepEqual(judgeClassification(c, d.ports), c, `${d.type}: its own open ports contradict nothing`);
    const identified = await walk(d.ports, { confirm: false, exact: false });
    const signatureProbed = d.ports.every((p) => identified.path.some((x) => x.port === p));
    assert.deepEqual([identified.match, identified.device], [signatureProbed ? 'consistent' : 'candidate', d.type], d.type);
  }
});

const answer = (c: Partial<Classification>): Classification => ({ match: 'consistent', device: 'Cam', signature: [80, 554], unchecked: [22, 443, 8080], uncheckedPorts: 3, probes: 3, roundTrips: 2, path: [], ...c });

test('judgeClassification: known open ports inside the signature count as checked and can raise the level; outside it, catalogue port or not, they make it unknown', () => {
  assert.deepEqual(judgeClassification(answer({}), []), answer({}), 'nothing known, nothing changes');
  assert.deepEqual(judgeClassification(answer({ match: 'candidate', unchecked: [554, 22] }), [554]), answer({ unchecked: [22], uncheckedPorts: 1 }), 'an unprobed signature port known open');
  assert.deepEqual(judgeClassification(answer({ unchecked: [] }), [80]), answer({ match: 'exact', unchecked: [], uncheckedPorts: 0 }));
  for (const extra of [22, 61234]) {
    const judged = judgeClassification(answer({}), [80, extra, 554]);
    assert.deepEqual(judged, { match: 'unknown', nearest: [{ type: 'Cam', disagreeing: [extra] }], unchecked: [22, 443, 8080], uncheckedPorts: 3, probes: 3, roundTrips: 2, path: [] }, `port ${extra}`);
  }
  const twins = judgeClassification(answer({ match: 'exact', device: undefined, candidates: ['Cam', 'Cam v2'], unchecked: [], uncheckedPorts: 0 }), [9000, 23]);
  assert.deepEqual([twins.match, twins.candidates, twins.nearest], ['unknown', undefined, [{ type: 'Cam', disagreeing: [23, 9000] }, { type: 'Cam v2', disagreeing: [23, 9000] }]]);
  const unknown = answer({ match: 'unknown', device: undefined, signature: undefined, nearest: [{ type: 'Cam', disagreeing: [22] }] });
  assert.equal(judgeClassification(unknown, [443]), unknown, 'an unknown answer stays as it is');
});
