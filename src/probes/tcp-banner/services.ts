/**
 * What we know of a port before connecting: its usual service and, for client-speaks-first
 * protocols, the one harmless request we send (as nmap's NULL probe, then its GetRequest/RTSP
 * OPTIONS probes, but only where the port makes the protocol likely).
 */
export interface PortService {
  name: string;
  /** The request to send after connecting; absent when the server speaks first. */
  request?: (host: string, port: number) => string;
}

const hostHeader = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;

const HTTP: PortService = {
  name: 'http',
  request: (host, port) => `GET / HTTP/1.1\r\nHost: ${hostHeader(host, port)}\r\nUser-Agent: pscan\r\nAccept: */*\r\nConnection: close\r\n\r\n`,
};

const RTSP: PortService = {
  name: 'rtsp',
  request: (host, port) => `OPTIONS rtsp://${hostHeader(host, port)}/ RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: pscan\r\n\r\n`,
};

const BY_PORT = new Map<number, PortService>([
  [21, { name: 'ftp' }],
  [22, { name: 'ssh' }],
  [2222, { name: 'ssh' }],
  [23, { name: 'telnet' }],
  [2323, { name: 'telnet' }],
  [25, { name: 'smtp' }],
  [110, { name: 'pop3' }],
  [143, { name: 'imap' }],
  [587, { name: 'smtp' }],
  [554, RTSP],
  [8554, RTSP],
  ...[80, 81, 8000, 8008, 8080, 8081, 8088, 8888, 9000, 49152, 49153].map((p): [number, PortService] => [p, HTTP]),
]);

export function serviceForPort(port: number): PortService | undefined {
  return BY_PORT.get(port);
}
