/**
 * Shortest-path sums over the machine's cores. The first block of sources runs here and is
 * timed; when the rest would take longer than `PARALLEL_FROM_MS`, the remaining blocks go to
 * worker threads (Brandes' algorithm parallelises over sources), else they run here too. Blocks
 * are added in block order either way, so the result does not depend on the number of threads.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker, threadCount } from '../workers.ts';
import { addBlocks, addSums, type BlockSums, blockCount, type Compact, emptySums, type PathSums, Workspace } from './paths.ts';

/** Estimated single-thread work above which worker threads are started (each costs ~0.3 s to start). */
export const PARALLEL_FROM_MS = 1500;

export async function pathSumsParallel(
  graph: Compact,
  sources: Int32Array,
  threads = threadCount(),
  parallelFromMs = PARALLEL_FROM_MS,
): Promise<PathSums> {
  const blocks = blockCount(sources);
  const total = emptySums(graph.n);
  if (blocks === 0) return total;
  const started = performance.now();
  const workspace = new Workspace(graph);
  addBlocks(total, workspace, sources, 0, 1);
  const estimate = (performance.now() - started) * (blocks - 1);
  if (threads < 2 || blocks < 3 || estimate < parallelFromMs) return addBlocks(total, workspace, sources, 1);
  return inWorkers(graph, sources, total, blocks, Math.min(threads, blocks - 1));
}

function inWorkers(graph: Compact, sources: Int32Array, total: PathSums, blocks: number, threads: number): Promise<PathSums> {
  const workers: Worker[] = [];
  const waiting = new Map<number, BlockSums>();
  let nextBlock = 1;
  let nextToAdd = 1;
  return new Promise<PathSums>((resolve, reject) => {
    const stop = (error?: unknown) => {
      for (const w of workers) void w.terminate();
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(total);
    };
    const feed = (worker: Worker) => {
      if (nextBlock < blocks) worker.postMessage(nextBlock++);
    };
    for (let i = 0; i < threads; i++) {
      const worker = startWorker(new URL('./paths-worker.ts', import.meta.url), { graph, sources });
      workers.push(worker);
      worker.on('message', (message: 'ready' | { block: number; sums: BlockSums }) => {
        if (message !== 'ready') {
          waiting.set(message.block, message.sums);
          while (waiting.has(nextToAdd)) {
            addSums(total, waiting.get(nextToAdd)!);
            waiting.delete(nextToAdd++);
          }
          if (nextToAdd === blocks) return stop();
        }
        feed(worker);
      });
      worker.on('error', stop);
      worker.on('exit', (code) => {
        if (code !== 0 && nextToAdd < blocks) stop(new Error(`shortest-path worker stopped (exit code ${code})`));
      });
    }
  });
}
