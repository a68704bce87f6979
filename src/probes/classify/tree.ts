import { cataloguePorts, type DeviceSignature } from './catalog.js';
import type { Classification, PortState } from './data.js';
import { strength } from './judge.js';

/**
 * The probe-order tree of Sivanathan et al., built to minimise the average number of probes.
 *
 * With confirmation (every port of the identified signature probed open, every other catalogue
 * device ruled out), each port of a device's signature is probed sooner or later, and so are the
 * ports on its path that come back closed. A device's cost is therefore |signature| + the number of
 * closed answers on its path, and the optimum minimises the closed answers summed over devices:
 *   F(S) = 0 when S cannot be split, else min over ports p splitting S of
 *          |S without p| + F(S with p) + F(S without p).
 * Without confirmation (identify only), every probe on the path counts:
 *   G(S) = 0 when S cannot be split, else min over p of |S| + G(S with p) + G(S without p).
 * Both are solved exactly by memoised search over the candidate sets the ports can carve out;
 * past a state budget a documented greedy rule takes over, and the tree says it is not optimal.
 */

/** A node of a probe-order tree: a port to probe with its open and closed branches, or a leaf naming the device types left. */
export type TreeNode = { port: number; open: TreeNode; closed: TreeNode } | { devices: string[] };

export type Objective = 'confirm' | 'identify';

export interface TreeStats {
  devices: number;
  ports: number;
  averageProbesConfirm: number;
  averageProbesIdentify: number;
  maxProbes: number;
  /** Probing every catalogue port, as a flat scan would. */
  flatProbes: number;
}

export interface BuiltTree {
  objective: Objective;
  root: TreeNode;
  optimal: boolean;
}

/** A catalogue's two trees: with confirmation and identify-only. */
export interface CatalogTrees {
  confirm: BuiltTree;
  identify: BuiltTree;
}

/** Above this many distinct candidate sets the exact search gives way to the greedy rule. */
export const EXACT_STATE_BUDGET = 200_000;

class BudgetExceeded extends Error {}

const popcount = (m: bigint): number => {
  let n = 0;
  for (let x = m; x; x &= x - 1n) n++;
  return n;
};

export function buildTree(devices: readonly DeviceSignature[], objective: Objective, budget = EXACT_STATE_BUDGET): BuiltTree {
  const ports = cataloguePorts(devices);
  const portMask = new Map(ports.map((p) => [p, devices.reduce((m, d, i) => (d.ports.includes(p) ? m | (1n << BigInt(i)) : m), 0n)]));
  const all = (1n << BigInt(devices.length)) - 1n;
  const splits = (s: bigint) => ports.map((p) => ({ p, open: s & portMask.get(p)!, closed: s & ~portMask.get(p)! })).filter((x) => x.open !== 0n && x.closed !== 0n);
  const leaf = (s: bigint): TreeNode => ({ devices: devices.filter((_, i) => (s >> BigInt(i)) & 1n).map((d) => d.type) });

  const memo = new Map<bigint, { cost: number; port?: number }>();
  const best = (s: bigint): number => {
    const hit = memo.get(s);
    if (hit) return hit.cost;
    if (memo.size >= budget) throw new BudgetExceeded();
    let result: { cost: number; port?: number } = { cost: 0 };
    for (const { p, open, closed } of splits(s)) {
      const here = objective === 'confirm' ? popcount(closed) : popcount(s);
      if (result.port !== undefined && here >= result.cost) continue;
      const cost = here + best(open) + best(closed);
      if (result.port === undefined || cost < result.cost) result = { cost, port: p };
    }
    memo.set(s, result);
    return result.cost;
  };
  const fromMemo = (s: bigint): TreeNode => {
    const port = memo.get(s)?.port;
    if (port === undefined) return leaf(s);
    return { port, open: fromMemo(s & portMask.get(port)!), closed: fromMemo(s & ~portMask.get(port)!) };
  };
  // Greedy: the most even split, ties to fewer closed answers (fewer wasted probes).
  const greedy = (s: bigint): TreeNode => {
    const options = splits(s);
    if (options.length === 0) return leaf(s);
    const score = (x: { open: bigint; closed: bigint }): number => Math.max(popcount(x.open), popcount(x.closed)) * 1000 + popcount(x.closed);
    const pick = options.reduce((a, b) => (score(b) < score(a) ? b : a));
    return { port: pick.p, open: greedy(pick.open), closed: greedy(pick.closed) };
  };
  try {
    best(all);
    return { objective, root: fromMemo(all), optimal: true };
  } catch (err) {
    if (!(err instanceof BudgetExceeded)) throw err;
    return { objective, root: greedy(all), optimal: false };
  }
}

