// What a `tcp-banner` result's data holds, apart from probe.ts: api/generated/params.ts imports it, and
// probe.ts imports its parameter types from there.
import type { NmapData } from '../nmap/types.js';
import type { BannerFacts } from './banner-parser.js';

export interface BannerData extends BannerFacts {
  /** @isInt */
  port: number;
  /** What was received, as printable text (at most 2048 characters). */
  banner: string;
  /** Bytes read, at most the server's cap (64 KiB by default). @isInt */
  bytes: number;
  /** Why reading stopped early: the size cap or the connection deadline. */
  cut?: 'size' | 'deadline';
  /** The request sent after connecting, when the port's protocol has the client speak first. */
  request?: string;
  /** The peer reset the connection after accepting it. */
  reset?: boolean;
}

/** What a `tcp-banner` result holds: a port's banner, or nmap's version detection over the ports. */
export type TcpBannerData = BannerData | NmapData;
