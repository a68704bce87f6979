/**
 * What the lab benches share (bench/recon.ts, bench/sweep.ts): nmap's top-100 ports, medians,
 * a process's CPU and memory from /proc, and nmap run under getrusage with the scanner's IP packets
 * counted by tshark. Run inside the lab's scanner namespace.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Capture } from '../test/e2e/capture.js';

/** nmap's 100 most frequent TCP ports (nmap-services, as `--top-ports 100` uses). */
export const TOP100 = [7, 9, 13, 21, 22, 23, 25, 26, 37, 53, 79, 80, 81, 88, 106, 110, 111, 113, 119, 135, 139, 143, 144, 179, 199, 389, 427, 443, 444, 445, 465, 513, 514, 515, 543, 544, 548, 554, 587, 631, 646, 873, 990, 993, 995, 1025, 1026, 1027, 1028, 1029, 1110, 1433, 1720, 1723, 1755, 1900, 2000, 2001, 2049, 2121, 2717, 3000, 3128, 3306, 3389, 3986, 4899, 5000, 5009, 5051, 5060, 5101, 5190, 5357, 5432, 5631, 5666, 5800, 5900, 6000, 6001, 6646, 7070, 8000, 8008, 8009, 8080, 8081, 8443, 8888, 9100, 9999, 10000, 32768, 49152, 49153, 49154, 49155, 49156, 49157];

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const CLK_TCK = 100;

export function procCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** VmHWM: the peak; VmRSS: now. In MiB. */
export function procRssMb(pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number {
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

/** Runs nmap with `args` (its -oX file among them): wall, CPU and peak RSS of the child, and the IP packets `scanner` sent meanwhile. */
export async function runNmapMeasured(args: readonly string[], scanner: string): Promise<{ wallSeconds: number; cpuSeconds: number; peakRssMb: number; packets: number }> {
  const wrapper = 'import resource, subprocess, sys, json, time\nt = time.monotonic()\nsubprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\nr = resource.getrusage(resource.RUSAGE_CHILDREN)\nprint(json.dumps({"wall": time.monotonic() - t, "cpu": r.ru_utime + r.ru_stime, "rss_kb": r.ru_maxrss}))';
  const capture = new Capture();
  await capture.start(`src host ${scanner} and ip`);
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('python3', ['-c', wrapper, 'nmap', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`nmap wrapper exited ${code}`))));
  });
  const frames = await capture.stop();
  const usage = JSON.parse(out) as { wall: number; cpu: number; rss_kb: number };
  return { wallSeconds: usage.wall, cpuSeconds: usage.cpu, peakRssMb: usage.rss_kb / 1024, packets: frames.length };
}
