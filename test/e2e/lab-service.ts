import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/util/package-root.js';
import request from 'supertest';
import type { ProbeResult, Scan } from '../../src/api/model.js';
import { kill, startServer, type ServerProcess } from '../support/process.js';
import { bearer, TEST_SECRET, token } from '../support/service.js';

export const lab = JSON.parse(readFileSync(path.join(packageRoot(), 'test', 'lab', 'devices.json'), 'utf8')) as {
  subnet: string;
  scanner: string;
  noHost: string;
  devices: Record<string, { ip: string; [k: string]: unknown }>;
  /** A second sensor's address in the main subnet. */
  sensorA2: string;
  /** Site B: a second subnet with its own sensor namespace. */
  siteB: { subnet: string; sensor: string; devices: Record<string, { ip: string; [k: string]: unknown }> };
  /** A subnet behind the lab's router (off-link for the scanner), one host on it, and an address with none. */
  offLink: { subnet: string; gateway: string; noHost: string; devices: Record<string, { ip: string; [k: string]: unknown }> };
};

/**
 * The real service, started as its own process inside the scanner namespace (the test runner
 * runs there), with only the lab subnet in scope; the tests talk to it over HTTP.
 */
export async function startLabService(env: Record<string, string> = {}): Promise<{ server: ServerProcess; auth: Record<string, string>; stop: () => Promise<void> }> {
  if (process.env.PSCAN_LAB !== '1') {
    // The runner sets PSCAN_LAB=1 only inside the lab's scanner namespace.
    throw new Error('the end-to-end suite must run inside the lab (npm run test:lab)');
  }
  const server = await startServer({
    PSCAN_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pscan-e2e-')),
    PSCAN_JWT_SECRET: TEST_SECRET,
    PSCAN_SCOPE_ALLOW: lab.subnet,
    PSCAN_INTERFACE: 'eth0',
    ...env,
  });
  return { server, auth: bearer(await token({ sub: 'e2e' })), stop: async () => void (await kill(server, 'SIGTERM')) };
}

export type LabService = Awaited<ReturnType<typeof startLabService>>;

/**
 * The lab service for one describe(): started before its tests, stopped after them. Call it in the
 * describe body; the returned handle reads the running service.
 */
export function useLabService(env: Record<string, string> = {}): Pick<LabService, 'server' | 'auth'> {
  let svc: LabService | undefined;
  before(async () => (svc = await startLabService(env)));
  after(() => svc?.stop());
  return {
    get server() {
      return svc!.server;
    },
    get auth() {
      return svc!.auth;
    },
  };
}

/** A scan whose results carry one probe's data type. */
export type ScanOf<D> = Omit<Scan, 'results'> & { results: Array<Omit<ProbeResult, 'data'> & { data?: D }> };

/** POSTs a sync scan to the lab service and expects it finished (200). */
export async function syncScan<D>(svc: { server: ServerProcess; auth: Record<string, string> }, body: object): Promise<ScanOf<D>> {
  const res = await request(svc.server.url).post('/v1/scans').set(svc.auth).send({ mode: 'sync', ...body });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as ScanOf<D>;
}
