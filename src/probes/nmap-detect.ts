import { execFile } from 'node:child_process';

export interface NmapInfo {
  available: boolean;
  version?: string;
  path: string;
}

/** Asks nmap for its version once (argument array, no shell); never throws. */
export function detectNmap(nmapPath: string): Promise<NmapInfo> {
  return new Promise((resolve) => {
    execFile(nmapPath, ['--version'], { timeout: 5000 }, (err, stdout) => {
      if (err) return resolve({ available: false, path: nmapPath });
      const m = /Nmap version (\S+)/.exec(stdout);
      resolve(m ? { available: true, version: m[1]!, path: nmapPath } : { available: true, path: nmapPath });
    });
  });
}
