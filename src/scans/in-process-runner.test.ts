import assert from 'node:assert/strict';
import { runnerDeps } from '../../test/support/runner.js';
import { test } from 'node:test';
import { type NetFactory, systemNet } from '../probes/net.js';
import { tcpBannerProbe } from '../probes/tcp-banner/probe.js';
import net from 'node:net';
import { MalformedAnswerError, type Probe, ProbeError } from '../probes/probe.js';
import { MemoryScanStore } from '../store/memory-store.js';
import { ScanEvents } from './events.js';
import { PacketLimiter } from './rate-limiter.js';
import { ScanRunner } from './in-process-runner.js';
import { interleave } from './probe-execution.js';
import { emptyStats } from './tally.js';
import { scriptedDiscovery } from '../../test/support/discovery.js';
import { parseTarget, type TargetSpec } from '../net/targets.js';

/** A probe whose answer per port is scripted: each call takes the next outcome for that port. */
function scriptedProbe(script: Record<number, Array<'ok' | Error>>): Probe<Record<string, unknown>, unknown> & { calls: number } {
  const probe = {
    type: 'scripted',
    description: 'answers from a script',
    category: 'safe' as const,
    reach: 'target' as const,
    params: [],
    calls: 0,
    units: () => Object.keys(script).map((p) => ({ port: Number(p), protocol: 'tcp' as const })),
    run: async (_p: unknown, _t: unknown, unit: { port?: number }, ctx: { gate: { acquire(s: AbortSignal): Promise<void> }; signal: AbortSignal }) => {
      probe.calls++;
      await ctx.gate.acquire(ctx.signal);
      const next = script[unit.port!]!.shift();
      if (next instanceof Error) throw next;
      return { data: { port: unit.port, banner: 'hi', bytes: 2 } };
    },
  };
  return probe as never;
}

type RunnerOptions = { discovery?: ReturnType<typeof scriptedDiscovery>; perTargetConcurrency?: number; net?: NetFactory };

function newRunner(maxConcurrentScans: number, options: RunnerOptions = {}) {
  const store = new MemoryScanStore();
  const events = new ScanEvents();
  const finished: Array<[string, string]> = [];
  const runner = new ScanRunner(
    runnerDeps({
      store,
      events,
      pacing: new PacketLimiter(100000, 100000),
      ...(options.net ? { net: options.net } : {}),
      ...(options.discovery ? { discovery: options.discovery } : {}),
      limits: { maxConcurrentScans, maxConcurrentProbesPerScan: 4, bannerMaxBytes: 1024, perTargetPacketsPerSecond: 100000, perTargetConcurrency: options.perTargetConcurrency ?? 4 },
      onFinished: (scanId, status) => finished.push([scanId, status]),
    }),
  );
  return { store, events, finished, runner };
}

async function runScript(
  probe: Probe<Record<string, unknown>, unknown>,
  timing = { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 },
  options: RunnerOptions & { targets?: string[] } = {},
) {
  const { store, events, finished, runner } = newRunner(2, options);
  const targetTexts = options.targets ?? ['127.0.0.1'];
  const targets = targetTexts.map((t) => parseTarget(t) as TargetSpec);
  store.insertScan({ id: 'scn_1', principal: 'p', status: 'queued', createdAt: 'now', request: { targets: targetTexts, probes: [], timing, mode: 'async', profile: 'normal', labels: {} }, stats: emptyStats(1), assets: [] });
  const ended = new Promise<void>((resolve) => events.subscribe('scn_1', (e) => e.kind === 'end' && resolve()));
  void runner.run({ scanId: 'scn_1', principal: 'p', targets, probes: [{ probe, params: {}, redacted: { type: 'tcp-banner', ports: [] } }], timing, fragile: false, ...(options.discovery ? { discovery: 'auto' as const } : {}) });
  await ended;
  assert.deepEqual(finished, [['scn_1', 'completed']], 'the outbox is told once');
  return { scan: store.getScan('scn_1')!, results: store.listResults('scn_1') };
}

