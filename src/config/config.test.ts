import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { packageRoot } from '../util/package-root.js';
import { ConfigError, loadConfig, SETTINGS } from './config.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'pscan-config-'));

function fileWith(content: unknown): string {
  const f = path.join(tmp, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

test('embedded defaults load, are frozen, and match the documented contract', () => {
  const c = loadConfig({ env: {} });
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.port, 8080);
  assert.equal(c.dataDir, path.join(packageRoot(), 'data'));
  assert.deepEqual(c.scope.allow, ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7']);
  assert.equal(c.jwt.issuer, 'pscan');
  assert.equal(c.jwt.audience, 'pscan-api');
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.limits) && Object.isFrozen(c.scope.allow));
  assert.throws(() => ((c as { port: number }).port = 1));
});

test('a relative data dir from a config file is the package root\'s, from PSCAN_DATA_DIR the working directory\'s', () => {
  // The server and `pscan token` run from different directories must find the same generated key.
  const fromFile = loadConfig({ env: { PSCAN_CONFIG: fileWith({ dataDir: 'var/pscan' }) } });
  assert.equal(fromFile.dataDir, path.join(packageRoot(), 'var', 'pscan'));
  assert.equal(loadConfig({ env: { PSCAN_DATA_DIR: 'here' } }).dataDir, path.join(process.cwd(), 'here'));
  assert.equal(loadConfig({ env: { PSCAN_DATA_DIR: '/srv/pscan' } }).dataDir, '/srv/pscan');
  assert.throws(() => loadConfig({ env: { PSCAN_DATA_DIR: '' } }), /dataDir \(PSCAN_DATA_DIR\).*non-empty path/);
});

test('every required setting has a value in config/default.json', () => {
  const c = loadConfig({ env: {} }) as unknown as Record<string, unknown>;
  for (const s of SETTINGS) {
    if ('optional' in s.kind && s.kind.optional) continue;
    const v = s.key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], c);
    assert.notEqual(v, undefined, s.key);
  }
});

test('PSCAN_CONFIG file overrides defaults and env overrides the file', () => {
  const file = fileWith({ port: 9000, limits: { maxHostsPerScan: 10 } });
  const c = loadConfig({ env: { PSCAN_CONFIG: file, PSCAN_PORT: '9100' } });
  assert.equal(c.port, 9100);
  assert.equal(c.limits.maxHostsPerScan, 10);
  assert.equal(c.limits.globalPacketsPerSecond, 2000);
});

test('env lists are comma separated', () => {
  const c = loadConfig({ env: { PSCAN_SCOPE_ALLOW: '198.18.0.0/15, 127.0.0.0/8', PSCAN_SCOPE_DENY: '' } });
  assert.deepEqual(c.scope.allow, ['198.18.0.0/15', '127.0.0.0/8']);
  assert.deepEqual(c.scope.deny, []);
});

for (const [env, value, expected] of [
  ['PSCAN_PORT', 'eighty', /setting port \(PSCAN_PORT\) from env PSCAN_PORT: must be an integer/],
  ['PSCAN_PORT', '70000', /port .*between 0 and 65535/],
  ['PSCAN_HOST', 'not a host', /host \(PSCAN_HOST\)/],
  ['PSCAN_SCOPE_ALLOW', '10.0.0.0/33', /scope.allow \(PSCAN_SCOPE_ALLOW\).*"10.0.0.0\/33" is not a CIDR/],
  ['PSCAN_METRICS_PUBLIC', 'yes', /metricsPublic \(PSCAN_METRICS_PUBLIC\).*true or false/],
  ['PSCAN_JWT_SECRET', 'short', /jwt.secret \(PSCAN_JWT_SECRET\).*at least 32 bytes/],
  ['PSCAN_LOG_LEVEL', 'loud', /logLevel .*one of/],
  ['PSCAN_PRINCIPAL_ACTIVE_SCANS', '0', /limits.activeScansPerPrincipal \(PSCAN_PRINCIPAL_ACTIVE_SCANS\).*between 1 and/],
  ['PSCAN_CATALOGS_PER_PRINCIPAL', '0', /classify.catalogsPerPrincipal \(PSCAN_CATALOGS_PER_PRINCIPAL\).*between 1 and/],
  ['PSCAN_CATALOG_BUILD_TIMEOUT_MS', '50', /classify.buildTimeoutMs \(PSCAN_CATALOG_BUILD_TIMEOUT_MS\).*between 100 and/],
  ['PSCAN_PRINCIPAL_ACTIVE_SCANS', 'many', /limits.activeScansPerPrincipal \(PSCAN_PRINCIPAL_ACTIVE_SCANS\).*must be an integer/],
] as const) {
  test(`bad ${env}=${value} stops the start naming the setting`, () => {
    assert.throws(() => loadConfig({ env: { [env]: value } }), (err: unknown) => err instanceof ConfigError && expected.test(err.message));
  });
}

