import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import type { Asset, ProbeResult } from '../../src/api/model.js';
import { closedPort, tcpServer } from '../support/probe-context.js';
import { runProcess } from '../support/process.js';
import { seedScan } from '../support/seed.js';
import { bearer, testService, token } from '../support/service.js';

// Tools built on nmap's XML, from Debian (.ci/run installs them): they must read pScan's as nmap's.
const PYTHON = '/usr/bin/python3';
const NMAP_XSL = '/usr/share/nmap/nmap.xsl';

/** What python-libnmap reads of a document: per host its address, extraports, OS matches and each port's service, CPE and scripts. */
const LIBNMAP = `
import json, sys
from libnmap.parser import NmapParser
report = NmapParser.parse_fromfile(sys.argv[1])
out = {'scanner': report._nmaprun.get('scanner'), 'version': report.version, 'hosts': []}
for h in report.hosts:
    out['hosts'].append({
        'address': h.address, 'status': h.status, 'hostnames': h.hostnames,
        # libnmap 0.7.2 nests the state in its extraports_state (for nmap's own output too): read what it parsed
        'extraports': (h._extras.get('extraports') or {}).get('state'),
        'os': [[m.name, m.accuracy] for m in h.os.osmatches] if h.os_fingerprinted else [],
        'services': [{'port': s.port, 'protocol': s.protocol, 'state': s.state, 'service': s.service, 'cpe': [c.cpestring for c in s.cpelist],
                      'extrainfo': s.service_dict.get('extrainfo'), 'ostype': s.service_dict.get('ostype'), 'devicetype': s.service_dict.get('devicetype'),
                      'hostname': s.service_dict.get('hostname'), 'scripts': {r['id']: r['output'] for r in s.scripts_results}} for s in h.services],
    })
print(json.dumps(out))
`;