test('every failure becomes a result in the closed set; one failing unit never stops the scan', async () => {
  const econn = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
  const unreach = Object.assign(new Error('no route'), { code: 'EHOSTUNREACH' });
  const probe = scriptedProbe({
    1: ['ok'],
    2: [econn],
    3: [new ProbeError('timeout', 'no-answer', 'nothing came back')],
    4: [new MalformedAnswerError('garbage', Buffer.from([1, 2, 3]))],
    5: [new TypeError('a bug in a probe')],
    // Last: an unreachable host ends its later units without sending (tested below).
    6: [unreach],
  });
  const { scan, results } = await runScript(probe);
  assert.equal(scan.status, 'completed');
  const byPort = Object.fromEntries(results.map((r) => [r.port, r]));
  assert.equal(byPort[1]!.status, 'ok');
  assert.equal(byPort[2]!.status, 'closed');
  assert.equal(byPort[3]!.status, 'timeout');
  assert.equal(byPort[6]!.status, 'unreachable');
  assert.equal(byPort[4]!.status, 'malformed');
  assert.equal(byPort[4]!.raw, 'AQID');
  assert.equal(byPort[5]!.status, 'error');
  assert.deepEqual(byPort[5]!.error, { code: 'TypeError', message: 'a bug in a probe' });
  assert.deepEqual(results.map((r) => r.seq).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6]);
  assert.equal(scan.stats.packetsSent, 6);
  assert.equal(scan.stats.responses, 3, 'ok, closed and malformed are answers');
  assert.deepEqual(scan.stats.byProbe.scripted!.results, { ok: 1, closed: 1, timeout: 1, unreachable: 1, malformed: 1, error: 1 });
});

test('once a target answers unreachable, its remaining units end without a packet, each reported', async () => {
  const unreach = Object.assign(new Error('no route'), { code: 'EHOSTUNREACH' });
  const probe = scriptedProbe({ 1: [unreach], 2: ['ok'], 3: ['ok'], 4: ['ok'] });
  const { scan, results } = await runScript(probe, undefined, { perTargetConcurrency: 1 });
  assert.equal(probe.calls, 1, 'only the first unit was tried');
  assert.equal(scan.stats.packetsSent, 1);
  assert.deepEqual(results.map((r) => [r.port, r.status, r.error?.code, r.tries]), [
    [1, 'unreachable', 'EHOSTUNREACH', 1],
    [2, 'unreachable', 'host-down', 0],
    [3, 'unreachable', 'host-down', 0],
    [4, 'unreachable', 'host-down', 0],
  ]);
  assert.deepEqual(scan.stats.hosts, { alive: 0, dead: 1, pending: 0 });
});

test('with discovery, a dead host ends as one host-down result and costs no probe; a live one gives its MAC and OUI vendor', async () => {
  const probe = scriptedProbe({ 1: ['ok'], 2: ['ok'] });
  const discovery = scriptedDiscovery(['127.0.0.3'], { '127.0.0.2': '20:33:89:aa:bb:cc' });
  const { scan, results } = await runScript(probe, undefined, { targets: ['127.0.0.2', '127.0.0.3'], discovery });
  assert.deepEqual(discovery.checked.sort(), ['127.0.0.2', '127.0.0.3']);
  assert.equal(probe.calls, 2, 'both units for the live host, none for the dead one');
  const dead = results.filter((r) => r.target === '127.0.0.3');
  assert.deepEqual(dead.map((r) => [r.probe, r.status, r.error?.code]), [['discovery', 'unreachable', 'host-down']]);
  assert.deepEqual(scan.stats.hosts, { alive: 1, dead: 1, pending: 0 });
  const asset = scan.assets.find((a) => a.ip === '127.0.0.2')!;
  assert.equal(asset.mac, '20:33:89:aa:bb:cc');
  assert.equal(asset.manufacturer, 'Google, Inc.');
  assert.deepEqual([asset.sources?.mac?.source, asset.sources?.manufacturer?.source, asset.sources?.manufacturer?.confidence], ['neighbour', 'oui', 'registry']);
  assert.equal(scan.assets.find((a) => a.ip === '127.0.0.3'), undefined, 'a dead host is no asset');
});

