import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import request from 'supertest';
import { packageRoot } from '../../src/util/package-root.js';
import { closedPorts, tcpServer } from '../support/probe-context.js';
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
  server.closeAllConnections();
  server.close();
  await svc.close(0);
  await ssh.close();
});

/** A loopback server that says its banner only when the test releases it: a result the test controls. */
async function heldServer(banner: string) {
  const waiting: net.Socket[] = [];
  let connected: () => void;
  const connection = new Promise<void>((r) => (connected = r));
  let released = false;
  const srv = await tcpServer((s) => {
    if (released) s.write(banner);
    else waiting.push(s);
    connected();
  });
  return {
    ...srv,
    connection,
    release() {
      released = true;
      for (const s of waiting.splice(0)) s.write(banner);
    },
  };
}

/** A console page signed in with a token of its own principal, so each test sees only its own scans and assets. */
async function signedIn(sub: string, hash = '#/'): Promise<{ page: Page; auth: Record<string, string> }> {
  const t = await token({ sub });
  const page = await browser.newPage({ viewport: { width: 1240, height: 900 } });
  await page.goto(`${base}/ui${hash}`);
  await page.fill('#token', t);
  await page.click('#auth button[type=submit]');
  return { page, auth: bearer(t) };
}

/** The error place of the field holding `control`, within `scope`. */
const fieldError = (page: Page, control: string, scope = '#view') => page.locator(`${scope} label:has(${control}) > .field-error`);

