import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { packageRoot } from '../../src/util/package-root.js';
import { runProcess } from '../support/process.js';
import { lab, startLabService } from './lab-service.js';

const examples = path.join(packageRoot(), 'examples');
const ip = (name: string): string => lab.devices[name]!.ip;

const run = (script: string, env: Record<string, string>) => runProcess('bash', [path.join(examples, script)], env);

describe('lab: the example scripts work as their comments say', () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  let svc: Awaited<ReturnType<typeof startLabService>>;
  let env: Record<string, string>;
  before(async () => {
    svc = await startLabService({ PSCAN_WEBHOOK_ALLOW: '127.0.0.1', PSCAN_FRAGILE_GAP_MS: '50' });
    env = { PSCAN_URL: svc.server.url, PSCAN_TOKEN: svc.auth.Authorization!.slice(7) };
  });
  after(() => svc.stop());

  const completed = async (script: string, extra: Record<string, string>) => {
    const r = await run(script, { ...env, ...extra });
    assert.equal(r.code, 0, `${script}: ${r.stderr}${r.stdout}`);
    const scan = JSON.parse(r.stdout);
    assert.equal(scan.status, 'completed', script);
    return scan;
  };

  test('one script per probe', async () => {
    const banner = await completed('banner.sh', { TARGET: ip('cam'), PORTS: '22,80' });
    assert.deepEqual(banner.results.map((r: { status: string }) => r.status), ['ok', 'ok']);
    const snmp = await completed('snmp.sh', { TARGET: ip('printer'), COMMUNITY: 'lab-printer-ro' });
    assert.equal(snmp.assets[0].hostname, 'printer-lab');
    const mdns = await completed('mdns.sh', { TARGET: ip('cast') });
    assert.equal(mdns.results[0].status, 'ok');
    const ssdp = await completed('ssdp.sh', { TARGET: ip('nas'), MX: '1' });
    assert.equal(ssdp.results[0].data.descriptions[0].device.modelName, 'Lab NAS DLNA');
    const classify = await completed('classify.sh', { TARGET: ip('cam') });
    assert.equal(classify.results[0].status, 'ok');
  });

  test('the NDR contextual probe and the SOAR playbook step, with the example receiver verifying the signature', async () => {
    const ndr = await completed('ndr-contextual-probe.sh', { TARGET: ip('printer'), COMMUNITY: 'lab-printer-ro', IDLE_PORT: '80', ALERT_ID: 'A-42' });
    assert.deepEqual(ndr.labels, { source: 'ndr', alert: 'A-42' });
    assert.equal(ndr.request.profile, 'fragile');
    assert.equal(ndr.assets[0].hostname, 'printer-lab');

    const receiver = spawn(process.execPath, [path.join(examples, 'webhook-receiver.mjs')], { env: { ...process.env, WEBHOOK_SECRET: secret, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let err = '';
      receiver.stderr!.on('data', (d) => (err += d));
      while (!/listening on (\S+)/.test(err)) await once(receiver.stderr!, 'data');
      const url = `${/listening on (\S+)/.exec(err)![1]}/hook`;
      const r = await run('soar-characterise-ip.sh', { ...env, TARGET: ip('cam'), WEBHOOK_URL: url, WEBHOOK_SECRET: secret, CASE_ID: 'C-7' });
      assert.equal(r.code, 0, r.stderr);
      const created = JSON.parse(r.stdout);
      let out = '';
      receiver.stdout!.on('data', (d) => (out += d));
      while (!out.includes('\n')) await once(receiver.stdout!, 'data');
      const event = JSON.parse(out.split('\n')[0]!);
      assert.equal(event.type, 'scan.completed');
      assert.equal(event.scan.id, created.id);
      assert.deepEqual(event.scan.labels, { source: 'soar', case: 'C-7' });
    } finally {
      receiver.kill();
    }
  });
});
