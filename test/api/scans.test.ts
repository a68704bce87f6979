import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import request from 'supertest';
import { systemNet, type NetFactory } from '../../src/probes/net.js';
import { tcpServer } from '../support/probe-context.js';
import { bearer, testService, token } from '../support/service.js';

interface SseEvent {
  event: string;
  id?: string;
  data: unknown;
}
function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() && !block.startsWith(':'))
    .map((block) => {
      const fields = Object.fromEntries(block.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
      return { event: fields.event!, ...(fields.id ? { id: fields.id } : {}), data: JSON.parse(fields.data!) };
    });
}

describe('without nmap', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  before(async () => (svc = await testService({ PSCAN_NMAP_PATH: '/nonexistent/nmap' })));
  after(() => svc.close(0));

  test('readiness and the catalogue say so, a request needing it gets 503, the rest works', async () => {
    const auth = bearer(await token());
    const ready = await request(svc.app).get('/readyz').set(bearer(await token({ scopes: 'admin' })));
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body.nmap, { available: false, path: '/nonexistent/nmap' });
    const catalogue = await request(svc.app).get('/v1/probes').set(auth);
    const option = catalogue.body.probes.find((p: { type: string }) => p.type === 'tcp-banner').parameters.find((p: { name: string }) => p.name === 'additionalProbes');
    assert.deepEqual([option.requires, option.available], ['nmap', false]);
    const deep = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [22], additionalProbes: true } });
    assert.equal(deep.status, 503);
    assert.equal(deep.body.code, 'unavailable');
    assert.match(deep.body.detail, /nmap/);
    const plain = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] }, mode: 'sync' });
    assert.equal(plain.status, 200);
  });
});

