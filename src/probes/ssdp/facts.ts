import type { Service } from '../../api/model.js';
import type { DeviceFacts } from '../snmp/facts.js';
import { parseServerHeader } from './parser.js';
import type { SsdpData } from './data.js';

/** OS and product from SERVER; manufacturer and model from the fetched description; services. */
export function ssdpFacts(data: SsdpData): DeviceFacts & { services: Service[] } {
  const facts: DeviceFacts & { services: Service[] } = { services: [] };
  const server = data.responses.find((r) => r.server)?.server;
  const parsed = server ? parseServerHeader(server) : {};
  if (parsed.os) facts.os = parsed.os;
  const device = data.descriptions?.find((d) => d.device)?.device;
  if (device?.manufacturer) facts.manufacturer = device.manufacturer;
  if (device?.modelName) facts.model = device.modelName;
  facts.services.push({ port: 1900, protocol: 'udp', name: 'ssdp' });
  const location = data.responses.find((r) => r.location)?.location;
  const port = location ? Number(/^http:\/\/[^/]*:(\d+)\//.exec(location)?.[1] ?? 80) : undefined;
  if (port) {
    const upnp: Service = { port, protocol: 'tcp', name: 'upnp' };
    if (parsed.product) upnp.product = parsed.product;
    if (parsed.version) upnp.version = parsed.version;
    facts.services.push(upnp);
  }
  return facts;
}
