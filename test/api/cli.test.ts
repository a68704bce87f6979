import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { packageRoot } from '../../src/util/package-root.js';
import { closedPort, tcpServer } from '../support/probe-context.js';
import { runProcess } from '../support/process.js';
import { TEST_SECRET, testService, token } from '../support/service.js';
import { ALL_PRINCIPALS } from '../../src/auth/principal.js';
import { parseNmapXml } from '../../src/probes/nmap/xml.js';
import { expandPorts } from '../../src/probes/ports.js';
import { topTcpPorts } from '../../src/cli/top-ports.js';

const BIN = path.join(packageRoot(), 'bin', 'pscan.mjs');

const pscan = (args: string[], env: Record<string, string>, input?: string) => runProcess(process.execPath, [BIN, ...args], env, undefined, input);

describe('pscan CLI', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let server: ReturnType<Awaited<ReturnType<typeof testService>>['app']['listen']>;
  let ssh: Awaited<ReturnType<typeof tcpServer>>;
  let env: Record<string, string>;
  before(async () => {
    svc = await testService();
    server = svc.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    ssh = await tcpServer((s) => s.write('SSH-2.0-dropbear_2022.83\r\n'));
    env = { PSCAN_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, PSCAN_TOKEN: await token() };
  });
  after(async () => {
    server.close();
    await svc.close(0);
    await ssh.close();
  });

  test('scan --wait --json: the finished scan as JSON, exit 0', async () => {
    const r = await pscan(['scan', '--target', '127.0.0.1', '--banner', String(ssh.port), '--wait', '--json', '--label', 'case=cli'], env);
    assert.equal(r.code, 0, r.stderr);
    const scan = JSON.parse(r.stdout);
    assert.equal(scan.status, 'completed');
    assert.deepEqual(scan.labels, { case: 'cli' });
    assert.equal(scan.results[0].data.product, 'dropbear');
  });

  test('scan --wait prints a readable table; get, watch and assets work on it', async () => {
    const r = await pscan(['scan', '--target', '127.0.0.1', '--banner', `${ssh.port},${await closedPort()}`, '--wait'], env);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^TARGET\s+PROBE\s+PORT\s+STATUS\s+SUMMARY$/);
    assert.ok(lines.some((l) => /127\.0\.0\.1\s+tcp-banner\s+\d+\s+ok\s+ssh dropbear 2022\.83/.test(l)), r.stdout);
    assert.ok(!lines.some((l) => /^127\.0\.0\.1\s+tcp-banner\s+\d+\s+closed/.test(l)), 'quiet by default: a closed port is counted, not listed');
    assert.ok(lines.includes('Not shown: 1 closed (--all shows every result)'), r.stdout);
    const id = /^(scn_\S+) completed/m.exec(r.stdout)![1]!;
    const all = await pscan(['get', id, '--all'], env);
    assert.ok(all.stdout.split('\n').some((l) => /127\.0\.0\.1\s+tcp-banner\s+\d+\s+closed\s+/.test(l)), all.stdout);
    assert.doesNotMatch(all.stdout, /Not shown/);
    assert.match((await pscan(['get', id], env)).stdout, /^Not shown: 1 closed/m);
    const watch = await pscan(['watch', id, '--json'], env);
    assert.equal(watch.code, 0);
    const events = watch.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(events.at(-1), { end: 'completed' });
    assert.equal(events.length, 3);
    const get = await pscan(['get', id, '--json'], env);
    assert.equal(JSON.parse(get.stdout).id, id);
    const assets = await pscan(['assets', '127.0.0.1', '--json'], env);
    assert.equal(assets.code, 0);
    assert.equal(JSON.parse(assets.stdout).ip, '127.0.0.1');
  });

  test('a classify result reads as its level, with the unchecked catalogue ports or the nearest type', async () => {
    const gone = await closedPort();
    const summary = async (devices: object[]) => {
      const catalog = await fetch(`${env.PSCAN_URL}/v1/catalogs`, { method: 'POST', headers: { Authorization: `Bearer ${env.PSCAN_TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'cli', devices }) });
      assert.equal(catalog.status, 201);
      const r = await pscan(['scan', '--target', '127.0.0.1', '--classify', ((await catalog.json()) as { id: string }).id, '--wait'], env);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout.split('\n').find((l) => /\sclassify\s/.test(l))!;
    };
    assert.match(await summary([{ type: 'Box', ports: [ssh.port] }]), /\sok\s+exact Box \(1 probes\)$/);
    assert.match(await summary([{ type: 'Box', ports: [ssh.port, gone] }]), /\sok\s+unknown, nearest Box \(2 probes\)$/);
    // Which port the tree probes first depends on the ports the servers got.
    assert.match(await summary([{ type: 'Box', ports: [ssh.port] }, { type: 'Hub', ports: [gone] }]), /\sok\s+(exact Box \(2 probes\)|consistent Box \(1 probes, unchecked catalogue ports: 1\))$/);
  });

  test('exit codes: 2 usage, 3 refused by the API (problem printed), 4 unreachable', async () => {
    assert.equal((await pscan(['scan', '--banner', '22'], env)).code, 2);
    assert.equal((await pscan(['scan', '--target', '127.0.0.1'], env)).code, 2);
    assert.equal((await pscan(['frobnicate'], env)).code, 2);
    assert.equal((await pscan(['get', 'scn_x'], { ...env, PSCAN_TOKEN: '' })).code, 2);
    const refused = await pscan(['scan', '--target', '8.8.8.8', '--banner', '22'], env);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /403 Target out of scope: 8\.8\.8\.8/);
    assert.equal((await pscan(['scan', '--target', '127.0.0.1', '--banner', '99999'], env)).code, 2, 'a port list is checked before sending');
    const invalid = await pscan(['scan', '--target', '127.0.0.1', '--banner', '22', '--timeout', '99999'], env);
    assert.equal(invalid.code, 3);
    assert.match(invalid.stderr, /\/timing\/timeoutMs/);
    const badToken = await pscan(['get', 'scn_x'], { ...env, PSCAN_TOKEN: 'not.a.jwt' });
    assert.equal(badToken.code, 3);
    const down = await pscan(['get', 'scn_x', '--url', `http://127.0.0.1:${await closedPort()}`], env);
    assert.equal(down.code, 4);
  });

  test('a cancelled scan exits 1; token prints a usable JWT', async () => {
    let connected!: () => void;
    const probing = new Promise<void>((r) => (connected = r));
    const silent = await tcpServer(() => connected());
    try {
      const started = pscan(['scan', '--target', '127.0.0.0/28', '--banner', String(silent.port), '--timeout', '20000', '--wait', '--json'], env);
      await probing;
      const [running] = svc.store.listScans({ owner: ALL_PRINCIPALS, limit: 1, status: 'running' });
      await svc.scans.cancel({ sub: 'alice', scopes: [], admin: true }, running!.id);
      assert.equal((await started).code, 1);
    } finally {
      await silent.close();
    }
    const minted = await pscan(['token', '--scopes', 'scans:read', '--sub', 'cli-user'], { PSCAN_JWT_SECRET: TEST_SECRET, PSCAN_DATA_DIR: svc.dataDir });
    assert.equal(minted.code, 0);
    const list = await fetch(`${env.PSCAN_URL}/v1/scans`, { headers: { Authorization: `Bearer ${minted.stdout.trim()}` } });
    assert.equal(list.status, 200);
  });

  test('--help for every command prints its usage and exits 0, with no token and no server', async () => {
    for (const command of ['scan', 'list', 'get', 'watch', 'cancel', 'assets', 'probes', 'sensors', 'token', 'sensor']) {
      const r = await pscan([command, '--help'], { PSCAN_TOKEN: '', PSCAN_URL: 'http://127.0.0.1:1' });
      assert.equal(r.code, 0, `${command}: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`usage: (pscan|npm run --silent) ${command === 'token' ? '(token|--)' : command}`), command);
    }
    const help = await pscan(['help', 'assets'], {});
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--min-freshness/);
    const wrong = await pscan(['list', '--frobnicate'], env);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /usage: pscan list/, 'a parser error shows the command\'s usage');
  });

  test('scan: targets as arguments and from stdin (-iL -), -p ranges, -Pn, labels; list filters by label; cancel; --json everywhere', async () => {
    const gone = await closedPort();
    const created = await pscan(['scan', '-iL', '-', '-p', `${ssh.port},${gone}-${gone}`, '-Pn', '--label', 'case=list', '--json'], env, '127.0.0.1\n# not this\n127.0.0.2\n');
    assert.equal(created.code, 0, created.stderr);
    const scan = JSON.parse(created.stdout);
    assert.deepEqual(scan.request.targets, ['127.0.0.1', '127.0.0.2']);
    assert.deepEqual(scan.request.probes[0].ports, [ssh.port, gone].sort((a, b) => a - b));
    assert.equal(scan.request.discovery, 'none');
    const listed = await pscan(['list', '--label', 'case:list', '--json'], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout).map((s: { id: string }) => s.id), [scan.id]);
    const table = await pscan(['list', '--label', 'case=list'], env);
    assert.match(table.stdout.split('\n')[0]!, /^ID\s+STATUS\s+CREATED\s+TARGETS\s+PROBES\s+RESULTS\s+PACKETS\s+LABELS$/);
    assert.match(table.stdout, new RegExp(`^${scan.id}\\s+\\w+\\s+\\d+s ago\\s+127\\.0\\.0\\.1,127\\.0\\.0\\.2\\s+tcp-banner\\s+.*case:list$`, 'm'));
    const cancelled = await pscan(['cancel', scan.id, '--json'], env);
    // A scan that completed before the cancel arrived is not cancelled: the API's 409 scan-finished (exit 3).
    if (cancelled.code === 3) assert.match(cancelled.stderr, /409 Scan already finished: .* is completed/);
    else {
      assert.equal(cancelled.code, 0, cancelled.stderr);
      assert.ok(['cancelled', 'completed'].includes(JSON.parse(cancelled.stdout).status));
    }
    const bad = await pscan(['list', '--label', 'nocolon'], env);
    assert.equal(bad.code, 2);
  });

  test('scan --wait: progress on stderr as plain lines off a TTY, nmap XML with -oX; get exports CSV and NDJSON', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pscan-cli-'));
    const xmlFile = path.join(dir, 'scan.xml');
    const r = await pscan(['scan', '127.0.0.1', '-p', String(ssh.port), '--wait', '-oX', xmlFile], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^scn_\S+: \d+\/1 hosts known \(alive \d+, dead \d+\) · \d+\/~1 results · \d+% .*packets$/m);
    assert.match(r.stderr, /^scn_\S+: completed, 1 results, 1 packets in [\d.]+ s$/m);
    assert.doesNotMatch(r.stderr, /\r/, 'no carriage returns off a terminal');
    const id = /^(scn_\S+) completed/m.exec(r.stdout)![1]!;
    const run = parseNmapXml(readFileSync(xmlFile, 'utf8'));
    assert.deepEqual(run.hosts.map((h) => [h.address, h.ports.map((p) => [p.port, p.state, p.product])]), [['127.0.0.1', [[ssh.port, 'open', 'Dropbear SSH']]]]);
    const csv = await pscan(['get', id, '--csv'], env);
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stdout, /^seq,target,probe,port/);
    assert.equal(csv.stdout.trim().split('\r\n').length, 2);
    const ndjson = await pscan(['get', id, '--ndjson'], env);
    assert.equal(JSON.parse(ndjson.stdout.trim()).target, '127.0.0.1');
    const xml = await pscan(['get', id, '-oX', '-'], env);
    assert.match(xml.stdout, /^<\?xml/);
    assert.equal((await pscan(['scan', '127.0.0.1', '-p', '22', '-oX', xmlFile], env)).code, 2, '-oX needs --wait');
  });

  test('assets: an aligned table with last seen and freshness, filters passed through, CSV export; probes as a table', async () => {
    const table = await pscan(['assets', '--cidr', '127.0.0.0/8', '--port', String(ssh.port)], env);
    assert.equal(table.code, 0, table.stderr);
    const [header, row] = table.stdout.split('\n');
    assert.match(header!, /^IP\s+MAC\s+HOSTNAME\s+MANUFACTURER\s+MODEL\s+TYPE\s+OS\s+LAST SEEN\s+FRESH\s+SERVICES$/);
    assert.match(row!, new RegExp(`^127\\.0\\.0\\.1\\s.*\\s\\d+[smhd] ago\\s+(0\\.\\d\\d|1\\.00)\\s+.*${ssh.port}/tcp ssh`));
    assert.equal(header!.indexOf('LAST SEEN'), row!.search(/\d+[smhd] ago/), 'columns line up');
    assert.deepEqual(JSON.parse((await pscan(['assets', '--cidr', '10.0.0.0/8', '--json'], env)).stdout), []);
    const csv = await pscan(['assets', '--csv', '--since', '1h'], env);
    assert.match(csv.stdout, /^ip,mac,hostname,manufacturer,model,os,type,services,lastSeen,freshness,scans\r\n127\.0\.0\.1,/);
    const refused = await pscan(['assets', '--cidr', 'nonsense'], env);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /query:cidr/);
    const probes = await pscan(['probes'], env);
    assert.equal(probes.code, 0);
    assert.match(probes.stdout, /^TYPE\s+CATEGORY\s+REACH\s+DESCRIPTION\ntcp-banner\s+safe\s+target\s+Connects/);
    assert.ok(Array.isArray(JSON.parse((await pscan(['probes', '--json'], env)).stdout).probes));
  });

  test('-p- is one small request the server admits; --top-ports N from nmap-services; --snmp-port; SNMP defaults are the server\'s', async () => {
    const all = await pscan(['scan', '127.0.0.1', '-p-', '--timeout', '200', '--json'], env);
    assert.equal(all.code, 0, all.stderr);
    const scan = JSON.parse(all.stdout);
    assert.deepEqual(scan.request.probes[0].ports, ['1-65535']);
    assert.equal((await pscan(['cancel', scan.id], env)).code, 0);
    const expected = topTcpPorts(readFileSync('/usr/share/nmap/nmap-services', 'utf8'), 3);
    const top = await pscan(['scan', '127.0.0.1', '--top-ports', '3', '--timeout', '500', '--wait', '--json'], env);
    assert.equal(top.code, 0, top.stderr);
    const topScan = JSON.parse(top.stdout);
    assert.deepEqual(expandPorts(topScan.request.probes[0].ports).sort((a, b) => a - b), [...expected].sort((a, b) => a - b));
    assert.deepEqual(topScan.results.map((r: { port: number }) => r.port).sort((a: number, b: number) => a - b), [...expected].sort((a, b) => a - b));
    const snmp = await pscan(['scan', '127.0.0.1', '--snmp', 'public', '--snmp-port', String(await closedPort()), '--timeout', '300', '--json'], env);
    assert.equal(snmp.code, 0, snmp.stderr);
    const probe = JSON.parse(snmp.stdout).request.probes[0];
    const catalogue = JSON.parse((await pscan(['probes', '--json'], env)).stdout).probes.find((p: { type: string }) => p.type === 'snmp').parameters;
    const defaultOf = (name: string) => catalogue.find((p: { name: string }) => p.name === name).default;
    assert.deepEqual([probe.operation, probe.oids, probe.version], [defaultOf('operation'), defaultOf('oids'), defaultOf('version')], 'what the CLI leaves out, the server fills as its catalogue documents');
    assert.equal(typeof probe.port, 'number');
    assert.notEqual(probe.port, defaultOf('port'));
    assert.equal((await pscan(['scan', '127.0.0.1', '--snmp-port', '1161'], env)).code, 2, '--snmp-port alone names no SNMP probe');
  });

  test('--want and --webhook are sent as the request has them: what the server refuses comes back as its problem (exit 3)', async () => {
    const want = await pscan(['scan', '127.0.0.1', '--want', 'hostname,colour'], env);
    assert.equal(want.code, 3);
    assert.match(want.stderr, /\/want\/1/);
    const hook = await pscan(['scan', '127.0.0.1', '-p', '22', '--webhook', 'http://8.8.8.8/hook'], env);
    assert.equal(hook.code, 3);
    assert.match(hook.stderr, /webhook/i);
  });
});
