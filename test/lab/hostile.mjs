// The lab's hostile device: every answer is something a probe must survive.
//   tcp 1000 endless banner · tcp 1001 trickling banner (1 byte / 100 ms) · tcp 1002 accepts, never speaks
//   udp 161 garbage SNMP answers · udp 1900 garbage and oversized SSDP answers (unicast and to
//   M-SEARCH on the multicast group), LOCATIONs out of scope or at a silent port
//   udp 5353 garbage mDNS answers (unicast and multicast)
import dgram from 'node:dgram';
import net from 'node:net';

const ip = process.argv[2];
if (!ip) throw new Error('usage: hostile.mjs IP');

net.createServer((s) => {
  s.on('error', () => {});
  const chunk = Buffer.alloc(16384, 'A');
  const pump = () => {
    while (!s.destroyed && s.write(chunk));
    if (!s.destroyed) s.once('drain', pump);
  };
  pump();
}).listen(1000, ip);

net.createServer((s) => {
  s.on('error', () => {});
  const t = setInterval(() => !s.destroyed && s.write('x'), 100);
  s.on('close', () => clearInterval(t));
}).listen(1001, ip);

const silent = new Set();
net.createServer((s) => {
  s.on('error', () => {});
  silent.add(s);
  s.on('close', () => silent.delete(s));
}).listen(1002, ip);

const garbage = (n) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 73 + 41) & 0xff));

const snmp = dgram.createSocket('udp4');
snmp.on('message', (msg, rinfo) => {
  // A BER SEQUENCE header that claims more than is sent, then noise.
  snmp.send(Buffer.concat([Buffer.from([0x30, 0x82, 0x7f, 0xff, 0x02, 0x01]), garbage(40)]), rinfo.port, rinfo.address);
});
snmp.bind(161, ip);

const ssdpAnswers = [
  garbage(200),
  Buffer.from('HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nLOCATION: http://8.8.8.8/description.xml\r\nSERVER: Hostile/1.0 UPnP/1.0\r\nUSN: uuid:hostile-out-of-scope\r\n\r\n'),
  Buffer.from(`HTTP/1.1 200 OK\r\nST: upnp:rootdevice\r\nLOCATION: http://${ip}:1002/description.xml\r\nSERVER: Hostile/1.0 UPnP/1.0\r\nUSN: uuid:hostile-silent\r\n\r\n`),
  Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nSERVER: '), Buffer.alloc(60000, 'B'), Buffer.from('\r\n\r\n')]),
];
const ssdp = dgram.createSocket({ type: 'udp4', reuseAddr: true });
ssdp.on('message', (msg, rinfo) => {
  if (!msg.toString('latin1').startsWith('M-SEARCH')) return;
  for (const a of ssdpAnswers) ssdp.send(a, rinfo.port, rinfo.address);
});
ssdp.bind(1900, () => ssdp.addMembership('239.255.255.250', ip));

const mdns = dgram.createSocket({ type: 'udp4', reuseAddr: true });
mdns.on('message', (msg, rinfo) => {
  if (rinfo.address === ip) return;
  // A DNS header claiming 5 answers, followed by a truncated name.
  const reply = Buffer.concat([Buffer.from([0, 0, 0x84, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0x3f]), garbage(30)]);
  mdns.send(reply, rinfo.port, rinfo.address);
  mdns.send(reply, 5353, '224.0.0.251');
});
mdns.bind(5353, () => {
  mdns.addMembership('224.0.0.251', ip);
  mdns.setMulticastInterface(ip);
});
