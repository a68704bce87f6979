import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { PaceFn, PacketPacing } from '../scans/probe-execution.js';
import { TIMER_TICK_MS } from '../scans/rate-limiter.js';
import { type InLine, waitInLine } from '../util/wait-in-line.js';

/**
 * The same GCRA caps as the in-process PacketLimiter (with its one-tick tolerance on caps faster
 * than the timer tick), kept in Redis so that every sensor shares them, on Redis's clock, so
 * sensors on different machines need no synchronised clocks. One script run takes slots for a
 * batch of waiting packets, in their order: a packet gets a slot on all its caps at once or on
 * none; once a cap holds one back, the packets behind it on that cap get nothing in this run, and
 * once the global cap (always KEYS[1]) holds one back, nobody does. It answers one '1'/'0' per
 * packet and how long until the first held-back one could go.
 *
 * ARGV: the interval (ms) of each key, the number of packets, then per packet its number of caps
 * followed by their key indexes.
 */
const TAKE_SLOTS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval, nextFree, held, taken = {}, {}, {}, {}
for k = 1, #KEYS do
  interval[k] = tonumber(ARGV[k])
  nextFree[k] = tonumber(redis.call('GET', KEYS[k]) or '0')
end
local at = #KEYS + 1
local packets = tonumber(ARGV[at])
at = at + 1
local granted = {}
local soonest = -1
local stopped = false
for p = 1, packets do
  local n = tonumber(ARGV[at])
  local caps = {}
  for i = 1, n do caps[i] = tonumber(ARGV[at + i]) end
  at = at + n + 1
  granted[p] = '0'
  local blocked = stopped
  for i = 1, n do if held[caps[i]] then blocked = true end end
  if not blocked then
    local wait, blocking = 0, 0
    for i = 1, n do
      local k = caps[i]
      local tolerance = 0
      if interval[k] < ${TIMER_TICK_MS} then tolerance = ${TIMER_TICK_MS} end
      if nextFree[k] - tolerance - now > wait then wait, blocking = nextFree[k] - tolerance - now, k end
    end
    if wait > 0 then
      held[blocking] = true
      if soonest < 0 or wait < soonest then soonest = wait end
      if blocking == 1 then stopped = true end
    else
      granted[p] = '1'
      for i = 1, n do
        local k = caps[i]
        nextFree[k] = math.max(now, nextFree[k]) + interval[k]
        taken[k] = true
      end
    end
  end
end
for k in pairs(taken) do
  redis.call('SET', KEYS[k], tostring(nextFree[k]), 'PX', math.ceil(interval[k]) + 1000)
end
return { table.concat(granted), tostring(soonest) }`;

export interface RedisCaps {
  globalPacketsPerSecond: number;
  perTargetPacketsPerSecond: number;
  fragilePacketsPerSecond: number;
}

type TakeSlots = (numberOfKeys: number, ...keysThenArgs: Array<string | number>) => Promise<[string, string]>;

/** A packet's caps: each one's Redis key and rate; the global cap comes first. */
type PacketCaps = Array<[key: string, ratePerSecond: number]>;

/** Packets asked for in one script run at most (a sensor has capacity × probes per scan waiting at most). */
const BATCH = 1024;

/**
 * Packets that must wait join one line per process, and one loop asks Redis for slots for all of
 * them in one script run, then sleeps until the first held-back one could go; a packet joining
 * the line wakes it, so one for a free device never waits behind a held-back one. Waiting costs
 * about one script run per packet, whatever the number of waiting units (40 units at 100/s on one
 * device: 43 runs instead of 820; 200 at 500/s: 204 instead of 12,319).
 */
export class RedisPacketPacing implements PacketPacing {
  private readonly takeSlots: TakeSlots;
  private readonly waiting = new Set<InLine<{ caps: PacketCaps }>>();
  private releasing = false;
  /** Packets asking alone right now (none were waiting when they came). */
  private askingAlone = 0;
  /** Ends the release loop's sleep early. */
  private nap: AbortController | undefined;

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
      const caps: PacketCaps = [[`${p}:rate:global`, this.caps.globalPacketsPerSecond]];
      if (target) caps.push([`${p}:rate:target:${target}`, this.caps.perTargetPacketsPerSecond]);
      if (target && fragile) caps.push([`${p}:rate:fragile:${target}`, this.caps.fragilePacketsPerSecond]);
      if (ratePerSecond) caps.push([`${p}:rate:scan:${scanId}`, ratePerSecond]);
      // Nobody waiting or asking: ask at once. Otherwise join the line, to be asked for in a batch.
      if (this.waiting.size === 0 && this.askingAlone === 0) {
        this.askingAlone++;
        try {
          if ((await this.take([caps])).granted[0]) return;
        } finally {
          this.askingAlone--;
        }
      }
      const turn = waitInLine(this.waiting, { caps }, signal);
      this.nap?.abort();
      void this.release();
      await turn;
    };
  }

  private async take(packets: PacketCaps[]): Promise<{ granted: boolean[]; soonestMs: number }> {
    const index = new Map<string, number>([[`${this.prefix}:rate:global`, 1]]);
    const rates = [this.caps.globalPacketsPerSecond];
    const encoded: number[] = [];
    for (const caps of packets) {
      encoded.push(caps.length);
      for (const [key, rate] of caps) {
        if (!index.has(key)) {
          index.set(key, index.size + 1);
          rates.push(rate);
        }
        encoded.push(index.get(key)!);
      }
    }
    const [granted, soonest] = await this.takeSlots(index.size, ...index.keys(), ...rates.map((r) => 1000 / r), packets.length, ...encoded);
    return { granted: [...granted].map((g) => g === '1'), soonestMs: Number(soonest) };
  }

  /**
   * Lets waiting packets go while their caps allow; sleeps until the first held-back one could go.
   * If Redis fails, every waiting packet fails with its error, as one asking alone would.
   */
  private async release(): Promise<void> {
    if (this.releasing) return;
    this.releasing = true;
    try {
      while (this.waiting.size > 0) {
        const batch = [...this.waiting].slice(0, BATCH);
        const { granted, soonestMs } = await this.take(batch.map((w) => w.caps));
        batch.forEach((packet, i) => {
          if (!granted[i]) return;
          // Had its wait been aborted meanwhile, the slot is spent unused: the caps err on the safe side.
          this.waiting.delete(packet);
          packet.wake();
        });
        const asked = new Set(batch);
        const joinedMeanwhile = batch.length < BATCH && [...this.waiting].some((p) => !asked.has(p));
        if (soonestMs < 0 || joinedMeanwhile || this.waiting.size === 0) continue;
        this.nap = new AbortController();
        await sleep(Math.max(TIMER_TICK_MS, Math.ceil(soonestMs)), undefined, { ref: false, signal: this.nap.signal }).catch(() => undefined);
        this.nap = undefined;
      }
    } catch (err) {
      for (const packet of this.waiting) packet.fail(err);
      this.waiting.clear();
    } finally {
      this.releasing = false;
    }
  }
}
