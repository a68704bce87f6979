import type { Request } from 'express';
import type { ScanProgress } from '../scans/events.js';
import type { ProbeResult } from '../scans/model.js';
import type { Principal, ScanService } from '../scans/scan-service.js';

const HEARTBEAT_MS = 15_000;

/** Streams a scan's results as Server-Sent Events until the scan ends or the client leaves. */
export function streamScanEvents(scans: ScanService, principal: Principal, id: string, req: Request): Promise<void> {
  const res = req.res!;
  const lastEventId = Number(req.headers['last-event-id']);
  let lastSent = Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : 0;
  return new Promise((resolve) => {
    let heartbeat: NodeJS.Timeout | undefined;
    let unsubscribe = (): void => {};
    const close = (): void => {
      clearInterval(heartbeat);
      unsubscribe();
      if (!res.writableEnded) res.end();
      resolve();
    };
    const sendResult = (r: ProbeResult): void => {
      if (r.seq <= lastSent) return;
      lastSent = r.seq;
      res.write(`id: ${r.seq}\nevent: result\ndata: ${JSON.stringify(r)}\n\n`);
    };
    const sendProgress = (progress: ScanProgress): void => {
      res.write(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`);
    };
    const sendEnd = (status: string): void => {
      res.write(`event: end\ndata: ${JSON.stringify({ status })}\n\n`);
      close();
    };
    // Throws NotFoundError before any header is written, so the client gets a 404 problem.
    const watch = scans.watch(principal, id, lastSent, (e) => (e.kind === 'result' ? sendResult(e.result) : e.kind === 'progress' ? sendProgress(e.progress) : sendEnd(e.status)));
    unsubscribe = watch.unsubscribe;
    res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    req.on('close', close);
    watch.backlog.forEach(sendResult);
    sendProgress(watch.progress);
    if (watch.finalStatus) return sendEnd(watch.finalStatus);
    heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  });
}
