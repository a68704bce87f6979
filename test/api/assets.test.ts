import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { seedScan } from '../support/seed.js';
import { bearer, testService, token } from '../support/service.js';

const HOUR = 3_600_000;
const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

describe('GET /v1/assets: pages, filters, exports', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let alice: Record<string, string>;
  before(async () => {
    svc = await testService();
    alice = bearer(await token({ sub: 'alice' }));
    seedScan(svc.store, {
      assets: [
        { ip: '192.168.1.20', mac: '00:11:32:aa:bb:cc', manufacturer: 'Synology Incorporated', type: 'NAS', hostname: 'nas', services: [{ port: 22, protocol: 'tcp', name: 'ssh', product: 'OpenSSH' }, { port: 5000, protocol: 'tcp', name: 'http' }], observedAt: ago(HOUR) },
        { ip: '192.168.1.3', manufacturer: 'Hikvision', model: 'DS-2CD', services: [{ port: 554, protocol: 'tcp', name: 'rtsp' }, { port: 80, protocol: 'tcp', name: 'http' }], observedAt: ago(72 * HOUR) },
        { ip: '10.0.0.9', hostname: '=HYPERLINK("http://evil")', services: [], observedAt: ago(HOUR / 2) },
        { ip: 'fd00::5', services: [{ port: 161, protocol: 'udp', name: 'snmp' }], observedAt: ago(HOUR) },
      ],
    });
    seedScan(svc.store, { principal: 'bob', assets: [{ ip: '192.168.1.99', services: [], observedAt: ago(0) }] });
  });
  after(() => svc.close(0));

  const get = (query: string, headers: Record<string, string> = {}) => request(svc.app).get(`/v1/assets${query}`).set({ ...alice, ...headers });
  const ips = (body: { items: Array<{ ip: string }> }) => body.items.map((a) => a.ip);

  test('a page object in address order (IPv4 numerically, then IPv6), with mac, type and the asset freshness', async () => {
    const res = await get('');
    assert.equal(res.status, 200);
    assert.deepEqual(ips(res.body), ['10.0.0.9', '192.168.1.3', '192.168.1.20', 'fd00::5']);
    assert.equal(res.body.nextCursor, undefined);
    const nas = res.body.items[2];
    assert.equal(nas.mac.value, '00:11:32:aa:bb:cc');
    assert.equal(nas.type.value, 'NAS');
    assert.ok(nas.freshness > 0.9 && nas.freshness < 1, String(nas.freshness));
  });

  test('cursor paging: each page ends with nextCursor until the last; the pages cover the list once', async () => {
    const seen: string[] = [];
    let query = '?limit=3';
    for (;;) {
      const res = await get(query);
      assert.equal(res.status, 200);
      seen.push(...ips(res.body));
      if (!res.body.nextCursor) break;
      query = `?limit=3&cursor=${encodeURIComponent(res.body.nextCursor)}`;
    }
    assert.deepEqual(seen, ['10.0.0.9', '192.168.1.3', '192.168.1.20', 'fd00::5']);
    assert.deepEqual(ips((await get('?limit=1')).body), ['10.0.0.9']);
    assert.equal((await get('?limit=1')).body.nextCursor, '10.0.0.9');
  });

  test('filters: cidr (v4, v6, one address), port, service, manufacturer, seenSince (time or age), minFreshness; combined', async () => {
    assert.deepEqual(ips((await get('?cidr=192.168.1.0/24')).body), ['192.168.1.3', '192.168.1.20']);
    assert.deepEqual(ips((await get('?cidr=fd00::/8')).body), ['fd00::5']);
    assert.deepEqual(ips((await get('?cidr=10.0.0.9')).body), ['10.0.0.9']);
    assert.deepEqual(ips((await get('?port=554')).body), ['192.168.1.3']);
    assert.deepEqual(ips((await get('?service=HTTP')).body), ['192.168.1.3', '192.168.1.20']);
    assert.deepEqual(ips((await get('?manufacturer=hikvision')).body), ['192.168.1.3']);
    assert.deepEqual(ips((await get('?seenSince=2h')).body), ['10.0.0.9', '192.168.1.20', 'fd00::5']);
    assert.deepEqual(ips((await get(`?seenSince=${encodeURIComponent(ago(45 * 60_000))}`)).body), ['10.0.0.9']);
    assert.deepEqual(ips((await get('?minFreshness=0.9')).body), ['10.0.0.9', '192.168.1.20', 'fd00::5']);
    assert.deepEqual(ips((await get('?service=http&seenSince=1d')).body), ['192.168.1.20']);
    assert.deepEqual(ips((await get('?port=9')).body), []);
  });

  test('another principal sees only its own; admin sees all', async () => {
    assert.deepEqual(ips((await request(svc.app).get('/v1/assets').set(bearer(await token({ sub: 'bob' })))).body), ['192.168.1.99']);
    assert.equal((await request(svc.app).get('/v1/assets').set(bearer(await token({ sub: 'root', scopes: 'admin' })))).body.items.length, 5);
  });

  test('bad input: unknown parameter, bad cidr, port, seenSince, minFreshness, limit, cursor → 400 problem naming query:<name>', async () => {
    const cases: Array<[string, string]> = [
      ['?ciddr=10.0.0.0/8', 'query:ciddr'],
      ['?cidr=10.0.0.0/33', 'query:cidr'],
      ['?cidr=printer', 'query:cidr'],
      ['?port=0', 'query:port'],
      ['?port=http', 'query:port'],
      ['?port=22.5', 'query:port'],
      ['?seenSince=yesterday', 'query:seenSince'],
      ['?seenSince=2026-13-45', 'query:seenSince'],
      ['?minFreshness=2', 'query:minFreshness'],
      ['?minFreshness=fresh', 'query:minFreshness'],
      ['?limit=0', 'query:limit'],
      ['?limit=1001', 'query:limit'],
      ['?cursor=scn_nope', 'query:cursor'],
      ['?service=', 'query:service'],
    ];
    for (const [query, pointer] of cases) {
      const res = await get(query);
      assert.equal(res.status, 400, query);
      assert.match(res.headers['content-type']!, /^application\/problem\+json/, query);
      assert.equal(res.body.code, 'validation', query);
      assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), [pointer], query);
    }
  });

  test('Accept: application/x-ndjson exports every matching asset, one per line; with limit, the next page is in Link', async () => {
    const res = await get('?cidr=192.168.0.0/16', { Accept: 'application/x-ndjson' });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type']!, /^application\/x-ndjson/);
    const lines = res.text.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((a) => a.ip), ['192.168.1.3', '192.168.1.20']);
    assert.equal(res.headers.link, undefined);
    const paged = await get('?cidr=192.168.0.0/16&limit=1', { Accept: 'application/x-ndjson' });
    assert.equal(paged.text.trim().split('\n').length, 1);
    assert.equal(paged.headers.link, '</v1/assets?cidr=192.168.0.0%2F16&limit=1&cursor=192.168.1.3>; rel="next"');
  });

  test('the CSV export: a header line, one flat line per address with mac, type and a count of services; a formula-like cell is neutralised; the Accept form answers the same', async () => {
    const res = await request(svc.app).get('/v1/assets/export?format=csv').set(alice);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type']!, /^text\/csv/);
    const lines = res.text.split('\r\n');
    assert.equal(lines[0], 'ip,mac,hostname,manufacturer,model,os,type,services,lastSeen,freshness,scans');
    assert.equal(lines.length, 6, 'four assets and the final CRLF');
    assert.match(lines[1]!, /^10\.0\.0\.9,,"'=HYPERLINK\(""http:\/\/evil""\)",/);
    assert.match(lines[3]!, /^192\.168\.1\.20,00:11:32:aa:bb:cc,nas,Synology Incorporated,,,NAS,2,[^,]+,0\.\d+,1$/);
    assert.equal((await get('', { Accept: 'text/csv' })).text, res.text);
  });

  test('the services export: one line per (address, service), filtered and paged as the assets', async () => {
    const csv = await request(svc.app).get('/v1/assets/services/export?format=csv').set(alice);
    assert.equal(csv.status, 200);
    const lines = csv.text.split('\r\n');
    assert.equal(lines[0], 'ip,hostname,manufacturer,port,protocol,name,vendor,product,version,banner,cpe,observedAt,scanId');
    assert.deepEqual(
      lines.slice(1, -1).map((l) => l.split(',').slice(0, 6).join(',')),
      ['192.168.1.3,,Hikvision,80,tcp,http', '192.168.1.3,,Hikvision,554,tcp,rtsp', '192.168.1.20,nas,Synology Incorporated,22,tcp,ssh', '192.168.1.20,nas,Synology Incorporated,5000,tcp,http', 'fd00::5,,,161,udp,snmp'],
    );
    const ndjson = await request(svc.app).get('/v1/assets/services/export?format=ndjson&cidr=192.168.0.0/16&limit=1').set(alice);
    assert.deepEqual(ndjson.text.trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.ip, r.port, r.name, r.product]), [['192.168.1.3', 80, 'http', undefined], ['192.168.1.3', 554, 'rtsp', undefined]]);
    assert.equal(ndjson.headers.link, '</v1/assets/services/export?format=ndjson&cidr=192.168.0.0%2F16&limit=1&cursor=192.168.1.3>; rel="next"');
  });

  test('an Accept the resource cannot answer → 406 problem+json listing what it serves', async () => {
    const res = await get('', { Accept: 'application/xml' });
    assert.equal(res.status, 406);
    assert.match(res.headers['content-type']!, /^application\/problem\+json/);
    assert.equal(res.body.code, 'not-acceptable');
    assert.deepEqual(res.body.offered, ['application/json', 'application/x-ndjson', 'text/csv']);
    assert.equal((await get('', { Accept: '*/*' })).status, 200);
    assert.equal((await get('', { Accept: 'text/*' })).headers['content-type']!.split(';')[0], 'text/csv');
  });

  test('GET /v1/assets/{ip} takes no query parameters', async () => {
    assert.equal((await get('/192.168.1.20')).body.type.value, 'NAS');
    const res = await get('/192.168.1.20?limit=1');
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e: { path: string }) => e.path), ['query:limit']);
  });
});