test('with discovery and a multicast probe, a dead host still ends as its one host-down result: its silence to the group query is no second result', async () => {
  const unitProbe = scriptedProbe({ 1: ['ok'] });
  const groupProbe = {
    ...scriptedProbe({}),
    type: 'group-scripted',
    units: () => [{}],
    isGroup: () => true,
    runGroup: async () => ({ answers: [], queries: 1, dropped: 0 }),
  };
  const { store, events, runner } = newRunner(1, { discovery: scriptedDiscovery(['127.0.0.3']) });
  const timing = { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 };
  const targets = ['127.0.0.2', '127.0.0.3'];
  store.insertScan({ id: 'scn_g', principal: 'p', status: 'queued', createdAt: 'now', request: { targets, probes: [], timing, mode: 'async', profile: 'normal', labels: {} }, stats: emptyStats(2), assets: [] });
  const ended = new Promise<void>((resolve) => events.subscribe('scn_g', (e) => e.kind === 'end' && resolve()));
  const redacted = { type: 'tcp-banner' as const, ports: [] };
  void runner.run({ scanId: 'scn_g', principal: 'p', targets: targets.map((t) => parseTarget(t) as TargetSpec), probes: [{ probe: unitProbe, params: {}, redacted }, { probe: groupProbe as never, params: {}, redacted }], timing, fragile: false, discovery: 'auto' });
  await ended;
  const results = store.listResults('scn_g').map((r) => [r.target, r.probe, r.status]).sort((a, b) => String(a).localeCompare(String(b)));
  assert.deepEqual(results, [
    ['127.0.0.2', 'group-scripted', 'timeout'],
    ['127.0.0.2', 'scripted', 'ok'],
    ['127.0.0.3', 'discovery', 'unreachable'],
  ]);
});

test('retries follow a timeout only, and count the packets; count repeats each unit', async () => {
  const t = () => new ProbeError('timeout', 'no-answer', 'nothing');
  const probe = scriptedProbe({ 1: [t(), t(), 'ok', t(), t(), t()], 2: [Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), 'ok'] });
  const { results, scan } = await runScript(probe, { count: 2, intervalMs: 1, timeoutMs: 100, retries: 2 });
  const p1 = results.filter((r) => r.port === 1).map((r) => [r.attempt, r.tries, r.status]);
  assert.deepEqual(p1, [[1, 3, 'ok'], [2, 3, 'timeout']]);
  const p2 = results.filter((r) => r.port === 2).map((r) => [r.attempt, r.tries, r.status]);
  assert.deepEqual(p2, [[1, 1, 'closed'], [2, 1, 'ok']]);
  assert.equal(scan.stats.packetsSent, 8);
  assert.equal(probe.calls, 8);
});

const job = (scanId: string, probe: Probe<Record<string, unknown>, unknown>, discovery?: 'auto') => ({
  scanId,
  principal: 'p',
  targets: [parseTarget('127.0.0.1') as TargetSpec],
  probes: [{ probe, params: {}, redacted: { type: 'tcp-banner' as const, ports: [] } }],
  timing: { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 },
  fragile: false,
  ...(discovery ? { discovery } : {}),
});
const stored = (id: string, mode: 'sync' | 'async' = 'async') => ({ id, principal: 'p', status: 'queued' as const, createdAt: 'now', request: { targets: ['127.0.0.1'], probes: [], timing: { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 }, mode, profile: 'normal' as const, labels: {} }, stats: emptyStats(1), assets: [] });

test('run(job) resolves with the outcome once it is stored: a new scan of one unit is written whole, its outcome what was written', async () => {
  const { store, runner } = newRunner(1);
  const outcome = await runner.run({ ...job('scn_new', scriptedProbe({ 7: ['ok'] }), 'auto'), newScan: { record: stored('scn_new', 'sync'), deliveries: [] } });
  assert.equal(outcome.status, 'completed');
  assert.deepEqual(outcome.whole!.results.map((r) => [r.port, r.status]), [[7, 'ok']]);
  assert.deepEqual(outcome.whole!.results, store.listResults('scn_new'), 'the results answered are the stored ones');
  assert.deepEqual(outcome.whole!.record, store.getScan('scn_new'));
  assert.equal(store.getScan('scn_new')!.status, 'completed');
});

test('a scan of one unit is cancelled like any other: its probe is aborted and run(job) resolves `cancelled`', async () => {
  const { store, runner } = newRunner(1);
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const hanging = {
    ...scriptedProbe({ 1: [] }),
    run: (_p: unknown, _t: unknown, _u: unknown, ctx: { signal: AbortSignal }) =>
      new Promise((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        started();
      }),
  } as unknown as Probe<Record<string, unknown>, unknown>;
  store.insertScan(stored('scn_c'));
  const ended = runner.run(job('scn_c', hanging));
  await running;
  assert.equal(store.getScan('scn_c')!.status, 'running', 'marked running before its packet');
  assert.equal(await runner.cancel('scn_c'), true);
  assert.deepEqual(await ended, { scanId: 'scn_c', status: 'cancelled' });
  assert.equal(store.getScan('scn_c')!.status, 'cancelled');
  assert.deepEqual(store.listResults('scn_c'), [], 'an aborted probe leaves no result');
});

