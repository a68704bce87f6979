import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpeUri } from './nmap-xml.js';

test('CPE 2.3 names in the URI form nmap writes: * empty, trailing parts dropped, quoted characters percent-encoded, extended attributes packed', () => {
  assert.equal(cpeUri('cpe:2.3:a:openbsd:openssh:9.2p1:*:*:*:*:*:*:*'), 'cpe:/a:openbsd:openssh:9.2p1');
  assert.equal(cpeUri('cpe:2.3:o:linux:linux_kernel:4.9.37:*:*:*:*:*:*:*'), 'cpe:/o:linux:linux_kernel:4.9.37');
  assert.equal(cpeUri('cpe:2.3:h:Synology:DS218\\+:-:*:*:*:*:*:*:*'), 'cpe:/h:synology:ds218%2b:-');
  assert.equal(cpeUri('cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*'), 'cpe:/a:vendor:prod%3auct:1.0');
  assert.equal(cpeUri('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:x64:*'), 'cpe:/a:microsoft:internet_explorer:8.0.6001:beta:~~~~x64~');
  assert.equal(cpeUri('cpe:2.3:o:cisco:ios:*:*:*:*:*:*:*:*'), 'cpe:/o:cisco:ios');
  assert.equal(cpeUri('cpe:/a:python:simplehttpserver:0.6'), 'cpe:/a:python:simplehttpserver:0.6', 'already a URI: as it is');
});
