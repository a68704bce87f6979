// What a `ws-discovery` result's data holds, apart from probe.ts: api/generated/params.ts imports it,
// and probe.ts imports its parameter types from there. Only types, so soap.ts can import them.

/** One ProbeMatch (or ResolveMatch): what a target service says of itself. Lists bounded (32 items, 512 characters each). */
export interface WsdMatch {
  /** EndpointReference/Address: the endpoint's stable id, usually `urn:uuid:…`. */
  address?: string;
  /** QNames as sent, e.g. `wsdp:Device`, `pub:Computer`, `dn:NetworkVideoTransmitter` (prefixes vary by sender). */
  types: string[];
  /** Scope URIs, e.g. `onvif://www.onvif.org/hardware/DS-2CD2042WD-I`. */
  scopes: string[];
  /** Transport addresses of the endpoint's metadata service, e.g. `http://198.18.77.23:5357/<uuid>`. */
  xaddrs: string[];
  metadataVersion?: number;
}

/** The ONVIF scopes (ONVIF Core, "Scopes"), percent-decoded. */
export interface OnvifScopes {
  /** `onvif://www.onvif.org/hardware/<model>`. */
  hardware?: string;
  /** `onvif://www.onvif.org/name/<name>`: the device's searchable name, which the user may set. */
  name?: string;
  /** `onvif://www.onvif.org/location/<…>`, each path after `location/`. */
  locations?: string[];
  /** `onvif://www.onvif.org/type/<…>`, e.g. `video_encoder`, `NetworkVideoTransmitter`, `ptz`. */
  types?: string[];
  /** `onvif://www.onvif.org/Profile/<…>`, e.g. `Streaming`, `S`, `T`. */
  profiles?: string[];
}

/** A port on the answering address that an XAddr names. */
export interface WsdEndpoint {
  port: number;
  protocol: 'tcp';
  /** The XAddr's scheme. */
  name: 'http' | 'https';
}

export interface WsDiscoveryData {
  mode: 'multicast' | 'unicast';
  /** The Types the Probe carried; none: every endpoint was asked. */
  types: string[];
  /** Our Probe's MessageID, which answers name in RelatesTo. */
  messageId: string;
  /** Distinct matches (by endpoint address), at most 16. */
  matches: WsdMatch[];
  /** From the matches' ONVIF scopes, when there were any. */
  onvif?: OnvifScopes;
  /** XAddrs on the answering address itself, by port (other hosts' addresses stay in `matches` only). */
  endpoints: WsdEndpoint[];
  /** Repeated answers folded away (SOAP-over-UDP sends each answer more than once). */
  duplicates: number;
  /** Valid messages that did not answer our Probe or Resolve (another RelatesTo, a Hello), ignored. */
  unrelated?: number;
  /** Datagrams that were not WS-Discovery XML (or over 32 KiB), ignored beside valid ones. */
  malformedDatagrams?: number;
  /** A Resolve was sent for matches that came without XAddrs (as WS-Discovery §5.3 says a client does). */
  resolved?: boolean;
}
