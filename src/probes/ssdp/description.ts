import http from 'node:http';
import { isIP } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { parseAddress } from '../../net/addresses.js';
import type { ProbeContext } from '../probe.js';
import type { DescriptionResult, UpnpDevice } from './data.js';

/** Largest UPnP description read, bytes. */
export const MAX_DESCRIPTION_BYTES = 256 * 1024;

const FIELDS: Array<keyof UpnpDevice> = ['deviceType', 'friendlyName', 'manufacturer', 'manufacturerURL', 'modelName', 'modelNumber', 'modelDescription', 'serialNumber', 'UDN'];

/** Extracts the root device's identity; throws when the XML is not a UPnP description. */
export function parseDescription(xml: string): UpnpDevice {
  // No DTDs: entity definitions are how XML bombs are built, and descriptions never need them.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('DTDs are not accepted in a UPnP description');
  const doc = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true }).parse(xml) as { root?: { device?: Record<string, unknown> } };
  const device = doc?.root?.device;
  if (!device || typeof device !== 'object') throw new Error('no root/device element');
  const out: UpnpDevice = {};
  for (const f of FIELDS) {
    const v = device[f];
    if (typeof v === 'string' && v) out[f] = v.slice(0, 512);
  }
  return out;
}

/** Whether two address literals name the same address (IPv6 spellings and IPv4-mapped forms folded). */
function sameAddress(a: string, b: string): boolean {
  const x = parseAddress(a);
  const y = parseAddress(b);
  return x !== undefined && y !== undefined && x.family === y.family && x.value === y.value;
}

/**
 * GETs a LOCATION, only when its host is the address literal that answered (`answerer`) and in
 * scope: a device may not send us to another host, whose port, path and rate caps would then be
 * spent in its name. No DNS, no redirects, at most MAX_DESCRIPTION_BYTES, within `ctx.timeoutMs`;
 * its packets count against `answerer`. Never throws: failures are reported.
 */
export async function fetchDescription(location: string, answerer: string, ctx: ProbeContext): Promise<DescriptionResult> {
  const result = (status: DescriptionResult['status'], extra: Partial<DescriptionResult> = {}): DescriptionResult => ({ location, status, ...extra });
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return result('error', { reason: 'invalid-url' });
  }
  if (url.protocol !== 'http:') return result('skipped', { reason: 'not-http' });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!isIP(host)) return result('skipped', { reason: 'not-an-address' });
  if (!sameAddress(host, answerer)) return result('skipped', { reason: 'not-the-answering-address' });
  if (!ctx.inScope(host)) return result('skipped', { reason: 'out-of-scope' });
  const port = Number(url.port || 80);
  const gate = ctx.gateFor(answerer);
  try {
    await gate.acquire(ctx.signal);
  } catch {
    return result('error', { reason: 'cancelled' });
  }
  return new Promise<DescriptionResult>((resolve) => {
    let done = false;
    const finish = (r: DescriptionResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const req = http.request({
      method: 'GET',
      path: `${url.pathname}${url.search}`,
      headers: { Host: url.host, 'User-Agent': 'pscan/0.1 UPnP/1.1', Accept: 'text/xml, application/xml' },
      createConnection: () => ctx.net.connectTcp({ host, port }),
      signal: ctx.signal,
    });
    const timer = setTimeout(() => finish(result('error', { reason: 'timeout' })), ctx.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish(result('error', { reason: err.code === 'ECONNREFUSED' ? 'closed' : (err.code ?? err.name ?? 'error') })));
    req.on('response', (res) => {
      const httpStatus = res.statusCode ?? 0;
      if (httpStatus >= 300 && httpStatus < 400) return finish(result('error', { reason: 'redirect-not-followed', httpStatus }));
      if (httpStatus !== 200) return finish(result('error', { reason: 'http-status', httpStatus }));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_DESCRIPTION_BYTES) return finish(result('error', { reason: 'too-large', httpStatus }));
        chunks.push(c);
      });
      res.on('end', () => {
        try {
          finish(result('ok', { httpStatus, device: parseDescription(Buffer.concat(chunks).toString('utf8')) }));
        } catch (err) {
          finish(result('error', { reason: 'not-a-description', httpStatus }));
          ctx.logger.debug({ err, location }, 'UPnP description not parsed');
        }
      });
      res.on('error', () => finish(result('error', { reason: 'read-failed', httpStatus })));
    });
    gate.acquire(ctx.signal).then(() => req.end(), () => finish(result('error', { reason: 'cancelled' })));
  });
}
