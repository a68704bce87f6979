import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { probeContext } from '../../../test/support/probe-context.js';
import { assertEveryTruncationIsSafe } from '../../../test/support/truncation.js';
import type { NetFactory } from '../net.js';
import { classifyError, MalformedAnswerError, ProbeError } from '../probe.js';
import { findProbe } from '../registry.js';
import { validateScanRequest } from '../../scans/request.js';
import { wsDiscoveryFacts } from './facts.js';
import { wsDiscoveryProbe } from './probe.js';
import { ACTIONS, buildProbe, buildResolve, MAX_DATAGRAM_BYTES, onvifScopes, parseMessage } from './soap.js';

const fixture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
/** wsdd 0.7.0's answers to a multicast Probe for wsdp:Device and to a Resolve, captured (RelatesTo: …0001 and …0002). */
const wsddProbeMatches = fixture('wsdd-probe-matches.xml');
const wsddResolveMatches = fixture('wsdd-resolve-matches.xml');
/** What an ONVIF camera (Hikvision's layout: env:, d:, wsadis: prefixes) answers; RelatesTo …0001. */
const onvifProbeMatches = fixture('onvif-camera-probe-matches.xml');
const PROBE_ID = 'urn:uuid:00000000-0000-4000-8000-000000000001';
const WSDD_EPR = 'urn:uuid:5b8b4c9e-2a1f-4a8e-9d3c-7a1e23c0ffee';

