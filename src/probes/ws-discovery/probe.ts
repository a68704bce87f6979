import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { WsDiscoveryParams } from '../../api/generated/params.js';
import type { Target } from '../../net/targets.js';
import { type GroupAnswer, MalformedAnswerError, type Probe, type ProbeContext, type ProbeOutcome, ProbeError } from '../probe.js';
import { byResponder, type Datagram, exchangeUnicast, queryGroup } from '../udp-exchange.js';
import type { WsDiscoveryData, WsdEndpoint, WsdMatch } from './data.js';
import { wsDiscoveryFacts } from './facts.js';
import { ACTIONS, buildProbe, buildResolve, onvifScopes, parseMessage, TYPE_NAMESPACES, WSD_GROUP, type WsdMessage } from './soap.js';

const MAX_MATCHES = 16;
/** Resolves sent after one multicast Probe, at most: one per answering target whose matches lacked XAddrs. */
const MAX_RESOLVES = 4;
const TYPE_QNAME = new RegExp(`^(${Object.keys(TYPE_NAMESPACES).join('|')}):[A-Za-z_][A-Za-z0-9_.-]{0,63}$`);

const urn = (): string => `urn:uuid:${randomUUID()}`;

interface Sorted {
  /** Answers to `id` with the expected action, in arrival order. */
  answers: Array<{ message: WsdMessage; datagram: Datagram }>;
  duplicates: number;
  unrelated: number;
  bad: Datagram[];
}

/** Parses datagrams and keeps those that answer message `id` with `action`; repeats (same MessageID) are folded. */
function sort(datagrams: readonly Datagram[], id: string, action: string): Sorted {
  const out: Sorted = { answers: [], duplicates: 0, unrelated: 0, bad: [] };
  const seen = new Set<string>();
  for (const d of datagrams) {
    let message: WsdMessage;
    try {
      message = parseMessage(d.data);
    } catch {
      out.bad.push(d);
      continue;
    }
    if (message.relatesTo !== id || message.action !== action) out.unrelated++;
    else if (message.messageId && seen.has(message.messageId)) out.duplicates++;
    else {
      if (message.messageId) seen.add(message.messageId);
      out.answers.push({ message, datagram: d });
    }
  }
  return out;
}

/** Matches folded by endpoint address (a later ResolveMatch fills in what a ProbeMatch lacked). */
function merge(into: WsdMatch[], more: readonly WsdMatch[]): void {
  for (const m of more) {
    const known = m.address === undefined ? undefined : into.find((x) => x.address === m.address);
    if (known) {
      for (const key of ['types', 'scopes', 'xaddrs'] as const) known[key] = [...new Set([...known[key], ...m[key]])].slice(0, 32);
      known.metadataVersion ??= m.metadataVersion;
      if (known.metadataVersion === undefined) delete known.metadataVersion;
    } else if (into.length < MAX_MATCHES) into.push(m);
  }
}

/** Ports on the answering address itself that XAddrs name; XAddrs on other hosts are no facts of this one. */
function endpointsOf(matches: readonly WsdMatch[], answerer: string): WsdEndpoint[] {
  const out = new Map<number, WsdEndpoint>();
  for (const xaddr of matches.flatMap((m) => m.xaddrs)) {
    let url: URL;
    try {
      url = new URL(xaddr);
    } catch {
      continue;
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isIP(host) || host !== answerer) continue;
    const name = url.protocol === 'https:' ? 'https' : 'http';
    const port = Number(url.port || (name === 'https' ? 443 : 80));
    out.set(port, { port, protocol: 'tcp', name });
  }
  return [...out.values()];
}

/** The endpoint addresses among `matches` that came without XAddrs. */
const unresolved = (matches: readonly WsdMatch[]): string[] => matches.flatMap((m) => (m.xaddrs.length === 0 && m.address ? [m.address] : []));

interface Exchange {
  sorted: Sorted;
  resolved: Sorted | undefined;
}

/** One responder's datagrams into an outcome; a malformed failure when none answered our Probe but some were not WS-Discovery. */
function outcomeOf(params: WsDiscoveryParams, mode: WsDiscoveryData['mode'], messageId: string, answerer: string, { sorted, resolved }: Exchange): ProbeOutcome<WsDiscoveryData> {
  if (sorted.answers.length === 0) {
    if (sorted.bad.length) throw new MalformedAnswerError(`${sorted.bad.length} datagram(s), none of them a WS-Discovery message`, sorted.bad[0]!.data);
    throw new ProbeError('timeout', 'no-match', `${sorted.unrelated} WS-Discovery message(s) from ${answerer}, none answering our Probe`);
  }
  const matches: WsdMatch[] = [];
  for (const a of sorted.answers) merge(matches, a.message.matches);
  for (const a of resolved?.answers ?? []) merge(matches, a.message.matches.filter((m) => matches.some((x) => x.address === m.address)));
  const data: WsDiscoveryData = { mode, types: params.types, messageId, matches, endpoints: endpointsOf(matches, answerer), duplicates: sorted.duplicates + (resolved?.duplicates ?? 0) };
  const onvif = onvifScopes(matches.flatMap((m) => m.scopes));
  if (onvif) data.onvif = onvif;
  const unrelated = sorted.unrelated + (resolved?.unrelated ?? 0);
  if (unrelated) data.unrelated = unrelated;
  const bad = sorted.bad.length + (resolved?.bad.length ?? 0);
  if (bad) data.malformedDatagrams = bad;
  if (resolved) data.resolved = true;
  return { data, rttMs: Math.round(sorted.answers[0]!.datagram.at * 1000) / 1000 };
}

