import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import request from 'supertest';
import { loadConfig } from '../../src/config/config.js';
import { describeKey } from '../../src/auth/authenticator.js';
import { packageRoot } from '../../src/util/package-root.js';
import { runProcess } from '../support/process.js';
import { bearer, testService } from '../support/service.js';

const BIN = path.join(packageRoot(), 'bin', 'pscan.mjs');
// PSCAN_JWT_SECRET removed: the generated key is what these tests are about.
const noSecret = { PSCAN_JWT_SECRET: '' };
const tokenFrom = (cwd: string, env: Record<string, string>) => runProcess(process.execPath, [BIN, 'token', '--scopes', 'scans:read'], env, cwd);

test('pscan token run from another directory signs with the key the server generated', async () => {
  const svc = await testService(noSecret);
  try {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'pscan-cwd-'));
    const minted = await tokenFrom(elsewhere, { PSCAN_DATA_DIR: svc.dataDir });
    assert.equal(minted.code, 0, minted.stderr);
    assert.equal((await request(svc.app).get('/v1/scans').set(bearer(minted.stdout.trim()))).status, 200);
    assert.equal(existsSync(path.join(elsewhere, 'data')), false);
  } finally {
    await svc.close(0);
  }
});

test('pscan token refuses, naming the key file and what to do, when no server key exists; it creates none', async () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'pscan-nokey-'));
  const r = await tokenFrom(empty, { PSCAN_DATA_DIR: path.join(empty, 'data') });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`no signing key at ${path.join(empty, 'data', 'jwt-secret')}`));
  assert.match(r.stderr, /first start \(npm start\)/);
  assert.equal(existsSync(path.join(empty, 'data')), false);
});

test('the start-up line says where the key is and how to mint a token for it', () => {
  const config = loadConfig({ env: {} });
  assert.equal(describeKey(config), `tokens are HS256 with the secret in ${path.join(packageRoot(), 'data', 'jwt-secret')}; mint one with: npm run --silent token -- --scopes scans:read,scans:write`);
  const elsewhere = loadConfig({ env: { PSCAN_DATA_DIR: '/srv/pscan' } });
  assert.match(describeKey(elsewhere), /secret in \/srv\/pscan\/jwt-secret; mint one with: PSCAN_DATA_DIR=\/srv\/pscan npm run/);
  assert.match(describeKey(loadConfig({ env: { PSCAN_JWT_SECRET: 'x'.repeat(32) } })), /configured secret \(jwt\.secret\)/);
  assert.doesNotMatch(describeKey(loadConfig({ env: { PSCAN_JWT_SECRET: 'x'.repeat(32) } })), /xxxx/);
});
