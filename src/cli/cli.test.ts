import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { nmapStyle, parseLabel, parsePorts, readTargetList, UsageError } from './args.js';
import { age, alignedTable, expectedResults, progressLine, resultTable } from './output.js';
import { buildScan } from './scan-request.js';
import { topPorts, topTcpPorts } from './top-ports.js';

test('port lists as nmap takes them: single, ranges and lists, open ends, - for all; bad ones are usage errors', () => {
  assert.deepEqual(parsePorts('22'), [22]);
  assert.deepEqual(parsePorts('1-3,8080,2'), [1, 2, 3, 8080]);
  assert.deepEqual(parsePorts('-3'), [1, 2, 3]);
  assert.deepEqual(parsePorts('65534-'), [65534, 65535]);
  assert.equal(parsePorts('-').length, 65535);
  for (const bad of ['0', '65536', '5-1', 'http', '', '1,,2', '1-2-3', '--']) assert.throws(() => parsePorts(bad), UsageError, bad);
});

test('nmap spellings become the long options: -iL, -oX, -Pn, -sV, -p-', () => {
  assert.deepEqual(nmapStyle(['-iL', 'f', '-p-', '-Pn', '-sV', '-oX', 'out.xml', '-p', '22']), ['--input-list', 'f', '--ports=-', '--no-discovery', '--deep', '--nmap-xml', 'out.xml', '-p', '22']);
});

test('a target list: whitespace, commas and newlines separate; # comments; an unreadable file is a usage error', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pscan-il-')), 'targets.txt');
  writeFileSync(file, '10.0.0.1 10.0.0.2\n# a comment\n10.0.1.0/24, 10.0.2.1-10.0.2.5  # trailing\n\n');
  assert.deepEqual(readTargetList(file), ['10.0.0.1', '10.0.0.2', '10.0.1.0/24', '10.0.2.1-10.0.2.5']);
  assert.throws(() => readTargetList(`${file}.missing`), UsageError);
});

test('labels split at the first separator; no key is a usage error', () => {
  assert.deepEqual(parseLabel('ticket=A=1', '=:'), ['ticket', 'A=1']);
  assert.deepEqual(parseLabel('ticket:A-1', ':='), ['ticket', 'A-1']);
  assert.throws(() => parseLabel('=x', '=:'), UsageError);
  assert.throws(() => parseLabel('novalue', '=:'), UsageError);
});

test('the scan request: ports, SNMP v3 with keys from the environment and OIDs, unicast mDNS/SSDP, discovery, want, webhook, timing', () => {
  process.env.PSCAN_SNMP_AUTH_KEY = 'auth-passphrase';
  process.env.PSCAN_SNMP_PRIV_KEY = 'priv-passphrase';
  try {
    const body = buildScan(
      { ports: '22,80', deep: true, 'snmp-user': 'monitor', 'snmp-auth-protocol': 'sha', 'snmp-priv-protocol': 'aes', oid: ['1.3.6.1.2.1.1.5.0'], 'snmp-op': 'walk', mdns: '_ipp._tcp.local', ssdp: true, unicast: true, 'no-discovery': true, want: 'hostname, model', webhook: 'https://soar.example/hook', 'webhook-secret': 'whsec_x', timeout: '500', rate: '10', label: ['a=1', 'b:2'] },
      ['10.0.0.1'],
    );
    assert.deepEqual(body, {
      targets: ['10.0.0.1'],
      probes: [
        { type: 'tcp-banner', ports: [22, 80], additionalProbes: true },
        { type: 'snmp', operation: 'walk', oids: ['1.3.6.1.2.1.1.5.0'], version: '3', v3: { user: 'monitor', authProtocol: 'sha', authKey: 'auth-passphrase', privProtocol: 'aes', privKey: 'priv-passphrase' } },
        { type: 'mdns', name: '_ipp._tcp.local', unicast: true },
        { type: 'ssdp', mx: 1, fetchDescription: true, unicast: true },
      ],
      want: ['hostname', 'model'],
      timing: { timeoutMs: 500, ratePerSecond: 10 },
      discovery: 'none',
      labels: { a: '1', b: '2' },
      webhook: { url: 'https://soar.example/hook', secret: 'whsec_x' },
    });
  } finally {
    delete process.env.PSCAN_SNMP_AUTH_KEY;
    delete process.env.PSCAN_SNMP_PRIV_KEY;
  }
  assert.deepEqual(buildScan({ snmp: 'public' }, ['10.0.0.1']).probes, [{ type: 'snmp', community: 'public' }], 'operation, OIDs and port are the server\'s defaults');
  assert.deepEqual(buildScan({ snmp: 'public', 'snmp-port': '1161' }, ['10.0.0.1']).probes, [{ type: 'snmp', community: 'public', port: 1161 }]);
  assert.deepEqual(buildScan({ want: 'hostname' }, ['10.0.0.1']), { targets: ['10.0.0.1'], want: ['hostname'] }, '--want alone is a request');
  assert.deepEqual(buildScan({ ports: '-' }, ['10.0.0.1']).probes, [{ type: 'tcp-banner', ports: ['1-65535'] }], '-p- is one range');
  assert.deepEqual(buildScan({ ports: '8080,1-1024,80,1025' }, ['10.0.0.1']).probes, [{ type: 'tcp-banner', ports: ['1-1025', 8080] }], 'a port list as its fewest items');
});

