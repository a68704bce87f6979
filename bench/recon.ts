/**
 * The pScan paper's cost metrics, ours against nmap, on the lab, in one run (inside the scanner
 * namespace; `npm run bench` builds the lab and runs this there).
 *
 * The same reconnaissance of the lab devices by both tools: SNMP system group, mDNS service
 * discovery, SSDP with UPnP descriptions, banners on nmap's top-100 TCP ports, then service/version
 * detection on what is open. Per tool: insights per device against the lab's truth, packets per
 * asset counted by tshark on the wire, CPU seconds, peak RSS, wall time. Medians over --runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import request from 'supertest';
import { Capture } from '../test/e2e/capture.js';
import { median, procCpuSeconds, procRssMb, runNmapMeasured, TOP100 } from './lab-measure.js';
import { kill, type ServerProcess, startServer } from '../test/support/process.js';
import { bearer, TEST_SECRET, token } from '../test/support/service.js';
import { packageRoot } from '../src/util/package-root.js';
import type { Asset, Scan } from '../src/api/model.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Number(values.runs);
const root = packageRoot();
const lab = JSON.parse(readFileSync(path.join(root, 'test', 'lab', 'devices.json'), 'utf8'));
const ip = (name: string): string => lab.devices[name].ip;


/** What a thorough observer can know about each lab device; any listed value counts as a match. */
const TRUTH: Record<string, { hostname?: string[]; manufacturer?: string[]; model?: string[]; os?: string[]; tcp: number[] }> = {
  cam: { os: ['Linux'], tcp: [22, 80, 554] },
  printer: { hostname: ['printer-lab'], manufacturer: ['HP'], model: ['LaserJet 400 M401dn', 'HP LaserJet 400 M401dn'], tcp: [] },
  nas: { hostname: ['nas-lab'], manufacturer: ['Synology', 'Justin Maggard'], model: ['DS220+', 'Lab NAS DLNA'], os: ['Linux', 'Debian', 'Synology DSM'], tcp: [8200] },
  cast: { hostname: ['cast-lab'], model: ['Google Home Mini'], tcp: [] },
  closed: { tcp: [] },
};
const DEVICES = Object.keys(TRUTH);
const FACTS = ['hostname', 'manufacturer', 'model', 'os'] as const;
/** Each lab device's MAC (a registered OUI's): a fact either tool can learn on the link. */
const macOf = (d: string): string => String(lab.devices[d].mac).toLowerCase();
const possible = (d: string): number => FACTS.filter((f) => TRUTH[d]![f]).length + TRUTH[d]!.tcp.length + 1;

interface Measure {
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  packets: number;
  insights: Record<string, number>;
}


const procPeakRssMb = (pid: number): number => procRssMb(pid, 'VmHWM');

/** Our insights: the structured asset facts of the scans, matched against the truth. */
function ourInsights(assets: Asset[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of DEVICES) {
    const facts = assets.filter((a) => a.ip === ip(d));
    const t = TRUTH[d]!;
    let n = 0;
    for (const f of FACTS) if (t[f] && facts.some((a) => t[f]!.some((v) => (a[f] ?? '').toLowerCase().includes(v.toLowerCase())))) n++;
    n += t.tcp.filter((p) => facts.some((a) => a.services.some((s) => s.port === p && s.protocol === 'tcp' && s.name))).length;
    if (facts.some((a) => a.mac === macOf(d))) n++;
    out[d] = n;
  }
  return out;
}

/** The lab's device catalogue, as an operator would keep one for their fleet (`targeted` mode). */
const LAB_CATALOG = {
  name: 'the lab fleet',
  devices: [
    { type: 'LabCam IPC-100', ports: [22, 80, 554] },
    { type: 'Lab NAS', ports: [8200] },
    { type: 'Web-only plug', ports: [80] },
  ],
};

