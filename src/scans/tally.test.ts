import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyStats, ScanTally } from './tally.js';
import type { ResultDraft } from './probe-execution.js';

const draft = (port: number): ResultDraft => ({ target: '10.0.0.1', probe: 'tcp-banner', port, protocol: 'tcp', attempt: 1, tries: 1, status: 'timeout' });

test('the tally numbers and counts results, holds them until taken, and builds the assets as they arrive', () => {
  const tally = new ScanTally(emptyStats(1));
  tally.record({ ...draft(22), status: 'ok', data: { port: 22, service: 'ssh', product: 'dropbear', os: 'Linux', banner: 'SSH-2.0-dropbear\r\n', bytes: 18 } });
  tally.packets('tcp-banner', '10.0.0.1', 2);
  assert.deepEqual(tally.take().map((r) => r.seq), [1]);
  tally.record(draft(23));
  assert.equal(tally.untakenCount, 1);
  assert.deepEqual(tally.take().map((r) => [r.seq, r.port]), [[2, 23]], 'taken once: a result goes to the store once');
  assert.deepEqual(tally.take(), []);
  assert.equal(tally.stats.results, 2);
  assert.equal(tally.stats.responses, 1);
  assert.equal(tally.stats.packetsSent, 2);
  assert.deepEqual(tally.stats.byProbe['tcp-banner']!.results, { ok: 1, timeout: 1 });
  const [asset, ...others] = tally.assets();
  assert.equal(others.length, 0);
  assert.equal(asset!.ip, '10.0.0.1');
  assert.equal(asset!.os, 'Linux');
  assert.deepEqual(asset!.services.map((s) => [s.port, s.product]), [[22, 'dropbear']]);
});
