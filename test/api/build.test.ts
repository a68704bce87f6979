import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { packageRoot } from '../../src/util/package-root.js';

const npm = (...args: string[]) => execFileSync('npm', ['run', '--silent', 'build', '--', ...args], { cwd: packageRoot(), encoding: 'utf8', stdio: 'pipe' });

test('npm start compiles only what changed: a second build finds the project up to date and compiles nothing', () => {
  npm(); // whatever dist held, now it is current
  const second = npm('--verbose');
  assert.match(second, /Project 'tsconfig\.build\.json' is up to date/);
});
