import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProbeResult } from '../api/model.js';
import { type EventSink, EventPump, SseStreams } from './sse.js';

const PROGRESS = { targets: 1, hosts: { alive: 1, dead: 0, pending: 0 }, results: 0, packetsSent: 0 };
const result = (seq: number): ProbeResult => ({ seq, target: '10.0.0.1', probe: 'tcp-banner', port: 22, attempt: 1, tries: 1, status: 'timeout', observedAt: '2024-01-01T00:00:00.000Z' });

/** A socket stand-in: takes `room` chunks, then reports itself full until drained. */
class FakeSink implements EventSink {
  chunks: string[] = [];
  ended = false;
  destroyed = false;
  constructor(public room: number) {}
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return --this.room > 0;
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
  ids(): number[] {
    return this.chunks.flatMap((c) => (/^id: (\d+)/.exec(c) ? [Number(/^id: (\d+)/.exec(c)![1])] : []));
  }
}

function pumpOver(stored: ProbeResult[], sink: FakeSink, options: { after?: number; maxLag?: number } = {}) {
  let done = 0;
  const pump = new EventPump(sink, (after, limit) => stored.filter((r) => r.seq > after).slice(0, limit), options.after ?? 0, options.maxLag ?? 5, () => done++);
  return { pump, done: () => done };
}

test('a stream writes stored results only as its socket drains, in order, then the end', () => {
  const stored = Array.from({ length: 1000 }, (_, i) => result(i + 1));
  const sink = new FakeSink(50);
  const { pump, done } = pumpOver(stored, sink);
  pump.start(PROGRESS, 'completed');
  const first = sink.chunks.length;
  assert.ok(first < 1000 && first <= 200, `${first} chunks written before the socket drained`);
  for (let n = 0; n < 100 && !sink.ended; n++) {
    sink.room = 50;
    pump.drain();
  }
  assert.deepEqual(sink.ids(), stored.map((r) => r.seq));
  assert.match(sink.chunks.at(-1)!, /^event: end\ndata: \{"status":"completed"\}/);
  assert.match(sink.chunks.at(-2)!, /^event: progress\n/, 'the counts once caught up, before the end');
  assert.ok(sink.ended);
  assert.equal(done(), 1);
});

test('progress while the socket is full: only the newest counts are written, once it drains, after the results', () => {
  const stored = [result(1)];
  const sink = new FakeSink(1);
  const { pump } = pumpOver(stored, sink, { maxLag: 10 });
  pump.start(PROGRESS);
  for (let n = 1; n <= 5; n++) pump.progress({ ...PROGRESS, results: n });
  stored.push(result(2));
  pump.result(result(2));
  sink.room = 100;
  pump.drain();
  const progress = sink.chunks.filter((c) => c.startsWith('event: progress')).map((c) => JSON.parse(c.slice(c.indexOf('data: ') + 6)).results);
  assert.deepEqual(progress, [5], 'one progress event, the latest');
  assert.ok(sink.chunks.findIndex((c) => c.startsWith('event: progress')) > sink.chunks.findIndex((c) => c.startsWith('id: 2')));
});

test('a client more than maxLag results behind (its socket full) is dropped; it resumes after what it got', () => {
  const stored = [result(1), result(2)];
  const sink = new FakeSink(1);
  const { pump, done } = pumpOver(stored, sink, { maxLag: 3 });
  pump.start(PROGRESS);
  assert.deepEqual(sink.ids(), [1, 2], 'a page may overshoot a full buffer, bounded by the page');
  for (let seq = 3; seq <= 6; seq++) {
    stored.push(result(seq));
    pump.result(result(seq));
  }
  assert.deepEqual(sink.ids(), [1, 2], 'nothing is written while the socket is full');
  assert.ok(sink.destroyed, 'dropped after the fourth result behind');
  assert.equal(done(), 1);
  const resumed = new FakeSink(100);
  pumpOver(stored, resumed, { after: 2 }).pump.start(PROGRESS, 'completed');
  assert.deepEqual(resumed.ids(), [3, 4, 5, 6]);
});

test('a client that keeps up gets live results directly, and one that drains in time is not dropped', () => {
  const stored: ProbeResult[] = [];
  const sink = new FakeSink(3);
  const { pump } = pumpOver(stored, sink, { maxLag: 2 });
  pump.start(PROGRESS);
  for (let seq = 1; seq <= 8; seq++) {
    stored.push(result(seq));
    pump.result(result(seq));
    if (seq % 2 === 0) {
      sink.room = 3;
      pump.drain();
    }
  }
  pump.end('completed');
  assert.equal(sink.destroyed, false);
  assert.deepEqual(sink.ids(), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.ok(sink.ended);
});

test('stream slots: bounded per principal and in all, given back once', () => {
  const streams = new SseStreams({ streams: 3, streamsPerPrincipal: 2, maxLag: 10 });
  const a1 = streams.open('alice');
  streams.open('alice');
  assert.throws(() => streams.open('alice'), (e: { status: number; retryAfterSeconds: number }) => e.status === 429 && e.retryAfterSeconds > 0);
  const b1 = streams.open('bob');
  assert.throws(() => streams.open('carol'), /PSCAN_SSE_STREAMS\)/);
  a1();
  a1();
  assert.equal(streams.count(), 2);
  assert.equal(streams.count('alice'), 1);
  streams.open('carol');
  b1();
  assert.equal(streams.count('bob'), 0);
});
