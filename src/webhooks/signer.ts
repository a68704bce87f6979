import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signatures: `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` with the
 * key that the `whsec_` secret encodes (base64), as the `standardwebhooks` verifier computes it.
 */
export const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/;

export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.slice('whsec_'.length), 'base64');
}

export function isValidSecret(secret: string): boolean {
  if (!SECRET_PATTERN.test(secret)) return false;
  const n = secretKey(secret).length;
  return n >= 24 && n <= 64;
}

export function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  return `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

export function signedHeaders(secret: string, id: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': sign(secret, id, timestamp, body) };
}
