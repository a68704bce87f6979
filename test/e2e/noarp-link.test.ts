import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { syncScan, useLabService } from './lab-service.js';

/**
 * A link that resolves no neighbours, as tun, WireGuard and PPP links are: a veth pair with ARP
 * turned off at both ends, from the scanner's namespace to one of its own. (Both ends carry the
 * same MAC: with ARP off the kernel addresses each frame to its own interface's MAC, and the peer
 * takes it only if that is its own too.) Made and removed by the test, with a rule that lets the
 * lab's egress guard pass packets to it; `lab.sh down` removes the namespace if a run is cut short.
 */
const NS = 'pscan-noarp';
const DEV = 'pnoarp0';
const SUBNET = '198.18.96.0/29';
const PEER = '198.18.96.2';
/** On the link, and nobody's. */
const NOBODY = '198.18.96.3';
const MAC = '02:00:00:00:96:01';

const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'inherit'] });
/** The lab's egress guard (`test/lab/lab.sh`) drops what is not for the lab's subnets; this link's gets a rule of its own. */
const GUARD = ['inet', 'pscan_guard', 'out'];
const GUARD_RULE = `ip daddr ${SUBNET} oifname "${DEV}" accept comment "${NS}"`;

function removeLink(): void {
  const listed = execFileSync('nft', ['-a', 'list', 'chain', ...GUARD], { encoding: 'utf8' });
  for (const handle of listed.split('\n').filter((l) => l.includes(`comment "${NS}"`)).map((l) => /# handle (\d+)/.exec(l)?.[1])) {
    if (handle) execFileSync('nft', ['delete', 'rule', ...GUARD, 'handle', handle]);
  }
  for (const args of [['link', 'del', DEV], ['netns', 'del', NS]]) {
    try {
      execFileSync('ip', args, { stdio: 'ignore' });
    } catch {
      // Not there: nothing to remove.
    }
  }
}

/** An SSH-like server on the peer, in its namespace; resolves once it listens. */
async function listenOnPeer(): Promise<ChildProcess> {
  const script = `require('net').createServer((c) => c.end('SSH-2.0-dropbear_2022.83\\r\\n')).listen(22, '${PEER}', () => console.log('listening'))`;
  const child = spawn('ip', ['netns', 'exec', NS, process.execPath, '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the listener in ${NS} exited (${code}) before listening`);
  });
  const listening = (async () => {
    for await (const line of createInterface({ input: child.stdout! })) if (line === 'listening') return;
  })();
  await Promise.race([listening, exited]);
  exited.catch(() => undefined);
  return child;
}

describe('lab: peers across a link without ARP (NOARP, as tun and WireGuard are)', () => {
  const svc = useLabService({ PSCAN_SCOPE_ALLOW: SUBNET });
  let listener: ChildProcess | undefined;
  before(async () => {
    removeLink();
    ip('netns', 'add', NS);
    ip('link', 'add', DEV, 'type', 'veth', 'peer', 'name', 'pnoarp1', 'netns', NS);
    ip('link', 'set', DEV, 'address', MAC, 'arp', 'off');
    ip('-n', NS, 'link', 'set', 'pnoarp1', 'address', MAC, 'arp', 'off');
    ip('addr', 'add', '198.18.96.1/29', 'dev', DEV);
    ip('-n', NS, 'addr', 'add', `${PEER}/29`, 'dev', 'pnoarp1');
    ip('link', 'set', DEV, 'up');
    ip('-n', NS, 'link', 'set', 'pnoarp1', 'up');
    ip('-n', NS, 'link', 'set', 'lo', 'up');
    execFileSync('nft', ['add', 'rule', ...GUARD, ...GUARD_RULE.split(' ')]);
    listener = await listenOnPeer();
  });
  after(() => {
    listener?.kill();
    removeLink();
  });

  test('discovery reaches them by TCP, not the neighbour table: the peer is alive without a MAC, an empty address is down', async () => {
    const scan = await syncScan(svc, { targets: [PEER, NOBODY], probe: { type: 'tcp-banner', ports: [22] }, timing: { timeoutMs: 1500 } });
    const of = (target: string) => scan.results.filter((r) => r.target === target).map((r) => [r.probe, r.status, r.error?.code]);
    assert.deepEqual(of(PEER), [['tcp-banner', 'ok', undefined]]);
    assert.deepEqual(of(NOBODY), [['discovery', 'unreachable', 'host-down']], 'a neighbour table asked on this link would have called it alive');
    assert.deepEqual(scan.stats.hosts, { alive: 1, dead: 1, pending: 0 });
    const peer = scan.assets.find((a) => a.ip === PEER);
    assert.equal(peer?.services[0]?.product, 'Dropbear SSH');
    assert.equal(peer?.mac, undefined, 'no MAC on such a link (the table would have given this machine\'s own)');
  });
});
