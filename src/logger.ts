import { pino, type Logger } from 'pino';

/** Paths pino censors wherever they appear, as a second line of defence behind redactParams. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  '*.community',
  '*.authKey',
  '*.privKey',
  '*.secret',
  '*.*.community',
  '*.*.authKey',
  '*.*.privKey',
  '*.*.secret',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { service: 'pscan' } });
}
