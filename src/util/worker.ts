import { Worker } from 'node:worker_threads';

/** Run from source (tsx), a worker must load the TypeScript module and register tsx itself: tsx's `--import` hook does not reach worker threads. */
const tsxApi = import.meta.url.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : undefined;

/** The worker was still running at its deadline and was stopped. */
export class WorkerDeadlineError extends Error {
  override readonly name = 'WorkerDeadlineError';
}

/**
 * Runs a module in a worker thread with `input` as its workerData and resolves with the one
 * message it posts: CPU-heavy work that must not stall the event loop (probe timing, health checks,
 * every other request) while it runs. With `deadlineMs`, a worker that has not answered that long
 * after it came online is terminated and the promise rejects with WorkerDeadlineError.
 */
export function runInWorker<T>(moduleUrl: URL, input: unknown, deadlineMs?: number): Promise<T> {
  const href = tsxApi ? moduleUrl.href.replace(/\.js$/, '.ts') : moduleUrl.href;
  const code = tsxApi ? `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(href)}); })` : `import(${JSON.stringify(href)})`;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const worker = new Worker(code, { eval: true, workerData: input });
    if (deadlineMs !== undefined) {
      worker.once('online', () => {
        timer = setTimeout(() => settle(() => {
          void worker.terminate();
          reject(new WorkerDeadlineError(`worker ${moduleUrl.pathname} still running after ${deadlineMs} ms`));
        }), deadlineMs);
      });
    }
    worker.once('message', (message: T) => settle(() => resolve(message)));
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) => settle(() => reject(new Error(`worker ${moduleUrl.pathname} exited with code ${code} and no answer`))));
  });
}
