import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';
import { Authenticator, SCOPES } from '../auth/authenticator.js';

const USAGE = 'usage: npm run --silent token -- --scopes scans:read,scans:write [--sub NAME] [--ttl 1h]';
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function parseTtl(text: string): number | undefined {
  const m = /^(\d{1,7})([smhd]?)$/.exec(text);
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2] || 's']!;
  return seconds > 0 && seconds <= 366 * 86400 ? seconds : undefined;
}

/** `token --scopes a,b [--sub NAME] [--ttl 1h]`: prints only the JWT; returns the exit code. */
export async function tokenCommand(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { scopes: { type: 'string' }, sub: { type: 'string', default: 'operator' }, ttl: { type: 'string', default: '1h' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const scopes = (values.scopes ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0 || unknown.length) {
    process.stderr.write(`${unknown.length ? `unknown scope(s): ${unknown.join(', ')}; ` : ''}scopes are ${SCOPES.join(', ')}\n${USAGE}\n`);
    return 2;
  }
  const ttlSeconds = parseTtl(values.ttl);
  if (!ttlSeconds) {
    process.stderr.write(`--ttl must be a duration like 90s, 15m, 1h or 7d (at most 366d)\n${USAGE}\n`);
    return 2;
  }
  if (!/^[\w.@:-]{1,128}$/.test(values.sub)) {
    process.stderr.write('--sub must be 1 to 128 letters, digits or . _ @ : -\n');
    return 2;
  }
  try {
    const token = await new Authenticator(loadConfig(), { createSecret: false }).mint({ sub: values.sub, scopes, ttlSeconds });
    process.stdout.write(`${token}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`pscan token: ${err instanceof ConfigError ? 'configuration error: ' : ''}${(err as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await tokenCommand(process.argv.slice(2));
