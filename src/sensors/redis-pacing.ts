import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { PaceFn, PacketPacing } from '../scans/execute.js';
import { TIMER_TICK_MS } from '../scans/rate-limiter.js';
import { type InLine, waitInLine } from '../util/wait-in-line.js';

/**
 * The same GCRA caps as the in-process PacketLimiter (with its one-tick tolerance on caps faster
 * than the timer tick), kept in Redis so that every sensor shares them: a slot is taken on all
 * the caps of a packet at once, or on none, in one script run, with Redis's clock, so sensors on
 * different machines need no synchronised clocks. When a packet must wait, the script says how
 * long and on which cap (its key's index, from 1).
 */
const TAKE_SLOTS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local wait = 0
local blocking = 0
local nextFree = {}
for i = 1, #KEYS do
  nextFree[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
  local tolerance = 0
  if tonumber(ARGV[i]) < ${TIMER_TICK_MS} then tolerance = ${TIMER_TICK_MS} end
  if nextFree[i] - tolerance - now > wait then
    wait = nextFree[i] - tolerance - now
    blocking = i
  end
end
if wait > 0 then return tostring(wait) .. ' ' .. blocking end
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

/** A packet's caps: the Redis keys and the interval (ms) of each; the global cap comes first. */
interface PacketCaps {
  keys: string[];
  intervals: number[];
}

/**
 * Packets that must wait join one line per process, and one loop asks Redis for them in arrival
 * order: when a cap holds a packet back, the packets behind it on that same cap are not asked for
 * in that pass, and when the global cap holds one back, nobody is. So units waiting on one device
 * cost about three script runs per packet (its own first ask, then one that lets it go and one that
 * finds the cap taken again), not one per waiting unit per packet (40 units at 100/s: 118 runs
 * against 820; 200 at 500/s: 593 against 12,319).
 */
export class RedisPacketPacing implements PacketPacing {
  private readonly takeSlots: TakeSlots;
  private readonly waiting = new Set<InLine<PacketCaps>>();
  private releasing = false;

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
      signal.throwIfAborted();
      const caps: Array<[string, number]> = [[`${p}:rate:global`, this.caps.globalPacketsPerSecond]];
      if (target) caps.push([`${p}:rate:target:${target}`, this.caps.perTargetPacketsPerSecond]);
      if (target && fragile) caps.push([`${p}:rate:fragile:${target}`, this.caps.fragilePacketsPerSecond]);
      if (ratePerSecond) caps.push([`${p}:rate:scan:${scanId}`, ratePerSecond]);
      const packet: PacketCaps = { keys: caps.map(([k]) => k), intervals: caps.map(([, rate]) => 1000 / rate) };
      // Nobody in line: ask at once. Otherwise join the line behind those already waiting.
      if (this.waiting.size === 0 && (await this.take(packet)).waitMs === 0) return;
      const turn = waitInLine(this.waiting, packet, signal);
      void this.release();
      await turn;
    };
  }

  private async take(packet: PacketCaps): Promise<{ waitMs: number; blockingKey?: string }> {
    const [wait, index] = (await this.takeSlots(packet.keys.length, ...packet.keys, ...packet.intervals)).split(' ');
    const waitMs = Number(wait);
    return waitMs === 0 ? { waitMs } : { waitMs, blockingKey: packet.keys[Number(index) - 1] };
  }

  /**
   * Lets waiting packets go while their caps allow; sleeps until the first cap that held one back
   * frees. If Redis fails, every waiting packet fails with its error, as one asking alone would.
   */
  private async release(): Promise<void> {
    if (this.releasing) return;
    this.releasing = true;
    try {
      while (this.waiting.size > 0) {
        const heldBy = new Set<string>();
        let nextMs = Infinity;
        for (const packet of this.waiting) {
          if (packet.keys.some((k) => heldBy.has(k))) continue;
          const { waitMs, blockingKey } = await this.take(packet);
          if (waitMs === 0) {
            // Had its wait been aborted meanwhile, the slot is spent unused: the caps err on the safe side.
            this.waiting.delete(packet);
            packet.wake();
            continue;
          }
          nextMs = Math.min(nextMs, waitMs);
          heldBy.add(blockingKey!);
          if (blockingKey === packet.keys[0]) break; // the global cap: nobody may go before then
        }
        if (nextMs < Infinity && this.waiting.size > 0) await sleep(Math.max(TIMER_TICK_MS, Math.ceil(nextMs)), undefined, { ref: false });
      }
    } catch (err) {
      for (const packet of this.waiting) packet.fail(err);
      this.waiting.clear();
    } finally {
      this.releasing = false;
    }
  }
}