test('an unknown key or broken JSON in the config file is an error, not ignored', () => {
  assert.throws(() => loadConfig({ env: { PSCAN_CONFIG: fileWith({ prot: 80 }) } }), /unknown setting "prot"/);
  assert.throws(() => loadConfig({ env: { PSCAN_CONFIG: fileWith({ limits: { maxHost: 1 } }) } }), /unknown setting "limits.maxHost"/);
  assert.throws(() => loadConfig({ env: { PSCAN_CONFIG: fileWith('{"port":') } }), /not valid JSON/);
  assert.throws(() => loadConfig({ env: { PSCAN_CONFIG: path.join(tmp, 'missing.json') } }), /cannot be read/);
});

test('only one JWT key source, and algorithms must fit it', () => {
  const secret = 'x'.repeat(40);
  assert.throws(() => loadConfig({ env: { PSCAN_JWT_SECRET: secret, PSCAN_JWT_JWKS_URL: 'https://idp.example/jwks' } }), /exclusive/);
  assert.throws(() => loadConfig({ env: { PSCAN_JWT_SECRET: secret, PSCAN_JWT_ALGORITHMS: 'RS256' } }), /only verifies HS256/);
  assert.throws(() => loadConfig({ env: { PSCAN_JWT_ALGORITHMS: 'none' } }), /allowed: HS256, RS256, ES256/);
});

test('discovery ports: a list of distinct TCP ports, anything else stops the start naming the setting', () => {
  assert.deepEqual(loadConfig({ env: { PSCAN_DISCOVERY_PORTS: '80, 22,7547' } }).discovery.tcpPorts, [80, 22, 7547]);
  for (const bad of ['', '0', '80,80', '65536', 'http', '80,,443']) {
    assert.throws(() => loadConfig({ env: { PSCAN_DISCOVERY_PORTS: bad } }), (e: Error) => e instanceof ConfigError && /discovery\.tcpPorts \(PSCAN_DISCOVERY_PORTS\)/.test(e.message), bad);
  }
});

test('history retention and the server-wide asset.changed subscription: bounded, a URL, and a secret to sign with', () => {
  const c = loadConfig({ env: {} });
  assert.deepEqual(c.history, { maxAgeDays: 90, perAsset: 100, pruneIntervalMs: 60000, pruneRowsPerRun: 5000 });
  assert.equal(c.webhooks.changesUrl, undefined);
  assert.equal(loadConfig({ env: { PSCAN_HISTORY_MAX_AGE_DAYS: '7', PSCAN_HISTORY_PER_ASSET: '5' } }).history.perAsset, 5);
  assert.throws(() => loadConfig({ env: { PSCAN_HISTORY_MAX_AGE_DAYS: '0' } }), /history\.maxAgeDays \(PSCAN_HISTORY_MAX_AGE_DAYS\).*between 1 and 36500/);
  assert.throws(() => loadConfig({ env: { PSCAN_HISTORY_PER_ASSET: 'many' } }), /history\.perAsset \(PSCAN_HISTORY_PER_ASSET\)/);
  assert.deepEqual(loadConfig({ env: { PSCAN_HISTORY_PRUNE_INTERVAL_MS: '3600000', PSCAN_HISTORY_PRUNE_ROWS: '100' } }).history, { maxAgeDays: 90, perAsset: 100, pruneIntervalMs: 3600000, pruneRowsPerRun: 100 });
  assert.throws(() => loadConfig({ env: { PSCAN_HISTORY_PRUNE_INTERVAL_MS: '10' } }), /history\.pruneIntervalMs \(PSCAN_HISTORY_PRUNE_INTERVAL_MS\).*between 1000 and 86400000/);
  assert.throws(() => loadConfig({ env: { PSCAN_HISTORY_PRUNE_ROWS: '0' } }), /history\.pruneRowsPerRun \(PSCAN_HISTORY_PRUNE_ROWS\)/);
  const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
  assert.equal(loadConfig({ env: { PSCAN_WEBHOOK_CHANGES_URL: 'https://soar.example/hooks/changes', PSCAN_WEBHOOK_SECRET: secret } }).webhooks.changesUrl, 'https://soar.example/hooks/changes');
  assert.throws(() => loadConfig({ env: { PSCAN_WEBHOOK_CHANGES_URL: 'https://soar.example/hooks/changes' } }), /needs webhooks\.secret \(PSCAN_WEBHOOK_SECRET\)/);
  assert.throws(() => loadConfig({ env: { PSCAN_WEBHOOK_CHANGES_URL: 'ftp://soar.example/', PSCAN_WEBHOOK_SECRET: secret } }), /webhooks\.changesUrl \(PSCAN_WEBHOOK_CHANGES_URL\).*http\(s\) URL/);
});