/**
 * Discovery: `top100` is the same workload as nmap (banners on its top-100 ports); `targeted` is the
 * pScan way, classification against the fleet's catalogue instead of a port sweep. Deep probes on
 * what is open: `nmap` runs nmap's service/version detection through the service
 * (`additionalProbes: true`); `own` is the banner probe's own protocol requests (HTTP GET, RTSP
 * OPTIONS; `additionalProbes: false`). The SNMP, mDNS and SSDP probes are the same in every variant.
 */
async function runOurs(mode: 'top100' | 'targeted', deepProbes: 'nmap' | 'own'): Promise<Measure> {
  return measureOurs('pscan-recon-', async (server, auth) => {
    const catalog = mode === 'targeted' ? ((await request(server.url).post('/v1/catalogs').set(auth).send(LAB_CATALOG)).body.id as string) : undefined;
    return async () => {
      const nas = lab.devices.nas.snmp;
      const v3 = { user: nas.user, authProtocol: nas.authProtocol, authKey: nas.authKey, privProtocol: nas.privProtocol, privKey: nas.privKey };
      const system = ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.2.0', '1.3.6.1.2.1.1.5.0'];
      const first = await request(server.url).post('/v1/scans').set(auth).send({
        mode: 'sync',
        targets: DEVICES.map(ip),
        probes: [
          mode === 'top100' ? { type: 'tcp-banner', ports: TOP100 } : { type: 'classify', catalog },
          { type: 'snmp', operation: 'get', oids: system, community: lab.devices.printer.snmp.community },
          { type: 'snmp', operation: 'get', oids: system, version: '3', v3 },
          { type: 'mdns', name: '_services._dns-sd._udp.local' },
          { type: 'mdns', name: '_googlecast._tcp.local' },
          { type: 'mdns', name: '_ipp._tcp.local' },
          { type: 'ssdp', mx: 1, fetchDescription: true },
        ],
        timing: { timeoutMs: 1000 },
      });
      if (first.status !== 200) throw new Error(`our scan: ${first.status} ${first.text}`);
      const scan1 = first.body as Scan;
      // Deep probes on what is open, one scan per device with open ports.
      const open = new Map<string, number[]>();
      for (const r of scan1.results) {
        if (r.status !== 'ok') continue;
        if (r.probe === 'tcp-banner' && r.port) open.set(r.target, [...(open.get(r.target) ?? []), r.port]);
        if (r.probe === 'classify') {
          const ports = (r.data as { path: Array<{ port: number; state: string }> }).path.filter((x) => x.state === 'open').map((x) => x.port);
          if (ports.length) open.set(r.target, ports);
        }
      }
      const deep = await Promise.all(
        [...open].map(async ([target, ports]) => {
          const res = await request(server.url).post('/v1/scans').set(auth).send({ mode: 'sync', targets: [target], probe: { type: 'tcp-banner', ports, additionalProbes: deepProbes === 'nmap' } });
          if (res.status !== 200) throw new Error(`deep scan: ${res.status} ${res.text}`);
          return res.body as Scan;
        }),
      );
      return [...scan1.assets, ...deep.flatMap((s) => s.assets)];
    };
  });
}

/**
 * Runs our side of a comparison on a fresh service: `setUp` prepares what is not measured and
 * returns the measured work, whose assets are matched against the truth. Packets are the frames
 * the scanner sent (tshark), CPU and peak RSS the service process's.
 */
async function measureOurs(prefix: string, setUp: (server: ServerProcess, auth: Record<string, string>) => Promise<() => Promise<Asset[]>>): Promise<Measure> {
  const server = await startServer({
    PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), prefix)),
    PSCAN_JWT_SECRET: TEST_SECRET,
    PSCAN_SCOPE_ALLOW: lab.subnet,
    PSCAN_INTERFACE: 'eth0',
    PSCAN_LOG_LEVEL: 'warn',
  });
  const work = await setUp(server, bearer(await token()));
  const pid = server.child.pid!;
  const cpu0 = procCpuSeconds(pid);
  const capture = new Capture();
  await capture.start(`src host ${lab.scanner} and ip`);
  const started = performance.now();
  const assets = await work();
  const wallSeconds = (performance.now() - started) / 1000;
  const frames = await capture.stop();
  const measure: Measure = { wallSeconds, cpuSeconds: procCpuSeconds(pid) - cpu0, peakRssMb: procPeakRssMb(pid), packets: frames.length, insights: ourInsights(assets) };
  await kill(server, 'SIGTERM');
  return measure;
}

