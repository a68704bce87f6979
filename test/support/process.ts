import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { packageRoot } from '../../src/util/package-root.js';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts an entry point of src/ under tsx and resolves with the first match of `ready` in its stdout. */
async function startEntry(entry: string, args: string[], env: Record<string, string>, ready: RegExp, prefix: string[] = []): Promise<ServerProcess> {
  const root = packageRoot();
  const [cmd, ...cmdArgs] = [...prefix, process.execPath, '--import', 'tsx', path.join(root, 'src', entry), ...args];
  const child = spawn(cmd!, cmdArgs, {
    cwd: root,
    env: { ...process.env, PSCAN_PORT: '0', PSCAN_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = ready.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${out}`)));
  });
  return { child, url, output: () => out };
}

/** Starts the real server (src/server.ts under tsx) on a free port and resolves when it listens. */
export function startServer(env: Record<string, string>): Promise<ServerProcess> {
  return startEntry('server.ts', [], env, /listening on (http:\/\/\S+)/);
}

/**
 * Starts a sensor process (src/sensor-main.ts), optionally inside a network namespace, and resolves
 * when it serves its site; `url` is then its id.
 */
export function startSensorProcess(args: string[], env: Record<string, string>, netns?: string): Promise<ServerProcess> {
  return startEntry('sensor-main.ts', args, env, /pscan sensor (\S+) serving site/, netns ? ['ip', 'netns', 'exec', netns] : []);
}

export async function kill(server: ServerProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.child.exitCode;
  const exited = once(server.child, 'exit');
  server.child.kill(signal);
  const [code] = await exited;
  return code as number | null;
}

/** Runs a command to its end, collecting its output. */
export function runProcess(cmd: string, args: string[], env: Record<string, string>, cwd?: string, input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin!.end(input);
  });
}