test('the Probe: SOAP 1.2 envelope, the 2005/04 Probe action, our MessageID, To the discovery URN, Types with their namespaces', () => {
  const xml = buildProbe(PROBE_ID, ['wsdp:Device']).toString();
  assert.match(xml, /<wsa:Action>http:\/\/schemas\.xmlsoap\.org\/ws\/2005\/04\/discovery\/Probe<\/wsa:Action>/);
  assert.match(xml, /<wsa:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery<\/wsa:To>/);
  assert.match(xml, /xmlns:wsdp="http:\/\/schemas\.xmlsoap\.org\/ws\/2006\/02\/devprof"/);
  assert.match(xml, /<wsd:Probe><wsd:Types>wsdp:Device<\/wsd:Types><\/wsd:Probe>/);
  const own = parseMessage(Buffer.from(xml));
  assert.deepEqual([own.action, own.messageId], [ACTIONS.probe, PROBE_ID]);
  assert.match(buildProbe(PROBE_ID, []).toString(), /<wsd:Probe\/>/, 'no Types: every endpoint matches');
  assert.doesNotMatch(buildProbe(PROBE_ID, []).toString(), /xmlns:wsdp/);
  assert.match(buildProbe(PROBE_ID, ['dn:NetworkVideoTransmitter', 'tds:Device']).toString(), /xmlns:dn="http:\/\/www\.onvif\.org\/ver10\/network\/wsdl" xmlns:tds=/);
  assert.match(buildResolve('urn:uuid:r', 'urn:x<y>&"\'').toString(), /<wsa:Address>urn:x&#60;y&#62;&#38;&#34;&#39;<\/wsa:Address>/, 'an endpoint address from the network is escaped');
});

test('the Probe parameters: types are QNames with a known prefix, at most 4; the example validates', () => {
  const check = (probe: object) => validateScanRequest({ targets: ['127.0.0.1'], probe: { type: 'ws-discovery', ...probe } }, findProbe);
  const ok = check({});
  assert.ok(ok.ok);
  assert.deepEqual(ok.request.probes[0]!.params, { types: [], unicast: false, resolve: true }, 'the defaults: every type, multicast, Resolve');
  for (const bad of [['Device'], ['evil:Device'], ['wsdp:Device<x/>'], ['wsdp:a', 'wsdp:b', 'wsdp:c', 'wsdp:d', 'wsdp:e'], 'wsdp:Device']) {
    const outcome = check({ types: bad });
    assert.ok(!outcome.ok, JSON.stringify(bad));
    assert.match(outcome.errors[0]!.path, /types/);
  }
});

test('wsdd\'s captured ProbeMatches and ResolveMatches: endpoint, types, metadata version, XAddrs', () => {
  const probe = parseMessage(Buffer.from(wsddProbeMatches));
  assert.deepEqual(probe, {
    action: ACTIONS.probeMatches,
    messageId: 'urn:uuid:cbba49f0-f2a4-11f1-a432-42b72e1298bb',
    relatesTo: PROBE_ID,
    matches: [{ address: WSDD_EPR, types: ['wsdp:Device', 'pub:Computer'], scopes: [], xaddrs: [], metadataVersion: 1 }],
  });
  const resolve = parseMessage(Buffer.from(wsddResolveMatches));
  assert.equal(resolve.action, ACTIONS.resolveMatches);
  assert.deepEqual(resolve.matches[0]!.xaddrs, [`http://198.18.200.2:5357/${WSDD_EPR.slice(9)}`]);
});

test('an ONVIF camera\'s ProbeMatches (other prefixes): scopes read by local name; model, type, name and locations', () => {
  const m = parseMessage(Buffer.from(onvifProbeMatches));
  assert.equal(m.relatesTo, PROBE_ID);
  assert.deepEqual(m.matches[0]!.types, ['dn:NetworkVideoTransmitter', 'tds:Device']);
  assert.equal(m.matches[0]!.scopes.length, 9);
  assert.equal(m.matches[0]!.metadataVersion, 10);
  assert.deepEqual(onvifScopes(m.matches[0]!.scopes), {
    types: ['video_encoder'],
    profiles: ['Streaming', 'G', 'T'],
    hardware: 'DS-2CD2042WD-I',
    name: 'HIKVISION Lobby',
    locations: ['city/hangzhou', 'building/lab'],
  });
  assert.equal(onvifScopes(['http://example/scope', 'ldap:///ou=x']), undefined);
  assert.equal(onvifScopes(['onvif://www.onvif.org/name/bad%ZZ'])!.name, 'bad%ZZ', 'a broken percent-escape is kept as sent');
});

test('facts: ONVIF hardware is the model, the declared type the type, the name no fact; scopes and types for the fingerprints', () => {
  const m = parseMessage(Buffer.from(onvifProbeMatches)).matches;
  const facts = wsDiscoveryFacts({ mode: 'multicast', types: [], messageId: PROBE_ID, matches: m, onvif: onvifScopes(m[0]!.scopes)!, endpoints: [{ port: 80, protocol: 'tcp', name: 'http' }], duplicates: 0 });
  assert.deepEqual(facts.stated, { model: 'DS-2CD2042WD-I', type: 'IP Camera' });
  assert.deepEqual(facts.services, [{ port: 3702, protocol: 'udp', name: 'ws-discovery' }, { port: 80, protocol: 'tcp', name: 'http' }]);
  assert.deepEqual(facts.answers.map((a) => a.matches), ['wsd.types', 'wsd.scopes']);
  assert.equal(facts.answers[1]!.text.split('\n')[5], 'onvif://www.onvif.org/hardware/DS-2CD2042WD-I', 'one scope a line, as sent');
  assert.equal(facts.answers[0]!.text, 'dn:NetworkVideoTransmitter tds:Device');
  const wsdd = wsDiscoveryFacts({ mode: 'multicast', types: ['wsdp:Device'], messageId: PROBE_ID, matches: parseMessage(Buffer.from(wsddProbeMatches)).matches, endpoints: [], duplicates: 0 });
  assert.deepEqual(wsdd.stated, { type: 'Computer' });
  assert.deepEqual(wsdd.answers, [{ matches: 'wsd.types', text: 'wsdp:Device pub:Computer', service: { port: 3702, protocol: 'udp' } }]);
  const onlyScope = wsDiscoveryFacts({ mode: 'unicast', types: [], messageId: PROBE_ID, matches: [{ types: [], scopes: ['onvif://www.onvif.org/type/NetworkVideoTransmitter'], xaddrs: [] }], onvif: { types: ['NetworkVideoTransmitter'] }, endpoints: [], duplicates: 0 });
  assert.equal(onlyScope.stated.type, 'IP Camera', 'an ONVIF type scope names the type when Types do not');
});

const envelope = (body: string, header = `<a:Action>${ACTIONS.probeMatches}</a:Action><a:RelatesTo>${PROBE_ID}</a:RelatesTo>`): Buffer =>
  Buffer.from(`<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="x" xmlns:d="y"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`);

test('truncated, hostile and oversized datagrams: a clear throw or bounded values, never a crash', () => {
  assertEveryTruncationIsSafe(Buffer.from(wsddProbeMatches), parseMessage);
  assertEveryTruncationIsSafe(Buffer.from(onvifProbeMatches), parseMessage);
  assert.throws(() => parseMessage(Buffer.from([0, 1, 2, 0xff])), /not a SOAP envelope/);
  assert.throws(() => parseMessage(Buffer.from('M-SEARCH * HTTP/1.1\r\n\r\n')), /not a SOAP envelope/);
  assert.throws(() => parseMessage(Buffer.from('<x><y>1</y></x>')), /not a SOAP envelope/);
  assert.throws(() => parseMessage(envelope('', '<a:MessageID>urn:m</a:MessageID>')), /wsa:Action/, 'no Action');
  assert.throws(() => parseMessage(Buffer.from('<?xml version="1.0"?><!DOCTYPE s [<!ENTITY lol "lol">]><s:Envelope/>')), /DTD/);
  assert.throws(() => parseMessage(Buffer.alloc(MAX_DATAGRAM_BYTES + 1, ' ')), /over 32767/);
  assert.throws(() => parseMessage(Buffer.from('<a>'.repeat(10000))));
  const many = parseMessage(envelope(`<d:ProbeMatches>${'<d:ProbeMatch><d:Types>t:A</d:Types></d:ProbeMatch>'.repeat(200)}</d:ProbeMatches>`));
  assert.equal(many.matches.length, 16);
  const long = parseMessage(envelope(`<d:ProbeMatches><d:ProbeMatch><d:Scopes>${Array.from({ length: 100 }, (_, i) => `s:${i}`).join(' ')} ${'x'.repeat(5000)}</d:Scopes><d:EndpointReference><d:Address>${'u'.repeat(2000)}</d:Address></d:EndpointReference><d:MetadataVersion>-4</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches>`));
  assert.equal(long.matches[0]!.scopes.length, 32);
  assert.equal(long.matches[0]!.address!.length, 512);
  assert.equal(long.matches[0]!.metadataVersion, undefined, 'a negative version is no version');
  const odd = parseMessage(envelope('<d:ProbeMatches><d:ProbeMatch><d:Types><nested>t:A</nested></d:Types><d:EndpointReference>flat</d:EndpointReference></d:ProbeMatch>garbage</d:ProbeMatches>'));
  assert.deepEqual(odd.matches, [{ types: [], scopes: [], xaddrs: [] }], 'elements in unexpected shapes are skipped');
});

// --- an in-process responder on loopback, port 3702 of its own address ---

type Reply = (probe: { messageId: string; action: string; address?: string }) => Array<string | Buffer>;
const sockets: dgram.Socket[] = [];
after(() => sockets.forEach((s) => s.close()));

/** A WS-Discovery responder at `ip`:3702 answering each message with what `reply` returns. */
async function responder(ip: string, reply: Reply): Promise<{ heard: string[] }> {
  const heard: string[] = [];
  const s = dgram.createSocket('udp4');
  sockets.push(s);
  s.on('message', (msg, from) => {
    const m = parseMessage(msg);
    heard.push(m.action);
    const address = /<wsa:Address>([^<]*)<\/wsa:Address>/.exec(msg.toString())?.[1];
    for (const out of reply({ messageId: m.messageId!, action: m.action, ...(address ? { address } : {}) })) s.send(out, from.port, from.address);
  });
  await new Promise<void>((r) => s.bind(3702, ip, r));
  return { heard };
}

const relating = (xml: string, from: string, to: string): string => xml.replace(from, to);
const unicast = { types: [] as string[], unicast: true, resolve: true };

test('unicast: wsdd\'s answers, repeated as SOAP-over-UDP does; the Resolve fills in XAddrs, whose port on the device is a service', async () => {
  const ip = '127.0.77.41';
  const { heard } = await responder(ip, ({ messageId, action }) => {
    if (action === ACTIONS.probe) return [relating(wsddProbeMatches, PROBE_ID, messageId), relating(wsddProbeMatches, PROBE_ID, messageId)];
    return [relating(wsddResolveMatches, 'urn:uuid:00000000-0000-4000-8000-000000000002', messageId).replace('198.18.200.2', ip)];
  });
  const ctx = probeContext({ timeoutMs: 300 });
  const { data } = await wsDiscoveryProbe.run(unicast, { ip, family: 4 }, { port: 3702, protocol: 'udp' }, ctx);
  assert.deepEqual(heard, [ACTIONS.probe, ACTIONS.resolve]);
  assert.equal(data.resolved, true);
  assert.equal(data.matches.length, 1);
  assert.deepEqual(data.matches[0]!.xaddrs, [`http://${ip}:5357/${WSDD_EPR.slice(9)}`]);
  assert.deepEqual(data.endpoints, [{ port: 5357, protocol: 'tcp', name: 'http' }]);
  assert.equal(ctx.packets(), 2);
  assert.deepEqual(wsDiscoveryProbe.facts(data, {}).services?.map((s) => `${s.protocol}/${s.port}`), ['udp/3702', 'tcp/5357']);
  const noResolve = await wsDiscoveryProbe.run({ ...unicast, resolve: false }, { ip, family: 4 }, { port: 3702, protocol: 'udp' }, probeContext({ timeoutMs: 300 }));
  assert.equal(noResolve.data.resolved, undefined);
  assert.deepEqual(noResolve.data.endpoints, []);
});

test('unicast: an ONVIF camera; XAddrs on another host are kept but are no service of this one', async () => {
  const ip = '127.0.77.42';
  await responder(ip, ({ messageId }) => [relating(onvifProbeMatches, PROBE_ID, messageId).replace('http://198.18.77.21/', `http://${ip}:8080/`)]);
  const { data } = await wsDiscoveryProbe.run({ ...unicast, types: ['dn:NetworkVideoTransmitter'] }, { ip, family: 4 }, { port: 3702, protocol: 'udp' }, probeContext({ timeoutMs: 300 }));
  assert.equal(data.resolved, undefined, 'XAddrs came with the match: no Resolve');
  assert.deepEqual(data.types, ['dn:NetworkVideoTransmitter']);
  assert.equal(data.matches[0]!.xaddrs.length, 2);
  assert.deepEqual(data.endpoints, [{ port: 8080, protocol: 'tcp', name: 'http' }], 'the fe80:: XAddr is another address');
  assert.equal(data.onvif!.hardware, 'DS-2CD2042WD-I');
});

test('hostile responders: wrong RelatesTo, garbage, huge and endless datagrams; never a crash, bounded', async () => {
  const target = (ip: string) => ({ ip, family: 4 as const });
  const unit = { port: 3702, protocol: 'udp' as const };
  // Answers to another message only: no match, a timeout with its own code.
  await responder('127.0.77.43', () => [relating(onvifProbeMatches, PROBE_ID, 'urn:uuid:someone-else'), envelope('', `<a:Action>${ACTIONS.probe.replace('Probe', 'Hello')}</a:Action>`)]);
  await assert.rejects(wsDiscoveryProbe.run(unicast, target('127.0.77.43'), unit, probeContext({ timeoutMs: 200 })), (err: unknown) => err instanceof ProbeError && err.code === 'no-match' && err.status === 'timeout');
  // Garbage only: malformed, with its bytes.
  await responder('127.0.77.44', () => ['<soap:Envelope><oops', 'HTTP/1.1 200 OK\r\n\r\n']);
  const garbage = await wsDiscoveryProbe.run(unicast, target('127.0.77.44'), unit, probeContext({ timeoutMs: 200 })).then(() => undefined, (e: unknown) => e);
  assert.ok(garbage instanceof MalformedAnswerError);
  assert.deepEqual(classifyError(garbage).raw, Buffer.from('<soap:Envelope><oops').toString('base64'));
  // A huge datagram, an unrelated answer and garbage beside a valid answer: counted, ignored.
  await responder('127.0.77.45', ({ messageId }) => [Buffer.alloc(60000, '<'), 'garbage', relating(onvifProbeMatches, PROBE_ID, 'urn:uuid:old'), relating(onvifProbeMatches, PROBE_ID, messageId)]);
  const mixed = await wsDiscoveryProbe.run(unicast, target('127.0.77.45'), unit, probeContext({ timeoutMs: 1000 }));
  assert.equal(mixed.data.malformedDatagrams, 2);
  assert.equal(mixed.data.unrelated, 1);
  assert.equal(mixed.data.matches.length, 1);
  // Endless garbage: read until the timeout, at most 64 datagrams kept, then malformed.
  const endless = dgram.createSocket('udp4');
  sockets.push(endless);
  let sent = 0;
  endless.on('message', (_m, from) => {
    const flood = (): void => {
      if (sent++ < 2000) endless.send('<x>', from.port, from.address, flood);
    };
    flood();
  });
  await new Promise<void>((r) => endless.bind(3702, '127.0.77.46', r));
  const flooded = await wsDiscoveryProbe.run(unicast, target('127.0.77.46'), unit, probeContext({ timeoutMs: 200 })).then(() => undefined, (e: unknown) => e);
  assert.ok(flooded instanceof MalformedAnswerError);
  assert.match(flooded.message, /^(\d+) datagram/);
  assert.ok(Number(/^(\d+)/.exec(flooded.message)![1]) <= 64);
  // Many answers, each a new endpoint: at most 16 matches kept.
  await responder('127.0.77.47', ({ messageId }) => [
    envelope(`<d:ProbeMatches>${Array.from({ length: 40 }, (_, i) => `<d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:${i}</a:Address></a:EndpointReference><d:XAddrs>http://127.0.77.47:${1000 + i}/</d:XAddrs></d:ProbeMatch>`).join('')}</d:ProbeMatches>`, `<a:Action>${ACTIONS.probeMatches}</a:Action><a:RelatesTo>${messageId}</a:RelatesTo>`),
  ]);
  const many = await wsDiscoveryProbe.run(unicast, target('127.0.77.47'), unit, probeContext({ timeoutMs: 300 }));
  assert.equal(many.data.matches.length, 16);
  assert.equal(many.data.endpoints.length, 16);
  // Nothing listening: port unreachable, closed.
  const refused = await wsDiscoveryProbe.run(unicast, target('127.0.77.48'), unit, probeContext({ timeoutMs: 150 })).then(() => undefined, (e: unknown) => e);
  assert.equal(classifyError(refused).status, 'closed');
});

/** Sockets whose sends to the WS-Discovery group go to these loopback responders instead: the group, on loopback. */
function groupOnLoopback(members: readonly string[]): NetFactory {
  return {
    connectTcp: () => {
      throw new Error('no TCP here');
    },
    createUdp: () => {
      const s = dgram.createSocket('udp4');
      const send = s.send.bind(s) as (...args: unknown[]) => void;
      (s as unknown as { send: (...args: unknown[]) => void }).send = (msg: unknown, port: unknown, address: unknown, cb?: unknown) => {
        if (address !== '239.255.255.250') return send(msg, port, address, cb);
        members.forEach((m, i) => send(msg, port, m, i === members.length - 1 ? cb : undefined));
      };
      (s as unknown as { setMulticastInterface: () => void }).setMulticastInterface = () => {};
      (s as unknown as { setMulticastTTL: () => void }).setMulticastTTL = () => {};
      return s;
    },
  };
}

test('multicast: answers kept from targets (others dropped and counted), one Resolve to the group per target lacking XAddrs', async () => {
  const [wsdd, camera, stranger] = ['127.0.77.51', '127.0.77.52', '127.0.77.53'];
  const wsddHeard = await responder(wsdd, ({ messageId, action, address }) => {
    if (action === ACTIONS.probe) return [relating(wsddProbeMatches, PROBE_ID, messageId), relating(wsddProbeMatches, PROBE_ID, messageId)];
    // Only the endpoint a Resolve names answers it (§6.1).
    return address === WSDD_EPR ? [relating(wsddResolveMatches, 'urn:uuid:00000000-0000-4000-8000-000000000002', messageId).replace('198.18.200.2', wsdd)] : [];
  });
  const cameraHeard = await responder(camera, ({ messageId, action }) => (action === ACTIONS.probe ? [relating(onvifProbeMatches, PROBE_ID, messageId)] : []));
  await responder(stranger, ({ messageId }) => [relating(onvifProbeMatches, PROBE_ID, messageId)]);
  const ctx = probeContext({ timeoutMs: 300, multicastInterface: '127.0.0.1', net: groupOnLoopback([wsdd, camera, stranger]) });
  const out = await wsDiscoveryProbe.runGroup!({ types: [], unicast: false, resolve: true }, (ip) => ip === wsdd || ip === camera, ctx);
  assert.equal(out.dropped, 1);
  assert.equal(out.queries, 2, 'the Probe and one Resolve');
  assert.deepEqual(wsddHeard.heard, [ACTIONS.probe, ACTIONS.resolve]);
  assert.deepEqual(cameraHeard.heard, [ACTIONS.probe, ACTIONS.resolve], 'the Resolve went to the group');
  const by = Object.fromEntries(out.answers.map((a) => [a.ip, a.outcome!.data]));
  assert.deepEqual(Object.keys(by).sort(), [wsdd, camera]);
  assert.equal(by[wsdd]!.mode, 'multicast');
  assert.equal(by[wsdd]!.resolved, true);
  assert.equal(by[wsdd]!.duplicates, 1, 'the second copy of the ProbeMatches, folded');
  assert.deepEqual(by[wsdd]!.endpoints, [{ port: 5357, protocol: 'tcp', name: 'http' }]);
  assert.equal(by[camera]!.resolved, undefined);
  assert.equal(by[camera]!.onvif!.hardware, 'DS-2CD2042WD-I');
});

test('packet bound: the Probe once or per target, and the Resolves', () => {
  const scope = { hosts: 10n, catalogs: { get: () => undefined } };
  assert.equal(wsDiscoveryProbe.packetBound({ types: [], unicast: false, resolve: true }, scope), 5n);
  assert.equal(wsDiscoveryProbe.packetBound({ types: [], unicast: false, resolve: true }, { ...scope, hosts: 2n }), 3n);
  assert.equal(wsDiscoveryProbe.packetBound({ types: [], unicast: true, resolve: true }, scope), 20n);
  assert.equal(wsDiscoveryProbe.packetBound({ types: [], unicast: false, resolve: false }, scope), 1n);
});
