import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import createClient from 'openapi-fetch';
import type { components, paths } from '../../src/http/generated/api-types.js';
import { tcpServer } from '../support/probe-context.js';
import { testService, token } from '../support/service.js';

// A client generated from the committed document (openapi-typescript types, openapi-fetch), type
// checked with the rest of the code: a document that generators mistype breaks the typecheck.
let svc: Awaited<ReturnType<typeof testService>>;
let server: ReturnType<Awaited<ReturnType<typeof testService>>['app']['listen']>;
let client: ReturnType<typeof createClient<paths>>;
before(async () => {
  svc = await testService();
  server = svc.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  client = createClient<paths>({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, headers: { Authorization: `Bearer ${await token()}` } });
});
after(async () => {
  server.close();
  await svc.close(0);
});

test('a generated client creates a sync scan and reads its typed results', async () => {
  const ssh = await tcpServer((s) => s.write('SSH-2.0-dropbear_2022.83\r\n'));
  try {
    const probe: components['schemas']['ProbeSpec'] = { type: 'tcp-banner', ports: [ssh.port] };
    const { data, error, response } = await client.POST('/v1/scans', { body: { targets: ['127.0.0.1'], probe, mode: 'sync' } });
    assert.equal(response.status, 200, JSON.stringify(error));
    assert.equal(data?.status, 'completed');
    const result: components['schemas']['ProbeResult'] | undefined = data?.results[0];
    assert.equal(result?.status, 'ok');
  } finally {
    await ssh.close();
  }
});

test('a generated client gets errors as typed problems', async () => {
  const { data, error, response } = await client.GET('/v1/scans/{id}', { params: { path: { id: 'scn_00000000000000000000000000' } } });
  assert.equal(data, undefined);
  assert.equal(response.status, 404);
  assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  const problem: components['schemas']['Problem'] | undefined = error;
  assert.equal(problem?.code, 'not-found');
});

test('probe specs are a tagged union for generated clients', () => {
  const mdns: components['schemas']['ProbeSpec'] = { type: 'mdns', name: '_googlecast._tcp.local' };
  // @ts-expect-error a tcp-banner spec has no `name`: the union is discriminated by `type`
  const wrong: components['schemas']['ProbeSpec'] = { type: 'tcp-banner', ports: [80], name: 'x' };
  assert.notEqual(mdns.type, wrong.type);
});

test('a generated client reads the JSON operations as plain JSON types (the exports are operations of their own)', async () => {
  const created = await client.POST('/v1/scans', { body: { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [9] }, mode: 'sync' } });
  const id = created.data!.id;
  // Typed as the JSON page, not `ResultPage | string`: a field read needs no narrowing.
  const results = await client.GET('/v1/scans/{id}/results', { params: { path: { id }, query: { status: ['closed,timeout'], limit: 10 } } });
  const page: components['schemas']['ResultPage'] | undefined = results.data;
  assert.ok(page?.items.every((r) => r.status === 'closed' || r.status === 'timeout'));
  const assets = await client.GET('/v1/assets', { params: { query: { cidr: '127.0.0.0/8' } } });
  const items: components['schemas']['AssetView'][] | undefined = assets.data?.items;
  assert.ok(Array.isArray(items));
  const csv = await client.GET('/v1/scans/{id}/results/export', { params: { path: { id }, query: { format: 'csv' } }, parseAs: 'text' });
  const text: string | undefined = csv.data;
  assert.match(text ?? '', /^seq,target,probe,/);
});