describe('scans API', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let connects = 0;
  const countingNet: NetFactory = {
    connectTcp: (o) => {
      connects++;
      return systemNet.connectTcp(o);
    },
    createUdp: (f) => systemNet.createUdp(f),
  };
  let ssh: Awaited<ReturnType<typeof tcpServer>>;
  let silent: Awaited<ReturnType<typeof tcpServer>>;
  let alice: Record<string, string>;
  let bob: Record<string, string>;
  let admin: Record<string, string>;

  before(async () => {
    svc = await testService({ PSCAN_MAX_HOSTS: '256' }, { net: countingNet });
    ssh = await tcpServer((s) => s.write('SSH-2.0-dropbear_2022.83\r\n'));
    silent = await tcpServer(() => {});
    alice = bearer(await token({ sub: 'alice' }));
    bob = bearer(await token({ sub: 'bob' }));
    admin = bearer(await token({ sub: 'root', scopes: 'admin' }));
  });
  after(async () => {
    await svc.close(0);
    await ssh.close();
    await silent.close();
  });

  const post = (body: unknown, headers = alice) => request(svc.app).post('/v1/scans').set(headers).send(body as object);

  test('sync banner scan: 200 with the finished scan, results and asset facts', async () => {
    const res = await post({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port] }, mode: 'sync', labels: { ndrAlertId: 'A-1' } });
    assert.equal(res.status, 200);
    const scan = res.body;
    assert.match(scan.id, /^scn_/);
    assert.equal(scan.status, 'completed');
    assert.equal(scan.principal, 'alice');
    assert.deepEqual(scan.labels, { ndrAlertId: 'A-1' });
    assert.deepEqual(scan.request.timing, { count: 1, intervalMs: 0, timeoutMs: 2000, retries: 0 });
    assert.equal(scan.results.length, 1);
    const [r] = scan.results;
    assert.equal(r.status, 'ok');
    assert.equal(r.target, '127.0.0.1');
    assert.equal(r.port, ssh.port);
    assert.equal(r.data.ssh.software, 'dropbear_2022.83');
    // The shipped fingerprints read the banner: the software's maker and name, and its CPE.
    assert.deepEqual(scan.assets[0].services, [{ port: ssh.port, protocol: 'tcp', name: 'ssh', vendor: 'Dropbear SSH Project', product: 'Dropbear SSH', version: '2022.83', banner: 'SSH-2.0-dropbear_2022.83\r\n', cpe: ['cpe:2.3:a:dropbear_ssh_project:dropbear_ssh:2022.83:*:*:*:*:*:*:*'] }]);
    assert.equal(scan.stats.packetsSent, 1);
    assert.equal(scan.stats.responses, 1);
    assert.ok(scan.startedAt && scan.finishedAt);
    assert.equal(res.headers.location, `/v1/scans/${scan.id}`);
  });

  test('a sync answer is byte for byte what GET then reads back from the store, a want scan\'s plan included', async () => {
    for (const body of [
      { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port, 1] }, mode: 'sync', labels: { run: 'bytes' } },
      { targets: ['127.0.0.1'], want: ['hostname'], known: { '127.0.0.1': { facts: { hostname: 'cam' } } }, mode: 'sync' },
    ]) {
      const res = await post(body);
      assert.equal(res.status, 200);
      const read = await request(svc.app).get(`/v1/scans/${res.body.id}`).set(alice);
      assert.equal(res.text, read.text);
    }
  });

  test('sync scans not yet stored still hold their Idempotency-Key: concurrent requests with one key run one scan', async () => {
    const body = { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [silent.port] }, timing: { timeoutMs: 300 }, mode: 'sync', labels: { run: 'sync-key' } };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(body).set('Idempotency-Key', 'sync-key')));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200]);
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal(svc.store.listScans({ owner: 'alice', limit: 500 }).filter((s) => s.request.labels.run === 'sync-key').length, 1);
  });

  test('async scan: 202 + Location; SSE streams each result then end; GET shows it finished', async () => {
    const res = await post({ targets: ['127.0.0.1-127.0.0.2'], probes: [{ type: 'tcp-banner', ports: [ssh.port] }] });
    assert.equal(res.status, 202);
    assert.equal(res.headers.location, `/v1/scans/${res.body.id}`);
    assert.ok(['queued', 'running'].includes(res.body.status));
    const sse = await request(svc.app).get(`${res.headers.location}/events`).set(alice);
    assert.equal(sse.status, 200);
    assert.match(sse.headers['content-type']!, /text\/event-stream/);
    const events = parseSse(sse.text);
    // Results, progress as they are stored (how many depends on when the stream joined), then the end.
    const progress = events.filter((e) => e.event === 'progress');
    const rest = events.filter((e) => e.event !== 'progress');
    assert.deepEqual(rest.map((e) => e.event), ['result', 'result', 'end']);
    assert.deepEqual(rest.map((e) => e.id), ['1', '2', undefined]);
    assert.equal(events.at(-2)!.event, 'progress', 'the final counts come just before the end');
    assert.deepEqual(progress.at(-1)!.data, { targets: 2, hosts: { alive: 2, dead: 0, pending: 0 }, results: 2, packetsSent: 2 });
    assert.deepEqual(rest.at(-1)!.data, { status: 'completed' });
    const targets = rest.slice(0, 2).map((e) => (e.data as { target: string }).target).sort();
    assert.deepEqual(targets, ['127.0.0.1', '127.0.0.2']);
    const again = await request(svc.app).get(`${res.headers.location}/events`).set(alice).set('Last-Event-ID', '1');
    assert.deepEqual(parseSse(again.text).filter((e) => e.event !== 'progress').map((e) => [e.event, e.id]), [['result', '2'], ['end', undefined]]);
    const got = await request(svc.app).get(res.headers.location!).set(alice);
    assert.equal(got.status, 200);
    assert.equal(got.body.status, 'completed');
    assert.equal(got.body.results.length, 2);
  });

  test('labels named __proto__ or constructor are kept and filtered on like any other; a filter on one never matches everything', async () => {
    const body = `{"targets":["127.0.0.1"],"probe":{"type":"tcp-banner","ports":[${ssh.port}]},"mode":"sync","labels":{"__proto__":"p-${process.pid}","constructor":"c"}}`;
    const res = await request(svc.app).post('/v1/scans').set(alice).set('Content-Type', 'application/json').send(body);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(JSON.parse(JSON.stringify(res.body.labels)), JSON.parse(`{"__proto__":"p-${process.pid}","constructor":"c"}`));
    const hit = await request(svc.app).get(`/v1/scans?label=__proto__:p-${process.pid}`).set(alice);
    assert.deepEqual(hit.body.items.map((s: { id: string }) => s.id), [res.body.id]);
    const miss = await request(svc.app).get('/v1/scans?label=__proto__:nothing-has-this').set(alice);
    assert.deepEqual(miss.body.items, []);
  });

  test('timing: count emits each packet count times, retries only after a timeout', async () => {
    const res = await post({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port] }, timing: { count: 3, intervalMs: 5, retries: 2 }, mode: 'sync' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.results.map((r: { attempt: number; tries: number }) => [r.attempt, r.tries]), [[1, 1], [2, 1], [3, 1]]);
    assert.equal(res.body.stats.packetsSent, 3);
  });

  test('a principal sees only its own scans; admin sees all', async () => {
    const mine = await post({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port] }, mode: 'sync' });
    const id = mine.body.id;
    const asBob = await request(svc.app).get(`/v1/scans/${id}`).set(bob);
    assert.equal(asBob.status, 404);
    assert.equal(asBob.body.code, 'not-found');
    assert.equal((await request(svc.app).get(`/v1/scans/${id}/events`).set(bob)).status, 404);
    assert.equal((await request(svc.app).delete(`/v1/scans/${id}`).set(bob)).status, 404);
    const bobList = await request(svc.app).get('/v1/scans').set(bob);
    assert.ok(!bobList.body.items.some((s: { id: string }) => s.id === id));
    assert.equal((await request(svc.app).get(`/v1/scans/${id}`).set(admin)).status, 200);
    const adminList = await request(svc.app).get('/v1/scans?limit=200').set(admin);
    assert.ok(adminList.body.items.some((s: { id: string }) => s.id === id));
  });

  test('list: newest first, limit and cursor pages, status filter, bad query → 400', async () => {
    const carol = bearer(await token({ sub: 'carol' }));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await post({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port] }, mode: 'sync' }, carol)).body.id);
    const p1 = await request(svc.app).get('/v1/scans?limit=2').set(carol);
    assert.equal(p1.status, 200);
    assert.deepEqual(p1.body.items.map((s: { id: string }) => s.id), [ids[2], ids[1]]);
    assert.equal(p1.body.items[0].results, undefined, 'list items carry no results');
    const p2 = await request(svc.app).get(`/v1/scans?limit=2&cursor=${p1.body.nextCursor}`).set(carol);
    assert.deepEqual(p2.body.items.map((s: { id: string }) => s.id), [ids[0]]);
    assert.equal(p2.body.nextCursor, undefined);
    assert.equal((await request(svc.app).get('/v1/scans?status=completed').set(carol)).body.items.length, 3);
    assert.equal((await request(svc.app).get('/v1/scans?status=running').set(carol)).body.items.length, 0);
    for (const q of ['limit=0', 'limit=201', 'limit=abc', 'status=done', 'cursor=xyz']) {
      const bad = await request(svc.app).get(`/v1/scans?${q}`).set(carol);
      assert.equal(bad.status, 400, q);
      assert.equal(bad.body.code, 'validation', q);
    }
  });

  test('cancel: a running scan stops and ends cancelled; cancelling again is idempotent', async () => {
    const res = await post({ targets: ['127.0.0.0/24'], probe: { type: 'tcp-banner', ports: [silent.port] }, timing: { timeoutMs: 30000 } });
    assert.equal(res.status, 202);
    const events = request(svc.app).get(`/v1/scans/${res.body.id}/events`).set(alice);
    const del = await request(svc.app).delete(`/v1/scans/${res.body.id}`).set(alice);
    assert.equal(del.status, 202);
    const streamed = parseSse((await events).text);
    assert.deepEqual(streamed.at(-1), { event: 'end', data: { status: 'cancelled' } });
    const again = await request(svc.app).delete(`/v1/scans/${res.body.id}`).set(alice);
    assert.equal(again.status, 202);
    assert.equal(again.body.status, 'cancelled');
    assert.ok(again.body.results.length < 254, 'not every target was probed');
  });

  test('cancel: a completed scan is not cancelled: 409 scan-finished with its status, and the scan stays as it was', async () => {
    const done = await post({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [1] }, timing: { timeoutMs: 200 }, mode: 'sync' });
    assert.equal(done.status, 200);
    assert.equal(done.body.status, 'completed');
    const del = await request(svc.app).delete(`/v1/scans/${done.body.id}`).set(alice);
    assert.equal(del.status, 409);
    assert.match(del.headers['content-type']!, /application\/problem\+json/);
    assert.equal(del.body.code, 'scan-finished');
    assert.equal(del.body.type, 'urn:pscan:problem:scan-finished');
    assert.equal(del.body.scanStatus, 'completed');
    assert.match(del.body.detail, new RegExp(`scan ${done.body.id} is completed`));
    const after = await request(svc.app).get(`/v1/scans/${done.body.id}`).set(alice);
    assert.deepEqual(after.body, done.body);
  });

  test('out-of-scope: 403 naming the address, and no socket opened', async () => {
    const before = connects;
    for (const [targets, address, why] of [
      [['127.0.0.1', '8.8.8.8'], '8.8.8.8', /\(not in PSCAN_SCOPE_ALLOW\)/],
      [['198.19.255.250-198.20.0.1'], '198.20.0.0', /\(not in PSCAN_SCOPE_ALLOW\)/],
      [['169.254.169.254'], '169.254.169.254', /\(not in PSCAN_SCOPE_ALLOW\)/],
      [['::ffff:8.8.4.4'], '8.8.4.4', /\(not in PSCAN_SCOPE_ALLOW\)/],
      [['2001:db8::1'], '2001:db8::1', /\(not in PSCAN_SCOPE_ALLOW\)/],
      [['127.255.255.255'], '127.255.255.255', /network or broadcast address of a PSCAN_SCOPE_ALLOW range/],
      [['::ffff:127.0.0.0'], '127.0.0.0', /network or broadcast address of a PSCAN_SCOPE_ALLOW range/],
    ] as const) {
      const res = await post({ targets, probe: { type: 'tcp-banner', ports: [22] } });
      assert.equal(res.status, 403, String(targets));
      assert.equal(res.body.code, 'out-of-scope');
      assert.equal(res.body.type, 'urn:pscan:problem:out-of-scope');
      assert.equal(res.body.address, address);
      assert.match(res.body.detail, new RegExp(address.replace(/[.:]/g, '\\$&')));
      assert.match(res.body.detail, why, String(targets));
    }
    assert.equal(connects, before);
  });

  test('too many hosts: 422 naming the budget', async () => {
    const res = await post({ targets: ['127.0.0.0/16'], probe: { type: 'tcp-banner', ports: [22] } });
    assert.equal(res.status, 422);
    assert.equal(res.body.code, 'budget-exceeded');
    assert.equal(res.body.budget, 'maxHostsPerScan');
    assert.equal(res.body.requested, '65534');
  });

  test('malformed JSON → 400; huge body → 413; both problem+json without stack traces', async () => {
    const bad = await request(svc.app).post('/v1/scans').set(alice).set('Content-Type', 'application/json').send('{"targets": [');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'malformed-json');
    assert.equal(bad.body.detail, 'the body is not valid JSON: it ends too early');
    const comma = await request(svc.app).post('/v1/scans').set(alice).set('Content-Type', 'application/json').send('{"targets":["127.0.0.1"],}');
    assert.equal(comma.body.detail, 'the body is not valid JSON: it breaks at character 25');
    // The parser's own message can quote the body (a community in it): it is never passed on.
    const quoted = await request(svc.app).post('/v1/scans').set(alice).set('Content-Type', 'application/json').send('secret-community');
    assert.equal(quoted.body.detail, 'the body is not valid JSON');
    assert.match(bad.headers['content-type']!, /application\/problem\+json/);
    assert.ok(!bad.text.includes('at '), 'no stack trace');
    const huge = await request(svc.app).post('/v1/scans').set(alice).set('Content-Type', 'application/json').send(JSON.stringify({ targets: ['127.0.0.1'], labels: { x: 'a'.repeat(300_000) } }));
    assert.equal(huge.status, 413);
    assert.equal(huge.body.code, 'payload-too-large');
  });

  test('a body not sent as JSON → 415 naming the Content-Type it came with; a POST without a body is not refused for it', async () => {
    const body = JSON.stringify({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [22] } });
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', undefined]) {
      const req = request(svc.app).post('/v1/scans').set(alice);
      const res = await (type ? req.set('Content-Type', type) : req.unset('Content-Type')).send(Buffer.from(body));
      assert.equal(res.status, 415, `${type}: ${res.text}`);
      assert.equal(res.body.code, 'unsupported-media-type');
      assert.match(res.body.detail, new RegExp(`Content-Type: application/json \\(it came as ${type ?? 'no Content-Type'}\\)`));
    }
    const catalog = await request(svc.app).post('/v1/catalogs').set(alice).type('form').send({ name: 'x' });
    assert.deepEqual([catalog.status, catalog.body.code], [415, 'unsupported-media-type'], 'every operation that takes a body');
    // After authentication, and only where a body is taken: a bare POST (a redelivery) and an unknown route are what they are.
    assert.equal((await request(svc.app).post('/v1/scans').set('Content-Type', 'text/plain').send(body)).status, 401);
    const bare = await request(svc.app).post('/v1/scans/scn_01ARZ3NDEKTSV4RRFFQ69G5FAV/deliveries/dlv_01ARZ3NDEKTSV4RRFFQ69G5FAV/redeliver').set(alice).set('Content-Type', 'text/plain').send('x');
    assert.equal(bare.status, 404, bare.text);
    assert.equal((await request(svc.app).post('/v1/nope').set(alice).set('Content-Type', 'text/plain').send('x')).status, 404);
    // No body at all is the validation's: the body must be a JSON object.
    const none = await request(svc.app).post('/v1/scans').set(alice);
    assert.deepEqual([none.status, none.body.code], [400, 'validation']);
  });

  test('invalid fields → 400 with a JSON Pointer for each', async () => {
    const res = await post({
      targets: ['127.0.0.1', 'not-an-ip', 42],
      probes: [{ type: 'tcp-banner', ports: [0, 'x'] }, { type: 'warp-drive' }, { type: 'tcp-banner', ports: [22], colour: 'red' }],
      timing: { timeoutMs: -1, count: 1.5 },
      mode: 'later',
      extra: true,
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'validation');
    const paths = res.body.errors.map((e: { path: string }) => e.path).sort();
    assert.deepEqual(paths, ['/extra', '/mode', '/probes/0/ports/0', '/probes/0/ports/1', '/probes/1/type', '/probes/2/colour', '/targets/1', '/targets/2', '/timing/count', '/timing/timeoutMs']);
    for (const e of res.body.errors) assert.ok(e.message.length > 3);
  });

  test('never a 5xx for a hostile body', async () => {
    const bodies: unknown[] = [
      null, [], 'x', 42, {}, { targets: null }, { targets: [null] }, { targets: ['127.0.0.1'], probes: [null] }, { targets: ['127.0.0.1'], probes: {} },
      { targets: ['127.0.0.1'], probe: [], probes: [] }, { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [22] }, timing: 'fast' },
      { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [22] }, labels: ['a'] }, { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: Array(2000).fill(1) } },
      { targets: ['\u0000', '１２７.0.0.1', '🦄'], probe: { type: 'tcp-banner', ports: [22] } }, { targets: ['127.0.0.1'], probe: { type: { toString: 1 } } },
      { targets: Array(2000).fill('127.0.0.1'), probe: { type: 'tcp-banner', ports: [22] } }, { ['__proto__']: { admin: true }, targets: ['127.0.0.1'] },
      { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [22] }, webhook: { url: 'ftp://x' } },
    ];
    for (const body of bodies) {
      const res = await request(svc.app).post('/v1/scans').set(alice).set('Content-Type', 'application/json').send(JSON.stringify(body));
      assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(body)?.slice(0, 80)} → ${res.status}`);
      assert.match(res.headers['content-type']!, /application\/problem\+json/);
    }
  });

  test('additionalProbes runs nmap -sV on exactly the requested ports; its packets are counted', async () => {
    const res = await post({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port], additionalProbes: true }, mode: 'sync' });
    assert.equal(res.status, 200);
    const deep = res.body.results.find((r: { data?: { nmap?: unknown } }) => r.data?.nmap);
    assert.equal(deep.status, 'ok', JSON.stringify(deep));
    assert.deepEqual(deep.data.nmap.ports.map((p: { port: number; state: string }) => [p.port, p.state]), [[ssh.port, 'open']]);
    assert.ok(deep.data.nmap.args.includes(String(ssh.port)));
    assert.equal(res.body.stats.packetsSent, 1 + deep.data.nmap.packetsCounted);
  });


  test('Idempotency-Key: same key and body → same scan; other body → 422', async () => {
    const body = { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port] }, mode: 'sync' };
    const a = await post(body).set('Idempotency-Key', 'key-1');
    const b = await request(svc.app).post('/v1/scans').set(alice).set('Idempotency-Key', 'key-1').send({ mode: 'sync', probe: body.probe, targets: body.targets });
    assert.equal(a.status, 200);
    assert.equal(b.body.id, a.body.id);
    const c = await post({ ...body, targets: ['127.0.0.2'] }).set('Idempotency-Key', 'key-1');
    assert.equal(c.status, 422);
    assert.equal(c.body.code, 'idempotency-mismatch');
    const other = await post(body, bob).set('Idempotency-Key', 'key-1');
    assert.notEqual(other.body.id, a.body.id, 'keys are per principal');
  });

  test('probe catalogue comes from the registry with defaults and limits', async () => {
    const res = await request(svc.app).get('/v1/probes').set(alice);
    assert.equal(res.status, 200);
    const banner = res.body.probes.find((p: { type: string }) => p.type === 'tcp-banner');
    assert.equal(banner.category, 'safe');
    assert.deepEqual(banner.parameters.find((p: { name: string }) => p.name === 'ports'), { name: 'ports', type: 'ports', description: 'TCP ports to connect to: port numbers and inclusive "a-b" ranges, each port named once ("1-65535" is every port; the packet budget counts the ports named)', required: true, min: 1, max: 65535, minItems: 1, maxItems: 4096 });
    assert.equal(banner.parameters.find((p: { name: string }) => p.name === 'additionalProbes').category, 'intrusive');
    assert.equal(res.body.timing.find((p: { name: string }) => p.name === 'timeoutMs').default, 2000);
  });

  test('health and readiness; unknown routes and ids are 404 problems', async () => {
    assert.deepEqual((await request(svc.app).get('/healthz')).body, { status: 'ok' });
    const ready = await request(svc.app).get('/readyz');
    assert.equal(ready.body.ready, true);
    assert.equal(ready.body.store, 'ok');
    assert.equal(typeof ready.body.nmap.available, 'boolean');
    const nope = await request(svc.app).get('/v2/nothing');
    assert.equal(nope.status, 404);
    assert.equal(nope.body.code, 'not-found');
    assert.equal((await request(svc.app).get('/v1/scans/scn_00000000000000000000000000').set(alice)).status, 404);
    assert.equal((await request(svc.app).get('/v1/scans/..%2f..%2fetc').set(alice)).status, 404);
  });

  test('a method a known path does not take is 405 with Allow, not 404', async () => {
    const put = await request(svc.app).put('/v1/scans').set(alice).send({});
    assert.equal(put.status, 405);
    assert.equal(put.body.code, 'method-not-allowed');
    assert.equal(put.headers.allow, 'POST, GET, HEAD');
    assert.deepEqual(put.body.allowed, ['POST', 'GET', 'HEAD']);
    const patch = await request(svc.app).patch('/v1/scans/scn_00000000000000000000000000').set(alice).send({});
    assert.equal(patch.status, 405);
    assert.equal(patch.headers.allow, 'GET, DELETE, HEAD');
    assert.equal((await request(svc.app).put('/v2/nothing').send({})).status, 404, 'an unknown path is still 404');
  });
});

describe('assets API', () => {
  let svc: Awaited<ReturnType<typeof testService>>;
  let ssh: Awaited<ReturnType<typeof tcpServer>>;
  before(async () => {
    svc = await testService();
    ssh = await tcpServer((s) => s.write('SSH-2.0-dropbear_2022.83\r\n'));
  });
  after(async () => {
    await svc.close(0);
    await ssh.close();
  });

  test('what scans learned, per address, with observation times and freshness; per principal; 404 and 400', async () => {
    const alice = bearer(await token({ sub: 'alice' }));
    const scan = await request(svc.app).post('/v1/scans').set(alice).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port] }, mode: 'sync' });
    assert.equal(scan.status, 200);
    const list = await request(svc.app).get('/v1/assets').set(alice);
    assert.equal(list.status, 200);
    const [asset] = list.body.items;
    assert.equal(list.body.nextCursor, undefined);
    assert.equal(asset.ip, '127.0.0.1');
    assert.deepEqual(asset.services.map((s: { port: number; product: string; scanId: string }) => [s.port, s.product, s.scanId]), [[ssh.port, 'Dropbear SSH', scan.body.id]]);
    assert.ok(asset.services[0].freshness > 0.99 && asset.services[0].freshness <= 1);
    assert.equal((await request(svc.app).get('/v1/assets/127.0.0.1').set(alice)).body.ip, '127.0.0.1');
    assert.equal((await request(svc.app).get('/v1/assets/::ffff:127.0.0.1').set(alice)).body.ip, '127.0.0.1');
    assert.deepEqual((await request(svc.app).get('/v1/assets').set(bearer(await token({ sub: 'bob' })))).body, { items: [] });
    assert.equal((await request(svc.app).get('/v1/assets').set(bearer(await token({ sub: 'root', scopes: 'admin' })))).body.items.length, 1);
    assert.equal((await request(svc.app).get('/v1/assets/10.9.9.9').set(alice)).status, 404);
    assert.equal((await request(svc.app).get('/v1/assets/not-an-ip').set(alice)).status, 400);
  });
});
