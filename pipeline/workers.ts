/**
 * Worker threads running the project's own TypeScript modules. A worker does not inherit the
 * TypeScript loader of the process that starts it (nor of the test runner), so its first step
 * registers tsx, then imports the module.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Threads to use: `JEJARING_THREADS` when set (1 = no workers), else the machine's cores. */
export function threadCount(env: NodeJS.ProcessEnv = process.env): number {
  const set = Number.parseInt(env.JEJARING_THREADS ?? '', 10);
  return Number.isInteger(set) && set > 0 ? set : availableParallelism();
}

export function startWorker(module: URL, workerData: unknown): Worker {
  const loader = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(code, { eval: true, workerData });
}
