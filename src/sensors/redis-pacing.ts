import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { PaceFn, PacketPacing } from '../scans/execute.js';
import { TIMER_TICK_MS } from '../scans/rate-limiter.js';

/**
 * The same GCRA caps as the in-process PacketLimiter (with its one-tick tolerance on caps faster
 * than the timer tick), kept in Redis so that every sensor shares them: a slot is taken on all
 * the caps of a packet at once, or on none, in one script run, with Redis's clock, so sensors on
 * different machines need no synchronised clocks.
 */
const TAKE_SLOTS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local wait = 0
local nextFree = {}
for i = 1, #KEYS do
  nextFree[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
  local tolerance = 0
  if tonumber(ARGV[i]) < ${TIMER_TICK_MS} then tolerance = ${TIMER_TICK_MS} end
  if nextFree[i] - tolerance - now > wait then wait = nextFree[i] - tolerance - now end
end
if wait > 0 then return tostring(wait) end
for i = 1, #KEYS do
  local interval = tonumber(ARGV[i])
  redis.call('SET', KEYS[i], tostring(math.max(now, nextFree[i]) + interval), 'PX', math.ceil(interval) + 1000)
end
return '0'`;

export interface RedisCaps {
  globalPacketsPerSecond: number;
  perTargetPacketsPerSecond: number;
  fragilePacketsPerSecond: number;
}

type TakeSlots = (numberOfKeys: number, ...keysThenIntervals: Array<string | number>) => Promise<string>;

export class RedisPacketPacing implements PacketPacing {
  private readonly takeSlots: TakeSlots;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly caps: RedisCaps,
  ) {
    if (!('pscanTakeSlots' in redis)) redis.defineCommand('pscanTakeSlots', { lua: TAKE_SLOTS });
    const command = (redis as unknown as { pscanTakeSlots: TakeSlots }).pscanTakeSlots;
    this.takeSlots = command.bind(redis);
  }

  forScan(scanId: string, ratePerSecond: number | undefined): PaceFn {
    const p = this.prefix;
    return async (target, signal, fragile) => {
      const caps: Array<[string, number]> = [[`${p}:rate:global`, this.caps.globalPacketsPerSecond]];
      if (target) caps.push([`${p}:rate:target:${target}`, this.caps.perTargetPacketsPerSecond]);
      if (target && fragile) caps.push([`${p}:rate:fragile:${target}`, this.caps.fragilePacketsPerSecond]);
      if (ratePerSecond) caps.push([`${p}:rate:scan:${scanId}`, ratePerSecond]);
      const args = [...caps.map(([k]) => k), ...caps.map(([, rate]) => 1000 / rate)];
      for (;;) {
        signal.throwIfAborted();
        const wait = Number(await this.takeSlots(caps.length, ...args));
        if (wait === 0) return;
        await sleep(Math.max(1, Math.ceil(wait)), undefined, { signal });
      }
    };
  }
}
