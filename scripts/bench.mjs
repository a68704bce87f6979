#!/usr/bin/env node
// npm run bench: the API throughput, sensor and pacing figures (loopback), then the reconnaissance and sweep
// comparisons with nmap in the lab (root: it builds the lab and runs inside its scanner namespace).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const args = process.argv.slice(2);
let status = run(process.execPath, ['--import', 'tsx', 'bench/api-throughput.ts']);
// Sensors: embedded vs 1, 2 and 4 sensor processes on a real redis-server, on loopback.
status ||= run(process.execPath, ['--import', 'tsx', 'bench/sensors.ts']);
// The packet caps' own cost while they hold many probe units back.
status ||= run(process.execPath, ['--import', 'tsx', 'bench/pacing.ts']);
if (process.getuid?.() !== 0) {
  console.log('recon comparison with nmap SKIPPED: it needs root to build the lab');
  process.exit(status);
}
if (run('bash', ['test/lab/lab.sh', 'up']) !== 0) process.exit(1);
try {
  status ||= run('ip', ['netns', 'exec', 'pscan-scanner', process.execPath, '--import', 'tsx', 'bench/recon.ts', ...args]);
  // Subnet sweeps: the top-100 banner sweep against nmap, an empty /24, a /16 of absent addresses.
  status ||= run('ip', ['netns', 'exec', 'pscan-scanner', process.execPath, '--import', 'tsx', 'bench/sweep.ts', ...args]);
  status ||= run('ip', ['netns', 'exec', 'pscan-scanner', process.execPath, '--import', 'tsx', 'bench/scale.ts'], { PSCAN_LAB_SUBNET: '198.18.77.0/24' });
} finally {
  run('bash', ['test/lab/lab.sh', 'down']);
}
process.exit(status);
