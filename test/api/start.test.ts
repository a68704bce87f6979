import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/package-root.js';
import { runProcess } from '../support/process.js';
import { TEST_SECRET } from '../support/service.js';

test('a port in use at start: one line naming PSCAN_PORT and the address, and a non-zero exit', async () => {
  const held = net.createServer().listen(0, '127.0.0.1');
  await once(held, 'listening');
  const port = (held.address() as AddressInfo).port;
  try {
    const env = { PSCAN_PORT: String(port), PSCAN_HOST: '127.0.0.1', PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-inuse-')), PSCAN_JWT_SECRET: TEST_SECRET, PSCAN_SCOPE_ALLOW: '127.0.0.0/8', PSCAN_LOG_LEVEL: 'info' };
    const run = await runProcess(process.execPath, ['--import', 'tsx', path.join(packageRoot(), 'src', 'server.ts')], env, packageRoot());
    assert.notEqual(run.code, 0);
    assert.equal(run.stderr, `pscan: cannot listen on 127.0.0.1:${port}: the address is already in use (another pscan, or another program?); choose another port with PSCAN_PORT (or address with PSCAN_HOST)\n`);
    assert.ok(!run.stdout.includes('EADDRINUSE') && !run.stdout.includes('"stack"'), `no stack line: ${run.stdout}`);
  } finally {
    held.close();
  }
});
