import { type ChildProcess, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { EventEmitter, once } from 'node:events';

export interface Frame {
  time: number;
  dst: string;
  stream?: number;
  syn: boolean;
  ack: boolean;
}

/** Where the capture's markers go: a lab host, a port nobody uses. */
const MARKER = { host: '198.18.77.30', port: 9 };

/**
 * tshark on the scanner namespace's lab interface: what really left, not what we counted. It
 * prints frames as they pass; a marker datagram sent at start and at stop, and awaited in the
 * output, brackets the capture so no frame sent in between can be missed.
 */
export class Capture {
  private child: ChildProcess | undefined;
  private readonly frames: Frame[] = [];
  private markers = 0;
  private readonly seen = new EventEmitter().setMaxListeners(0);

  async start(filter: string): Promise<void> {
    const child = spawn('tshark', ['-i', 'eth0', '-l', '-n', '-f', `(${filter}) or (udp dst port ${MARKER.port})`, '-T', 'fields', '-E', 'separator=,', '-e', 'frame.time_epoch', '-e', 'ip.dst', '-e', 'tcp.stream', '-e', 'tcp.flags.syn', '-e', 'tcp.flags.ack', '-e', 'udp.dstport'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let buffered = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const [time, dst, stream, syn, ack, udpPort] = buffered.slice(0, nl).split(',');
        buffered = buffered.slice(nl + 1);
        if (udpPort === String(MARKER.port) && dst === MARKER.host) {
          this.markers++;
          this.seen.emit('marker');
          continue;
        }
        const frame: Frame = { time: Number(time), dst: dst ?? '', syn: syn === '1' || syn === 'True', ack: ack === '1' || ack === 'True' };
        if (stream) frame.stream = Number(stream);
        this.frames.push(frame);
      }
    });
    await this.mark();
  }

  /** Sends markers until tshark shows one more than before (bounded: 200 tries, 25 ms apart). */
  private async mark(): Promise<void> {
    const want = this.markers + 1;
    const socket = dgram.createSocket('udp4');
    try {
      for (let i = 0; i < 200 && this.markers < want; i++) {
        socket.send(Buffer.from('pscan-capture-marker'), MARKER.port, MARKER.host);
        await Promise.race([once(this.seen, 'marker'), new Promise((r) => setTimeout(r, 25))]);
      }
      if (this.markers < want) throw new Error('tshark never showed the capture marker');
    } finally {
      socket.close();
    }
  }

  async stop(): Promise<Frame[]> {
    await this.mark();
    const exited = once(this.child!, 'exit');
    this.child!.kill('SIGINT');
    await exited;
    return this.frames;
  }
}

export { maxInWindow } from '../support/window.js';
