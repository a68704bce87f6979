/**
 * The text forms the API reads, as regular expressions for the OpenAPI document (JSON Schema
 * `pattern`): what a client generated from it sends is what the server parses. IPv4 and IPv6 are
 * Node's own `net.isIPv4`/`isIPv6` forms (which `parseAddress` uses), without an IPv6 zone.
 * A test holds them to the parsers (src/net/address-patterns.test.ts).
 */
const V4_SEG = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const V4 = `(${V4_SEG}\\.){3}${V4_SEG}`;
const S = '[0-9a-fA-F]{1,4}';
const V6 = `(${[
  `(${S}:){7}(${S}|:)`,
  `(${S}:){6}(${V4}|:${S}|:)`,
  `(${S}:){5}(:${V4}|(:${S}){1,2}|:)`,
  `(${S}:){4}((:${S}){0,1}:${V4}|(:${S}){1,3}|:)`,
  `(${S}:){3}((:${S}){0,2}:${V4}|(:${S}){1,4}|:)`,
  `(${S}:){2}((:${S}){0,3}:${V4}|(:${S}){1,5}|:)`,
  `(${S}:){1}((:${S}){0,4}:${V4}|(:${S}){1,6}|:)`,
  `(:((:${S}){0,5}:${V4}|(:${S}){1,7}|:))`,
].join('|')})`;
const PREFIX_V4 = '(3[0-2]|[12]?[0-9])';
const PREFIX_V6 = '(12[0-8]|1[01][0-9]|[1-9]?[0-9])';

/** One IPv4 or IPv6 address. */
export const IP_ADDRESS_PATTERN = `^(${V4}|${V6})$`;
/** An address or a CIDR: a filter's network. */
export const NETWORK_PATTERN = `^(${V4}(/${PREFIX_V4})?|${V6}(/${PREFIX_V6})?)$`;
/** A scan target: an address, a CIDR, or an `a-b` range of two addresses of one family. */
export const TARGET_PATTERN = `^(${V4}(/${PREFIX_V4}|-${V4})?|${V6}(/${PREFIX_V6}|-${V6})?)$`;
