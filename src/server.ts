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
  server.on('error', (err: NodeJS.ErrnoException) => {
    const where = `${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    const why =
      err.code === 'EADDRINUSE' ? 'the address is already in use (another pscan, or another program?)'
      : err.code === 'EACCES' ? 'permission denied (a port below 1024 needs privileges)'
      : err.code === 'EADDRNOTAVAIL' ? 'this machine has no such address'
      : undefined;
    if (why === undefined) logger.fatal({ err }, 'cannot listen');
    // One line a person reads, naming the settings that choose the port and address.
    else process.stderr.write(`pscan: cannot listen on ${where}: ${why}; choose another port with PSCAN_PORT (or address with PSCAN_HOST)\n`);
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
