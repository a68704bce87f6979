import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { runnerDeps } from '../../test/support/runner.js';
import { BUILT_IN } from '../probes/classify/catalog-lookup.js';
import { parseTarget, type TargetSpec } from '../net/targets.js';
import { executePlan, type PlanSink, type TargetAccount, whyUnknown } from './planner.js';
import type { PlanRequest } from './request.js';

/** Runs the plan over 127.0.0.1 and returns each result's key with the probe it names. */
async function keysOfRun(plan: PlanRequest): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  const sink: PlanSink = { record: (r, key) => void keys.set(key, r.probe), packets: () => {}, dropped: () => {}, host: () => {}, planned: () => {} };
  const env = runnerDeps({ catalogs: { get: (id) => (id === BUILT_IN.catalog.id ? BUILT_IN : undefined) } });
  const job = { scanId: 'scn_keys', targets: [parseTarget('127.0.0.1') as TargetSpec], probes: [], timing: { count: 1, intervalMs: 0, timeoutMs: 200, retries: 0 }, fragile: false, discovery: 'none' as const };
  await executePlan(job, plan, new AbortController().signal, env, sink);
  return keys;
}

test('a re-run of a plan whose answers differ keeps its result keys meaning the same probe run: the API de-duplicates by key', { timeout: 30_000 }, async () => {
  const free = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => free.bind(0, '127.0.0.1', resolve));
  const port = (free.address() as AddressInfo).port;
  free.close();
  const plan: PlanRequest = { want: ['hostname', 'type'], credentials: [{ version: '2c', community: 'a', port }, { version: '2c', community: 'b', port }], known: {}, allowIntrusive: false, catalog: BUILT_IN.catalog.id };
  // First run: nothing on the port, the first credential gets port unreachable and ends SNMP.
  const first = await keysOfRun(plan);
  // The re-run (a sensor died mid-job): the agent is silent now, so the second credential is tried too.
  const silent = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => silent.bind(port, '127.0.0.1', resolve));
  let second: Map<string, string>;
  try {
    second = await keysOfRun(plan);
  } finally {
    silent.close();
  }
  assert.equal([...second.values()].filter((p) => p === 'snmp').length, 2, 'the re-run tried both credentials');
  for (const [key, probe] of second) {
    if (first.has(key)) assert.equal(probe, first.get(key), `key ${key} names ${first.get(key)} in the first run and ${probe} in the re-run: the API would drop the re-run's ${probe} result`);
  }
  const classify = (keys: Map<string, string>) => [...keys].filter(([, p]) => p === 'classify').map(([k]) => k);
  assert.deepEqual(classify(second), classify(first), 'the same classification has the same key in both runs (stored once)');
});

test('why a fact stayed unknown follows what was done for the target: the MAC, the budget, what was asked', () => {
  const account = (over: Partial<TargetAccount> = {}): TargetAccount => ({ onLink: true, hasMac: false, discovered: true, portsKnown: false, nmapAllowed: false, asked: new Set(), overBudget: new Set(), ...over });
  const first = (fact: Parameters<typeof whyUnknown>[0], over: Partial<TargetAccount>) => whyUnknown(fact, account(over))[0];
  assert.equal(first('mac', { onLink: false }), 'the MAC (and its vendor) is read only for targets on a link this machine shares');
  assert.equal(first('mac', { discovered: false }), 'host discovery, which reads the MAC, was off (`discovery: none`)');
  assert.equal(first('mac', {}), 'the neighbour table held no MAC for it');
  assert.equal(first('manufacturer', { hasMac: true }), "its MAC's prefix is no vendor's in the IEEE registry (or is locally administered)");
  assert.deepEqual(whyUnknown('hostname', account({ asked: new Set(['multicast']), overBudget: new Set(['snmp']) })), ['mDNS and SSDP were asked; no answer gave it', 'SNMP was left out: over the packet budget (`budget`)']);
  assert.deepEqual(whyUnknown('type', account({ overBudget: new Set(['classify']) })), ['the classification was left out: over the packet budget (`budget`)']);
  assert.deepEqual(whyUnknown('services', account({ asked: new Set(['ports', 'banner', 'nmap']), nmapAllowed: true })).slice(-2), ['no banner named the service of an open port', "nmap's version detection did not give it"]);
  assert.deepEqual(whyUnknown('os', account({ asked: new Set(['ports']), nmapAllowed: true })).slice(-2), ['no port of the classification catalogue was open, and ports outside it are not looked for: name them in `known.openPorts` or a `tcp-banner` probe', "no open port for nmap's version detection"]);
});
