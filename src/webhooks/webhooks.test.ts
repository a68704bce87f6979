import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import type { DeliveryRecord } from '../store/store.js';
import { backoffMs, eventFor, nextState, parseRetryAfter } from './outbox.js';
import { isValidSecret, signedHeaders } from './signer.js';
import { WebhookUrlPolicy } from './url-policy.js';

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
