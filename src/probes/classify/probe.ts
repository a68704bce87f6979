import type { ClassifyParams } from '../../api/generated/params.js';
import type { Target } from '../../net/targets.js';
import { type Probe, type ProbeContext, type ProbeOutcome, ProbeError } from '../probe.js';
import { portState } from '../port-state.js';
import type { ClassifyData, PortState } from './data.js';
import { classify } from './tree.js';

async function runClassify(params: ClassifyParams, target: Target, _unit: unknown, ctx: ProbeContext): Promise<ProbeOutcome<ClassifyData>> {
  const entry = ctx.catalogs.get(params.catalog);
  if (!entry) throw new ProbeError('error', 'unknown-catalog', `no catalogue ${params.catalog}`);
  const tree = params.confirm ? entry.trees.confirm : entry.trees.identify;
  let filtered = 0;
  const started = performance.now();
  const result = await classify(entry.catalog.devices, tree.root, { confirm: params.confirm, exact: params.exact, speculative: params.speculative }, async (ports) => {
    const states = await Promise.all(ports.map((p) => portState(target, p, ctx)));
    filtered += states.filter((s) => s === 'filtered').length;
    return new Map(ports.map((p, i) => [p, (states[i] === 'open' ? 'open' : 'closed') as PortState]));
  });
  return { data: { catalog: params.catalog, filtered, ...result }, rttMs: Math.round((performance.now() - started) * 1000) / 1000 };
}

export const classifyProbe: Probe<ClassifyParams, ClassifyData> = {
  type: 'classify',
  description:
    'Identifies the device type from its open TCP ports by walking an optimal probe-order tree over a catalogue (Sivanathan et al.) and checks its signature; says how strong the answer is (candidate: identified only; consistent: signature open, other types ruled out, some catalogue ports unchecked; exact: every catalogue port checked) or unknown with the nearest types; reports probes, round trips and the path.',
  category: 'safe',
  reach: 'target',
  params: [
    { name: 'catalog', type: 'string', maxLength: 64, pattern: /^[\w-]+$/, default: 'default', description: 'catalogue id (GET /v1/catalogs); default: Table I of the paper' },
    { name: 'confirm', type: 'boolean', default: true, description: 'probe every port of the identified signature (else stop once one candidate is left, its signature perhaps unchecked: `candidate`)' },
    { name: 'exact', type: 'boolean', default: false, description: 'also probe every other catalogue port, so an extra open port makes the device unknown (`exact`; else catalogue ports left unprobed keep it `consistent`)' },
    { name: 'speculative', type: 'boolean', default: false, description: 'probe the next tree level in parallel: fewer round trips, more probes' },
  ],
  units: () => [{ protocol: 'tcp' }],
  // At most one SYN per distinct catalogue port, whatever the tree and options.
  packetBound: (params, { hosts, catalogs }) => hosts * BigInt(new Set(catalogs.get(params.catalog)?.catalog.devices.flatMap((d) => d.ports) ?? []).size),
  run: runClassify,
  reveals: ['type', 'model', 'services'],
  // Its open ports; a named type only once judged against the asset's other open ports (insights/assets.ts).
  facts: (c) => ({
    services: c.path.filter((p) => p.state === 'open').map((p) => ({ port: p.port, protocol: 'tcp' as const })),
    // A silent port cannot be told from a refusing one on the path, so closed counts only without one.
    ports: c.path.filter((p) => p.state === 'open' || c.filtered === 0).map((p) => ({ port: p.port, protocol: 'tcp' as const, state: p.state === 'open' ? ('open' as const) : ('closed' as const) })),
    ...(c.device && c.match !== 'unknown' ? { signature: { catalog: c.catalog, match: c.match, device: c.device, signature: c.signature, unchecked: c.unchecked, uncheckedPorts: c.uncheckedPorts } } : {}),
  }),
  resources: (params) => [{ kind: 'catalog', id: params.catalog, path: '/catalog' }],
};