test('the console is static files under a CSP that allows scripts and styles from the server only', async () => {
  for (const [p, type] of [['/ui', /text\/html/], ['/ui/console.js', /javascript/], ['/ui/console.css', /text\/css/]] as const) {
    const res = await request(svc.app).get(p);
    assert.equal(res.status, 200, p);
    assert.match(res.headers['content-type']!, type);
    assert.match(res.headers['content-security-policy']!, /script-src 'self'; style-src 'self'; connect-src 'self'/);
    assert.doesNotMatch(res.headers['content-security-policy']!, /unsafe-inline/);
  }
  const js = readFileSync(path.join(packageRoot(), 'ui', 'console.js'), 'utf8');
  const unsafe = /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|localStorage|new EventSource/.exec(js);
  assert.equal(unsafe, null, 'data never becomes markup; the token stays in sessionStorage and headers');
  assert.doesNotMatch(readFileSync(path.join(packageRoot(), 'ui', 'index.html'), 'utf8'), /<script>|<style>|https?:\/\//, 'nothing inline, nothing from elsewhere');
});

test('a scan launched from the page: its results arrive live on the scan page from the event stream, without reloading', async () => {
  const held = await heldServer('220 cam FTP server (vsftpd 3.0.3) ready\r\n');
  const last = await heldServer('220 mail.example ESMTP Postfix\r\n');
  try {
    const { page } = await signedIn('ui-live');
    const scanReads: string[] = [];
    const streams: (string | null)[] = [];
    page.on('request', (r) => {
      if (/\/v1\/scans\/scn_[^/]+$/.test(r.url()) && r.method() === 'GET') scanReads.push(r.url());
      if (r.url().endsWith('/events')) streams.push(r.headers()['authorization'] ?? null);
    });
    await page.fill('#targets', '127.0.0.1');
    assert.equal(await page.isHidden('#auth'), true, 'signed in: the token field is gone');
    assert.ok(await page.isChecked('input[name="use-tcp-banner"]'), 'the first probe of /v1/probes is ticked');
    await page.fill('input[name="tcp-banner.ports"]', `${ssh.port}, ${held.port}, ${last.port}`);
    await page.fill('input[name="timing.timeoutMs"]', '30000');
    await page.fill('input[name="label"]', 'from:ui-test');
    await page.click('#launch button[type=submit]');
    await page.waitForURL(/#\/scans\/scn_/);
    const id = decodeURIComponent(new URL(page.url()).hash.slice('#/scans/'.length));
    assert.equal(await page.locator('#scan-id').innerText(), id);
    await page.evaluate(() => ((globalThis as unknown as { stayed: boolean }).stayed = true));
    await page.locator('#live').waitFor();
    await held.connection;

    // The held port answers now: its result can only reach the page through the open stream.
    held.release();
    await page.locator(`#results tr[data-seq]:has-text("${held.port}/tcp")`).waitFor();
    assert.equal(await page.locator('#scan-status').innerText(), 'running');
    assert.equal(scanReads.length, 1, 'the scan was read once, when the page opened');
    assert.equal(streams.length, 1);
    assert.match(streams[0]!, /^Bearer ey/, 'the stream is read with the token in a header, not the URL');
    assert.match(await page.locator(`#results tr:has-text("${held.port}/tcp")`).innerText(), /ok.*service=ftp product=vsftpd version=3\.0\.3/s);

    await last.connection;
    last.release();
    await page.locator('#scan-status:has-text("completed")').waitFor();
    assert.equal(await page.locator('#live').isHidden(), true);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed), true, 'the same page, never reloaded');
    const rows = await page.locator('#results tbody tr').allInnerTexts();
    assert.equal(rows.length, 3);
    assert.ok(rows.some((r) => r.includes(`${ssh.port}/tcp`) && r.includes('service=ssh product=dropbear version=2022.83')));
    assert.equal(await page.locator('#stat-results').innerText(), '3');
    assert.equal(await page.locator('#stat-hosts').innerText(), '1 / 0 / 0');
    assert.match(await page.locator('#scan-assets tr[data-ip="127.0.0.1"]').innerText(), /os: Linux\s*tcp-banner #\d+, inferred/);
    const scan = await request(svc.app).get(`/v1/scans/${id}`).set(bearer(await token({ sub: 'ui-live' })));
    assert.deepEqual(scan.body.labels, { from: 'ui-test' });
    assert.deepEqual(scan.body.request.timing.timeoutMs, 30000);

    const shot = path.join(process.env.UPDATE_SCREENSHOT ? path.join(packageRoot(), 'docs') : mkdtempSync(path.join(tmpdir(), 'pscan-ui-')), 'ui.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.deepEqual([...readFileSync(shot).subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG');
  } finally {
    await held.close();
    await last.close();
  }
});

test('the API\'s validation errors appear next to the fields they name, and nothing is launched', async () => {
  const { page, auth } = await signedIn('ui-invalid');
  await page.fill('#targets', 'nope, 127.0.0.1');
  await page.fill('input[name="tcp-banner.ports"]', '22, 70000');
  await page.fill('input[name="timing.timeoutMs"]', '0');
  await page.click('#launch button[type=submit]');
  await fieldError(page, '#targets').filter({ hasText: /./ }).waitFor();
  assert.equal(await fieldError(page, '#targets').innerText(), '/targets/0 "nope" is not a valid IP address');
  assert.equal(await fieldError(page, 'input[name="tcp-banner.ports"]').innerText(), '/probes/0/ports/1 must be between 1 and 65535');
  assert.equal(await fieldError(page, 'input[name="timing.timeoutMs"]').innerText(), 'must be between 1 and 30000');
  assert.equal(await page.locator('#targets.invalid').count(), 1);

  // Out of scope: the 403's pointer names the target.
  await page.fill('#targets', '127.0.0.1 10.0.0.1');
  await page.fill('input[name="tcp-banner.ports"]', '22');
  await page.fill('input[name="timing.timeoutMs"]', '');
  await page.click('#launch button[type=submit]');
  await fieldError(page, '#targets').filter({ hasText: /10\.0\.0\.1/ }).waitFor();
  assert.match(await fieldError(page, '#targets').innerText(), /^\/targets\/1 10\.0\.0\.1 \(\/targets\/1\) is outside the allowed scope/);
  assert.equal(await fieldError(page, 'input[name="tcp-banner.ports"]').innerText(), '', 'errors of the last try are cleared');

  // No probe ticked, and a want scan with no fact: each named where it belongs.
  await page.uncheck('input[name="use-tcp-banner"]');
  await page.click('#launch button[type=submit]');
  await page.locator('#probe-section > .field-error').filter({ hasText: /./ }).waitFor();
  assert.equal(await page.locator('#probe-section > .field-error').innerText(), 'must be an array of 1 to 16 probes');
  await page.check('input[name=kind][value=want]');
  await page.click('#launch button[type=submit]');
  await page.locator('#want-field > .field-error').filter({ hasText: /./ }).waitFor();
  assert.match(await page.locator('#want-field > .field-error').innerText(), /^must be an array of 1 to 7 of: hostname, manufacturer/);
  assert.match(page.url(), /#\/$/, 'still on the form');
  assert.equal((await request(svc.app).get('/v1/scans').set(auth)).body.items.length, 0);
});

test('the scan page of a want scan shows its plan: every wanted fact known, no packet, done at once', async () => {
  const { page, auth } = await signedIn('ui-plan');
  await page.locator('#scans').waitFor();
  const scan = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], want: ['hostname'], known: { '127.0.0.1': { facts: { hostname: 'x' } } }, labels: { case: 'plan' } });
  assert.equal(scan.status, 202);
  // The list reads itself again while a scan in it moves; the id leads to the scan page.
  await page.fill('#scan-filter input[name=label]', 'case:plan');
  await page.click('#scan-filter button[type=submit]');
  await page.click(`#scans a:text("${scan.body.id}")`);
  await page.locator('#plan tbody tr').first().waitFor();
  await page.locator('#scan-status:has-text("completed")').waitFor();
  assert.equal(await page.locator('#plan-summary').innerText(), 'Wanted: hostname · targets with every wanted fact: 1');
  const steps = await page.locator('#plan tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)));
  assert.deepEqual(steps, [['discovery', '—', '', '1', '0', '']]);
  assert.equal(await page.locator('#stat-packets').innerText(), '0');
  assert.equal(await page.locator('#results tbody tr').innerText(), 'No result yet.');
  assert.match(await page.locator('#scan-assets tr[data-ip="127.0.0.1"]').innerText(), /hostname: x\s*known, stated/);
  // A label that matches nothing empties the list; a malformed one is the API's 400, beside the field.
  await page.goto(`${base}/ui#/`);
  await page.fill('#scan-filter input[name=label]', 'case:none');
  await page.click('#scan-filter button[type=submit]');
  await page.locator('#scans:has-text("No scans yet")').waitFor();
  await page.fill('#scan-filter input[name=label]', 'no-colon');
  await page.click('#scan-filter button[type=submit]');
  await fieldError(page, 'input[name=label]', '#scan-filter').filter({ hasText: /./ }).waitFor();
});

