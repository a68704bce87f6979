import { Worker } from 'node:worker_threads';

/** Run from source (tsx), a worker must load the TypeScript module and register tsx itself: tsx's `--import` hook does not reach worker threads. */
const tsxApi = import.meta.url.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : undefined;

/**
 * Runs a module in a worker thread with `input` as its workerData and resolves with the one
 * message it posts: CPU-heavy work that must not stall the event loop (probe timing, health checks,
 * every other request) while it runs.
 */
export function runInWorker<T>(moduleUrl: URL, input: unknown): Promise<T> {
  const href = tsxApi ? moduleUrl.href.replace(/\.js$/, '.ts') : moduleUrl.href;
  const code = tsxApi ? `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(href)}); })` : `import(${JSON.stringify(href)})`;
  return new Promise<T>((resolve, reject) => {
    let answered = false;
    const worker = new Worker(code, { eval: true, workerData: input });
    worker.once('message', (message: T) => {
      answered = true;
      resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => answered || reject(new Error(`worker ${moduleUrl.pathname} exited with code ${code} and no answer`)));
  });
}
