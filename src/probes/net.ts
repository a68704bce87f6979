import dgram from 'node:dgram';
import net from 'node:net';

/**
 * Every socket a probe opens comes from here, injected through the probe context, so unit tests
 * can hand a probe an in-memory pair and the runner can account for what was opened.
 */
export interface NetFactory {
  connectTcp(options: { host: string; port: number }): net.Socket;
  createUdp(family: 4 | 6): dgram.Socket;
}

export const systemNet: NetFactory = {
  connectTcp: ({ host, port }) => net.connect({ host, port, noDelay: true }),
  createUdp: (family) => dgram.createSocket({ type: family === 4 ? 'udp4' : 'udp6' }),
};
