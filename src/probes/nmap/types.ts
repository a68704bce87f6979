// nmap's settings and data, apart from run.ts, which imports probes/probe.ts: the probe context
// carries the settings, and a tcp-banner result the data.
import type { NmapPort } from './xml.js';

export interface NmapSettings {
  path: string;
  versionIntensity: number;
  hostTimeoutMs: number;
}

export interface NmapData {
  /** Tells nmap's version detection from a banner in a `tcp-banner` result (absent in results stored before it existed). */
  kind: 'nmap';
  nmap: {
    version?: string;
    /** The exact argument list nmap ran with. */
    args: string[];
    ports: NmapPort[];
    /** nmap gave up on the host at --host-timeout; the ports are what it had by then. */
    timedOut: boolean;
    elapsedSeconds?: number;
    /** Packets counted for this run (see README: a lower bound). @isInt */
    packetsCounted: number;
  };
}
