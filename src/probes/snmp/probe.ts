import type dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import snmp from 'net-snmp';
import type { FieldError } from '../../errors.js';
import type { SnmpParams } from '../../api/generated/params.js';
import type { Target } from '../../net/targets.js';
import { MalformedAnswerError, type Probe, type ProbeContext, type ProbeOutcome, ProbeError } from '../probe.js';
import type { SnmpData } from './data.js';
import { SYS_DESCR, SYS_NAME, SYS_OBJECT_ID, snmpFacts } from './facts.js';
import { decodeVarbind, type Varbind } from './varbinds.js';

// A numeric OID: no leading dot, 2 to 128 arcs, each at most 4294967295 (2^32 - 1).
const ARC = '(0|[1-9][0-9]{0,8}|[1-3][0-9]{9}|4[01][0-9]{8}|42[0-8][0-9]{7}|429[0-3][0-9]{6}|4294[0-8][0-9]{5}|42949[0-5][0-9]{4}|429496[0-6][0-9]{3}|4294967[01][0-9]{2}|42949672[0-8][0-9]|429496729[0-5])';
const OID = new RegExp(`^[0-2](\\.${ARC}){1,127}$`);
const NO_ANSWER_HINT = 'the community or SNMPv3 credentials may be wrong (an agent stays silent to those; a wrong v3 privKey too), or no agent listens';

type Session = ReturnType<typeof snmp.createSession>;

interface SocketEvents {
  onDatagram: (buf: Buffer) => void;
  onSocketError: (err: Error) => void;
}

/**
 * net-snmp's socket, from the probe context: connected to the agent, so the kernel reports ICMP
 * port-unreachable (`closed`) and host-unreachable instead of dropping them as it does for
 * unconnected UDP; and every datagram waits for the packet gate, so each one is counted.
 */
function agentSocketModule(ctx: ProbeContext, target: Target, port: number, events: SocketEvents) {
  return {
    createSocket: (): dgram.Socket => {
      const socket = ctx.net.createUdp(target.family);
      socket.on('message', events.onDatagram);
      socket.on('error', events.onSocketError);
      const connected = new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      connected.catch(() => {});
      socket.connect(port, target.ip);
      const send = socket.send.bind(socket) as (msg: Buffer, offset: number, length: number, cb: (err: Error | null) => void) => void;
      // net-snmp calls send(buffer, offset, length, port, address, callback); a connected socket takes no address.
      (socket as { send: unknown }).send = (msg: Buffer, offset: number, length: number, _port: number, _address: string, callback: (err: Error | null) => void) => {
        connected
          .then(() => ctx.gate.acquire(ctx.signal))
          .then(() => send(msg, offset, length, callback), callback);
      };
      return socket;
    },
  };
}

function credentialsError(err: Error & { code?: number }): ProbeError | MalformedAnswerError | Error {
  const msg = err.message ?? '';
  if (err.name === 'RequestTimedOutError') return new ProbeError('timeout', 'no-answer', `no answer; ${NO_ANSWER_HINT}`);
  if (/Unknown User Name/.test(msg)) return new ProbeError('error', 'snmpv3-unknown-user', 'the agent does not know this SNMPv3 user (usmStatsUnknownUserNames)');
  if (/Wrong Digest/.test(msg)) return new ProbeError('error', 'snmpv3-wrong-digest', 'the agent rejected the SNMPv3 authentication: wrong authKey or authProtocol (usmStatsWrongDigests)');
  if (/Unsupported Security Level/i.test(msg)) return new ProbeError('error', 'snmpv3-unsupported-security-level', 'the agent does not allow this security level for the user');
  if (/Decryption Error/i.test(msg) || err.code === 4) return new ProbeError('error', 'snmpv3-decryption-failed', 'the answer could not be decrypted: wrong privKey or privProtocol');
  if (/time window/i.test(msg)) return new ProbeError('error', 'snmpv3-not-in-time-window', msg);
  if (err.name === 'RequestFailedError') {
    const status = msg.split(':')[0]!.trim();
    return new ProbeError('error', `snmp-${status.charAt(0).toLowerCase()}${status.slice(1)}`, `the agent answered with the PDU error ${msg}`);
  }
  if (err.name === 'ResponseInvalidError') return new ProbeError('error', 'snmp-invalid-response', msg);
  return err;
}

