import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cataloguePorts, DEFAULT_CATALOG, type DeviceSignature, validateCatalog } from './catalog.js';
import { DEFAULT_TREES } from './default-trees.js';
import { judgeClassification } from './judge.js';
import type { PortState } from './data.js';
import { buildCatalogTrees, buildTree, classify, type Objective, type TreeNode, treeStats } from './tree.js';

const answersFor = (open: readonly number[]) => async (ports: number[]) => new Map(ports.map((p) => [p, (open.includes(p) ? 'open' : 'closed') as PortState]));
const walk = (devices: readonly DeviceSignature[], root: TreeNode, open: readonly number[], options = { confirm: true, exact: false, speculative: false }) => classify(devices, root, options, answersFor(open));

/** Every decision tree that only probes ports splitting its candidate set — built explicitly. */
function allTrees(devices: readonly DeviceSignature[], candidates: readonly DeviceSignature[]): TreeNode[] {
  const splitting = cataloguePorts(devices).filter((p) => {
    const n = candidates.filter((d) => d.ports.includes(p)).length;
    return n > 0 && n < candidates.length;
  });
  if (splitting.length === 0) return [{ devices: candidates.map((d) => d.type) }];
  return splitting.flatMap((port) => {
    const open = allTrees(devices, candidates.filter((d) => d.ports.includes(port)));
    const closed = allTrees(devices, candidates.filter((d) => !d.ports.includes(port)));
    return open.flatMap((o) => closed.map((c) => ({ port, open: o, closed: c })));
  });
}

async function averageProbes(devices: readonly DeviceSignature[], root: TreeNode, objective: Objective): Promise<number> {
  const runs = await Promise.all(devices.map((d) => walk(devices, root, d.ports, { confirm: objective === 'confirm', exact: false, speculative: false })));
  return runs.reduce((n, r) => n + r.probes, 0) / devices.length;
}

test('the builder reaches the brute-force optimum on small random catalogues, both objectives', async () => {
  let seed = 3;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  for (let round = 0; round < 40; round++) {
    const n = 2 + rnd(4);
    const devices = Array.from({ length: n }, (_, i) => ({ type: `d${i}`, ports: [...new Set(Array.from({ length: 1 + rnd(3) }, () => 1 + rnd(5)))].sort((a, b) => a - b) }));
    for (const objective of ['confirm', 'identify'] as const) {
      const built = buildTree(devices, objective);
      assert.ok(built.optimal);
      const candidates = allTrees(devices, devices);
      let best = Infinity;
      for (const t of candidates) best = Math.min(best, await averageProbes(devices, t, objective));
      assert.equal(await averageProbes(devices, built.root, objective), best, `${objective} ${JSON.stringify(devices)} (${candidates.length} trees)`);
    }
  }
});

test('Table I: the optimum, and every device classified correctly by simulated probing', async () => {
  const devices = DEFAULT_CATALOG.devices;
  const confirm = buildTree(devices, 'confirm');
  const identify = buildTree(devices, 'identify');
  assert.ok(confirm.optimal && identify.optimal);
  assert.deepEqual(await treeStats(devices, confirm.root, identify.root), { devices: 19, ports: 42, averageProbesConfirm: 6.263, averageProbesIdentify: 4.684, maxProbes: 11, flatProbes: 42 });
  for (const d of devices) {
    const c = await walk(devices, confirm.root, d.ports);
    assert.deepEqual([c.match, c.device], ['consistent', d.type]);
    assert.ok(d.ports.every((p) => c.path.some((x) => x.port === p && x.state === 'open')), 'every signature port probed open');
    const i = await walk(devices, identify.root, d.ports, { confirm: false, exact: false, speculative: false });
    assert.deepEqual([i.match === 'exact' || i.match === 'unknown', i.device], [false, d.type]);
    const e = await walk(devices, confirm.root, d.ports, { confirm: true, exact: true, speculative: false });
    assert.deepEqual([e.match, e.device, e.uncheckedPorts, e.probes], ['exact', d.type, 0, 42]);
  }
});

test('speculative probing trades probes for round trips', async () => {
  const devices = DEFAULT_CATALOG.devices;
  const root = buildTree(devices, 'confirm').root;
  let plain = { probes: 0, trips: 0 };
  let spec = { probes: 0, trips: 0 };
  for (const d of devices) {
    const a = await walk(devices, root, d.ports);
    const b = await walk(devices, root, d.ports, { confirm: true, exact: false, speculative: true });
    assert.equal(b.device, d.type);
    plain = { probes: plain.probes + a.probes, trips: plain.trips + a.roundTrips };
    spec = { probes: spec.probes + b.probes, trips: spec.trips + b.roundTrips };
  }
  assert.ok(spec.trips < plain.trips && spec.probes > plain.probes, JSON.stringify({ plain, spec }));
});

test('perturbed devices (a port added or removed) come out unknown or consistent with unchecked ports, and unknown once their open ports are known', async () => {
  const devices = DEFAULT_CATALOG.devices;
  const root = buildTree(devices, 'confirm').root;
  const signature = (ports: readonly number[]): string => [...ports].sort((a, b) => a - b).join(',');
  const known = new Set(devices.map((d) => signature(d.ports)));
  const all = cataloguePorts(devices);
  let tried = 0;
  for (const d of devices) {
    const perturbed = [
      ...all.filter((p) => !d.ports.includes(p)).map((p) => [...d.ports, p]),
      ...d.ports.map((p) => d.ports.filter((q) => q !== p)),
      [...d.ports, 61234],
    ].filter((ports) => ports.length > 0 && !known.has(signature(ports)));
    for (const ports of perturbed) {
      tried++;
      const exact = await walk(devices, root, ports, { confirm: true, exact: true, speculative: false });
      if (!ports.includes(61234)) assert.equal(exact.match, 'unknown', `exact: ${d.type} as ${ports}`);
      const c = await walk(devices, root, ports);
      assert.ok(c.match === 'unknown' || (c.match === 'consistent' && c.uncheckedPorts > 0), `${d.type} as ${ports}: ${c.match} ${c.device}`);
      if (c.match === 'unknown') assert.ok(c.nearest!.length > 0 && c.nearest![0]!.disagreeing.length >= 1);
      assert.equal(judgeClassification(c, ports).match, 'unknown', `${d.type} as ${ports}, every open port known`);
    }
  }
  assert.ok(tried > 700, `${tried} perturbations`);
});

test('identical signatures are reported as candidates without a device; catalogues are validated', async () => {
  const devices = [{ type: 'a', ports: [1, 2] }, { type: 'b', ports: [1, 2] }, { type: 'c', ports: [3] }];
  const root = buildTree(devices, 'confirm').root;
  const r = await walk(devices, root, [1, 2]);
  assert.deepEqual([r.match, r.device, r.candidates, r.signature, r.unchecked], ['consistent', undefined, ['a', 'b'], [1, 2], [3]]);
  const bad = validateCatalog({ name: '', devices: [{ type: 'x', ports: [0, 70000] }, { type: 'x', ports: [1, 1] }], extra: 1 });
  assert.equal(bad.ok, false);
  assert.deepEqual(!bad.ok && bad.errors.map((e) => e.path), ['/extra', '/name', '/devices/0/ports', '/devices/1/ports']);
});

test('the committed trees of the built-in catalogue are the ones the builder makes (run `npm run generate`)', () => {
  assert.deepEqual(DEFAULT_TREES, buildCatalogTrees(DEFAULT_CATALOG.devices));
});
