import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { parseNmapXml } from '../../src/probes/nmap/xml.js';
import type { ProbeResult } from '../../src/api/model.js';
import { seedScan } from '../support/seed.js';
import { bearer, testService, token } from '../support/service.js';

const at = new Date().toISOString();
const result = (r: Partial<ProbeResult> & Pick<ProbeResult, 'target' | 'probe' | 'status'>): Omit<ProbeResult, 'seq'> => ({ attempt: 1, tries: 1, observedAt: at, ...r });

describe('a scan\'s results paged and exported; nmap XML; scans by label', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let alice: Record<string, string>;
  let id: string;
  let big: string;
  before(async () => {
    svc = await testService();
    alice = bearer(await token({ sub: 'alice' }));
    id = seedScan(svc.store, {
      targets: ['192.168.1.20', '192.168.1.21', 'fd00::7'],
      labels: { ticket: 'A-1', site: 'lab' },
      results: [
        result({ target: '192.168.1.20', probe: 'tcp-banner', port: 22, protocol: 'tcp', status: 'ok', rttMs: 1.5, data: { service: 'ssh', product: 'OpenSSH', version: '9.2p1', bytes: 30, cut: 'none', banner: 'SSH-2.0-OpenSSH_9.2p1 <&"\u0001>' } as never }),
        result({ target: '192.168.1.20', probe: 'tcp-banner', port: 23, protocol: 'tcp', status: 'closed' }),
        result({ target: '192.168.1.20', probe: 'tcp-banner', port: 80, protocol: 'tcp', status: 'timeout', tries: 2 }),
        result({ target: '192.168.1.20', probe: 'tcp-banner', port: 80, protocol: 'tcp', status: 'ok', attempt: 2 }),
        result({ target: '192.168.1.20', probe: 'snmp', port: 161, protocol: 'udp', status: 'timeout' }),
        result({ target: '192.168.1.21', probe: 'discovery', status: 'unreachable', error: { code: 'host-down', message: 'no answer to neighbour resolution' } }),
        result({ target: 'fd00::7', probe: 'tcp-banner', port: 443, protocol: 'tcp', status: 'ok' }),
      ],
      assets: [
        { ip: '192.168.1.20', mac: '00:11:32:aa:bb:cc', manufacturer: 'Synology <Inc>', hostname: 'nas', services: [{ port: 22, protocol: 'tcp', name: 'ssh', product: 'OpenSSH', version: '9.2p1' }, { port: 80, protocol: 'tcp', name: 'http' }], observedAt: at },
        { ip: 'fd00::7', services: [], observedAt: at },
      ],
    });
    big = seedScan(svc.store, { labels: { ticket: 'A-2', site: 'lab' }, results: Array.from({ length: 250 }, (_, i) => result({ target: '127.0.0.1', probe: 'tcp-banner', port: i + 1, protocol: 'tcp', status: 'closed' })) });
    seedScan(svc.store, { principal: 'bob', labels: { ticket: 'A-1' } });
  });
  after(() => svc.close(0));

  const get = (path: string, headers: Record<string, string> = {}) => request(svc.app).get(path).set({ ...alice, ...headers });

  test('results page by seq: JSON pages with nextCursor until the last, covering every result once', async () => {
    const seqs: number[] = [];
    let path = `/v1/scans/${big}/results`;
    let pages = 0;
    for (;;) {
      const res = await get(path);
      assert.equal(res.status, 200);
      pages++;
      seqs.push(...res.body.items.map((r: ProbeResult) => r.seq));
      if (!res.body.nextCursor) break;
      path = `/v1/scans/${big}/results?cursor=${res.body.nextCursor}`;
    }
    assert.equal(pages, 3, 'default page of 100');
    assert.deepEqual(seqs, Array.from({ length: 250 }, (_, i) => i + 1));
    const page = await get(`/v1/scans/${big}/results?limit=10&cursor=240`);
    assert.deepEqual(page.body.items.map((r: ProbeResult) => r.seq), [241, 242, 243, 244, 245, 246, 247, 248, 249, 250]);
    assert.equal(page.body.nextCursor, '250', 'a full page says there may be more');
    assert.deepEqual(await get(`/v1/scans/${big}/results?cursor=250`).then((r) => r.body), { items: [] });
  });

  test('results exported as NDJSON (all of them, or a page with Link) and flat CSV, at their own operation; the Accept forms still answer the same', async () => {
    const all = await get(`/v1/scans/${big}/results/export?format=ndjson`);
    assert.equal(all.status, 200);
    assert.match(all.headers['content-type']!, /^application\/x-ndjson/);
    assert.equal(all.text.trim().split('\n').length, 250, 'the export is not paged');
    const paged = await get(`/v1/scans/${big}/results/export?format=ndjson&limit=5`);
    assert.deepEqual(paged.text.trim().split('\n').map((l) => JSON.parse(l).seq), [1, 2, 3, 4, 5]);
    assert.equal(paged.headers.link, `</v1/scans/${big}/results/export?format=ndjson&limit=5&cursor=5>; rel="next"`);
    const csv = await get(`/v1/scans/${id}/results/export?format=csv`);
    assert.match(csv.headers['content-type']!, /^text\/csv/);
    const lines = csv.text.split('\r\n');
    assert.equal(lines[0], 'seq,target,probe,port,protocol,attempt,tries,status,rttMs,observedAt,errorCode,errorMessage,service,product,version,banner,hostname,manufacturer,model,os,type');
    assert.match(lines[1]!, /^1,192\.168\.1\.20,tcp-banner,22,tcp,1,1,ok,1\.5,[^,]+,,,ssh,OpenSSH,9\.2p1,"SSH-2\.0-OpenSSH_9\.2p1 <&""\\x01>",,,,,$/);
    assert.match(lines[6]!, /^6,192\.168\.1\.21,discovery,,,1,1,unreachable,,[^,]+,host-down,no answer to neighbour resolution,,,,,,,,,$/);
    assert.ok(lines.every((l) => !/[{[]/.test(l)), 'no JSON in a cell');
    // Older clients asked the JSON operation by Accept; they get the same export.
    assert.equal((await get(`/v1/scans/${id}/results`, { Accept: 'text/csv' })).text, csv.text);
    assert.equal((await get(`/v1/scans/${big}/results`, { Accept: 'application/x-ndjson' })).text, all.text);
  });

  test('results filtered by status: comma-separated or repeated, in the JSON page and the exports; an unknown status is a 400', async () => {
    const seqs = async (query: string) => (await get(`/v1/scans/${id}/results?${query}`)).body.items.map((r: ProbeResult) => r.seq);
    assert.deepEqual(await seqs('status=ok'), [1, 4, 7]);
    assert.deepEqual(await seqs('status=ok,closed'), [1, 2, 4, 7]);
    assert.deepEqual(await seqs('status=closed&status=unreachable'), [2, 6]);
    assert.deepEqual(await seqs('status=timeout&limit=1'), [3]);
    const page = await get(`/v1/scans/${id}/results?status=timeout&limit=1`);
    assert.deepEqual((await get(`/v1/scans/${id}/results?status=timeout&limit=1&cursor=${page.body.nextCursor}`)).body.items.map((r: ProbeResult) => r.seq), [5], 'pages of the filtered results');
    const ndjson = await get(`/v1/scans/${id}/results/export?format=ndjson&status=timeout,unreachable`);
    assert.deepEqual(ndjson.text.trim().split('\n').map((l) => JSON.parse(l).seq), [3, 5, 6]);
    const csv = await get(`/v1/scans/${id}/results/export?format=csv&status=closed`);
    assert.deepEqual(csv.text.trim().split('\r\n').slice(1).map((l) => l.split(',')[0]), ['2']);
    for (const query of ['status=open', 'status=ok,', 'status=ok&status=OK']) {
      const res = await get(`/v1/scans/${id}/results?${query}`);
      assert.equal(res.status, 400, query);
      assert.match(res.body.errors[0].path, /^query:status/, query);
    }
  });

  test('exports: a format is required and named; an unknown one is a 400', async () => {
    assert.equal((await get(`/v1/scans/${id}/results/export`)).status, 400);
    assert.equal((await get(`/v1/scans/${id}/results/export?format=xml`)).status, 400);
    assert.equal((await get('/v1/assets/export')).status, 400);
    assert.equal((await get('/v1/assets/services/export?format=json')).status, 400);
  });

  test('results: bad cursor, bad limit, unknown parameter → 400 naming query:<name>; unsupported Accept → 406; another\'s scan → 404', async () => {
    for (const [query, pointer] of [['cursor=abc', 'query:cursor'], ['cursor=-1', 'query:cursor'], ['limit=0', 'query:limit'], ['limit=1001', 'query:limit'], ['limit=x', 'query:limit'], ['after=3', 'query:after']]) {
      const res = await get(`/v1/scans/${id}/results?${query}`);
      assert.equal(res.status, 400, query);
      assert.match(res.headers['content-type']!, /^application\/problem\+json/);
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), [pointer], query);
    }
    const xml = await get(`/v1/scans/${id}/results`, { Accept: 'application/xml' });
    assert.equal(xml.status, 406);
    assert.equal(xml.body.code, 'not-acceptable');
    assert.equal((await request(svc.app).get(`/v1/scans/${id}/results`).set(bearer(await token({ sub: 'bob' })))).status, 404);
    assert.equal((await request(svc.app).get(`/v1/scans/${id}/results`).set(bearer(await token({ sub: 'bob' }))).set('Accept', 'text/csv')).status, 404);
  });

  test('nmap XML: shaped like nmap -oX, read back by the project\'s own nmap parser; same by Accept: application/xml', async () => {
    const res = await get(`/v1/scans/${id}/nmap.xml`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type']!, /^application\/xml/);
    const xml = res.text;
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<!DOCTYPE nmaprun>\n<nmaprun scanner="pscan" /);
    const run = parseNmapXml(xml);
    assert.equal(run.exit, 'success');
    const hosts = Object.fromEntries(run.hosts.map((h) => [h.address, h]));
    assert.deepEqual(Object.keys(hosts), ['192.168.1.20', '192.168.1.21', 'fd00::7']);
    assert.equal(hosts['192.168.1.20']!.state, 'up');
    assert.equal(hosts['192.168.1.21']!.state, 'down');
    assert.deepEqual(hosts['192.168.1.21']!.ports, []);
    assert.deepEqual(
      hosts['192.168.1.20']!.ports.map((p) => [p.protocol, p.port, p.state, p.name, p.product, p.version, p.method]),
      [
        ['tcp', 22, 'open', 'ssh', 'OpenSSH', '9.2p1', 'probed'],
        ['tcp', 23, 'closed', undefined, undefined, undefined, undefined],
        ['tcp', 80, 'open', 'http', undefined, undefined, 'table'],
        ['udp', 161, 'open|filtered', undefined, undefined, undefined, undefined],
      ],
    );
    assert.deepEqual(hosts['fd00::7']!.ports.map((p) => [p.port, p.state]), [[443, 'open']]);
    assert.match(xml, /<address addr="192\.168\.1\.20" addrtype="ipv4"\/>\n<address addr="00:11:32:AA:BB:CC" addrtype="mac" vendor="Synology &lt;Inc&gt;"\/>/);
    assert.match(xml, /<address addr="fd00::7" addrtype="ipv6"\/>/);
    assert.match(xml, /<hostnames><hostname name="nas" type="user"\/><\/hostnames>/);
    assert.match(xml, /<scaninfo type="connect" protocol="tcp" numservices="4" services="22-23,80,443"\/>\n<scaninfo type="udp" protocol="udp" numservices="1" services="161"\/>/);
    assert.match(xml, /<hosts up="2" down="1" total="3"\/>/);
    const byAccept = await get(`/v1/scans/${id}`, { Accept: 'application/xml' });
    assert.equal(byAccept.status, 200);
    assert.equal(byAccept.text, xml);
    assert.equal((await get(`/v1/scans/${id}`)).body.id, id, 'JSON stays the default');
    assert.equal((await get(`/v1/scans/${id}`, { Accept: 'text/csv' })).status, 406);
    assert.equal((await get(`/v1/scans/${id}/nmap.xml?pretty=1`)).status, 400);
    assert.equal((await request(svc.app).get(`/v1/scans/${id}/nmap.xml`).set(bearer(await token({ sub: 'bob' })))).status, 404);
  });

  test('nmap XML of a scan that did not complete says so in runstats, and XML-hostile text is escaped', async () => {
    const failed = seedScan(svc.store, { status: 'failed', results: [result({ target: '10.0.0.1', probe: 'tcp-banner', port: 80, protocol: 'tcp', status: 'ok' })], assets: [{ ip: '10.0.0.1', hostname: 'a"b<c>&d\u0001', services: [{ port: 80, protocol: 'tcp', name: 'http', product: "it's" }], observedAt: at }] });
    const xml = (await get(`/v1/scans/${failed}/nmap.xml`)).text;
    const run = parseNmapXml(xml);
    assert.equal(run.exit, 'error');
    assert.equal(run.errorMessage, 'the scan is failed');
    assert.equal(run.hosts[0]!.ports[0]!.product, "it's");
    assert.match(xml, /<hostname name="a&quot;b&lt;c&gt;&amp;d\\x01" type="user"\/>/);
  });

  test('GET /v1/scans?label=key:value filters by label, repeatable (all must hold), own scans only; a bad label is a 400', async () => {
    const ids = async (query: string) => (await get(`/v1/scans?${query}`)).body.items.map((s: { id: string }) => s.id);
    assert.deepEqual(await ids('label=ticket:A-1'), [id]);
    assert.deepEqual(await ids('label=site:lab'), [big, id]);
    assert.deepEqual(await ids('label=site:lab&label=ticket:A-2'), [big]);
    assert.deepEqual(await ids('label=site:elsewhere'), []);
    for (const [query, pointer] of [['label=ticket', 'query:label/0'], ['label=:A-1', 'query:label/0'], ['label=site:lab&label=nocolon', 'query:label/1'], ['labels=site:lab', 'query:labels']]) {
      const res = await get(`/v1/scans?${query}`);
      assert.equal(res.status, 400, query);
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), [pointer], query);
    }
  });
});
