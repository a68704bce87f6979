import type { SsdpParams } from '../../api/generated/params.js';
import type { Target } from '../../net/targets.js';
import { type GroupAnswer, MalformedAnswerError, type Probe, type ProbeContext, type ProbeOutcome, ProbeError } from '../probe.js';
import type { SsdpData } from './data.js';
import { ssdpFacts } from './facts.js';
import { byResponder, type Datagram, exchangeUnicast, queryGroup } from '../udp-exchange.js';
import { fetchDescription } from './description.js';
import { buildMSearch, parseSearchResponse, SSDP_GROUP, type SsdpResponse } from './parser.js';

const MAX_RESPONSES = 32;
const MAX_DESCRIPTIONS = 4;
/** Past MX, how long late answers are still collected, ms. */
const MX_MARGIN_MS = 500;

function listeningWindow(params: SsdpParams, ctx: ProbeContext): number {
  return Math.max(ctx.timeoutMs, params.mx * 1000 + MX_MARGIN_MS);
}

/** `answerer`: the address the datagrams came from, the only one a description is fetched from. */
async function toOutcome(params: SsdpParams, mode: SsdpData['mode'], answerer: string, datagrams: readonly Datagram[], ctx: ProbeContext): Promise<ProbeOutcome<SsdpData>> {
  const responses: SsdpResponse[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const bad: Datagram[] = [];
  for (const d of datagrams) {
    let r: SsdpResponse;
    try {
      r = parseSearchResponse(d.data);
    } catch {
      bad.push(d);
      continue;
    }
    const key = JSON.stringify([r.st, r.usn, r.location]);
    if (seen.has(key)) duplicates++;
    else if (responses.length < MAX_RESPONSES) {
      seen.add(key);
      responses.push(r);
    }
  }
  if (responses.length === 0) throw new MalformedAnswerError(`${bad.length} datagram(s), none of them an SSDP search response`, bad[0]?.data ?? Buffer.alloc(0));
  const data: SsdpData = { mode, st: params.st, mx: params.mx, responses, duplicates };
  if (bad.length) data.malformedDatagrams = bad.length;
  if (params.fetchDescription) {
    const locations = [...new Set(responses.flatMap((r) => (r.location ? [r.location] : [])))].slice(0, MAX_DESCRIPTIONS);
    data.descriptions = await Promise.all(locations.map((l) => fetchDescription(l, answerer, ctx)));
  }
  const first = datagrams.find((d) => !bad.includes(d))!;
  return { data, rttMs: Math.round(first.at * 1000) / 1000 };
}

async function runUnicast(params: SsdpParams, target: Target, _unit: unknown, ctx: ProbeContext): Promise<ProbeOutcome<SsdpData>> {
  const host = target.family === 6 ? `[${target.ip}]:${SSDP_GROUP.port}` : `${target.ip}:${SSDP_GROUP.port}`;
  const { datagrams } = await exchangeUnicast({ ctx, target, port: SSDP_GROUP.port, payload: buildMSearch({ st: params.st, mx: params.mx, host }), timeoutMs: listeningWindow(params, ctx), done: () => false });
  if (datagrams.length === 0) throw new ProbeError('timeout', 'no-answer', `no SSDP answer from ${target.ip}:1900`);
  return toOutcome(params, 'unicast', target.ip, datagrams, ctx);
}

async function runMulticast(params: SsdpParams, isTarget: (ip: string) => boolean, ctx: ProbeContext) {
  const { datagrams, queries } = await queryGroup({
    ctx,
    group: SSDP_GROUP,
    payload: buildMSearch({ st: params.st, mx: params.mx }),
    count: ctx.timing.count,
    intervalMs: ctx.timing.intervalMs,
    windowMs: listeningWindow(params, ctx),
  });
  const { responders, dropped } = byResponder(datagrams, isTarget);
  const answers = await Promise.all(
    [...responders].map(async ([ip, list]): Promise<GroupAnswer<SsdpData>> => {
      try {
        return { ip, outcome: await toOutcome(params, 'multicast', ip, list, ctx) };
      } catch (failure) {
        return { ip, failure };
      }
    }),
  );
  return { answers, queries, dropped };
}

export const ssdpProbe: Probe<SsdpParams, SsdpData> = {
  type: 'ssdp',
  description:
    'SSDP M-SEARCH (our own dgram client): multicast to 239.255.255.250:1900 from the configured interface, or unicast to each target; responses parsed (SERVER, LOCATION, ST, USN, CACHE-CONTROL) and, on request, the UPnP description behind LOCATION fetched when its address is the answering one and in scope.',
  category: 'safe',
  reach: 'multicast',
  params: [
    { name: 'mx', type: 'integer', min: 1, max: 5, default: 2, description: 'MX: seconds devices may wait before answering' },
    { name: 'st', type: 'string', maxLength: 256, pattern: /^[\x21-\x7e]+$/, default: 'ssdp:all', description: 'search target, e.g. ssdp:all, upnp:rootdevice, a device or service URN' },
    { name: 'unicast', type: 'boolean', default: false, description: 'false: multicast search, answers kept from targets; true: search each target\'s 1900' },
    { name: 'fetchDescription', type: 'boolean', default: false, description: 'GET the LOCATION XML (only from the answering address, in scope, 256 KiB cap, no redirects)' },
  ],
  units: () => [{ port: SSDP_GROUP.port, protocol: 'udp' }],
  // The search (once for the group, or to each target), and per answering target a description GET (SYN and request).
  packetBound: (params, { hosts }) => (params.unicast ? hosts : 1n) + (params.fetchDescription ? hosts * 2n : 0n),
  run: runUnicast,
  isGroup: (params) => !params.unicast,
  runGroup: runMulticast,
  reveals: ['manufacturer', 'model', 'os', 'services'],
  facts: (data) => {
    const { services, answers, ...stated } = ssdpFacts(data);
    return { stated, services, answers };
  },
};