function openSession(params: SnmpParams, target: Target, ctx: ProbeContext, events: SocketEvents): Session {
  const options = {
    port: params.port,
    retries: 0,
    timeout: ctx.timeoutMs,
    transport: target.family === 4 ? 'udp4' : 'udp6',
    dgramModule: agentSocketModule(ctx, target, params.port, events),
    version: params.version === '1' ? snmp.Version1 : params.version === '2c' ? snmp.Version2c : snmp.Version3,
  };
  if (params.version !== '3') return snmp.createSession(target.ip, params.community ?? 'public', options as never);
  const v3 = params.v3!;
  const level = v3.privProtocol ? snmp.SecurityLevel.authPriv : v3.authProtocol ? snmp.SecurityLevel.authNoPriv : snmp.SecurityLevel.noAuthNoPriv;
  const user: Record<string, unknown> = { name: v3.user, level };
  if (v3.authProtocol) Object.assign(user, { authProtocol: snmp.AuthProtocols[v3.authProtocol], authKey: v3.authKey });
  if (v3.privProtocol) Object.assign(user, { privProtocol: snmp.PrivProtocols[v3.privProtocol], privKey: v3.privKey });
  return snmp.createV3Session(target.ip, user as never, options as never);
}

type RawVarbind = { oid: string; type?: number; value?: unknown };

async function runSnmp(params: SnmpParams, target: Target, _unit: unknown, ctx: ProbeContext): Promise<ProbeOutcome<SnmpData>> {
  ctx.signal.throwIfAborted();
  let lastDatagram: Buffer = Buffer.alloc(0);
  let firstAnswerAt: number | undefined;
  const started = performance.now();
  let onSocketError = (_err: Error): void => {};
  const session = openSession(params, target, ctx, {
    onDatagram: (buf) => {
      lastDatagram = buf;
      firstAnswerAt ??= performance.now();
    },
    onSocketError: (err) => onSocketError(err),
  });

  return new Promise<ProbeOutcome<SnmpData>>((resolve, reject) => {
    let settled = false;
    let walkTimer: NodeJS.Timeout | undefined;
    const collected: Varbind[] = [];
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(walkTimer);
      ctx.signal.removeEventListener('abort', onAbort);
      try {
        session.close();
      } catch {
        // already closed by net-snmp after a socket error
      }
      fn();
    };
    const done = (cut?: SnmpData['cut']): void =>
      settle(() => {
        const data: SnmpData = { operation: params.operation, version: params.version, varbinds: collected, ...(cut ? { cut } : {}) };
        resolve(firstAnswerAt === undefined ? { data } : { data, rttMs: Math.round((firstAnswerAt - started) * 1000) / 1000 });
      });
    const fail = (err: unknown): void => settle(() => reject(err));
    const onAbort = (): void => fail(ctx.signal.reason);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    // A datagram net-snmp cannot parse is the target's answer: it is malformed, not a timeout.
    session.on('error', (err: Error) => fail(new MalformedAnswerError(`the answer is not SNMP: ${err.message}`, lastDatagram)));
    // ICMP port unreachable (ECONNREFUSED → closed), host unreachable, and the like.
    onSocketError = fail;

    const answered = (err: Error | null | undefined, varbinds?: Array<RawVarbind | RawVarbind[]>): void => {
      if (err) return fail(credentialsError(err));
      for (const vb of (varbinds ?? []).flat()) collected.push(decodeVarbind(vb));
      done();
    };
    const s = session as unknown as {
      get(oids: string[], cb: typeof answered): void;
      getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, cb: typeof answered): void;
      subtree(oid: string, maxRepetitions: number, feed: (vbs: RawVarbind[]) => boolean | void, done: (err?: Error) => void): void;
    };
    try {
      if (params.operation === 'get') s.get(params.oids, answered);
      else if (params.operation === 'getBulk') s.getBulk(params.oids, params.nonRepeaters, params.maxRepetitions, answered);
      else {
        walkTimer = setTimeout(() => done('deadline'), params.walkTimeoutMs);
        const walkNext = (index: number): void => {
          if (index >= params.oids.length) return done();
          s.subtree(
            params.oids[index]!,
            params.maxRepetitions,
            (vbs) => {
              for (const vb of vbs) {
                if (collected.length >= params.maxVarbinds) {
                  done('maxVarbinds');
                  return true;
                }
                collected.push(decodeVarbind(vb));
              }
              return settled;
            },
            (err) => (settled ? undefined : err ? fail(credentialsError(err)) : walkNext(index + 1)),
          );
        };
        walkNext(0);
      }
    } catch (err) {
      fail(err);
    }
  });
}