const answersProbe = (id: string) => (ds: Datagram[]): boolean => sort(ds.slice(-1), id, ACTIONS.probeMatches).answers.length > 0;

async function runUnicast(params: WsDiscoveryParams, target: Target, _unit: unknown, ctx: ProbeContext): Promise<ProbeOutcome<WsDiscoveryData>> {
  const id = urn();
  const { datagrams } = await exchangeUnicast({ ctx, target, port: WSD_GROUP.port, payload: buildProbe(id, params.types), timeoutMs: ctx.timeoutMs, done: answersProbe(id) });
  if (datagrams.length === 0) throw new ProbeError('timeout', 'no-answer', `no WS-Discovery answer from ${target.ip}:3702 within ${ctx.timeoutMs} ms`);
  const sorted = sort(datagrams, id, ACTIONS.probeMatches);
  const missing = params.resolve ? unresolved(sorted.answers.flatMap((a) => a.message.matches)) : [];
  let resolved: Sorted | undefined;
  if (missing.length) {
    const rid = urn();
    const more = await exchangeUnicast({ ctx, target, port: WSD_GROUP.port, payload: buildResolve(rid, missing[0]!), timeoutMs: ctx.timeoutMs, done: (ds) => sort(ds.slice(-1), rid, ACTIONS.resolveMatches).answers.length > 0 }).catch(() => ({ datagrams: [] as Datagram[] }));
    resolved = sort(more.datagrams, rid, ACTIONS.resolveMatches);
  }
  return outcomeOf(params, 'unicast', id, target.ip, { sorted, resolved });
}

/**
 * A Resolve goes to the group (ad hoc mode, §6.1), where only the endpoint it names answers; answers
 * are kept from the address that sent the ProbeMatch only.
 */
async function resolveByGroup(endpoint: string, answerer: string, ctx: ProbeContext): Promise<Sorted> {
  const rid = urn();
  const { datagrams } = await queryGroup({ ctx, group: WSD_GROUP, payload: buildResolve(rid, endpoint), count: 1, intervalMs: 0, windowMs: ctx.timeoutMs });
  return sort(datagrams.filter((d) => d.from === answerer), rid, ACTIONS.resolveMatches);
}

async function runMulticast(params: WsDiscoveryParams, isTarget: (ip: string) => boolean, ctx: ProbeContext) {
  const id = urn();
  const { datagrams, queries } = await queryGroup({ ctx, group: WSD_GROUP, payload: buildProbe(id, params.types), count: ctx.timing.count, intervalMs: ctx.timing.intervalMs, windowMs: ctx.timeoutMs });
  const { responders, dropped } = byResponder(datagrams, isTarget);
  const exchanges = [...responders].map(([ip, list]) => ({ ip, exchange: { sorted: sort(list, id, ACTIONS.probeMatches), resolved: undefined } as Exchange }));
  const needing = params.resolve ? exchanges.filter((e) => unresolved(e.exchange.sorted.answers.flatMap((a) => a.message.matches)).length).slice(0, MAX_RESOLVES) : [];
  await Promise.all(
    needing.map(async (e) => {
      const endpoint = unresolved(e.exchange.sorted.answers.flatMap((a) => a.message.matches))[0]!;
      e.exchange.resolved = await resolveByGroup(endpoint, e.ip, ctx).catch(() => undefined);
    }),
  );
  const answers = exchanges.map(({ ip, exchange }): GroupAnswer<WsDiscoveryData> => {
    try {
      return { ip, outcome: outcomeOf(params, 'multicast', id, ip, exchange) };
    } catch (failure) {
      return { ip, failure };
    }
  });
  return { answers, queries: queries + needing.length, dropped };
}

export const wsDiscoveryProbe: Probe<WsDiscoveryParams, WsDiscoveryData> = {
  type: 'ws-discovery',
  description:
    'WS-Discovery Probe (SOAP over UDP, the 2005/04 draft Windows, wsdd and ONVIF cameras speak): multicast to 239.255.255.250:3702 from the configured interface (answers kept from the targets), or unicast to each target\'s 3702; ProbeMatches parsed (endpoint, Types, Scopes, XAddrs, MetadataVersion), with one Resolve for an endpoint that came without XAddrs.',
  category: 'safe',
  reach: 'multicast',
  params: [
    {
      name: 'types',
      type: 'string[]',
      minItems: 0,
      maxItems: 4,
      maxLength: 80,
      pattern: TYPE_QNAME,
      default: [],
      description: `Types the Probe asks for, all of which a device must implement (none: every device; wsdd answers only a Probe for wsdp:Device); prefixes: ${Object.keys(TYPE_NAMESPACES).join(', ')}, e.g. wsdp:Device, dn:NetworkVideoTransmitter`,
    },
    { name: 'unicast', type: 'boolean', default: false, description: 'false: multicast Probe, answers kept from targets; true: Probe each target\'s 3702' },
    { name: 'resolve', type: 'boolean', default: true, description: 'send one Resolve for an endpoint that answered without XAddrs (wsdd, Windows), to learn its metadata address' },
  ],
  units: () => [{ port: WSD_GROUP.port, protocol: 'udp' }],
  // The Probe (once for the group, or to each target) and a Resolve: to each target, or to the group for at most MAX_RESOLVES of them.
  packetBound: (params, { hosts }) => (params.unicast ? hosts : 1n) + (!params.resolve ? 0n : params.unicast ? hosts : hosts < BigInt(MAX_RESOLVES) ? hosts : BigInt(MAX_RESOLVES)),
  run: runUnicast,
  isGroup: (params) => !params.unicast,
  runGroup: runMulticast,
  reveals: ['model', 'type', 'services'],
  facts: (data) => wsDiscoveryFacts(data),
};
