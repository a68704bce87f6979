import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import snmp from 'net-snmp';
import { pino } from 'pino';
import request from 'supertest';
import { REDACT_PATHS } from '../../src/logger.js';
import type { Scan } from '../../src/api/model.js';
import { tcpServer } from '../support/probe-context.js';
import { bearer, testService, token } from '../support/service.js';

const WRONG = 'wrong-community-9137';
const RIGHT = 'right-community-2468';
const lines: string[] = [];
const logSink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });

describe('want: facts, not packets (loopback)', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let auth: Record<string, string>;
  let agent: ReturnType<typeof snmp.createAgent>;
  const agentPort = 17100 + (process.pid % 1000);
  before(async () => {
    svc = await testService({}, { logger: pino({ level: 'trace', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, logSink) });
    auth = bearer(await token());
    // An agent that answers one community only: the others get silence, as from a real device.
    agent = snmp.createAgent({ port: agentPort, address: '127.0.0.1' }, () => {});
    agent.getAuthorizer().addCommunity(RIGHT);
    const mib = agent.getMib();
    mib.registerProvider({ name: 'sysName', type: snmp.MibProviderType.Scalar, oid: '1.3.6.1.2.1.1.5', scalarType: snmp.ObjectType.OctetString, maxAccess: snmp.MaxAccess['read-only'] } as never);
    mib.setScalarValue('sysName', 'agent-under-test');
    mib.registerProvider({ name: 'sysDescr', type: snmp.MibProviderType.Scalar, oid: '1.3.6.1.2.1.1.1', scalarType: snmp.ObjectType.OctetString, maxAccess: snmp.MaxAccess['read-only'] } as never);
    mib.setScalarValue('sysDescr', 'Linux unit 6.1.0-13-amd64 #1 SMP');
  });
  after(async () => {
    agent.close();
    await svc.close(0);
  });

  const want = (body: object) => request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], mode: 'sync', timing: { timeoutMs: 300 }, ...body });

  test('what the caller already knows costs no packet: every wanted fact known → nothing is sent, and the facts say "known"', async () => {
    const res = await want({ want: ['hostname', 'model'], known: { '127.0.0.1': { facts: { hostname: 'cam-7', model: 'IPC-100' } } } });
    assert.equal(res.status, 200, res.text);
    const scan = res.body as Scan;
    assert.equal(scan.stats.packetsSent, 0);
    assert.deepEqual(scan.results, []);
    assert.deepEqual([scan.assets[0]!.hostname, scan.assets[0]!.sources!.hostname!.source], ['cam-7', 'known']);
    assert.deepEqual(scan.plan!.steps.map((s) => s.step), ['discovery']);
    assert.equal(scan.plan!.complete, 1);
    // The sync scan was stored whole, in one transaction: read back, it still has its plan.
    assert.deepEqual((await request(svc.app).get(`/v1/scans/${scan.id}`).set(auth)).body.plan, scan.plan);
  });

  test('credentials are tried in order until one answers, and appear in no answer, stored row or log line', async () => {
    const res = await want({
      want: ['hostname', 'os'],
      credentials: { snmp: [{ version: '2c', community: WRONG, port: agentPort }, { version: '2c', community: RIGHT, port: agentPort }] },
      // The classification and banner steps would look for the OS too: known open ports none, so only SNMP can say.
      known: { '127.0.0.1': { openPorts: [] } },
    });
    assert.equal(res.status, 200, res.text);
    const scan = res.body as Scan;
    const snmpSteps = scan.plan!.steps.filter((s) => s.step === 'snmp');
    assert.deepEqual(snmpSteps.map((s) => s.detail), ['credential 1 of 2 (v2c)', 'credential 2 of 2 (v2c)']);
    const snmpResults = scan.results.filter((r) => r.probe === 'snmp');
    assert.deepEqual(snmpResults.map((r) => r.status), ['timeout', 'ok']);
    assert.equal(scan.assets[0]!.hostname, 'agent-under-test');
    assert.equal(scan.assets[0]!.os, 'Linux 6.1.0', 'the shipped fingerprints read the kernel from sysDescr');
    assert.equal(scan.assets[0]!.sources!.os!.fingerprint!.database, 'pscan');
    assert.deepEqual([scan.assets[0]!.sources!.hostname!.source, scan.assets[0]!.sources!.hostname!.seq], ['snmp', snmpResults[1]!.seq]);
    const stored = readFileSync(path.join(svc.dataDir, 'pscan.sqlite')).toString('latin1') + readFileSync(path.join(svc.dataDir, 'pscan.sqlite-wal')).toString('latin1');
    const got = await request(svc.app).get(`/v1/scans/${scan.id}`).set(auth);
    for (const secret of [WRONG, RIGHT]) {
      for (const [where, text] of [['answer', res.text], ['GET', got.text], ['store', stored], ['logs', lines.join('')]] as const) assert.ok(!text.includes(secret), `${secret} in the ${where}`);
    }
    assert.deepEqual(scan.request.credentials!.snmp!.map((c) => c.community), ['[redacted]', '[redacted]']);
  });

  test('facts no step could give are listed with why, each reason true of what the plan did for the targets', async () => {
    const reasons = (scan: Scan) => Object.fromEntries((scan.plan!.unmet ?? []).map((u) => [u.fact, [u.targets, ...u.why.map((w) => `${w.reason} ×${w.targets}`)]]));
    const noMulticast = 'mDNS and SSDP were not asked: a multicast query hears only the links this machine is on ×1';
    const noCredentials = 'SNMP was not asked: no credentials (`credentials.snmp`, or the server\'s PSCAN_SNMP_CREDENTIALS) ×1';
    const noNmap = 'nmap\'s version detection was not allowed (`allowIntrusive`) or is not installed where the targets are probed ×1';

    // No credentials, open ports known to be none: nothing can be asked, and the plan says so.
    const bare = (await want({ want: ['hostname', 'os'], known: { '127.0.0.1': { openPorts: [] } } })).body as Scan;
    assert.deepEqual(bare.plan!.steps.map((s) => s.step), ['discovery'], 'open ports given (none): no tree to look for some');
    assert.deepEqual(reasons(bare), {
      hostname: [1, noMulticast, noCredentials],
      os: [1, noMulticast, noCredentials, 'no open port was given (`known.openPorts`) to read a banner from ×1', noNmap],
    });
    assert.deepEqual((await request(svc.app).get(`/v1/scans/${bare.id}`).set(auth)).body.plan, bare.plan, 'stored with the scan');

    // A known open port whose banner tells nothing: the banner was read.
    const open = await tcpServer((sock) => sock.end('HELLO there\r\n'));
    try {
      const grabbed = (await want({ want: ['os'], known: { '127.0.0.1': { openPorts: [open.port] } } })).body as Scan;
      assert.deepEqual(grabbed.plan!.steps.map((s) => s.step), ['discovery', 'banner']);
      assert.deepEqual(reasons(grabbed).os, [1, noMulticast, noCredentials, 'no banner of its open ports gave it ×1', noNmap]);
    } finally {
      await open.close();
    }

    // A credential the budget has no room for: left out, not "asked".
    const broke = (await want({ want: ['hostname'], credentials: { snmp: [{ version: '2c', community: RIGHT, port: agentPort }] }, budget: { packetsPerTarget: 1 }, timing: { timeoutMs: 300, retries: 1 } })).body as Scan;
    assert.deepEqual(broke.plan!.steps.find((s) => s.step === 'snmp')!.skipped, { budget: 1 });
    assert.deepEqual(reasons(broke).hostname, [1, noMulticast, 'SNMP was left out: over the packet budget (`budget`) ×1']);

    // An SNMP probe the caller listed besides want asks the agent, credentials or not.
    const listed = (await want({ want: ['hostname'], probes: [{ type: 'snmp', operation: 'get', oids: ['1.3.6.1.2.1.1.5.0'], community: WRONG, port: agentPort }] })).body as Scan;
    assert.deepEqual(reasons(listed).hostname, [1, noMulticast, 'SNMP was asked; no answer gave it ×1']);

    // With a credential that answers, what SNMP gave is not listed; what it did not give says it was asked.
    const found = (await want({ want: ['hostname', 'model'], credentials: { snmp: [{ version: '2c', community: RIGHT, port: agentPort }] } })).body as Scan;
    assert.deepEqual(reasons(found), { model: [1, noMulticast, 'SNMP was asked; no answer gave it ×1'] });

    // The OS wanted with nothing known: the tree looks for open ports to read banners from.
    const tree = (await want({ want: ['os'] })).body as Scan;
    assert.deepEqual(tree.plan!.steps.slice(0, 2).map((s) => [s.step, s.detail]), [['discovery', undefined], ['classify', 'the tree (the type, or open ports for an OS)']]);
  });

  test('a per-target packet budget is never exceeded: a step that does not fit is skipped for the target, and says so', async () => {
    const open = await tcpServer((s) => s.end('SSH-2.0-budget_1.0\r\n'));
    try {
      const res = await want({ want: ['services', 'type'], budget: { packetsPerTarget: 6 }, known: { '127.0.0.1': { openPorts: [open.port] } } });
      assert.equal(res.status, 200, res.text);
      const scan = res.body as Scan;
      const classify = scan.plan!.steps.find((s) => s.step === 'classify')!;
      assert.deepEqual(classify.skipped, { budget: 1 }, 'the tree may cost every catalogue port, more than 6');
      assert.ok((scan.stats.byTarget?.['127.0.0.1'] ?? 0) <= 6, JSON.stringify(scan.stats.byTarget));
      const banner = scan.plan!.steps.find((s) => s.step === 'banner')!;
      assert.equal(banner.targets, 1, 'the banner on the known open port fits');
      assert.equal(scan.assets[0]!.services.find((s) => s.port === open.port)?.name, 'ssh');
    } finally {
      await open.close();
    }
  });

  test('bad input: unknown facts, an empty want, credentials of the wrong shape, want-only fields without want → 400 with pointers', async () => {
    const cases: Array<[object, string[]]> = [
      [{ want: ['hostname', 'colour'] }, ['/want/1']],
      [{ want: [] }, ['/want']],
      [{ want: 'hostname' }, ['/want']],
      [{ want: ['os', 'os'] }, ['/want/1']],
      [{ want: ['os'], credentials: { snmp: [{ version: '2c' }] } }, ['/credentials/snmp/0']],
      [{ want: ['os'], credentials: { snmp: [{ version: '3', community: 'x' }] } }, ['/credentials/snmp/0']],
      [{ want: ['os'], credentials: { snmp: [{ version: '2c', community: 'x', user: 'y' }] } }, ['/credentials/snmp/0/user']],
      [{ want: ['os'], credentials: { snmp: [{ version: '3', v3: { user: 'u', authProtocol: 'sha' } }] } }, ['/credentials/snmp/0/v3/authKey']],
      [{ want: ['os'], credentials: { ssh: [] } }, ['/credentials/ssh']],
      [{ want: ['os'], known: { 'not-an-ip': {} } }, ['/known/not-an-ip']],
      [{ want: ['os'], known: { '127.0.0.1': { facts: { colour: 'red' } } } }, ['/known/127.0.0.1/facts/colour']],
      [{ want: ['os'], known: { '127.0.0.1': { openPorts: [0] } } }, ['/known/127.0.0.1/openPorts']],
      [{ want: ['os'], budget: { packetsPerTarget: 0 } }, ['/budget/packetsPerTarget']],
      [{ want: ['os'], allowIntrusive: 'yes' }, ['/allowIntrusive']],
      [{ probe: { type: 'tcp-banner', ports: [1] }, budget: { packetsPerTarget: 5 } }, ['/budget']],
    ];
    for (const [body, paths] of cases) {
      const res = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], ...body });
      assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status} ${res.text.slice(0, 200)}`);
      assert.match(res.headers['content-type']!, /application\/problem\+json/);
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), paths, JSON.stringify(body));
    }
  });
});
