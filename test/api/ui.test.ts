import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { packageRoot } from '../../src/util/package-root.js';
import { tcpServer } from '../support/probe-context.js';
import { bearer, testService, token } from '../support/service.js';

// Debian's Chromium (.ci/run installs it), with every background connection switched off.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let svc: Awaited<ReturnType<typeof testService>>;
let server: ReturnType<Awaited<ReturnType<typeof testService>>['app']['listen']>;
let browser: Browser;
let base: string;
let ssh: Awaited<ReturnType<typeof tcpServer>>;

before(async () => {
  svc = await testService();
  server = svc.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ssh = await tcpServer((s) => s.write('SSH-2.0-dropbear_2022.83\r\n'));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser.close();
  server.close();
  await svc.close(0);
  await ssh.close();
});

test('the /ui page lists assets with their facts, services, freshness, and recent scans', async () => {
  const t = await token();
  const scan = await request(svc.app).post('/v1/scans').set(bearer(t)).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port] }, mode: 'sync', labels: { from: 'ui-test' } });
  assert.equal(scan.status, 200);
  const page = await browser.newPage({ viewport: { width: 1200, height: 640 } });
  await page.goto(`${base}/ui`);
  assert.equal(await page.title(), 'pScan — assets');
  await page.fill('#token', t);
  await page.click('button[type=submit]');
  const row = page.locator('#assets tr[data-ip="127.0.0.1"]');
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[0], '127.0.0.1');
  assert.match(cells[5]!, new RegExp(`${ssh.port}/tcp ssh dropbear 2022\\.83`));
  assert.match(cells[5]!, /s ago/);
  assert.equal(await row.locator('.bar i').first().getAttribute('style'), 'width:100%');
  const scans = await page.locator('#scans tbody tr').allInnerTexts();
  assert.ok(scans.some((s) => s.includes(scan.body.id) && s.includes('completed')));
  const shot = path.join(process.env.UPDATE_SCREENSHOT ? path.join(packageRoot(), 'docs') : mkdtempSync(path.join(tmpdir(), 'pscan-ui-')), 'ui.png');
  await page.screenshot({ path: shot, fullPage: true });
  assert.deepEqual([...readFileSync(shot).subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG');
});

test('a bad token shows the API problem on the page, nothing else', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/ui`);
  await page.fill('#token', 'not-a-token');
  await page.click('button[type=submit]');
  await page.locator('#error:not(:empty)').waitFor();
  assert.match(await page.locator('#error').innerText(), /^401 Unauthorized/);
  assert.equal(await page.locator('#assets tbody tr').count(), 0);
});
