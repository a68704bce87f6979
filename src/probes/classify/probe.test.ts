import assert from 'node:assert/strict';
import type net from 'node:net';
import { test } from 'node:test';
import { closedPort, probeContext, tcpServer } from '../../../test/support/probe-context.js';
import type { DeviceSignature } from './catalog.js';
import type { CatalogWithTrees } from './catalog-lookup.js';
import type { ClassifyData } from './data.js';
import { classifyProbe } from './probe.js';
import { buildCatalogTrees } from './tree.js';

test('classify on loopback: open ports are checked, the answer exact, and each connection is reset at once, not closed with FIN', async () => {
  const ended: Array<'reset' | 'fin'> = [];
  const closings: Array<Promise<unknown>> = [];
  const watch = (s: net.Socket): void => {
    closings.push(
      new Promise<void>((resolve) => {
        s.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'ECONNRESET') ended.push('reset');
          resolve();
        });
        s.on('end', () => {
          ended.push('fin');
          resolve();
        });
      }),
    );
  };
  const [a, b] = [await tcpServer(watch), await tcpServer(watch)];
  const shut = await closedPort();
  const devices: DeviceSignature[] = [
    { type: 'both open', ports: [a.port, b.port] },
    { type: 'one open', ports: [a.port, shut] },
  ];
  const entry: CatalogWithTrees = { catalog: { id: 'cat_t', name: 't', devices }, trees: buildCatalogTrees(devices) };
  const ctx = probeContext({ timeoutMs: 1000, catalogs: { get: (id) => (id === 'cat_t' ? entry : undefined) } });
  try {
    const { data } = (await classifyProbe.run({ catalog: 'cat_t', confirm: true, exact: true, speculative: false }, { ip: '127.0.0.1', family: 4 }, {}, ctx)) as { data: ClassifyData };
    assert.deepEqual([data.match, data.device, data.unchecked], ['exact', 'both open', []]);
    await Promise.all(closings);
    assert.ok(ended.length >= 2, 'both open ports were connected to');
    assert.deepEqual(new Set(ended), new Set(['reset']), 'every connection ended with a reset');
  } finally {
    await a.close();
    await b.close();
  }
});
