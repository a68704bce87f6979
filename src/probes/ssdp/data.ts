// What an `ssdp` result's data holds, apart from probe.ts: api/generated/params.ts imports it, and
// probe.ts imports its parameter types from there.
import type { SsdpResponse } from './parser.js';

export interface SsdpData {
  mode: 'multicast' | 'unicast';
  st: string;
  mx: number;
  /** Distinct responses (by ST, USN and LOCATION), at most 32. */
  responses: SsdpResponse[];
  /** Repeated responses folded away. */
  duplicates: number;
  /** Datagrams from this responder that were not search responses, ignored beside valid ones. */
  malformedDatagrams?: number;
  /** One per distinct LOCATION (at most 4), when `fetchDescription` was asked for. */
  descriptions?: DescriptionResult[];
}

export interface UpnpDevice {
  deviceType?: string;
  friendlyName?: string;
  manufacturer?: string;
  manufacturerURL?: string;
  modelName?: string;
  modelNumber?: string;
  modelDescription?: string;
  serialNumber?: string;
  UDN?: string;
}

export interface DescriptionResult {
  location: string;
  status: 'ok' | 'skipped' | 'error';
  /** Why it was skipped or failed, e.g. `not-the-answering-address`, `out-of-scope`, `timeout`, `too-large`, `redirect-not-followed`. */
  reason?: string;
  httpStatus?: number;
  device?: UpnpDevice;
}
