import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WsDiscoveryData } from '../../src/probes/ws-discovery/data.js';
import { lab, syncScan, useLabService } from './lab-service.js';

const nas = lab.devices.nas as { ip: string; wsd: { uuid: string; types: string[] } };
const cam = lab.devices.cam!.ip;

describe('lab: ws-discovery against real wsdd', () => {
  const svc = useLabService();
  const sync = (body: object) => syncScan<WsDiscoveryData>(svc, body);

  test('multicast Probe for wsdp:Device: wsdd answers, the Resolve gives its XAddrs; type and services on the asset', async () => {
    const scan = await sync({ targets: [nas.ip], probe: { type: 'ws-discovery', types: ['wsdp:Device'] }, timing: { timeoutMs: 1500 } });
    const [r] = scan.results;
    assert.equal(r!.status, 'ok', JSON.stringify(r));
    const data = r!.data!;
    assert.equal(data.mode, 'multicast');
    assert.equal(data.matches.length, 1);
    const match = data.matches[0]!;
    assert.equal(match.address, `urn:uuid:${nas.wsd.uuid}`);
    assert.deepEqual(match.types, nas.wsd.types);
    assert.equal(match.metadataVersion, 1);
    assert.equal(data.resolved, true, 'wsdd sends no XAddrs in ProbeMatches');
    assert.deepEqual(match.xaddrs, [`http://${nas.ip}:5357/${nas.wsd.uuid}`]);
    assert.ok(data.duplicates >= 1, 'wsdd repeats each answer (SOAP-over-UDP)');
    const asset = scan.assets.find((a) => a.ip === nas.ip)!;
    assert.equal(asset.type, 'Computer');
    assert.deepEqual(asset.services.find((s) => s.port === 3702 && s.protocol === 'udp')?.name, 'ws-discovery');
    assert.deepEqual(asset.services.find((s) => s.port === 5357 && s.protocol === 'tcp')?.name, 'http');
    assert.equal(scan.stats.byProbe['ws-discovery']!.packetsSent, 2, 'the Probe and the Resolve');
  });

  test('multicast to another target: wsdd\'s answer is dropped and counted, the target times out', async () => {
    const scan = await sync({ targets: [cam], probe: { type: 'ws-discovery', types: ['wsdp:Device'], resolve: false }, timing: { timeoutMs: 1000 } });
    assert.equal(scan.results[0]!.status, 'timeout');
    assert.equal(scan.stats.byProbe['ws-discovery']!.droppedAnswers, 1);
  });

  test('wsdd answers neither a Probe without Types nor a unicast Probe (it reads only its group socket): timeouts', async () => {
    const untyped = await sync({ targets: [nas.ip], probe: { type: 'ws-discovery' }, timing: { timeoutMs: 1000 } });
    assert.equal(untyped.results[0]!.status, 'timeout');
    const unicast = await sync({ targets: [nas.ip], probe: { type: 'ws-discovery', types: ['wsdp:Device'], unicast: true }, timing: { timeoutMs: 1000 } });
    assert.equal(unicast.results[0]!.status, 'timeout', JSON.stringify(unicast.results[0]));
  });
});