/** The lab /24 less the hostile host, whose endless and trickling answers measure nothing here. */
const hostileOctet = Number(ip('hostile').split('.')[3]);
const SUBNET_LESS_HOSTILE = [`198.18.77.1-198.18.77.${hostileOctet - 1}`, `198.18.77.${hostileOctet + 1}-198.18.77.254`];

/**
 * The facts-first way: one `want` scan of the lab /24 (less the hostile host), the built-in
 * catalogue only, the lab's SNMP credentials in the order an operator would list them. Without
 * `services` in `want`, the classification walks its tree instead of checking every catalogue
 * port: the price of the open ports in packets, measured.
 */
const WANT_ALL = ['hostname', 'manufacturer', 'model', 'os', 'services', 'mac'];
async function runWant(want = WANT_ALL): Promise<Measure> {
  return measureOurs('pscan-want-', async (server, auth) => async () => {
    const nas = lab.devices.nas.snmp;
    const res = await request(server.url).post('/v1/scans').set(auth).send({
      mode: 'sync',
      targets: SUBNET_LESS_HOSTILE,
      want,
      credentials: { snmp: [{ version: '2c', community: lab.devices.printer.snmp.community }, { version: '3', v3: { user: nas.user, authProtocol: nas.authProtocol, authKey: nas.authKey, privProtocol: nas.privProtocol, privKey: nas.privKey } }] },
      timing: { timeoutMs: 1000 },
    });
    if (res.status !== 200 || res.body.status !== 'completed') throw new Error(`want scan: ${res.status} ${res.text.slice(0, 300)}`);
    writeFileSync(path.join(root, 'bench', 'out', want.includes('services') ? 'want-plan.json' : 'want-plan-no-services.json'), JSON.stringify((res.body as Scan).plan, null, 2));
    return (res.body as Scan).assets;
  });
}

/** nmap doing the equivalent; CPU and peak RSS of the child come from getrusage(RUSAGE_CHILDREN). */
async function runNmap(outDir: string, over: 'devices' | 'subnet'): Promise<Measure> {
  const xmlFile = path.join(outDir, `nmap-${Date.now()}.xml`);
  // Over the devices: no host discovery (they are known alive). Over the subnet: nmap's own (ARP
  // on the link, as root), every address but the scanner and the hostile host.
  const targets = over === 'devices' ? ['-Pn', ...DEVICES.map(ip)] : ['--exclude', `${lab.scanner},${ip('hostile')}`, lab.subnet];
  const args = [
    '-sT', '-sU', '-p', `T:${TOP100.join(',')},U:161,1900,5353`, '-sV', '-n',
    '--script', 'snmp-sysdescr,snmp-info,dns-service-discovery,upnp-info',
    '--script-args', `snmpcommunity=${lab.devices.printer.snmp.community}`,
    '-oX', xmlFile, ...targets,
  ];
  const measured = await runNmapMeasured(args, lab.scanner);
  const xml = readFileSync(xmlFile, 'utf8');
  // Generous to nmap: a fact counts if its value appears anywhere in the host's XML (service fields, script output).
  const insights: Record<string, number> = {};
  for (const d of DEVICES) {
    // Skip the header: its <hosthint> elements carry the addresses too.
    const hostXml = xml.split('<host ').slice(1).find((h) => h.includes(`addr="${ip(d)}"`)) ?? '';
    const t = TRUTH[d]!;
    let n = 0;
    for (const f of FACTS) if (t[f] && t[f]!.some((v) => hostXml.toLowerCase().includes(v.toLowerCase()))) n++;
    n += t.tcp.filter((p) => new RegExp(`portid="${p}"><state state="open"[^>]*/><service name="[^"]+"`).test(hostXml)).length;
    if (hostXml.toLowerCase().includes(`addr="${macOf(d)}" addrtype="mac"`)) n++;
    insights[d] = n;
  }
  return { ...measured, insights };
}

