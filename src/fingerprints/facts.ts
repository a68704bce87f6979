import type { FingerprintMatch } from './engine.js';

export type FingerprintFactName = 'hostname' | 'manufacturer' | 'model' | 'os' | 'type';

/** One fact a match gives, and whether the text states it or the fingerprint infers it. */
export interface FingerprintFact {
  value: string;
  confidence: 'stated' | 'inferred';
}

/** What one match says: device facts, the service's software, and CPE names. */
export interface MatchFacts {
  facts: Partial<Record<FingerprintFactName, FingerprintFact>>;
  service?: { vendor?: string; product?: string; version?: string };
  /** `hw.cpe23` and `os.cpe23`: the device's. */
  deviceCpe: string[];
  /** `service.cpe23` and any other `*.cpe23`: the software's. */
  serviceCpe: string[];
}

/**
 * Vendors of operating systems only: an `os.vendor` names the device's maker unless it is one of
 * these (a Windows PC's maker is not Microsoft).
 */
const SOFTWARE_ONLY_VENDORS = new Set(
  ['microsoft', 'linux', 'gnu', 'canonical', 'ubuntu', 'debian', 'raspberry pi', 'raspbian', 'red hat', 'redhat', 'centos', 'fedora', 'suse', 'opensuse', 'freebsd', 'the freebsd project', 'openbsd', 'netbsd', 'wind river', 'wind river systems', 'express logic', 'blackberry', 'qnx', 'oracle', 'sun', 'busybox', 'openwrt', 'freertos', 'amazon web services', 'vmware'].map((v) => v),
);

/** Linux distributions: with a generic `Linux` product, the distribution is the OS a user names. */
const DISTRIBUTIONS = new Set(['debian', 'ubuntu', 'raspbian', 'raspberry pi', 'red hat', 'redhat', 'centos', 'fedora', 'suse', 'opensuse', 'alpine', 'arch', 'gentoo', 'rocky', 'almalinux', 'oracle', 'amazon', 'mint', 'kali', 'slackware']);

/** The OS as one string: vendor and product (or family), and the version where the product lacks it. */
function osName(params: Record<string, string>): string | undefined {
  const product = params['os.product'] || params['os.family'];
  if (!product) return undefined;
  const vendor = params['os.vendor'];
  const version = params['os.version'];
  if (vendor && /^linux$/i.test(product) && DISTRIBUTIONS.has(vendor.toLowerCase())) {
    // "Debian 12", "Ubuntu 22.04.3"; but a kernel's version (2.x.y to 6.x.y) is Linux's, whoever built it.
    if (version && /^[2-6]\.\d+\.\d+/.test(version)) return `Linux ${version}`;
    return version ? `${vendor} ${version}` : vendor;
  }
  let name = vendor && !product.toLowerCase().includes(vendor.toLowerCase()) && vendor.toLowerCase() !== product.toLowerCase() && !SOFTWARE_ONLY_VENDORS.has(vendor.toLowerCase()) ? `${vendor} ${product}` : product;
  if (vendor && /^microsoft$/i.test(vendor) && !/microsoft/i.test(name)) name = `Microsoft ${name}`;
  if (version && !name.includes(version)) name = `${name} ${version}`;
  return name;
}

/**
 * Turns a match's params into facts as the issue of record maps them: `hw.vendor` → manufacturer,
 * `hw.product` → model, `hw.device` → type, `os.*` → os, `host.name` → hostname, `service.*` → the
 * service, `*.cpe23` → CPE names. A fact is stated when a param it comes from was read from the
 * text (a capture, or a constant the text contains) and the fingerprint is certain; inferred otherwise.
 */
export function factsOfMatch(match: FingerprintMatch): MatchFacts {
  const { params } = match;
  const stated = new Set(match.stated);
  const certain = match.certainty === undefined || match.certainty >= 1;
  const confidence = (...names: string[]): 'stated' | 'inferred' => (certain && names.some((n) => stated.has(n)) ? 'stated' : 'inferred');
  const facts: MatchFacts['facts'] = {};
  const hwVendor = params['hw.vendor'];
  const osVendor = params['os.vendor'];
  if (hwVendor) facts.manufacturer = { value: hwVendor, confidence: confidence('hw.vendor') };
  else if (osVendor && !SOFTWARE_ONLY_VENDORS.has(osVendor.toLowerCase())) facts.manufacturer = { value: osVendor, confidence: 'inferred' };
  if (params['hw.product']) facts.model = { value: params['hw.product'], confidence: confidence('hw.product') };
  const type = params['hw.device'] || params['os.device'];
  if (type) facts.type = { value: type, confidence: confidence(params['hw.device'] ? 'hw.device' : 'os.device') };
  const os = osName(params);
  if (os) facts.os = { value: os, confidence: confidence('os.product', 'os.family', 'os.version') };
  if (params['host.name']) facts.hostname = { value: params['host.name'], confidence: confidence('host.name') };
  const service = {
    ...(params['service.vendor'] ? { vendor: params['service.vendor'] } : {}),
    ...(params['service.product'] || params['service.family'] ? { product: params['service.product'] || params['service.family'] } : {}),
    ...(params['service.version'] ? { version: params['service.version'] } : {}),
  };
  const deviceCpe: string[] = [];
  const serviceCpe: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (!name.endsWith('.cpe23') || !value) continue;
    if (name === 'hw.cpe23' || name === 'os.cpe23') deviceCpe.push(value);
    else serviceCpe.push(value);
  }
  return { facts, ...(Object.keys(service).length ? { service } : {}), deviceCpe, serviceCpe };
}
