import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import type { AssetChange, Scan } from '../../src/api/model.js';
import { Receiver, type Received } from '../support/receiver.js';
import { lab, syncScan, useLabService } from './lab-service.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const CAM = lab.devices.cam!.ip;
/** A port nothing on the camera listens on (devices.json): it answers RST until the test opens it. */
const NEW_PORT = 2323;

/** A TCP service on the camera, in its namespace, as if its firmware had opened a port; resolves once it listens. */
async function openPortOnCam(): Promise<ChildProcess> {
  const script = `require('net').createServer((c) => c.end('SSH-2.0-NewService_1.0\\r\\n')).listen(${NEW_PORT}, '0.0.0.0', () => console.log('listening'))`;
  const child = spawn('ip', ['netns', 'exec', 'pscan-cam', process.execPath, '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the listener in pscan-cam exited (${code}) before listening`);
  });
  const listening = (async () => {
    for await (const line of lines) if (line === 'listening') return;
  })();
  await Promise.race([listening, exited]);
  exited.catch(() => undefined);
  return child;
}

describe('lab: a port opened on a device is a change in the scan, in the feed and as a signed webhook', () => {
  let receiver: Receiver;
  let listener: ChildProcess | undefined;
  before(async () => {
    receiver = await new Receiver((_p, _n, res) => res.writeHead(204).end()).listen();
  });
  after(async () => {
    listener?.kill();
    await receiver.close();
  });
  const svc = useLabService({ PSCAN_WEBHOOK_ALLOW: '127.0.0.1', PSCAN_WEBHOOK_SECRET: SECRET });

  const scanCam = (webhook?: object) =>
    syncScan<unknown>(svc, { targets: [CAM], probe: { type: 'tcp-banner', ports: [22, NEW_PORT] }, timing: { timeoutMs: 1000 }, ...(webhook ? { webhook } : {}) }) as Promise<Scan>;
  const kinds = (scan: Scan): string[][] => (scan.assets[0]?.changes ?? []).map((c) => [c.kind, c.fact ?? '']);

  async function changedEvent(scanId: string): Promise<Received> {
    for (;;) {
      const found = receiver.requests.find((r) => JSON.parse(r.body).type === 'asset.changed' && JSON.parse(r.body).data.scanId === scanId);
      if (found) return found;
      await once(receiver, 'request');
    }
  }

  test('scan, open a port, scan again, close it, scan again', async () => {
    const first = await scanCam();
    assert.equal(first.results.find((r) => r.port === NEW_PORT)!.status, 'closed', 'the camera refuses the port before it is opened');
    assert.deepEqual(kinds(first), [['asset.new', '']]);
    assert.equal(first.assets[0]!.mac, lab.devices.cam!.mac);

    listener = await openPortOnCam();
    const second = await scanCam({ url: receiver.url('/soar'), events: ['asset.changed'] });
    assert.deepEqual(kinds(second), [['service.opened', `tcp/${NEW_PORT}`]], 'the same MAC, vendor and SSH banner are no change');
    const opened = second.assets[0]!.changes![0]!;
    assert.deepEqual(opened.before!.service, { state: 'closed' });
    assert.equal(opened.before!.scanId, first.id);
    assert.equal(opened.after!.service!.state, 'open');

    const feed = (await request(svc.server.url).get('/v1/changes').query({ kind: 'service.opened', cidr: `${CAM}/32` }).set(svc.auth)).body as { items: AssetChange[] };
    assert.deepEqual(feed.items.map((c) => [c.kind, c.fact, c.scanId]), [['service.opened', `tcp/${NEW_PORT}`, second.id]]);

    const hook = await changedEvent(second.id);
    const event = new Webhook(SECRET).verify(hook.body, hook.headers as Record<string, string>) as { type: string; data: { scanId: string; changes: AssetChange[] } };
    assert.equal(event.type, 'asset.changed');
    assert.deepEqual(event.data.changes.map((c) => [c.kind, c.ip, c.fact]), [['service.opened', CAM, `tcp/${NEW_PORT}`]]);

    listener.kill();
    await once(listener, 'exit');
    listener = undefined;
    const third = await scanCam();
    assert.deepEqual(kinds(third), [['service.closed', `tcp/${NEW_PORT}`]]);
  });

  test('a device that drops everything is never reported closed: a timeout is not a close', async () => {
    const dropped = lab.devices.dropped!.ip;
    const body = { targets: [dropped], probe: { type: 'tcp-banner', ports: [22] }, timing: { timeoutMs: 300 }, discovery: 'none' };
    const first = await syncScan<unknown>(svc, body);
    const second = await syncScan<unknown>(svc, body);
    assert.deepEqual([first.results[0]!.status, second.results[0]!.status], ['timeout', 'timeout']);
    const feed = (await request(svc.server.url).get('/v1/changes').query({ cidr: `${dropped}/32` }).set(svc.auth)).body as { items: AssetChange[] };
    assert.equal(feed.items.some((c) => c.kind === 'service.closed'), false);
  });
});