test('a queued scan cancelled before its turn resolves run(job) `cancelled`, committed by the time cancel() answers', async () => {
  const { store, runner } = newRunner(1);
  let release!: () => void;
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const holding = {
    ...scriptedProbe({ 1: [] }),
    run: () =>
      new Promise((resolve) => {
        release = () => resolve({ data: { port: 1, banner: 'hi', bytes: 2 } });
        started();
      }),
  } as unknown as Probe<Record<string, unknown>, unknown>;
  store.insertScan(stored('scn_first'));
  store.insertScan(stored('scn_waiting'));
  const first = runner.run(job('scn_first', holding));
  const waiting = runner.run(job('scn_waiting', holding));
  assert.equal(await runner.cancel('scn_waiting'), true);
  assert.equal(store.getScan('scn_waiting')!.status, 'cancelled');
  assert.deepEqual(await waiting, { scanId: 'scn_waiting', status: 'cancelled' });
  await running;
  release();
  assert.equal((await first).status, 'completed');
});

test('queued scans start in turns between principals: one principal\'s queue does not hold another\'s scan behind it', async () => {
  const { store, events, runner } = newRunner(1);
  const started: string[] = [];
  const running = new Map<string, () => void>();
  let onStart = (): void => {};
  // Each scan's one unit runs until the test lets it end.
  const held = {
    type: 'held', description: 'runs until released', category: 'safe' as const, reach: 'target' as const, params: [],
    units: () => [{ port: 1, protocol: 'tcp' as const }],
    run: (params: { label: string }) =>
      new Promise((resolve) => {
        started.push(params.label);
        running.set(params.label, () => resolve({ data: {} }));
        onStart();
      }),
  } as unknown as Probe<Record<string, unknown>, unknown>;
  const timing = { count: 1, intervalMs: 0, timeoutMs: 100, retries: 0 };
  const submit = (principal: string, label: string): void => {
    const scanId = `scn_${label}`;
    store.insertScan({ id: scanId, principal, status: 'queued', createdAt: 'now', request: { targets: ['127.0.0.1'], probes: [], timing, mode: 'async', profile: 'normal', labels: {} }, stats: emptyStats(1), assets: [] });
    void runner.run({ scanId, principal, targets: [parseTarget('127.0.0.1') as TargetSpec], probes: [{ probe: held, params: { label }, redacted: { type: 'tcp-banner', ports: [] } }], timing, fragile: false });
  };
  const finish = async (label: string): Promise<void> => {
    const ended = new Promise<void>((resolve) => events.subscribe(`scn_${label}`, (e) => e.kind === 'end' && resolve()));
    const next = new Promise<void>((resolve) => (onStart = resolve));
    running.get(label)!();
    await ended;
    await next;
  };
  const first = new Promise<void>((resolve) => (onStart = resolve));
  for (const label of ['a1', 'a2', 'a3', 'a4']) submit('alice', label);
  submit('bob', 'b1');
  submit('bob', 'b2');
  submit('carol', 'c1');
  await first;
  assert.deepEqual(started, ['a1']);
  for (const label of ['a1', 'b1', 'c1', 'a2', 'b2', 'a3']) await finish(label);
  assert.deepEqual(started, ['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4'], 'alice, bob, carol in turns, then those who still have scans waiting');
  running.get('a4')!();
});

test('the limiter spaces packets by the strictest cap that applies', () => {
  let now = 0;
  const limiter = new PacketLimiter(1000, 10, () => now);
  assert.equal(limiter.tryTake('a', undefined), 0);
  assert.equal(limiter.tryTake('a', undefined), 100, 'per-target: 10/s');
  assert.equal(limiter.tryTake('b', undefined), 1, 'a waiting target does not book the global cap ahead');
  now = 1;
  assert.equal(limiter.tryTake('b', undefined), 0);
  now = 100;
  assert.equal(limiter.tryTake('a', undefined), 0);
  now = 10_000;
  assert.equal(limiter.tryTake('a', undefined), 0);
  assert.equal(limiter.tryTake('a', undefined), 100, 'idle caps do not bank a burst');
});

