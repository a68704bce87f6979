import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import type { DeliveryRecord } from '../store/store.js';
import { backoffMs, eventFor, nextState, parseRetryAfter } from './outbox.js';
import { isValidSecret, signedHeaders } from './signer.js';
import { TrySlots } from './try-slots.js';
import { hostOf, WebhookUrlPolicy } from './url-policy.js';

test('signatures verify with the standardwebhooks package', () => {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const body = JSON.stringify({ type: 'scan.completed', data: { id: 'scn_1' } });
  const headers = signedHeaders(secret, 'msg_1', body);
  assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
  assert.throws(() => new Webhook(secret).verify(`${body} `, headers));
  assert.ok(isValidSecret(secret));
  for (const bad of ['whsec_', 'whsec_short', 'secret', `whsec_${randomBytes(100).toString('base64')}`]) assert.ok(!isValidSecret(bad), bad);
});

test('backoff doubles with ±20 % jitter and caps at an hour; Retry-After as seconds or date', () => {
  assert.equal(backoffMs(1, 5000, () => 0.5), 5000);
  assert.equal(backoffMs(3, 5000, () => 0.5), 20000);
  assert.equal(backoffMs(30, 5000, () => 0.5), 3600000);
  assert.equal(backoffMs(1, 5000, () => 0), 4000);
  assert.equal(backoffMs(1, 5000, () => 1), 6000);
  assert.equal(parseRetryAfter('120'), 120000);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')), 60000);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(undefined), undefined);
});

test('what a try means: 2xx delivered, 410 gone, 3xx and errors retried until the horizon', () => {
  const settings = { timeoutMs: 1000, retryBaseMs: 1000, retryForMs: 24 * 3600 * 1000 };
  const d: DeliveryRecord = { id: 'msg_1', scanId: 's', url: 'https://x/', secret: 's', status: 'pending', attempts: 0, activatedAt: 0, createdAt: '' };
  assert.deepEqual(nextState(d, { statusCode: 204 }, settings, 10), { status: 'delivered' });
  assert.equal(nextState(d, { statusCode: 410 }, settings, 10).status, 'gone');
  const redirect = nextState(d, { statusCode: 302 }, settings, 10);
  assert.equal(redirect.status, 'pending');
  assert.match(redirect.lastError!, /redirects are not followed/);
  assert.ok(nextState(d, { statusCode: 503, retryAfterMs: 600000 }, settings, 10).nextAttemptAt! >= 600010);
  const late = nextState({ ...d, attempts: 40 }, { error: 'ECONNREFUSED' }, settings, 24 * 3600 * 1000);
  assert.equal(late.status, 'failed');
  assert.match(late.lastError!, /gave up after 41 tries/);
  assert.deepEqual(['completed', 'failed', 'cancelled'].map((s) => eventFor(s as 'completed')), ['scan.completed', 'scan.failed', 'scan.cancelled']);
});

test('a Retry-After beyond the retry window is clamped to its end, not a final failure', () => {
  const settings = { timeoutMs: 1000, retryBaseMs: 1000, retryForMs: 26 * 3600 * 1000 };
  const d: DeliveryRecord = { id: 'msg_1', scanId: 's', url: 'https://x/', secret: 's', status: 'pending', attempts: 0, activatedAt: 1000, createdAt: '' };
  const tenDays = nextState(d, { statusCode: 503, retryAfterMs: 10 * 24 * 3600 * 1000 }, settings, 2000);
  assert.deepEqual(tenDays, { status: 'pending', nextAttemptAt: 1000 + settings.retryForMs, lastError: 'HTTP 503' });
  const atTheEnd = nextState({ ...d, attempts: 5 }, { statusCode: 503, retryAfterMs: 3600 * 1000 }, settings, 1000 + settings.retryForMs);
  assert.equal(atTheEnd.status, 'failed', 'the try at the end of the window was the last');
});