test('the scan page lists the wanted facts the plan could not find, with why', async () => {
  const { page, auth } = await signedIn('ui-unmet');
  await page.locator('#scans').waitFor();
  const scan = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], want: ['hostname', 'model'], known: { '127.0.0.1': { facts: { hostname: 'x' } } }, mode: 'sync' });
  assert.equal(scan.status, 200, scan.text);
  await page.goto(`${base}/ui#/scans/${scan.body.id}`);
  const item = page.locator('#plan-unmet li[data-fact="model"]');
  await item.waitFor();
  assert.match(await item.innerText(), /^model on 1 target\(s\): .*SNMP was not asked: no credentials/);
  assert.equal(await page.locator('#plan-unmet li').count(), 1, 'the known hostname is not listed');
});

test('the plan of a scan that ran on sensors names the site of each step', async () => {
  const auth = bearer(await token({ sub: 'ui-sites' }));
  const scan = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], want: ['hostname'], known: { '127.0.0.1': { facts: { hostname: 'x' } } }, mode: 'sync' });
  assert.equal(scan.status, 200);
  // This service has no sensors: the scan as a sensor-run one would read, its step tagged with its site.
  const { page } = await signedIn('ui-sites', `#/scans/${scan.body.id}`);
  await page.route(`**/v1/scans/${scan.body.id}`, async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    body.plan.steps = body.plan.steps.map((step: object) => ({ ...step, site: 'north' }));
    await route.fulfill({ response: res, json: body });
  });
  await page.reload();
  await page.locator('#plan tbody tr').first().waitFor();
  assert.equal(await page.locator('#plan tbody tr td').first().innerText(), 'discovery (site north)');
});

