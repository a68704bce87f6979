import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentParams, type ParamSpec, validateObject } from './params.js';
import { compactPorts, expandPorts, firstOverlap, portCount, portInterval } from './ports.js';

const SPEC: ParamSpec[] = [{ name: 'ports', type: 'ports', minItems: 1, maxItems: 4, required: true, description: 'ports' }];
const check = (ports: unknown) => validateObject(SPEC, { ports }, '/p');

test('a port list: numbers and "a-b" ranges, kept as given; ranges count and expand to the ports they name', () => {
  assert.deepEqual(check([22, '1-3', 8080]), { value: { ports: [22, '1-3', 8080] }, errors: [] }, 'validation never rewrites the list');
  assert.deepEqual(check(['1-65535']).errors, [], 'every port is one item');
  assert.equal(portCount(['1-65535']), 65535);
  assert.equal(portCount([22, '1-3', '10-10']), 5);
  assert.deepEqual(expandPorts([22, '1-3', 8080]), [22, 1, 2, 3, 8080], 'in the list\'s order');
  assert.deepEqual(portInterval('7-7'), { first: 7, last: 7 });
});

test('a bad port item is named by its pointer: out of range, backwards, not a range, not a port, a port named twice', () => {
  const cases: Array<[unknown, string, RegExp]> = [
    [[0], '/p/ports/0', /between 1 and 65535/],
    [[22, 65536], '/p/ports/1', /between 1 and 65535/],
    [[22.5], '/p/ports/0', /between 1 and 65535/],
    [['0-10'], '/p/ports/0', /outside 1–65535/],
    [['1-65536'], '/p/ports/0', /outside 1–65535/],
    [['10-1'], '/p/ports/0', /backwards/],
    [['80'], '/p/ports/0', /range "a-b"/],
    [['1-2-3'], '/p/ports/0', /range "a-b"/],
    [[' 1-2'], '/p/ports/0', /range "a-b"/],
    [['-'], '/p/ports/0', /range "a-b"/],
    [[null], '/p/ports/0', /got null/],
    [[true], '/p/ports/0', /got boolean/],
    [[[1]], '/p/ports/0', /got array/],
    [[22, 22], '/p/ports/1', /names port 22 again/],
    [['1-100', 80], '/p/ports/1', /names port 80 again/],
    [[80, '1-100'], '/p/ports/1', /names port 80 again/],
    [['1-10', 3, '10-20'], '/p/ports/1', /names port 3 again/],
    [[], '/p/ports', /1 to 4 items/],
    [[1, 2, 3, 4, 5], '/p/ports', /1 to 4 items/],
    ['1-10', '/p/ports', /must be an array/],
  ];
  for (const [ports, path, message] of cases) {
    const { errors } = check(ports);
    assert.equal(errors.length, 1, JSON.stringify(ports));
    assert.equal(errors[0]!.path, path, JSON.stringify(ports));
    assert.match(errors[0]!.message, message, JSON.stringify(ports));
  }
  assert.deepEqual(check([0, 'x']).errors.map((e) => e.path), ['/p/ports/0', '/p/ports/1'], 'every bad item is named');
});

test('overlaps are found whatever the order; adjacent ranges are not overlaps', () => {
  assert.equal(firstOverlap([{ first: 1, last: 10 }, { first: 11, last: 20 }]), undefined);
  assert.deepEqual(firstOverlap([{ first: 50, last: 60 }, { first: 1, last: 100 }]), { index: 1, port: 50 });
  assert.deepEqual(firstOverlap([{ first: 1, last: 5 }, { first: 90, last: 95 }, { first: 5, last: 5 }]), { index: 2, port: 5 });
});

test('compacting: runs become ranges, duplicates and order do not matter', () => {
  assert.deepEqual(compactPorts([80, 3, 1, 2, 2, 443, 444]), ['1-3', 80, '443-444']);
  assert.deepEqual(compactPorts([]), []);
  assert.deepEqual(expandPorts(compactPorts([5, 9, 6, 7])), [5, 6, 7, 9]);
});

test('the catalogue documents a port list with its item and port bounds', () => {
  assert.deepEqual(documentParams(SPEC), [{ name: 'ports', type: 'ports', description: 'ports', required: true, min: 1, max: 65535, minItems: 1, maxItems: 4 }]);
});