async function libnmap(file: string): Promise<{ scanner: string; version: string; hosts: Array<{ address: string; status: string; hostnames: string[]; extraports: { state: string; count: string } | null; os: Array<[string, number]>; services: Array<{ port: number; protocol: string; state: string; service: string; cpe: string[]; extrainfo?: string; ostype?: string; devicetype?: string; hostname?: string | null; scripts: Record<string, string> }> }> }> {
  const r = await runProcess(PYTHON, ['-c', LIBNMAP, file], {});
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** Every element path and element@attribute of a document (`nmaprun/host/ports/extraports@count`). */
function shape(xml: string): Set<string> {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', ignoreDeclaration: true, ignorePiTags: true }).parse(xml) as Record<string, unknown>;
  const out = new Set<string>();
  const walk = (node: unknown, at: string): void => {
    for (const item of Array.isArray(node) ? node : [node]) {
      out.add(at);
      if (item === null || typeof item !== 'object') continue;
      for (const [k, v] of Object.entries(item)) {
        if (k.startsWith('@')) out.add(`${at}${k}`);
        else if (k !== '#text') walk(v, `${at}/${k}`);
      }
    }
  };
  for (const [k, v] of Object.entries(doc)) walk(v, k);
  return out;
}

const at = new Date().toISOString();
const result = (r: Partial<ProbeResult> & Pick<ProbeResult, 'target' | 'probe' | 'status'>): Omit<ProbeResult, 'seq'> => ({ attempt: 1, tries: 1, observedAt: at, ...r });

describe('the scan as nmap XML, read by ndiff, python-libnmap and nmap.xsl as nmap\'s', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let alice: Record<string, string>;
  let dir: string;
  before(async () => {
    svc = await testService();
    alice = bearer(await token({ sub: 'alice' }));
    dir = mkdtempSync(path.join(tmpdir(), 'pscan-nmapxml-'));
  });
  after(() => svc.close(0));

  const xmlOf = async (id: string): Promise<string> => {
    const res = await request(svc.app).get(`/v1/scans/${id}/nmap.xml`).set(alice);
    assert.equal(res.status, 200);
    return res.text;
  };

  /** A scan that learned much: SNMP's system group, an SSH banner naming its OS, an HTTP title, 30 closed ports, CPEs and a device type. */
  const rich = (sysName = 'cam-7'): string => {
    const closed = Array.from({ length: 30 }, (_, i) => result({ target: '198.18.0.7', probe: 'tcp-banner', port: 1000 + i, protocol: 'tcp', status: 'closed', rttMs: 0.2 }));
    const results = [
      result({ target: '198.18.0.7', probe: 'snmp', port: 161, protocol: 'udp', status: 'ok', rttMs: 1.4, data: { operation: 'get', version: '2c', varbinds: [{ oid: '1.3.6.1.2.1.1.1.0', type: 'OctetString', value: 'Linux cam-7 4.9.37 #1 SMP armv7l' }, { oid: '1.3.6.1.2.1.1.2.0', type: 'OID', value: '1.3.6.1.4.1.8072.3.2.10' }, { oid: '1.3.6.1.2.1.1.5.0', type: 'OctetString', value: sysName }, { oid: '1.3.6.1.2.1.1.3.0', type: 'TimeTicks', value: 360000, text: '0d 01:00:00.00' }] } as never }),
      result({ target: '198.18.0.7', probe: 'tcp-banner', port: 22, protocol: 'tcp', status: 'ok', rttMs: 0.8, data: { port: 22, banner: 'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n', bytes: 32, service: 'ssh', product: 'OpenSSH', version: '9.2p1', os: 'Linux', ssh: { protocol: '2.0', software: 'OpenSSH_9.2p1', comments: 'Debian-2' } } as never }),
      result({ target: '198.18.0.7', probe: 'tcp-banner', port: 80, protocol: 'tcp', status: 'ok', rttMs: 1.0, data: { port: 80, banner: 'HTTP/1.1 200 OK\r\nServer: lighttpd/1.4.69\r\n\r\n<title>IP Camera</title>', bytes: 80, request: 'GET / HTTP/1.1', service: 'http', product: 'lighttpd', version: '1.4.69', http: { status: 200, reason: 'OK', server: 'lighttpd/1.4.69', title: 'IP Camera' } } as never }),
      result({ target: '198.18.0.7', probe: 'tcp-banner', port: 8443, protocol: 'tcp', status: 'timeout' }),
      ...closed,
    ];
    const asset: Asset = {
      ip: '198.18.0.7',
      hostname: sysName,
      os: 'Linux 4.9.37',
      type: 'camera',
      cpe: ['cpe:2.3:o:linux:linux_kernel:4.9.37:*:*:*:*:*:*:*', 'cpe:2.3:h:acme:cam-7:-:*:*:*:*:*:*:*'],
      services: [
        { port: 22, protocol: 'tcp', name: 'ssh', product: 'OpenSSH', version: '9.2p1', cpe: ['cpe:2.3:a:openbsd:openssh:9.2p1:*:*:*:*:*:*:*'] },
        { port: 80, protocol: 'tcp', name: 'http', product: 'lighttpd', version: '1.4.69', vendor: 'lighttpd' },
        { port: 161, protocol: 'udp', name: 'snmp' },
      ],
      observedAt: at,
      sources: {
        hostname: { source: 'snmp', seq: 1, observedAt: at, confidence: 'stated' },
        os: { source: 'snmp', seq: 1, observedAt: at, confidence: 'stated', others: [{ value: 'Linux', source: 'tcp-banner', seq: 2, observedAt: at, confidence: 'inferred' }] },
      },
    };
    return seedScan(svc.store, { targets: ['198.18.0.7'], results, assets: [asset] });
  };

  test('python-libnmap reads the OS (with its source), CPEs, scripts, service fields, extraports and our scanner name', async () => {
    const xml = await xmlOf(rich());
    const file = path.join(dir, 'rich.xml');
    writeFileSync(file, xml);
    const run = await libnmap(file);
    assert.equal(run.scanner, 'pscan');
    assert.equal(run.version, JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version);
    const host = run.hosts[0]!;
    assert.equal(host.status, 'up');
    assert.deepEqual(host.hostnames, ['cam-7']);
    assert.deepEqual(host.extraports, { state: 'closed', count: '30' }, '30 closed ports are one extraports, as nmap writes them');
    assert.deepEqual(host.os, [['Linux 4.9.37', 100], ['Linux', 80]], 'stated beats inferred');
    assert.match(xml, /<osmatch name="Linux 4\.9\.37" accuracy="100" line="0" source="snmp"><osclass type="camera" vendor="linux" osfamily="linux_kernel" osgen="4\.9\.37" accuracy="100"><cpe>cpe:\/o:linux:linux_kernel:4\.9\.37<\/cpe><cpe>cpe:\/h:acme:cam-7:-<\/cpe><\/osclass><\/osmatch>/);
    const byPort = Object.fromEntries(host.services.map((s) => [`${s.protocol}/${s.port}`, s]));
    assert.deepEqual(Object.keys(byPort).sort(), ['tcp/22', 'tcp/80', 'tcp/8443', 'udp/161'], 'closed ports only in extraports');
    assert.deepEqual(byPort['tcp/22']!.cpe, ['cpe:/a:openbsd:openssh:9.2p1']);
    assert.equal(byPort['tcp/22']!.extrainfo, 'Debian-2; protocol 2.0');
    assert.equal(byPort['tcp/22']!.ostype, 'Linux');
    assert.equal(byPort['tcp/22']!.devicetype, 'camera');
    assert.equal(byPort['tcp/22']!.scripts.banner, 'SSH-2.0-OpenSSH_9.2p1 Debian-2');
    assert.deepEqual(byPort['tcp/80']!.scripts, { banner: 'HTTP/1.1 200 OK\r\nServer: lighttpd/1.4.69\r\n\r\n<title>IP Camera</title>' }, 'for HTTP, the answer to its request');
    assert.equal(byPort['udp/161']!.hostname, 'cam-7', 'sysName came from this port');
    assert.equal(byPort['tcp/22']!.hostname, null, 'no hostname from this port');
    assert.deepEqual(byPort['udp/161']!.scripts, { 'snmp-sysdescr': 'Linux cam-7 4.9.37 #1 SMP armv7l\n  sysObjectID: 1.3.6.1.4.1.8072.3.2.10\n  sysName: cam-7\n  sysUpTime: 0d 01:00:00.00' });
    assert.match(xml, /<elem key="sysName">cam-7<\/elem>/);
    assert.equal(byPort['tcp/8443']!.state, 'filtered');
    assert.match(xml, /<extraports state="closed" count="30">\n<extrareasons reason="conn-refused" count="30" proto="tcp" ports="1000-1029"\/>\n<\/extraports>/);
    assert.match(xml, /<times srtt="\d+" rttvar="\d+" to="1000000"\/>\n<\/host>/, 'times, in microseconds, last in the host');
  });

  test('ndiff reads it (banner names pscan), diffs two scans of it, and an unchanged scan is no difference', async () => {
    const a = path.join(dir, 'a.xml');
    const b = path.join(dir, 'b.xml');
    writeFileSync(a, await xmlOf(rich('cam-7')));
    writeFileSync(b, await xmlOf(rich('cam-8')));
    const same = await runProcess('ndiff', [a, a], {});
    assert.equal(same.code, 0, same.stderr);
    const diff = await runProcess('ndiff', [a, b], {});
    assert.equal(diff.code, 1, `1: differences found; 2 would be an error: ${diff.stderr}`);
    assert.match(diff.stdout, /^-pscan \d+\.\d+\.\d+ scan initiated .* as: pscan scan scn_/m);
    assert.match(diff.stdout, /^-cam-7 \(198\.18\.0\.7\):$/m);
    assert.match(diff.stdout, /^\+cam-8 \(198\.18\.0\.7\):$/m);
    assert.match(diff.stdout, /^[-+]\|\s+sysName: cam-[78]$/m, 'a changed script output is a difference');
    const asXml = await runProcess('ndiff', ['--xml', a, b], {});
    assert.equal(asXml.code, 1, asXml.stderr);
  });

  test('xsltproc with nmap.xsl renders it: the OS, the scripts, the folded ports', async () => {
    const file = path.join(dir, 'render.xml');
    writeFileSync(file, await xmlOf(rich()));
    const r = await runProcess('xsltproc', [NMAP_XSL, file], {});
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Linux 4\.9\.37/);
    assert.match(r.stdout, /IP Camera/);
    assert.match(r.stdout, /sysName: cam-7/);
    assert.match(r.stdout, /The 30 ports scanned but not shown below are in state: <b>closed<\/b>/);
  });

  test('the elements and attributes of nmap\'s own -oX of the same loopback target are all in ours', async () => {
    const ssh = await tcpServer((s) => s.end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'));
    try {
      let base = await closedPort();
      if (ssh.port >= base && ssh.port < base + 40) base = ssh.port + 1;
      if (base + 39 > 65535) base = 20000;
      const range = `${base}-${base + 39}`;
      const reference = path.join(dir, 'nmap.xml');
      const nmap = await runProcess('nmap', ['-sT', '-sV', '-Pn', '-n', '-p', `${ssh.port},${range}`, '--max-retries', '1', '--host-timeout', '60s', '-oX', reference, '127.0.0.1'], {});
      assert.equal(nmap.code, 0, nmap.stderr);
      const res = await request(svc.app).post('/v1/scans').set(alice).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port, range], additionalProbes: true }, timing: { timeoutMs: 2000 }, mode: 'sync' });
      assert.equal(res.status, 200, res.text);
      const ours = path.join(dir, 'ours.xml');
      writeFileSync(ours, await xmlOf(res.body.id));
      const theirs = shape(readFileSync(reference, 'utf8'));
      const mine = shape(readFileSync(ours, 'utf8'));
      assert.deepEqual([...theirs].filter((p) => !mine.has(p)), [], 'nothing nmap writes for this target is missing from ours');
      const [a, b] = [await libnmap(reference), await libnmap(ours)];
      // Other tests on this machine may open a port of the range between the two scans: compare the folded state and the SSH port.
      const view = (run: typeof a) => run.hosts.map((h) => ({ address: h.address, folded: h.extraports?.state, ssh: h.services.filter((s) => s.port === ssh.port).map((s) => [s.state, s.service, s.cpe, s.ostype]) }));
      assert.deepEqual(view(b), view(a), 'python-libnmap reads the same host, folded ports, service, CPEs and OS type from both');
      assert.deepEqual(view(a)[0]!.ssh[0]!.slice(0, 2), ['open', 'ssh']);
    } finally {
      await ssh.close();
    }
  });
});
