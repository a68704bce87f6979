#!/usr/bin/env node
// The pscan CLI. From a checkout (dev dependencies installed) it runs the TypeScript source
// through tsx; in a production install it runs the compiled dist/.
let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch {
  register = undefined;
}
if (register) {
  register();
  await import('../src/cli/pscan.ts');
} else {
  await import('../dist/src/cli/pscan.js');
}
