/**
 * Worker threads running the project's own modules. From the bundle (`dist/`, what the `jejaring`
 * command runs) a worker is its own bundled file beside it: `./paths-worker.ts` is
 * `dist/paths-worker.mjs`. From the TypeScript sources (tests, development) a worker does not
 * inherit the TypeScript loader of the process that starts it, so its first step registers tsx,
 * then imports the module.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Threads to use: `JEJARING_THREADS` when set (1 = no workers), else the machine's cores. */
export function threadCount(env: NodeJS.ProcessEnv = process.env): number {
  const set = Number.parseInt(env.JEJARING_THREADS ?? '', 10);
  return Number.isInteger(set) && set > 0 ? set : availableParallelism();
}

export function startWorker(module: URL, workerData: unknown, options: Pick<WorkerOptions, 'resourceLimits'> = {}): Worker {
  const bundled = new URL(module.href.replace(/\.ts$/, '.mjs'));
  if (!existsSync(fileURLToPath(module)) && existsSync(fileURLToPath(bundled))) return new Worker(bundled, { workerData, ...options });
  const loader = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(code, { eval: true, workerData, ...options });
}