test('URL policy: IPv6 forms that embed or stand for a non-public address are refused, at submission and at connect time', () => {
  const open = new WebhookUrlPolicy([]);
  for (const ip of [
    '::127.0.0.1', '::7f00:1', '::ffff:0:7f00:1', '::ffff:0:808:808', 'fec0::1', '2001::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2', '2002:7f00:1::1', '2002:808:808::1',
    '64:ff9b::7f00:1', '64:ff9b::808:808', '64:ff9b:1::a00:1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::1', '::', 'fe80::1', 'fd00::1', 'ff02::1', '2001:db8::1', '100::1',
    '127.0.0.1', '10.0.0.1', '100.64.0.1', '169.254.169.254', '192.0.0.1', '192.0.2.1', '192.88.99.1', '198.18.0.1', '224.0.0.1', '255.255.255.255', '0.0.0.0',
  ]) {
    assert.equal(open.addressAllowed(ip), false, ip);
    assert.equal(open.connectAllowed('soar.example', ip), false, `${ip} at connect time`);
  }
  for (const url of ['https://[::127.0.0.1]/h', 'https://[::7f00:1]/h', 'https://[::ffff:0:7f00:1]/h', 'https://[fec0::1]/h', 'https://[2001::1]/h']) assert.throws(() => open.checkUrl(url), /not a public unicast/, url);
  for (const ip of ['2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '8.8.8.8', '::ffff:8.8.8.8', '93.184.216.34']) assert.equal(open.addressAllowed(ip), true, ip);
  assert.equal(new WebhookUrlPolicy(['2002::/16']).addressAllowed('2002:808:808::1'), true, 'the allow list still admits a listed block');
});

test('URL policy: public https by default; the allow list admits CIDRs and names; resolved addresses checked', () => {
  const open = new WebhookUrlPolicy([]);
  assert.equal(open.checkUrl('https://soar.example/h').hostname, 'soar.example');
  assert.throws(() => open.checkUrl('https://[::ffff:10.0.0.1]/h'), /not a public unicast/);
  assert.equal(open.connectAllowed('soar.example', '10.0.0.1'), false, 'a public name resolving privately is refused');
  assert.equal(open.connectAllowed('soar.example', '93.184.216.34'), true);
  const allow = new WebhookUrlPolicy(['10.20.0.0/16', 'hooks.corp.example', '*.soar.internal']);
  assert.equal(allow.checkUrl('http://10.20.1.5:8080/h').port, '8080');
  assert.equal(allow.checkUrl('http://a.soar.internal/h').hostname, 'a.soar.internal');
  assert.throws(() => allow.checkUrl('http://10.21.1.5/h'), /https/);
  assert.equal(allow.connectAllowed('hooks.corp.example', '10.99.0.1'), true, 'a listed name may resolve privately');
  assert.equal(allow.connectAllowed('other.example', '10.99.0.1'), false);
});

test('URL policy: equivalent forms of a refused host are refused alike (case, final dot, IPv4 and IPv6 spellings, bracketed mapped)', () => {
  const open = new WebhookUrlPolicy([]);
  const loopbackNames = ['https://localhost/', 'https://localhost./', 'https://LOCALHOST./h', 'https://LocalHost:8443/h', 'https://loc%61lhost./', 'https://localhost%2e/', 'https://a.localhost./', 'https://A.LOCALHOST/'];
  for (const url of loopbackNames) assert.throws(() => open.checkUrl(url), /^WebhookPolicyError: localhost|^WebhookPolicyError: a\.localhost/, url);
  const loopbackAddresses = [
    'https://127.0.0.1/', 'https://127.0.0.1./', 'https://2130706433/', 'https://0x7f000001/', 'https://0177.0.0.1/', 'https://0x7f.1/', 'https://127.1/',
    'https://[::ffff:127.0.0.1]/', 'https://[::FFFF:7F00:1]/', 'https://[0:0:0:0:0:ffff:127.0.0.1]/', 'https://[0000:0000:0000:0000:0000:0000:0000:0001]/', 'https://[::1]/',
  ];
  for (const url of loopbackAddresses) assert.throws(() => open.checkUrl(url), /is not a public unicast address \(loopback\)/, url);
  for (const url of ['https://localhost../', 'https://127.0.0.1.../', 'https://.localhost/', 'https://a..example/']) assert.throws(() => open.checkUrl(url), /not a valid host name/, url);
  // The allow list admits the same host in each of its forms, and a listed name with its final dot.
  const allow = new WebhookUrlPolicy(['localhost', 'hooks.corp.example.']);
  for (const url of ['http://localhost:9000/h', 'http://localhost.:9000/h', 'http://LOCALHOST./h', 'http://hooks.corp.example/h', 'http://hooks.corp.example./h']) assert.equal(allow.checkUrl(url).protocol, 'http:', url);
  assert.equal(allow.connectAllowed(hostOf(new URL('http://localhost.:9000/'))!, '127.0.0.1'), true, 'the name resolved at connect time is the listed one');
  assert.equal(open.connectAllowed(hostOf(new URL('https://localhost./'))!, '127.0.0.1'), false);
});

test("try slots: one principal's slow receivers never take every slot; a freed slot goes to the principal with the fewest tries in flight", () => {
  const slots = new TrySlots({ total: 8, perOwner: 4, perReceiver: 2 });
  const mallory = Array.from({ length: 24 }, (_, i) => ({ id: `m${i}`, owner: 'mallory', receiver: `https://silent-${i % 6}.example:443` }));
  const started = slots.take(mallory);
  assert.deepEqual(started.map((c) => c.id), ['m0', 'm1', 'm2', 'm3'], 'a principal holds at most half of the slots');
  // Alice's delivery, due after all of mallory's, starts at once: the slots mallory may not take are free.
  assert.deepEqual(slots.take([...mallory, { id: 'a0', owner: 'alice', receiver: 'https://ok.example:443' }]).map((c) => c.id), ['a0']);
  // Three more slow principals fill the rest; bob's delivery then waits for the first slot to free, and gets it before anyone's backlog.
  const others = ['eve', 'trent', 'oscar'].flatMap((owner) => Array.from({ length: 8 }, (_, i) => ({ id: `${owner}${i}`, owner, receiver: `https://${owner}-${i}.example:443` })));
  assert.equal(slots.take(others).length, 3);
  assert.equal(slots.size, 8);
  const bob = { id: 'b0', owner: 'bob', receiver: 'https://ok.example:443' };
  assert.deepEqual(slots.take([...mallory, ...others, bob]), [], 'no slot free');
  slots.end('m0');
  assert.deepEqual(slots.take([...mallory, ...others, bob]).map((c) => c.id), ['b0'], 'the freed slot goes to bob, who had none');
  slots.end('a0');
  assert.deepEqual(slots.take([...mallory, ...others]).map((c) => c.owner), ['eve'], 'then to a principal with one try in flight, served longest ago');
});

test('try slots: one receiver holds at most its share, whoever sends to it; a principal\'s own healthy receiver is not held up by its slow one', () => {
  const slots = new TrySlots({ total: 8, perOwner: 4, perReceiver: 2 });
  const slow = 'https://slow.example:443';
  const due = [...['m0', 'm1', 'm2'].map((id) => ({ id, owner: 'mallory', receiver: slow })), { id: 'e0', owner: 'eve', receiver: slow }, { id: 'm3', owner: 'mallory', receiver: 'https://ok.example:443' }];
  assert.deepEqual(slots.take(due).map((c) => c.id), ['m0', 'e0', 'm3']);
  assert.ok(slots.has('m3') && !slots.has('m1'));
  slots.end('e0');
  assert.deepEqual(slots.take(due.filter((c) => c.id !== 'e0')).map((c) => c.id), ['m1'], "eve's try delivered: its slot at the slow receiver is mallory's next");
});
