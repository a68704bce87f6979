import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Makes the data directory private (0700), whatever the umask and however it was made before: it
 * holds the store (webhook secrets, requests) and the generated secrets.
 */
export function privateDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * A secret generated once into the private data dir (mode 0600) and read back afterwards, so that
 * every process on this data dir (the server, `npm run token`) agrees without any setup.
 */
export function dataDirSecret(dataDir: string, name: string, minBytes = 32): string {
  const file = path.join(privateDataDir(dataDir), name);
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (Buffer.byteLength(secret) < minBytes) throw new Error(`${file} holds a secret shorter than ${minBytes} bytes; delete it to generate a new one`);
  return secret;
}
