#!/usr/bin/env node
// A small pScan webhook receiver that verifies Standard Webhooks signatures with nothing but
// Node's standard library. Use it as the HTTP step in front of a SOAR playbook:
//
//   WEBHOOK_SECRET=whsec_... PORT=9000 node examples/webhook-receiver.mjs
//
// Each verified event is printed as one JSON line on stdout ({id, type, scan}); anything forged,
// replayed (timestamp older than 5 minutes) or malformed gets 401/400 and is not printed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';

const secret = process.env.WEBHOOK_SECRET ?? '';
if (!/^whsec_[A-Za-z0-9+/=]+$/.test(secret)) {
  console.error('set WEBHOOK_SECRET to the whsec_... secret given to pScan');
  process.exit(2);
}
const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
const TOLERANCE_SECONDS = 5 * 60;
const MAX_BODY = 16 * 1024 * 1024;
const seen = new Set(); // webhook-ids already handled: deliveries are at-least-once

function verify(headers, body) {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  const signatures = String(headers['webhook-signature'] ?? '').split(' ');
  if (!id || !Number.isInteger(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.some((s) => {
    const [version, sig] = s.split(',');
    const given = Buffer.from(sig ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST') return res.writeHead(405).end();
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    size += c.length;
    if (size > MAX_BODY) req.destroy();
    else chunks.push(c);
  });
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (!verify(req.headers, body)) return res.writeHead(401).end();
    let event;
    try {
      event = JSON.parse(body);
    } catch {
      return res.writeHead(400).end();
    }
    const id = req.headers['webhook-id'];
    if (!seen.has(id)) {
      seen.add(id);
      process.stdout.write(`${JSON.stringify({ id, type: event.type, scan: event.data })}\n`);
    }
    res.writeHead(204).end();
  });
});
server.listen(Number(process.env.PORT ?? 9000), process.env.HOST ?? '127.0.0.1', () => {
  console.error(`pscan webhook receiver listening on http://${server.address().address}:${server.address().port}`);
});
