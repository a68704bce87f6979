import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshness, mergeAssets } from './asset-view.js';

const H = 3600_000;

test('freshness is sech(αt) with U(half-life) = 1/2', () => {
  assert.equal(freshness(0, H), 1);
  assert.equal(freshness(H, H), 0.5);
  assert.ok(freshness(2 * H, H) < 0.5 && freshness(2 * H, H) > 0);
  assert.ok(freshness(H / 2, H) > 0.5);
});

test('merging scans: the newest observation of each fact and service wins, with its scan and freshness', () => {
  const t0 = '2026-11-20T10:00:00.000Z';
  const t1 = '2026-11-21T10:00:00.000Z';
  const views = mergeAssets(
    [
      { scanId: 's2', assets: [{ ip: '10.0.0.2', hostname: 'new-name', services: [{ port: 22, protocol: 'tcp', product: 'OpenSSH' }], observedAt: t1 }] },
      { scanId: 's1', assets: [{ ip: '10.0.0.2', hostname: 'old-name', model: 'X1', services: [{ port: 22, protocol: 'tcp', product: 'dropbear' }, { port: 80, protocol: 'tcp' }], observedAt: t0 }, { ip: '10.0.0.10', services: [], observedAt: t0 }] },
    ],
    Date.parse(t1),
    24 * H,
  );
  assert.deepEqual(views.map((v) => v.ip), ['10.0.0.2', '10.0.0.10'], 'numeric address order');
  const v = views[0]!;
  assert.deepEqual(v.hostname, { value: 'new-name', observedAt: t1, scanId: 's2', freshness: 1 });
  assert.deepEqual(v.model, { value: 'X1', observedAt: t0, scanId: 's1', freshness: 0.5 });
  assert.deepEqual(v.services.map((s) => [s.port, s.product, s.scanId]), [[22, 'OpenSSH', 's2'], [80, undefined, 's1']]);
  assert.equal(v.scans, 2);
  assert.equal(v.lastSeen, t1);
});

test("a fact's freshness is that of its own last observation, not of the scan's last word about the device", () => {
  const t0 = '2026-11-20T10:00:00.000Z';
  const t1 = '2026-11-21T10:00:00.000Z';
  const views = mergeAssets(
    [
      // The later scan heard from the device (a banner at t1) but its hostname answer came at t0.
      { scanId: 's2', assets: [{ ip: '10.0.0.2', hostname: 'cam', services: [{ port: 22, protocol: 'tcp' }], observedAt: t1, sources: { hostname: { source: 'snmp', observedAt: t0, confidence: 'stated' } } }] },
      { scanId: 's1', assets: [{ ip: '10.0.0.2', hostname: 'cam', model: 'X1', services: [], observedAt: t0 }] },
    ],
    Date.parse(t1),
    24 * H,
  );
  assert.deepEqual(views[0]!.hostname, { value: 'cam', observedAt: t0, scanId: 's2', freshness: 0.5 });
  assert.deepEqual(views[0]!.model, { value: 'X1', observedAt: t0, scanId: 's1', freshness: 0.5 }, 'not confirmed by the later scan: it keeps its age');
});
