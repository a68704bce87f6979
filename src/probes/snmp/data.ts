// What an `snmp` result's data holds, apart from probe.ts: api/generated/params.ts imports it, and
// probe.ts imports its parameter types from there.
import type { Varbind } from './varbinds.js';

export interface SnmpData {
  operation: 'get' | 'getBulk' | 'walk';
  version: '1' | '2c' | '3';
  varbinds: Varbind[];
  /** Why a walk stopped before the end of its subtree. */
  cut?: 'maxVarbinds' | 'deadline';
}
