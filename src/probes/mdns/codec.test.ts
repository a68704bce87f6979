import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import packet from 'dns-packet';
import { assertEveryTruncationIsSafe } from '../../../test/support/truncation.js';
import { assembleServices, decodeResponse, decodeTxt, encodeFollowUp, encodeQuery, foldRecords, incompleteInstances } from './codec.js';
import { mdnsFacts } from './facts.js';

/** A response avahi-daemon 0.8 sent in the lab to a PTR query for _googlecast._tcp.local. */
const captured = Buffer.from(readFileSync(path.join(import.meta.dirname, 'fixtures', 'avahi-googlecast-response.hex'), 'utf8').trim(), 'hex');
const INSTANCE = 'Google-Home-Mini-3f2b1c0d9e8a7b6c._googlecast._tcp.local';

test('a captured avahi answer: PTR, TXT, SRV and A parsed into one DNS-SD service', () => {
  const records = decodeResponse(captured);
  assert.deepEqual(records.map((r) => r.type).sort(), ['A', 'PTR', 'SRV', 'TXT']);
  const [service] = assembleServices(records);
  assert.deepEqual(service, {
    instance: 'Google-Home-Mini-3f2b1c0d9e8a7b6c',
    type: '_googlecast._tcp.local',
    host: 'cast-lab.local',
    port: 8009,
    txt: { id: '3f2b1c0d9e8a7b6c5d4e3f2a1b0c9d8e', md: 'Google Home Mini', fn: 'Living Room speaker', ve: '05', ca: '2052', st: '0' },
    addresses: ['198.18.77.24'],
  });
  assert.deepEqual(incompleteInstances(records), []);
});

test('truncated copies of the captured answer never crash: they decode or throw', () => {
  assertEveryTruncationIsSafe(captured, decodeResponse);
});

test('hostile datagrams: a header claiming answers it lacks, a query, random bytes', () => {
  assert.throws(() => decodeResponse(Buffer.from([0, 0, 0x84, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0x3f, 1, 2, 3])));
  assert.throws(() => decodeResponse(encodeQuery('_x._tcp.local', 'PTR')), /query/);
  let seed = 1;
  for (let i = 0; i < 200; i++) {
    const junk = Buffer.from(Array.from({ length: 12 + (i % 60) }, () => ((seed = (seed * 48271) % 2147483647), seed & 0xff)));
    try {
      decodeResponse(junk);
    } catch (err) {
      assert.ok(err instanceof Error);
    }
  }
});

test('an answer naming an instance without SRV/TXT asks for a follow-up', () => {
  const only = packet.encode({ type: 'response', answers: [{ type: 'PTR', name: '_ipp._tcp.local', data: 'Printer._ipp._tcp.local', ttl: 120 }] });
  const records = decodeResponse(only);
  assert.deepEqual(incompleteInstances(records), ['Printer._ipp._tcp.local']);
  const followUp = packet.decode(encodeFollowUp(['Printer._ipp._tcp.local']));
  assert.deepEqual(followUp.questions!.map((q) => q.type), ['SRV', 'TXT']);
});

test('TXT: first occurrence of a key wins, bare keys are true, binary values are hex', () => {
  assert.deepEqual(decodeTxt([Buffer.from('a=1'), Buffer.from('a=2'), Buffer.from('flag'), Buffer.from([0x62, 0x3d, 0x00, 0xff]), Buffer.alloc(0)]), { a: '1', flag: true, b: '00:ff' });
});

test('repeated answers fold and are counted', () => {
  const records = [...decodeResponse(captured), ...decodeResponse(captured)];
  const folded = foldRecords(records);
  assert.equal(folded.records.length, records.length / 2);
  assert.equal(folded.duplicates, records.length / 2);
});

test('facts: hostname without .local, model from TXT md/ty, services from SRV', () => {
  const records = decodeResponse(captured);
  const facts = mdnsFacts({ name: '_googlecast._tcp.local', recordType: 'PTR', mode: 'multicast', records, services: assembleServices(records), hostnames: ['cast-lab.local'], duplicates: 0 });
  const { answers, ...rest } = facts;
  assert.deepEqual(rest, { hostname: 'cast-lab', model: 'Google Home Mini', services: [{ port: 8009, protocol: 'tcp', name: 'googlecast', product: 'Google Home Mini' }] });
  // Every TXT string of the instance, for the fingerprints, after the service type.
  assert.equal(answers.length, 1);
  assert.equal(answers[0]!.matches, 'mdns.txt');
  assert.match(answers[0]!.text, /^service=_googlecast\._tcp\n(?:.*\n)*md=Google Home Mini(?:\n|$)/);
});

test(`instance names with dots and spaces are kept whole (${INSTANCE.length} chars)`, () => {
  const records = decodeResponse(packet.encode({ type: 'response', answers: [{ type: 'SRV', name: 'Lab LaserJet 400._ipp._tcp.local', data: { port: 631, target: 'printer-lab.local' }, ttl: 120 }] }));
  assert.equal(assembleServices(records)[0]!.instance, 'Lab LaserJet 400');
});
