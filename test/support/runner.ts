import { pino } from 'pino';
import { RoundTripTimes } from '../../src/net/round-trip-times.js';
import { Scope } from '../../src/net/targets.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { systemNet } from '../../src/probes/net.js';
import { ScanEvents } from '../../src/scans/events.js';
import type { RunnerDeps } from '../../src/scans/in-process-runner.js';
import { PacketLimiter } from '../../src/scans/rate-limiter.js';
import { TargetSlots } from '../../src/scans/target-slots.js';
import { MemoryScanStore } from '../../src/store/memory-store.js';
import { WriteBatcher } from '../../src/store/write-batcher.js';
import { scriptedDiscovery } from './discovery.js';

/**
 * What an in-process runner needs, outside the service (unit tests, benches): an in-memory store
 * (its writes batched), loopback scope, caps lifted, discovery scripted, no catalogues or history;
 * `over` replaces any of it, and `limits` field by field.
 */
export function runnerDeps(over: Partial<Omit<RunnerDeps, 'limits'>> & { limits?: Partial<RunnerDeps['limits']> } = {}): RunnerDeps {
  const { limits, ...rest } = over;
  const loopback = new Scope(['127.0.0.0/8'], []);
  const store = over.store ?? new MemoryScanStore();
  return {
    store,
    writes: new WriteBatcher((fn) => store.transaction(fn)),
    events: new ScanEvents(),
    inScope: (ip) => loopback.allowsIp(ip),
    multicastInterface: undefined,
    pacing: new PacketLimiter(1e9, 1e9),
    net: systemNet,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
    discovery: scriptedDiscovery(),
    slots: new TargetSlots(),
    roundTripTimes: new RoundTripTimes(100),
    isFragile: () => false,
    catalogs: { get: () => undefined },
    fragileGapMs: 0,
    nmap: { path: 'nmap', versionIntensity: 7, hostTimeoutMs: 30000 },
    onFinished: () => {},
    has: () => true,
    ...rest,
    limits: { maxConcurrentScans: 1, maxConcurrentProbesPerScan: 64, bannerMaxBytes: 65536, perTargetPacketsPerSecond: 1e9, perTargetConcurrency: 4, discoveryConcurrency: 16, ...limits },
  };
}