const outDir = path.join(root, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const nmapVersion = execFileSync('nmap', ['--version'], { encoding: 'utf8' }).split('\n')[0];
const m = (xs: Measure[], k: 'wallSeconds' | 'cpuSeconds' | 'peakRssMb' | 'packets'): number => median(xs.map((x) => x[k]));

/** Runs the variants in turns (the last one is nmap, the reference), prints their medians and ratios. */
async function compare(title: string, file: string, group: Array<{ label: string; run: () => Promise<Measure> }>): Promise<void> {
  const measured: Measure[][] = group.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [v, variant] of group.entries()) measured[v]!.push(await variant.run());
    process.stderr.write(`${file} run ${i + 1}/${RUNS}: ${group.map((v, n) => `${v.label} ${measured[n]!.at(-1)!.wallSeconds.toFixed(1)} s`).join(', ')}\n`);
  }
  writeFileSync(path.join(outDir, `${file}.json`), JSON.stringify(Object.fromEntries(group.map((v, n) => [v.label, measured[n]])), null, 2));
  const ours = group.slice(0, -1);
  console.log(`\n### ${title}\n\n${RUNS} runs, medians; ${DEVICES.length} lab devices with a ground truth; ${nmapVersion}; node ${process.version}\n`);
  console.log(`| metric | ${group.map((v) => v.label).join(' | ')} | ${ours.map((v) => `${v.label} / nmap`).join(' | ')} |`);
  console.log(`| --- | ${group.map(() => '---').join(' | ')} | ${ours.map(() => '---').join(' | ')} |`);
  for (const [label, key, per] of [
    ['IP packets per asset (tshark)', 'packets', DEVICES.length],
    ['wall time, s', 'wallSeconds', 1],
    ['CPU, s', 'cpuSeconds', 1],
    ['peak RSS, MiB', 'peakRssMb', 1],
  ] as const) {
    const values = measured.map((xs) => m(xs, key) / per);
    console.log(`| ${label} | ${values.map((x) => x.toFixed(1)).join(' | ')} | ${values.slice(0, -1).map((x) => (x / values.at(-1)!).toFixed(2)).join(' | ')} |`);
  }
  console.log(`\n| device | facts possible | ${group.map((v) => v.label).join(' | ')} |\n| --- | --- | ${group.map(() => '---').join(' | ')} |`);
  for (const d of DEVICES) console.log(`| ${d} (${ip(d)}) | ${possible(d)} | ${measured.map((xs) => median(xs.map((x) => x.insights[d]!))).join(' | ')} |`);
}

await compare('Headline: a want scan of the lab /24 (built-in catalogue only) against nmap over the same /24', 'want', [
  { label: 'pScan, want', run: () => runWant() },
  { label: 'pScan, want without services (side figure)', run: () => runWant(WANT_ALL.filter((f) => f !== 'services')) },
  { label: 'nmap, lab /24', run: () => runNmap(outDir, 'subnet') },
]);
await compare('Side figures: the five devices, probes listed by hand; "targeted" uses a catalogue written for the lab (tuned to it, so never a headline)', 'recon', [
  { label: 'pScan, top-100 + nmap -sV', run: () => runOurs('top100', 'nmap') },
  { label: 'pScan, targeted + nmap -sV', run: () => runOurs('targeted', 'nmap') },
  { label: 'pScan, targeted + own deep probes', run: () => runOurs('targeted', 'own') },
  { label: 'nmap', run: () => runNmap(outDir, 'devices') },
]);
