import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScanPlan } from '../api/model.js';
import { mergePlans } from './dispatcher.js';

test('the sites\' plans as one: steps in job order named by site, complete summed, unmet facts and their reasons summed', () => {
  const noCredentials = 'SNMP was not asked: no credentials';
  const silent = 'mDNS and SSDP were asked; no answer gave it';
  const north: ScanPlan = { want: ['hostname', 'os'], steps: [{ step: 'discovery', probes: [], targets: 2, packets: 0 }], complete: 1, unmet: [{ fact: 'hostname', targets: 1, why: [{ reason: noCredentials, targets: 1 }] }] };
  const south: ScanPlan = {
    want: ['hostname', 'os'],
    steps: [{ step: 'discovery', probes: [], targets: 3, packets: 0 }],
    complete: 0,
    unmet: [
      { fact: 'hostname', targets: 3, why: [{ reason: noCredentials, targets: 3 }, { reason: silent, targets: 2 }] },
      { fact: 'os', targets: 2, why: [{ reason: 'no banner of its open ports gave it', targets: 2 }] },
    ],
  };
  const merged = mergePlans(new Map([[1, south], [0, north]]), [{ site: 'north' }, { site: 'south' }]);
  assert.deepEqual(merged.steps.map((s) => [s.site, s.targets]), [['north', 2], ['south', 3]]);
  assert.equal(merged.complete, 1);
  assert.deepEqual(merged.unmet, [
    { fact: 'hostname', targets: 4, why: [{ reason: noCredentials, targets: 4 }, { reason: silent, targets: 2 }] },
    { fact: 'os', targets: 2, why: [{ reason: 'no banner of its open ports gave it', targets: 2 }] },
  ]);
  assert.deepEqual(north.unmet![0]!.why, [{ reason: noCredentials, targets: 1 }], 'the sites\' own plans are left as they were');
  const { unmet: _none, ...alone } = north;
  assert.equal(mergePlans(new Map([[0, alone]]), [{ site: 'north' }]).unmet, undefined);
});
