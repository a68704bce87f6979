import type { Redis } from 'ioredis';
import type { SiteCoverage } from './routing.js';
import { type SensorInfo, sensorKey } from './wire.js';

/**
 * Live sensors, as records in Redis that expire unless their sensor renews them: a sensor that
 * dies disappears after three missed heartbeats, and the API stops routing new work to its site.
 */
export class SensorRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async beat(info: SensorInfo, heartbeatMs: number): Promise<void> {
    await this.redis.set(sensorKey(this.prefix, info.id), JSON.stringify(info), 'PX', heartbeatMs * 3);
  }

  async leave(id: string): Promise<void> {
    await this.redis.del(sensorKey(this.prefix, id));
  }

  async list(): Promise<SensorInfo[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', sensorKey(this.prefix, '*'), 'COUNT', 200);
      keys.push(...found);
      cursor = next;
    } while (cursor !== '0' && keys.length < 10_000);
    if (!keys.length) return [];
    const values = await this.redis.mget(...keys);
    return values
      .flatMap((v) => (v ? [JSON.parse(v) as SensorInfo] : []))
      .sort((a, b) => a.site.localeCompare(b.site) || a.id.localeCompare(b.id));
  }

  /** The sites of the live sensors with their CIDRs; `sensors` when the caller has just listed them. */
  async liveSites(sensors?: readonly SensorInfo[]): Promise<SiteCoverage[]> {
    const bySite = new Map<string, Set<string>>();
    for (const s of sensors ?? (await this.list())) {
      const set = bySite.get(s.site) ?? new Set<string>();
      for (const c of s.cidrs) set.add(c);
      bySite.set(s.site, set);
    }
    return [...bySite].map(([site, cidrs]) => ({ site, cidrs: [...cidrs] }));
  }
}
