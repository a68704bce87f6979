#!/usr/bin/env node
// The README's test command: typecheck, unit and API tests (in a network namespace of their own
// when root), then the end-to-end suite in the network-namespace lab when this machine can build
// it (root + ip netns), else says it skipped.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const totals = { passed: 0, failed: 0 };

function find(dir, suffix) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...find(full, suffix));
    else if (name.endsWith(suffix)) out.push(path.relative(root, full));
  }
  return out.sort();
}

function run(cmd, argv, env = {}) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function runTests(files, label, prefix = [], env = {}) {
  const tap = path.join(root, `.test-${label}.tap`);
  rmSync(tap, { force: true });
  const status = run(prefix[0] ?? process.execPath, [
    ...prefix.slice(1),
    ...(prefix.length ? [process.execPath] : []),
    '--import', 'tsx', '--test', '--test-concurrency=1',
    '--test-timeout=300000', // bounds each test and each describe block as a whole (7x the longest today): a wait for what never comes fails instead of hanging CI
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], env);
  let text = '';
  try { text = readFileSync(tap, 'utf8'); } catch { /* the runner died before writing */ }
  rmSync(tap, { force: true });
  const pass = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? (status === 0 ? 0 : 1));
  totals.passed += pass;
  totals.failed += fail + (status !== 0 && fail === 0 ? 1 : 0);
  console.log(`${label}: ${pass} passed, ${fail} failed`);
  return status;
}

let failed = false;
if (!args.has('--lab-only')) {
  console.log('== typecheck');
  if (run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) { failed = true; totals.failed++; }
  const files = [...find(path.join(root, 'src'), '.test.ts'), ...find(path.join(root, 'test', 'api'), '.test.ts')];
  // In a fresh network namespace with only loopback up, a test that resolves a name or sends a
  // packet off the machine fails instead of reaching the network.
  const isolated = process.getuid?.() === 0 && spawnSync('unshare', ['--net', 'ip', 'link', 'set', 'lo', 'up']).status === 0;
  if (isolated) console.log('== unit and API tests (in a network namespace with only loopback)');
  else console.log('== unit and API tests NOT ISOLATED from the network: that needs root and `unshare --net`');
  const prefix = isolated ? ['unshare', '--net', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh'] : [];
  if (runTests(files, 'unit+api', prefix) !== 0) failed = true;
}

if (!args.has('--no-lab')) {
  const canLab = process.getuid?.() === 0 && spawnSync('ip', ['netns', 'list']).status === 0;
  if (!canLab) {
    console.log('== lab end-to-end tests SKIPPED: they need root and `ip netns` (run `sudo npm run test:lab`)');
    if (args.has('--lab-only')) failed = true;
  } else {
    console.log('== lab end-to-end tests (real daemons in network namespaces)');
    const lab = path.join(root, 'test', 'lab', 'lab.sh');
    if (run('bash', [lab, 'up']) !== 0) {
      failed = true;
      totals.failed++;
      console.log('lab: could not be built (see above)');
    } else {
      try {
        const files = find(path.join(root, 'test', 'e2e'), '.test.ts');
        // PSCAN_LAB tells the end-to-end suite it runs inside the lab.
        if (runTests(files, 'lab', ['ip', 'netns', 'exec', 'pscan-scanner'], { PSCAN_LAB: '1' }) !== 0) failed = true;
      } finally {
        run('bash', [lab, 'down']);
      }
    }
  }
}

console.log(`\ntotal: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failed || totals.failed > 0 ? 1 : 0);