test('the asset page shows each fact with its source, confidence, time and freshness, services and every observation', async () => {
  const auth = bearer(await token({ sub: 'ui-asset' }));
  const banner = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port] }, mode: 'sync' });
  const known = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], want: ['hostname'], known: { '127.0.0.1': { facts: { hostname: '<b>cam-7</b>' } } }, mode: 'sync' });
  assert.deepEqual([banner.status, known.status], [200, 200]);
  const { page } = await signedIn('ui-asset');
  await page.click('#assets a:text("127.0.0.1")');
  await page.locator('#asset-facts tr[data-fact=hostname]').waitFor();
  const cells = (fact: string) => page.locator(`#asset-facts tr[data-fact=${fact}] > *`).allInnerTexts();
  const hostname = await cells('hostname');
  assert.deepEqual(hostname.slice(0, 4), ['hostname', '<b>cam-7</b>', 'known', 'stated'], 'a device string is text, not markup');
  assert.match(hostname[4]!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \d+ s ago$/);
  assert.equal(hostname[5], '1.00');
  assert.equal(hostname[6], known.body.id);
  const os = await cells('os');
  assert.deepEqual([os[1], os[2], os[3], os[5]], ['Linux', 'tcp-banner', 'inferred', '1.00']);
  assert.equal(os[6], `${banner.body.id} #1`);
  assert.equal(await page.locator('#asset-facts b').count(), 0);
  const service = await page.locator(`#asset-services tr[data-port="${ssh.port}/tcp"] > td`).allInnerTexts();
  assert.deepEqual([service[1], service[2], service[3], service[5], service[7]], ['ssh', 'Dropbear SSH', '2022.83', 'result #1', '1.00']);
  assert.equal(await page.locator('#asset-history tbody tr').count(), 3);
  assert.equal(await page.locator('#asset-facts tr[data-fact=hostname] .bar i').evaluate((i) => (i as unknown as { style: { width: string } }).style.width), '100%');
  // An address nothing is known of: the API's 404 on the page.
  await page.goto(`${base}/ui#/assets/127.0.0.9`);
  await page.locator('#error:not(:empty)').waitFor();
  assert.match(await page.locator('#error').innerText(), /^404 /);
});

test('quiet by default: the scan\'s results and the asset\'s observations list what answered and count closed ports, with a box to show them all', async () => {
  const auth = bearer(await token({ sub: 'ui-quiet' }));
  const closed = await closedPorts(3);
  const scan = await request(svc.app).post('/v1/scans').set(auth).send({ targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port, ...closed] }, mode: 'sync' });
  assert.equal(scan.status, 200);
  assert.equal(scan.body.results.filter((r: { status: string }) => r.status === 'closed').length, 3);
  const { page } = await signedIn('ui-quiet', `#/scans/${scan.body.id}`);
  await page.locator('#results-hidden').waitFor();
  assert.equal(await page.locator('#results tbody tr:visible').count(), 1, 'only the port that answered');
  assert.match(await page.locator('#results tbody tr:visible').innerText(), new RegExp(`${ssh.port}/tcp`));
  assert.equal(await page.locator('#results-hidden').innerText(), 'Not shown: 3 closed');
  await page.check('#results-all');
  assert.equal(await page.locator('#results tbody tr:visible').count(), 4);
  assert.equal(await page.locator('#results-hidden').innerText(), 'Shown: 3 closed');
  await page.uncheck('#results-all');
  assert.equal(await page.locator('#results tbody tr:visible').count(), 1);

  await page.goto(`${base}/ui#/assets/127.0.0.1`);
  await page.locator('#asset-history-hidden').waitFor();
  assert.equal(await page.locator('#asset-history-hidden').innerText(), 'Not shown: 3 closed port intervals');
  const visible = await page.locator('#asset-history tbody tr:visible').allInnerTexts();
  assert.ok(!visible.some((t) => /\bclosed\b/.test(t)), visible.join('\n'));
  assert.ok(visible.some((t) => t.includes(`tcp/${ssh.port}`)), 'the open port is listed');
  await page.check('#asset-history-all');
  assert.equal((await page.locator('#asset-history tbody tr:visible').allInnerTexts()).filter((t) => /\bclosed\b/.test(t)).length, 3);
  await page.close();
});

