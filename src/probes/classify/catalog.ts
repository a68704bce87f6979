import type { FieldError } from '../../errors.js';
import type { Port } from '../../api/model.js';

/** A device type and the TCP ports it has open. */
export interface DeviceSignature {
  /**
   * Unique within its catalogue.
   * @minLength 1
   * @maxLength 128
   * @pattern \S must hold a character other than a space
   */
  type: string;
  /**
   * The open TCP ports. No item twice.
   * @minItems 1
   * @maxItems 64
   * @uniqueItems
   */
  ports: Port[];
}

export interface Catalog {
  id: string;
  name: string;
  source?: string;
  devices: DeviceSignature[];
}

export const MAX_CATALOG_DEVICES = 64;
export const MAX_CATALOG_PORTS = 256;

/**
 * The default catalogue: Table I of A. Sivanathan, H. Habibi Gharakheili, V. Sivaraman, "Can We
 * Classify an IoT Device using TCP Port Scan?", IEEE ICIAfS 2018 — 19 devices, 42 distinct ports.
 */
export const DEFAULT_CATALOG: Catalog = {
  id: 'default',
  name: 'IoT devices of Sivanathan et al. 2018, Table I',
  source: 'A. Sivanathan, H. Habibi Gharakheili, V. Sivaraman: "Can We Classify an IoT Device using TCP Port Scan?", IEEE ICIAfS 2018, Table I',
  devices: [
    { type: 'Amazon Echo', ports: [4070, 4071, 55442, 55443] },
    { type: 'August Doorbell', ports: [554, 8554, 19531] },
    { type: 'Belkin Cam', ports: [80, 81, 443, 9964, 49153] },
    { type: 'Belkin Motion', ports: [53, 49152] },
    { type: 'Belkin Switch', ports: [53, 49155] },
    { type: 'Dlink Cam', ports: [21, 23, 5001, 5004, 16119] },
    { type: 'Google Chromecast', ports: [8008, 8009, 9000] },
    { type: 'Google Home', ports: [8008, 8009, 9000, 10001] },
    { type: 'HP Printer', ports: [80, 443, 631, 3910, 3911, 8080, 9100, 9220, 53048] },
    { type: 'Hue bulb', ports: [80, 8080] },
    { type: 'iHome Plug', ports: [80] },
    { type: 'Netatmo Cam', ports: [80, 5555] },
    { type: 'Samsung Cam', ports: [80, 443, 554, 943, 4520, 49152] },
    { type: 'Smart Things', ports: [23, 39500] },
    { type: 'TPLink Cam', ports: [80, 554, 8080] },
    { type: 'TPLink Switch', ports: [80, 9999] },
    { type: 'Triby Speaker', ports: [80, 5080, 44395] },
    { type: 'Vivitar power', ports: [6668] },
    { type: 'Whithings Sleep', ports: [22, 7685, 7888] },
  ],
};

export function cataloguePorts(devices: readonly DeviceSignature[]): number[] {
  return [...new Set(devices.flatMap((d) => d.ports))].sort((a, b) => a - b);
}

/** Validates a user catalogue (as posted or read from a file); paths are relative to it. */
export function validateCatalog(raw: unknown): { ok: true; devices: DeviceSignature[]; name: string; source?: string } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const body = raw as { name?: unknown; source?: unknown; devices?: unknown };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, errors: [{ path: '/', message: 'must be an object with name and devices' }] };
  for (const k of Object.keys(body)) if (!['name', 'source', 'devices'].includes(k)) errors.push({ path: `/${k}`, message: 'is not a known field' });
  if (typeof body.name !== 'string' || !body.name.trim() || body.name.length > 128) errors.push({ path: '/name', message: 'must be a string of 1 to 128 characters' });
  if (body.source !== undefined && (typeof body.source !== 'string' || body.source.length > 512)) errors.push({ path: '/source', message: 'must be a string of at most 512 characters' });
  const devices: DeviceSignature[] = [];
  if (!Array.isArray(body.devices) || body.devices.length < 1 || body.devices.length > MAX_CATALOG_DEVICES) errors.push({ path: '/devices', message: `must be an array of 1 to ${MAX_CATALOG_DEVICES} devices` });
  else
    body.devices.forEach((d: unknown, i: number) => {
      const dev = d as { type?: unknown; ports?: unknown };
      if (d === null || typeof d !== 'object') return errors.push({ path: `/devices/${i}`, message: 'must be an object {type, ports}' });
      for (const k of Object.keys(dev)) if (!['type', 'ports'].includes(k)) errors.push({ path: `/devices/${i}/${k}`, message: 'is not a known field' });
      if (typeof dev.type !== 'string' || !dev.type.trim() || dev.type.length > 128) errors.push({ path: `/devices/${i}/type`, message: 'must be a string of 1 to 128 characters' });
      const ports = dev.ports;
      if (!Array.isArray(ports) || ports.length < 1 || ports.length > 64 || !ports.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535) || new Set(ports).size !== ports.length) {
        errors.push({ path: `/devices/${i}/ports`, message: 'must be 1 to 64 distinct TCP ports (1–65535)' });
      } else if (typeof dev.type === 'string') devices.push({ type: dev.type, ports: [...(ports as number[])].sort((a, b) => a - b) });
    });
  const types = devices.map((d) => d.type);
  types.forEach((t, i) => types.indexOf(t) !== i && errors.push({ path: `/devices/${i}/type`, message: `"${t}" appears twice` }));
  if (!errors.length && cataloguePorts(devices).length > MAX_CATALOG_PORTS) errors.push({ path: '/devices', message: `at most ${MAX_CATALOG_PORTS} distinct ports` });
  if (errors.length) return { ok: false, errors };
  return { ok: true, devices, name: (body.name as string).trim(), ...(typeof body.source === 'string' ? { source: body.source } : {}) };
}