test('the scan request refuses what cannot be meant: no probe, -sV without ports, --unicast alone, v3 without a user, -Pn with --discovery auto, a secret without a webhook, a non-number', () => {
  const bad: Array<Record<string, string | boolean | string[]>> = [
    {}, { deep: true }, { snmp: 'x', unicast: true }, { snmp: 'x', 'snmp-version': '3' }, { snmp: 'x', 'no-discovery': true, discovery: 'auto' }, { snmp: 'x', 'webhook-secret': 's' }, { snmp: 'x', timeout: '1s' },
    { 'snmp-port': '1161', ports: '22' }, { oid: ['1.3.6.1.2.1.1.5.0'], ports: '22' }, { snmp: 'x', 'snmp-port': 'snmp' }, { ports: '22', 'top-ports': '10' }, { 'top-ports': 'ten' }, { 'top-ports': '0' },
  ];
  for (const values of bad) assert.throws(() => buildScan(values, ['10.0.0.1']), UsageError, JSON.stringify(values));
});

test('tables align every column but the last; ages read at a glance', () => {
  assert.equal(alignedTable(['A', 'LONGER', 'LAST'], [['xx', 'y', 'free text'], ['x', '', '']]), 'A   LONGER  LAST\nxx  y       free text\nx');
  assert.deepEqual([age(5_000), age(600_000), age(5 * 3_600_000), age(3 * 86_400_000)], ['5s', '10m', '5h', '3d']);
});

test('progress: results expected from the request (dead hosts count one), a percentage under 100 until the end, and an ETA', () => {
  const request = { probes: [{ type: 'tcp-banner', ports: [22, 80, 443] }, { type: 'snmp' }], timing: { count: 1 } };
  const p = { targets: 10, hosts: { alive: 2, dead: 6, pending: 2 }, results: 10, packetsSent: 30 };
  assert.equal(expectedResults(request, p), 6 + 4 * 4);
  assert.equal(progressLine('scn_1', request, p, 10_000), 'scn_1: 8/10 hosts known (alive 2, dead 6) · 10/~22 results · 45% · ETA 12s · 30 packets');
  assert.match(progressLine('scn_1', request, { ...p, results: 40 }, 1000), / 99% /, 'never 100% before the end');
});

const SERVICES = `# a fixture in nmap-services' form: name, port/protocol, open frequency, comment
http	80/tcp	0.484143	# World Wide Web HTTP
snmp	161/udp	0.433467
telnet	23/tcp	0.221265
https	443/tcp	0.208669	# secure http (SSL)
ftp	21/tcp	0.197667
ssh	22/tcp	0.182286	# Secure Shell Login
tied-low	1000/tcp	0.000100
tied	999/tcp	0.000100
never	5/tcp	0.000000
rare	7/tcp	1e-06
`;

test('--top-ports ranks nmap-services\' TCP lines by open frequency (ties: lower port first), never a UDP line or a port never seen open', () => {
  assert.deepEqual(topTcpPorts(SERVICES, 3), [80, 23, 443]);
  assert.deepEqual(topTcpPorts(SERVICES, 100), [80, 23, 443, 21, 22, 999, 1000, 7]);
  assert.deepEqual(topTcpPorts('garbage\n\n#comment 80/tcp 1\n', 5), []);
});

test('--top-ports reads nmap-services where nmap does ($NMAPDIR first); with none it is a usage error saying where it looked', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pscan-nmapdir-'));
  writeFileSync(path.join(dir, 'nmap-services'), SERVICES);
  assert.deepEqual(topPorts(2, { NMAPDIR: dir }), [80, 23]);
  const empty = mkdtempSync(path.join(tmpdir(), 'pscan-nmapdir-'));
  writeFileSync(path.join(empty, 'nmap-services'), '# nothing\n');
  assert.throws(() => topPorts(2, { NMAPDIR: empty }), /ranks no TCP port/);
});

test('the result table is quiet by default: what answered, then "Not shown" with counts; --all lists every row', () => {
  const rows = [
    { target: '10.0.0.1', probe: 'tcp-banner', port: 22, status: 'ok', data: { service: 'ssh', product: 'OpenSSH' } },
    ...Array.from({ length: 3 }, (_, i) => ({ target: '10.0.0.1', probe: 'tcp-banner', port: 100 + i, status: 'closed' })),
    { target: '10.0.0.1', probe: 'tcp-banner', port: 9, status: 'timeout' },
    { target: '10.0.0.2', probe: 'discovery', status: 'unreachable', error: { code: 'host-down', message: 'no answer' } },
    { target: '10.0.0.1', probe: 'snmp', port: 161, status: 'error', error: { code: 'snmpv3-unknown-user', message: 'unknown user' } },
  ];
  const quiet = resultTable(rows).split('\n');
  assert.equal(quiet.length, 4, quiet.join('\n'));
  assert.match(quiet[1]!, /^10\.0\.0\.1\s+tcp-banner\s+22\s+ok\s+ssh OpenSSH$/);
  assert.match(quiet[2]!, /\berror\s+unknown user$/, 'errors are shown');
  assert.equal(quiet[3], 'Not shown: 3 closed, 1 filtered, 1 unreachable (--all shows every result)');
  const all = resultTable(rows, { all: true }).split('\n');
  assert.equal(all.length, rows.length + 1);
  assert.ok(!all.some((l) => l.startsWith('Not shown')));
  assert.equal(resultTable(rows.slice(0, 1)).split('\n').length, 2, 'nothing hidden, no Not shown line');
});