test('the asset filters narrow the list by what the API filters on; a bad filter is named beside its field', async () => {
  const auth = bearer(await token({ sub: 'ui-filter' }));
  for (const body of [
    { targets: ['127.0.0.1'], probe: { type: 'tcp-banner', ports: [ssh.port] }, mode: 'sync' },
    { targets: ['127.0.0.2'], want: ['hostname'], known: { '127.0.0.2': { facts: { hostname: 'printer', manufacturer: 'Brother' } } }, mode: 'sync' },
  ]) assert.equal((await request(svc.app).post('/v1/scans').set(auth).send(body)).status, 200);
  const { page } = await signedIn('ui-filter');
  const listed = async () => page.locator('#assets tbody tr').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { ip?: string } }).dataset.ip ?? r.textContent));
  const filter = async (values: Record<string, string>) => {
    for (const name of ['cidr', 'port', 'service', 'manufacturer', 'seenSince', 'minFreshness']) await page.fill(`#asset-filter input[name=${name}]`, values[name] ?? '');
    // The submit marks the list busy synchronously; it is cleared once the answer is rendered, not merely received.
    await page.click('#asset-filter button[type=submit]');
    await page.locator('#assets-list:not([aria-busy])').waitFor();
  };
  await page.locator('#assets tr[data-ip="127.0.0.2"]').waitFor();
  assert.deepEqual(await listed(), ['127.0.0.1', '127.0.0.2']);
  await filter({ port: String(ssh.port) });
  assert.deepEqual(await listed(), ['127.0.0.1']);
  await filter({ manufacturer: 'brot' });
  assert.deepEqual(await listed(), ['127.0.0.2']);
  await filter({ cidr: '127.0.0.0/31', service: 'ssh', seenSince: '1h', minFreshness: '0.9' });
  assert.deepEqual(await listed(), ['127.0.0.1']);
  await filter({ service: 'rtsp' });
  assert.deepEqual(await listed(), ['No asset matches these filters.']);
  await filter({ cidr: '127.0.0.0/99', port: '0' });
  assert.equal(await fieldError(page, 'input[name=cidr]', '#asset-filter').innerText(), 'is not a CIDR or an address, e.g. 192.168.1.0/24');
  assert.equal(await fieldError(page, 'input[name=port]', '#asset-filter').innerText(), 'must be a port number, 1–65535');
  assert.equal(await fieldError(page, 'input[name=service]', '#asset-filter').innerText(), '');
});

test('a bad token shows the API problem on the page, nothing else, and asks for another', async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/ui`);
  await page.fill('#token', 'not-a-token');
  await page.click('#auth button[type=submit]');
  await page.locator('#error:not(:empty)').waitFor();
  assert.match(await page.locator('#error').innerText(), /^401 Unauthorized/);
  assert.equal(await page.locator('#view').innerText(), '');
  assert.equal(await page.isVisible('#token'), true);
  assert.equal(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('pscan-token')), null);
  assert.doesNotMatch(page.url(), /token/);
});
