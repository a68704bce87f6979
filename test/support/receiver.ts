import { EventEmitter, once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A real local webhook receiver. Each request is answered by `respond` for its path and recorded;
 * `next(path)` resolves when the next request for that path arrives (no sleeping in tests).
 * While `down`, it resets every connection as it arrives: a receiver that is down, on a port the
 * test keeps, because a port closed and listened on again later can meanwhile be any outgoing
 * connection's local port (EADDRINUSE).
 */
export class Receiver extends EventEmitter {
  readonly requests: Received[] = [];
  private server: http.Server | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();
  port = 0;
  down = false;

  constructor(private readonly respond: (path: string, count: number, res: http.ServerResponse) => void) {
    super();
  }

  async listen(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const r = { path: req.url ?? '', headers: req.headers, body };
        this.requests.push(r);
        this.respond(r.path, this.requests.filter((x) => x.path === r.path).length, res);
        this.emit('request', r);
      });
    });
    this.server.on('connection', (s) => {
      if (this.down) return s.resetAndDestroy();
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.listen(port, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async next(path: string): Promise<Received> {
    for (;;) {
      const [r] = (await once(this, 'request')) as [Received];
      if (r.path === path) return r;
    }
  }

  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}
