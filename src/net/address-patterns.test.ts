import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { IP_ADDRESS_PATTERN, NETWORK_PATTERN, TARGET_PATTERN } from './address-patterns.js';
import { parseAddress, parseCidr } from './addresses.js';
import { parseTarget } from './targets.js';

const ip = new RegExp(IP_ADDRESS_PATTERN);
const network = new RegExp(NETWORK_PATTERN);
const target = new RegExp(TARGET_PATTERN);
// Strings of the characters addresses are made of, so that near misses are common.
const addressLike = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:.%/-'), maxLength: 45 });

test('the documented address pattern matches exactly what the server parses as an address', () => {
  for (const text of ['192.168.1.20', '0.0.0.0', '::', '::1', 'fd00::7', '1:2:3:4:5:6:7:8', '::ffff:192.0.2.1', '64:ff9b::198.51.100.7']) assert.ok(ip.test(text) && parseAddress(text), text);
  for (const text of ['01.2.3.4', '256.1.1.1', '1.2.3', 'fe80::1%lo', '1:2:3:4:5:6:7:8:9', ':::', '1.2.3.4 ', '']) assert.ok(!ip.test(text) && !parseAddress(text), text);
  fc.assert(fc.property(addressLike, (text) => ip.test(text) === (parseAddress(text) !== undefined)), { numRuns: 5000, seed: 7 });
  fc.assert(fc.property(fc.stringMatching(ip), (text) => parseAddress(text) !== undefined), { numRuns: 500, seed: 7 });
});

test('what the network and target patterns allow, the server parses (save the rules stated in words: a range in order, a mapped prefix of 96 or more)', () => {
  fc.assert(
    fc.property(fc.stringMatching(network), (text) => (text.includes('/') ? parseCidr(text) !== undefined || /^::ffff:/i.test(text) : parseAddress(text) !== undefined)),
    { numRuns: 500, seed: 7 },
  );
  fc.assert(
    fc.property(fc.stringMatching(target), (text) => {
      const parsed = parseTarget(text);
      return typeof parsed !== 'string' || parsed === 'ends before it starts' || parsed === 'is not a valid CIDR';
    }),
    { numRuns: 500, seed: 7 },
  );
  for (const text of ['10.0.0.0/8', '10.0.0.1-10.0.0.9', 'fd00::/64', 'fd00::1-fd00::9']) assert.ok(target.test(text) && typeof parseTarget(text) !== 'string', text);
  for (const text of ['10.0.0.0/33', 'fd00::/129', '10.0.0.1-fd00::1', '10.0.0.0/8/8']) assert.ok(!target.test(text), text);
});
