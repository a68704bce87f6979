import type { Service } from '../../api/model.js';
import type { DeviceFacts } from '../snmp/facts.js';
import { parseServerHeader } from './parser.js';
import type { SsdpData, UpnpDevice } from './data.js';
import type { AnswerText } from '../answer.js';

/** OS and product from SERVER; manufacturer and model from the fetched description; services. */
/** The description's identity fields, one `name=value` a line, for the fingerprints. */
const DESCRIPTION_FIELDS = ['manufacturer', 'modelName', 'modelNumber', 'modelDescription', 'friendlyName', 'deviceType'] as const;

function ssdpAnswers(server: string | undefined, device: UpnpDevice | undefined): AnswerText[] {
  const answers: AnswerText[] = server ? [{ matches: 'upnp.server', text: server }] : [];
  const lines = device ? DESCRIPTION_FIELDS.flatMap((f) => (device[f] ? [`${f}=${device[f]}`] : [])) : [];
  if (lines.length) answers.push({ matches: 'upnp.description', text: lines.join('\n') });
  return answers;
}

export function ssdpFacts(data: SsdpData): DeviceFacts & { services: Service[]; answers: AnswerText[] } {
  const server = data.responses.find((r) => r.server)?.server;
  const facts: DeviceFacts & { services: Service[]; answers: AnswerText[] } = { services: [], answers: ssdpAnswers(server, data.descriptions?.find((d) => d.device)?.device) };
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