function checkSnmp(params: SnmpParams): FieldError[] {
  const errors: FieldError[] = [];
  if (params.operation === 'getBulk' && params.version === '1') errors.push({ path: '/operation', message: 'getBulk does not exist in SNMPv1: use version "2c" or "3", or get/walk' });
  if (params.version === '3') {
    if (!params.v3) errors.push({ path: '/v3', message: 'is required for version "3"' });
    if (params.community !== undefined) errors.push({ path: '/community', message: 'SNMPv3 has no community; give v3 credentials' });
    const v3 = params.v3;
    if (v3) {
      if (v3.authProtocol && !v3.authKey) errors.push({ path: '/v3/authKey', message: 'is required with authProtocol' });
      if (v3.authKey && !v3.authProtocol) errors.push({ path: '/v3/authProtocol', message: 'is required with authKey' });
      if (v3.privProtocol && !v3.privKey) errors.push({ path: '/v3/privKey', message: 'is required with privProtocol' });
      if (v3.privKey && !v3.privProtocol) errors.push({ path: '/v3/privProtocol', message: 'is required with privKey' });
      if (v3.privProtocol && !v3.authProtocol) errors.push({ path: '/v3/authProtocol', message: 'privacy needs authentication (authPriv)' });
    }
  } else if (params.v3) errors.push({ path: '/v3', message: 'only with version "3"' });
  if (params.operation !== 'getBulk' && params.nonRepeaters !== 0) errors.push({ path: '/nonRepeaters', message: 'only applies to getBulk' });
  return errors;
}

/** Requests one target can cost: a walk's are bounded by maxVarbinds (one more per subtree to see its end); v3 adds its engine discovery. */
function snmpRequests(params: SnmpParams): number {
  const perRequest = params.version === '1' ? 1 : params.maxRepetitions;
  const requests = params.operation === 'walk' ? Math.ceil(params.maxVarbinds / perRequest) + params.oids.length : 1;
  return requests + (params.version === '3' ? 1 : 0);
}

export const snmpProbe: Probe<SnmpParams, SnmpData> = {
  type: 'snmp',
  description: 'SNMP get, getBulk or walk (v1, v2c, v3) of numeric OIDs; varbinds decoded and typed, sysName/sysDescr/sysObjectID turned into asset facts.',
  category: 'safe',
  reach: 'target',
  params: [
    { name: 'operation', type: 'enum', values: ['get', 'getBulk', 'walk'], default: 'get', description: 'get the OIDs, getBulk from them (not in version 1), or walk each subtree' },
    { name: 'oids', type: 'string[]', minItems: 1, maxItems: 64, maxLength: 1400, pattern: OID, default: [SYS_DESCR, SYS_OBJECT_ID, SYS_NAME], description: 'numeric OIDs, e.g. 1.3.6.1.2.1.1.5.0 (no leading dot, arcs ≤ 4294967295; default: the system group\'s sysDescr, sysObjectID and sysName)' },
    { name: 'version', type: 'enum', values: ['1', '2c', '3'], default: '2c', description: 'SNMP version; "3" needs `v3` and takes no `community`' },
    { name: 'community', type: 'string', maxLength: 255, secret: true, description: 'community (v1/v2c; default "public"); never logged, stored or returned' },
    {
      name: 'v3',
      type: 'object',
      description: 'SNMPv3 USM credentials, only with version "3": authKey goes with authProtocol, privKey with privProtocol, and privacy needs authentication; keys never logged, stored or returned',
      fields: [
        { name: 'user', type: 'string', maxLength: 32, required: true, description: 'USM user name' },
        { name: 'authProtocol', type: 'enum', values: ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'], description: 'authentication protocol' },
        { name: 'authKey', type: 'string', maxLength: 256, secret: true, description: 'authentication passphrase' },
        { name: 'privProtocol', type: 'enum', values: ['des', 'aes', 'aes256b', 'aes256r'], description: 'privacy protocol' },
        { name: 'privKey', type: 'string', maxLength: 256, secret: true, description: 'privacy passphrase' },
      ],
    },
    { name: 'nonRepeaters', type: 'integer', min: 0, max: 64, default: 0, description: 'getBulk only (else 0): OIDs fetched once' },
    { name: 'maxRepetitions', type: 'integer', min: 1, max: 100, default: 10, description: 'getBulk/walk: varbinds per repetition and request' },
    { name: 'port', type: 'integer', min: 1, max: 65535, default: 161, description: 'UDP port of the agent' },
    { name: 'maxVarbinds', type: 'integer', min: 1, max: 10000, default: 1000, description: 'walk: stop after this many varbinds (cut: maxVarbinds)' },
    { name: 'walkTimeoutMs', type: 'integer', min: 100, max: 120000, default: 20000, description: 'walk: stop after this long (cut: deadline)' },
  ],
  check: checkSnmp,
  units: (params) => [{ port: params.port, protocol: 'udp' }],
  packetBound: (params, { hosts }) => hosts * BigInt(snmpRequests(params)),
  run: runSnmp,
  reveals: ['hostname', 'manufacturer', 'model', 'os'],
  facts: (data, at) => ({ ...snmpFacts(data.varbinds), services: [{ port: at.port!, protocol: 'udp', name: 'snmp' }], ports: [{ port: at.port!, protocol: 'udp', state: 'open' }] }),
};
