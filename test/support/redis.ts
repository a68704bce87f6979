import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectRedis } from '../../src/sensors/wire.js';

export interface RedisServer {
  /** unix:///…/redis.sock: reachable from every network namespace of the machine, and from no network. */
  url: string;
  stop(): Promise<void>;
}

/** A real redis-server (Debian's) on a unix socket in a fresh directory, no TCP port, no persistence. */
export async function startRedis(): Promise<RedisServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pscan-redis-'));
  const socket = path.join(dir, 'redis.sock');
  const child: ChildProcess = spawn('redis-server', ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
    child.stdout!.on('data', () => /ready to accept connections/i.test(out) && resolve());
  });
  const url = `unix://${socket}`;
  const probe = connectRedis(url);
  await probe.ping();
  probe.disconnect();
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