/** Both trees of a catalogue; about a second for Table I, several for a large catalogue (run it in a worker). */
export function buildCatalogTrees(devices: readonly DeviceSignature[]): CatalogTrees {
  return { confirm: buildTree(devices, 'confirm'), identify: buildTree(devices, 'identify') };
}

export interface WalkOptions {
  confirm: boolean;
  /** Also probe every other catalogue port, so that an extra open port is seen. */
  exact: boolean;
  /** Probe the next level of the tree together with the current one: fewer round trips. */
  speculative: boolean;
}

/**
 * Walks a tree against one device. `probe` is asked for a batch of ports at a time (one round
 * trip); simulation and the live probe share this walk.
 */
export async function classify(
  devices: readonly DeviceSignature[],
  root: TreeNode,
  options: WalkOptions,
  probe: (ports: number[]) => Promise<Map<number, PortState>>,
): Promise<Classification> {
  const known = new Map<number, PortState>();
  const path: Classification['path'] = [];
  let probes = 0;
  let roundTrips = 0;
  const ask = async (ports: number[]): Promise<void> => {
    const fresh = [...new Set(ports)].filter((p) => !known.has(p));
    if (fresh.length === 0) return;
    roundTrips++;
    probes += fresh.length;
    const answers = await probe(fresh);
    for (const p of fresh) {
      const state = answers.get(p) ?? 'closed';
      known.set(p, state);
      path.push({ port: p, state });
    }
  };
  const childPorts = (n: { open: TreeNode; closed: TreeNode }): number[] => [n.open, n.closed].flatMap((c) => ('port' in c ? [c.port] : []));
  let node = root;
  while ('port' in node) {
    await ask(options.speculative ? [node.port, ...childPorts(node)] : [node.port]);
    node = known.get(node.port) === 'open' ? node.open : node.closed;
  }
  const leafDevices = node.devices;
  const allPorts = cataloguePorts(devices);
  const disagreeing = (d: DeviceSignature): number[] => [...known].filter(([p, s]) => (s === 'open') !== d.ports.includes(p)).map(([p]) => p);
  const nearest = (): Classification['nearest'] =>
    devices
      .map((d) => ({ type: d.type, disagreeing: disagreeing(d) }))
      .sort((a, b) => a.disagreeing.length - b.disagreeing.length)
      .slice(0, 3);
  const candidates = devices.filter((d) => leafDevices.includes(d.type));
  if (options.confirm) await ask(candidates[0]!.ports);
  if (options.exact) await ask(allPorts);
  const unchecked = allPorts.filter((p) => !known.has(p));
  const done = { unchecked, uncheckedPorts: unchecked.length, probes, roundTrips, path };
  if (disagreeing(candidates[0]!).length > 0) return { match: 'unknown', nearest: nearest(), ...done };
  // A leaf's devices share one signature (a port telling them apart would have split the leaf).
  const signature = candidates[0]!.ports;
  const named = candidates.length > 1 ? { candidates: candidates.map((d) => d.type) } : { device: candidates[0]!.type };
  return { match: strength(signature, unchecked), ...named, signature: [...signature], ...done };
}

/** Probes per device when each device of the catalogue is walked exactly as it is. */
export async function treeStats(devices: readonly DeviceSignature[], confirmTree: TreeNode, identifyTree: TreeNode): Promise<TreeStats> {
  const simulate = async (root: TreeNode, confirm: boolean) =>
    Promise.all(devices.map((d) => classify(devices, root, { confirm, exact: false, speculative: false }, async (ports) => new Map(ports.map((p) => [p, d.ports.includes(p) ? 'open' : 'closed'] as const)))));
  const confirmed = await simulate(confirmTree, true);
  const identified = await simulate(identifyTree, false);
  const avg = (xs: Classification[]): number => Math.round((xs.reduce((n, c) => n + c.probes, 0) / xs.length) * 1000) / 1000;
  return {
    devices: devices.length,
    ports: cataloguePorts(devices).length,
    averageProbesConfirm: avg(confirmed),
    averageProbesIdentify: avg(identified),
    maxProbes: Math.max(...confirmed.map((c) => c.probes)),
    flatProbes: cataloguePorts(devices).length,
  };
}
