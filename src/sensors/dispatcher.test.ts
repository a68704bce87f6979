import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScanPlan } from '../api/model.js';
import { mergePlans } from './dispatcher.js';

test('the sites\' plans as one: steps in job order named by site, complete summed, unmet facts summed per fact with each reason once', () => {
  const noCredentials = 'SNMP was not asked: no credentials';
  const north: ScanPlan = { want: ['hostname', 'os'], steps: [{ step: 'discovery', probes: [], targets: 2, packets: 0 }], complete: 1, unmet: [{ fact: 'hostname', targets: 1, why: [noCredentials] }] };
  const south: ScanPlan = {
    want: ['hostname', 'os'],
    steps: [{ step: 'discovery', probes: [], targets: 3, packets: 0 }],
    complete: 0,
    unmet: [{ fact: 'hostname', targets: 3, why: [noCredentials, 'no mDNS or SSDP answer gave it'] }, { fact: 'os', targets: 2, why: ['no banner of its open ports gave it'] }],
  };
  const merged = mergePlans(new Map([[1, south], [0, north]]), [{ site: 'north' }, { site: 'south' }]);
  assert.deepEqual(merged.steps.map((s) => [s.site, s.targets]), [['north', 2], ['south', 3]]);
  assert.equal(merged.complete, 1);
  assert.deepEqual(merged.unmet, [
    { fact: 'hostname', targets: 4, why: [noCredentials, 'no mDNS or SSDP answer gave it'] },
    { fact: 'os', targets: 2, why: ['no banner of its open ports gave it'] },
  ]);
  assert.deepEqual(north.unmet![0]!.why, [noCredentials], 'the sites\' own plans are left as they were');
  assert.equal(mergePlans(new Map([[0, { ...north, unmet: undefined }]]), [{ site: 'north' }]).unmet, undefined);
});
