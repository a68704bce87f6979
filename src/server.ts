import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig, type Config } from './config/config.js';
import { createHttpServer } from './app.js';
import { compose } from './composition-root.js';
import { describeKey } from './auth/authenticator.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`pscan: configuration error: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  let service;
  try {
    service = await compose(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`pscan: configuration error: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const { logger } = service;
  const server = createHttpServer(service.app, config.limits.requestTimeoutMs).listen(config.port, config.host);
  server.on('error', (err) => {
    logger.fatal({ err }, 'cannot listen');
    process.exit(1);
  });
  server.on('listening', () => {
    const addr = server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    logger.info({ url: `http://${host}:${addr.port}` }, 'pscan listening');
    process.stdout.write(`pscan listening on http://${host}:${addr.port} (docs: http://${host}:${addr.port}/docs)\n`);
    const keys = describeKey(config);
    logger.info({ dataDir: config.dataDir }, keys);
    process.stdout.write(`${keys}\n`);
  });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, draining scans');
    server.close();
    server.closeIdleConnections();
    await service.close();
    server.closeAllConnections();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
