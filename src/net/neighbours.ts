import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** One entry of the kernel's neighbour table (ARP for IPv4, NDP for IPv6). */
export interface NeighbourEntry {
  ip: string;
  dev?: string;
  /** Link-layer address, lower case, colon separated. */
  mac?: string;
  /** The kernel's NUD state, lower case (`reachable`, `stale`, `failed`, `incomplete`, …). */
  state: string;
}

/** States in which the kernel holds a link-layer address the device gave (it answered). */
const ANSWERED = new Set(['reachable', 'stale', 'delay', 'probe', 'permanent', 'noarp']);

export function neighbourAnswered(e: NeighbourEntry): boolean {
  return e.mac !== undefined && ANSWERED.has(e.state);
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** Every NUD state but `incomplete` (still asking) and `none`: what `read` asks iproute2 for. */
const SETTLED_STATES = [...ANSWERED, 'failed'];

/**
 * Parses /proc/net/arp. It has no NUD state, only the ATF_COM flag (0x2: resolved); an entry
 * without it is reported `incomplete`, whether the kernel is still asking or has given up.
 */
export function parseProcNetArp(text: string): NeighbourEntry[] {
  return text
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 6)
    .map(([ip, , flags, mac, , dev]) => {
      const complete = (Number.parseInt(flags!, 16) & 0x2) !== 0;
      const lower = mac!.toLowerCase();
      const entry: NeighbourEntry = { ip: ip!, dev: dev!, state: complete ? 'reachable' : 'incomplete' };
      if (complete && MAC.test(lower) && lower !== '00:00:00:00:00:00') entry.mac = lower;
      return entry;
    });
}

/** Parses `ip -j neigh show`: a JSON array of { dst, dev?, lladdr?, state: [..] }; anything else is skipped. */
export function parseIpNeighJson(text: string): NeighbourEntry[] {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((row): NeighbourEntry[] => {
    const r = row as { dst?: unknown; dev?: unknown; lladdr?: unknown; state?: unknown };
    if (typeof r?.dst !== 'string') return [];
    const states = Array.isArray(r.state) ? r.state.filter((s): s is string => typeof s === 'string') : [];
    const entry: NeighbourEntry = { ip: r.dst, state: (states[0] ?? 'none').toLowerCase() };
    if (typeof r.dev === 'string') entry.dev = r.dev;
    if (typeof r.lladdr === 'string' && MAC.test(r.lladdr.toLowerCase())) entry.mac = r.lladdr.toLowerCase();
    return [entry];
  });
}

/** Runs a command with an argument array (no shell), feeding `input`; resolves with its exit and output. */
function run(cmd: string, args: readonly string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string; spawnError?: NodeJS.ErrnoException }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.stdin.on('error', () => {});
    child.on('error', (e: NodeJS.ErrnoException) => resolve({ code: null, stdout: '', stderr: e.message, spawnError: e }));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
    child.stdin.end(input);
  });
}

/** How the kernel is asked to resolve addresses and how its table is read; a fake in unit tests. */
export interface NeighbourSource {
  /**
   * Asks the kernel to resolve these addresses on their links without sending an IP packet
   * (RTM_NEWNEIGH with NTF_USE: it sends ARP/NDP requests as it would for a queued packet).
   * False when this process may not (no CAP_NET_ADMIN, no iproute2): the caller must make the
   * kernel resolve them some other way.
   */
  solicit(requests: ReadonlyArray<{ ip: string; dev: string }>): Promise<boolean>;
  /**
   * The table's entries that tell something: answered or given up on. Entries the kernel is still
   * asking for may be left out (a sweep has hundreds of them at every read, and each read would
   * copy them all); an address absent from a read has not answered yet.
   */
  read(): Promise<NeighbourEntry[]>;
  /**
   * Removes the entries of addresses it solicited that never answered: the kernel stops asking for
   * them, and its table (read whole at every poll) stays the size of what is in flight, not of the
   * sweep so far.
   */
  forget(requests: ReadonlyArray<{ ip: string; dev: string }>): Promise<void>;
}

/** The kernel's table through iproute2 (`ip -batch`, `ip -j neigh`), or /proc/net/arp without it. */
export class KernelNeighbours implements NeighbourSource {
  private canSolicit: boolean | undefined;
  private hasIp = true;
  /** False once reads fall back to /proc/net/arp, which shows no IPv6 (NDP) entry. */
  private readsIpv6 = true;

  constructor(private readonly ipCommand = 'ip') {}

  async solicit(requests: ReadonlyArray<{ ip: string; dev: string }>): Promise<boolean> {
    if (this.canSolicit === false || !this.hasIp) return false;
    if (requests.length === 0) return true;
    // One process for the whole batch; -force goes on past a line the kernel refuses.
    const lines = requests.map((r) => `neigh replace ${r.ip} dev ${r.dev} use\n`).join('');
    const out = await run(this.ipCommand, ['-force', '-batch', '-'], lines);
    if (out.spawnError) {
      this.hasIp = false;
      return false;
    }
    if (out.code !== 0 && /not permitted|permission denied/i.test(out.stderr)) {
      this.canSolicit = false;
      return false;
    }
    this.canSolicit = true;
    return true;
  }

  async forget(requests: ReadonlyArray<{ ip: string; dev: string }>): Promise<void> {
    // An address the reads cannot show was never seen to go unanswered: its entry is left alone.
    const seen = this.readsIpv6 ? requests : requests.filter((r) => !r.ip.includes(':'));
    if (!this.canSolicit || seen.length === 0) return;
    // -force: an entry the kernel already dropped is no reason to stop at it.
    await run(this.ipCommand, ['-force', '-batch', '-'], seen.map((r) => `neigh del ${r.ip} dev ${r.dev}\n`).join(''));
  }

  async read(): Promise<NeighbourEntry[]> {
    if (this.hasIp) {
      const out = await run(this.ipCommand, ['-j', 'neigh', 'show', ...SETTLED_STATES.flatMap((state) => ['nud', state])]);
      if (!out.spawnError && out.code === 0) return parseIpNeighJson(out.stdout);
      if (out.spawnError) this.hasIp = false;
    }
    this.readsIpv6 = false;
    try {
      return parseProcNetArp(await readFile('/proc/net/arp', 'utf8'));
    } catch {
      return [];
    }
  }
}