test('a host that answered once is timed by its round trip: a port it drops waits the measured wait, not the whole timeout', { timeout: 10_000 }, async () => {
  // Port 81 answers RST at once; port 82 never answers (a SYN the device drops).
  const dropping: NetFactory = {
    connectTcp: ({ port }) => {
      const socket = new net.Socket();
      if (port === 81) setImmediate(() => socket.emit('error', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })));
      return socket;
    },
    createUdp: (family) => systemNet.createUdp(family),
  };
  const { store, events, runner } = newRunner(1, { perTargetConcurrency: 1, net: dropping });
  const timing = { count: 1, intervalMs: 0, timeoutMs: 60_000, retries: 0 };
  store.insertScan({ id: 'scn_rtt', principal: 'p', status: 'queued', createdAt: 'now', request: { targets: ['198.18.77.21'], probes: [], timing, mode: 'async', profile: 'normal', labels: {} }, stats: emptyStats(1), assets: [] });
  const ended = new Promise<void>((resolve) => events.subscribe('scn_rtt', (e) => e.kind === 'end' && resolve()));
  void runner.run({ scanId: 'scn_rtt', principal: 'p', targets: [parseTarget('198.18.77.21') as TargetSpec], probes: [{ probe: tcpBannerProbe as never, params: { ports: [81, 82], additionalProbes: false }, redacted: { type: 'tcp-banner', ports: [81, 82] } }], timing, fragile: false });
  await ended;
  const results = store.listResults('scn_rtt');
  assert.deepEqual(results.map((r) => [r.port, r.status]), [[81, 'closed'], [82, 'timeout']]);
  // At least the 100 ms floor; more when a loaded machine measured the RST late, never the 60 s.
  const waited = Number(/within (\d+) ms \(the host's measured round trip/.exec(results[1]!.error!.message)?.[1]);
  assert.ok(waited >= 100 && waited < 60_000, results[1]!.error!.message);
});

test('interleave: items of up to `width` sources in turns; a source still to arrive holds up none already in turn', { timeout: 10_000 }, async () => {
  let release!: () => void;
  const later = new Promise<void>((resolve) => (release = resolve));
  async function* arrivals() {
    yield 'a';
    yield 'b';
    await later;
    yield 'c';
  }
  const itemsOf = (source: string) => [1, 2, 3].map((i) => `${source}${i}`)[Symbol.iterator]();
  const items = interleave(arrivals(), itemsOf, 2);
  const first: string[] = [];
  // Six items while `c` has not arrived: waiting for it here would never end.
  for (let i = 0; i < 6; i++) first.push((await items.next()).value as string);
  assert.deepEqual(first, ['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
  release();
  const rest: string[] = [];
  for await (const item of items) rest.push(item);
  assert.deepEqual(rest, ['c1', 'c2', 'c3']);

  async function* three() {
    yield* ['a', 'b', 'c'];
  }
  const one: string[] = [];
  for await (const item of interleave(three(), itemsOf, 1)) one.push(item);
  assert.deepEqual(one, ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'c1', 'c2', 'c3'], 'width 1: one source after another');

  async function* failing() {
    yield 'a';
    throw new Error('discovery failed');
  }
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const item of interleave(failing(), itemsOf, 4)) seen.push(item);
  }, /discovery failed/);
  assert.deepEqual(seen, ['a1', 'a2', 'a3'], 'what arrived is handed out before the failure');

  // A consumer that stops early (its scan failed) stops the arrivals too: their `finally` runs.
  let closed!: () => void;
  const arrivalsClosed = new Promise<void>((resolve) => (closed = resolve));
  async function* endless() {
    try {
      for (let i = 0; ; i++) yield `s${i}`;
    } finally {
      closed();
    }
  }
  for await (const item of interleave(endless(), itemsOf, 1)) if (item === 's01') break;
  await arrivalsClosed;
});

test('a target with more units than workers does not hold the others back: units go to the targets in turns', { timeout: 10_000 }, async () => {
  // Target 1's first unit answers only once target 2 has been probed; taken target by target, the
  // four workers would all wait on target 1 (one slot each) and never reach target 2.
  let reached!: () => void;
  const secondReached = new Promise<void>((resolve) => (reached = resolve));
  const probe = {
    ...scriptedProbe({ 1: ['ok'], 2: ['ok'], 3: ['ok'], 4: ['ok'], 5: ['ok'] }),
    run: async (_p: unknown, target: { ip: string }, unit: { port?: number }) => {
      if (target.ip === '127.0.0.2') reached();
      else if (unit.port === 1) await secondReached;
      return { data: { port: unit.port, banner: 'hi', bytes: 2 } };
    },
  };
  const { results } = await runScript(probe as never, undefined, { perTargetConcurrency: 1, targets: ['127.0.0.1', '127.0.0.2'] });
  assert.equal(results.filter((r) => r.status === 'ok').length, 10);
});
