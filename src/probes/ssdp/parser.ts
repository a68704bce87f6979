/**
 * SSDP on the wire (UPnP Device Architecture 1.1 §1.3): building M-SEARCH, parsing search
 * responses. Pure: captured, truncated and hostile datagrams are unit tests.
 */

export const SSDP_GROUP = { address: '239.255.255.250', port: 1900 };
const MAX_HEADERS = 64;
const MAX_VALUE = 1024;

export function buildMSearch(options: { st: string; mx: number; host?: string }): Buffer {
  const host = options.host ?? `${SSDP_GROUP.address}:${SSDP_GROUP.port}`;
  return Buffer.from(
    ['M-SEARCH * HTTP/1.1', `HOST: ${host}`, 'MAN: "ssdp:discover"', `MX: ${options.mx}`, `ST: ${options.st}`, 'USER-AGENT: pscan/0.1 UPnP/1.1 pscan/0.1', '', ''].join('\r\n'),
    'latin1',
  );
}

export interface SsdpResponse {
  st?: string;
  usn?: string;
  location?: string;
  server?: string;
  /** `max-age` from CACHE-CONTROL, seconds. */
  maxAge?: number;
  /** Every header, names lower-cased, values cut at 1024 characters. */
  headers: { [name: string]: string };
}

/** Parses one search response; throws on anything that is not an HTTP/1.x 200 answer. */
export function parseSearchResponse(buf: Buffer): SsdpResponse {
  const text = buf.toString('latin1');
  const lines = text.split(/\r?\n/);
  const status = /^HTTP\/1\.[01]\s+(\d{3})\b/.exec(lines[0] ?? '');
  if (!status) throw new Error('not an HTTP response line');
  if (status[1] !== '200') throw new Error(`status ${status[1]}, not 200`);
  const headers: { [name: string]: string } = {};
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!name || name in headers) continue;
    if (Object.keys(headers).length >= MAX_HEADERS) break;
    headers[name] = line.slice(colon + 1).trim().slice(0, MAX_VALUE);
  }
  const response: SsdpResponse = { headers };
  if (headers.st) response.st = headers.st;
  if (headers.usn) response.usn = headers.usn;
  if (headers.location) response.location = headers.location;
  if (headers.server) response.server = headers.server;
  const maxAge = /max-age\s*=\s*(\d+)/i.exec(headers['cache-control'] ?? '');
  if (maxAge) response.maxAge = Number(maxAge[1]);
  return response;
}

/** `SERVER: OS/version UPnP/1.x product/version` (UDA 1.1 §1.3.3) into its parts, when it has that shape. */
export function parseServerHeader(server: string): { os?: string; product?: string; version?: string } {
  const tokens = server.split(/\s+/).filter(Boolean);
  const upnp = tokens.findIndex((t) => /^UPnP\/\d/i.test(t));
  if (upnp < 0) return {};
  const out: { os?: string; product?: string; version?: string } = {};
  // The first token is the OS; later ones before UPnP/ are extras such as DLNADOC/1.50.
  if (upnp > 0) out.os = tokens[0]!.replace(/^([^/,]+)[/,](\S+)$/, '$1 $2');
  const product = tokens.at(-1)!;
  if (upnp < tokens.length - 1) {
    const [name, version] = product.split('/');
    if (name) out.product = name;
    if (version) out.version = version;
  }
  return out;
}
