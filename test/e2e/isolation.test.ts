import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { lab } from './lab-service.js';

const sh = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });

test('the scanner namespace can only reach the lab: no default route, an output guard with policy drop', () => {
  assert.equal(process.env.PSCAN_LAB, '1');
  const routes = sh('ip', ['-4', 'route', 'show']).trim().split('\n');
  assert.ok(!routes.some((r) => r.startsWith('default')), routes.join('\n'));
  const destinations = routes.map((r) => r.split(' ')[0]).sort();
  // The lab subnet, multicast, and the off-link subnet through the lab's router: nothing else.
  assert.deepEqual(destinations, ['198.18.77.0/24', `${lab.offLink.subnet}`, '224.0.0.0/4']);
  assert.ok(routes.some((r) => r.trim() === `${lab.offLink.subnet} via ${lab.offLink.gateway} dev eth0`), routes.join('\n'));
  const links = sh('ip', ['-o', 'link', 'show']).split('\n').filter(Boolean).map((l) => l.split(': ')[1]!.split('@')[0]);
  assert.deepEqual(links.sort(), ['eth0', 'lo']);
  const guard = sh('nft', ['list', 'table', 'inet', 'pscan_guard']);
  assert.match(guard, /hook output priority filter; policy drop;/);
  for (const subnet of [lab.subnet, lab.offLink.subnet]) assert.match(guard, new RegExp(`ip daddr ${subnet.replace(/\./g, '\\.')} accept`));
});

test('the bridge namespace holds only the lab bridge and its hosts\' ports', () => {
  const links = sh('ip', ['netns', 'exec', 'pscan-lab', 'ip', '-o', 'link', 'show']).split('\n').filter(Boolean).map((l) => l.split(': ')[1]!.split('@')[0]!);
  for (const l of links) assert.ok(l === 'lo' || l === 'br0' || l === 'br1' || l.startsWith('v-'), l);
  // Site A: the devices, the scanner and a second sensor; site B: its devices and its sensor.
  assert.equal(links.filter((l) => l.startsWith('v-')).length, Object.keys(lab.devices).length + 2 + Object.keys(lab.siteB.devices).length + 1);
});
