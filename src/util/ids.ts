import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastTime = 0;
let lastRandom = 0n;

/**
 * A ULID-style id (48-bit milliseconds + 80 random bits, Crockford base32) with a prefix. Ids sort
 * by creation time, which is what list order and cursors rely on; within one millisecond the
 * random part is incremented so that ids stay strictly increasing.
 */
export function newId(prefix: string, now = Date.now()): string {
  let random: bigint;
  if (now <= lastTime) {
    now = lastTime;
    random = lastRandom + 1n;
  } else {
    random = BigInt(`0x${randomBytes(10).toString('hex')}`);
  }
  lastTime = now;
  lastRandom = random;
  const value = (BigInt(now) << 80n) | (random & ((1n << 80n) - 1n));
  let out = '';
  for (let i = 25; i >= 0; i--) out += CROCKFORD[Number((value >> BigInt(i * 5)) & 31n)];
  return `${prefix}_${out}`;
}

export const SCAN_ID_PATTERN = /^scn_[0-9A-HJKMNP-TV-Z]{26}$/;
