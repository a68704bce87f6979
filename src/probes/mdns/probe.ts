import type { MdnsParams } from '../../api/generated/params.js';
import type { Target } from '../../net/targets.js';
import { type GroupAnswer, MalformedAnswerError, type Probe, type ProbeContext, type ProbeOutcome, ProbeError } from '../probe.js';
import type { MdnsData } from './data.js';
import { mdnsFacts } from './facts.js';
import { byResponder, type Datagram, exchangeUnicast, queryGroup } from '../udp-exchange.js';
import { assembleServices, decodeResponse, encodeFollowUp, encodeQuery, foldRecords, incompleteInstances, type MdnsRecord, RECORD_TYPES } from './codec.js';

const MDNS_GROUP = { address: '224.0.0.251', port: 5353 };
// Labels of 1 to 63 characters (the parameter's maxLength bounds the whole name).
const DNS_NAME = /^([^.\s]{1,63}\.)*[^.\s]{1,63}\.?$/;

interface Parsed {
  records: MdnsRecord[];
  bad: Datagram[];
}

function parse(datagrams: readonly Datagram[]): Parsed {
  const records: MdnsRecord[] = [];
  const bad: Datagram[] = [];
  for (const d of datagrams) {
    try {
      records.push(...decodeResponse(d.data));
    } catch {
      bad.push(d);
    }
  }
  return { records, bad };
}

function toData(params: MdnsParams, parsed: Parsed, followUp: boolean): MdnsData {
  const { records, duplicates } = foldRecords(parsed.records);
  const services = assembleServices(records);
  const hostnames = [...new Set([...services.flatMap((s) => (s.host ? [s.host] : [])), ...records.filter((r) => r.type === 'A' || r.type === 'AAAA').map((r) => r.name)])];
  const data: MdnsData = { name: params.name, recordType: params.recordType, mode: params.unicast ? 'unicast' : 'multicast', records, services, hostnames, duplicates };
  if (parsed.bad.length) data.malformedDatagrams = parsed.bad.length;
  if (followUp) data.followUp = true;
  return data;
}

/** Turns one responder's datagrams into an outcome, or a malformed failure when none was DNS. */
function answerOf(params: MdnsParams, datagrams: readonly Datagram[], followUp: boolean): ProbeOutcome<MdnsData> {
  const parsed = parse(datagrams);
  if (parsed.records.length === 0 && parsed.bad.length > 0) throw new MalformedAnswerError(`${parsed.bad.length} datagram(s), none of them a DNS response`, parsed.bad[0]!.data);
  return { data: toData(params, parsed, followUp), rttMs: Math.round(datagrams[0]!.at * 1000) / 1000 };
}

/** One follow-up to a responder whose answer named instances without their SRV/TXT. */
async function followUp(ip: string, datagrams: Datagram[], ctx: ProbeContext): Promise<boolean> {
  const missing = incompleteInstances(parse(datagrams).records);
  if (missing.length === 0) return false;
  const { datagrams: more } = await exchangeUnicast({ ctx, target: { ip, family: 4 }, port: MDNS_GROUP.port, payload: encodeFollowUp(missing.slice(0, 8)), timeoutMs: ctx.timeoutMs, done: (ds) => ds.some((d) => parse([d]).records.length > 0) }).catch(() => ({ datagrams: [] as Datagram[] }));
  datagrams.push(...more);
  return true;
}

async function runUnicast(params: MdnsParams, target: Target, _unit: unknown, ctx: ProbeContext): Promise<ProbeOutcome<MdnsData>> {
  const { datagrams } = await exchangeUnicast({
    ctx,
    target,
    port: MDNS_GROUP.port,
    payload: encodeQuery(params.name, params.recordType, 1 + Math.floor(Math.random() * 0xfffe)),
    timeoutMs: ctx.timeoutMs,
    done: (ds) => ds.some((d) => parse([d]).records.length > 0),
  });
  if (datagrams.length === 0) throw new ProbeError('timeout', 'no-answer', `no mDNS answer from ${target.ip}:5353 within ${ctx.timeoutMs} ms`);
  const followed = target.family === 4 ? await followUp(target.ip, datagrams, ctx) : false;
  return answerOf(params, datagrams, followed);
}

async function runMulticast(params: MdnsParams, isTarget: (ip: string) => boolean, ctx: ProbeContext) {
  const { datagrams, queries } = await queryGroup({ ctx, group: MDNS_GROUP, payload: encodeQuery(params.name, params.recordType), count: ctx.timing.count, intervalMs: ctx.timing.intervalMs, windowMs: ctx.timeoutMs });
  const { responders, dropped } = byResponder(datagrams, isTarget);
  const answers: GroupAnswer<MdnsData>[] = [];
  for (const [ip, list] of responders) {
    const followed = await followUp(ip, list, ctx);
    try {
      answers.push({ ip, outcome: answerOf(params, list, followed) });
    } catch (failure) {
      answers.push({ ip, failure });
    }
  }
  return { answers, queries, dropped };
}

export const mdnsProbe: Probe<MdnsParams, MdnsData> = {
  type: 'mdns',
  description:
    'mDNS / DNS-SD query by name: multicast to 224.0.0.251:5353 from the configured interface (answers kept from the targets), or unicast to each target\'s port 5353; PTR, SRV, TXT, A and AAAA parsed, with one follow-up for instances named without SRV/TXT.',
  category: 'safe',
  reach: 'multicast',
  params: [
    { name: 'name', type: 'string', maxLength: 253, required: true, pattern: DNS_NAME, description: 'the DNS name to query, e.g. _googlecast._tcp.local' },
    { name: 'recordType', type: 'enum', values: RECORD_TYPES, default: 'PTR', description: 'record type to ask for' },
    { name: 'unicast', type: 'boolean', default: false, description: 'false: multicast query, answers kept from targets; true: query each target\'s 5353' },
  ],
  units: () => [{ port: MDNS_GROUP.port, protocol: 'udp' }],
  // The query and its one follow-up: once for the group, or to each target.
  packetBound: (params, { hosts }) => (params.unicast ? hosts : 1n) * 2n,
  run: runUnicast,
  isGroup: (params) => !params.unicast,
  runGroup: runMulticast,
  reveals: ['hostname', 'manufacturer', 'model', 'services'],
  facts: (data) => {
    const { services, answers, ...stated } = mdnsFacts(data);
    return { stated, services, answers };
  },
};
