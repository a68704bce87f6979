// What an `mdns` result's data holds, apart from probe.ts: api/generated/params.ts imports it, and
// probe.ts imports its parameter types from there.
import type { MdnsRecord, MdnsService } from './codec.js';

export interface MdnsData {
  name: string;
  recordType: string;
  mode: 'multicast' | 'unicast';
  records: MdnsRecord[];
  services: MdnsService[];
  /** Host names the answers give (SRV targets, A/AAAA owners). */
  hostnames: string[];
  /** Repeated records folded away (the same answer to repeated queries). */
  duplicates: number;
  /** Datagrams from this responder that were not DNS, ignored beside valid ones. */
  malformedDatagrams?: number;
  /** A follow-up query was sent for instances named without their SRV/TXT. */
  followUp?: boolean;
}
