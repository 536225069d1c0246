/**
 * Shortest-path sums over the machine's cores. When the work of the sources (paths.ts
 * `reachWork`, counted or projected by the caller) is above `PARALLEL_FROM_WORK`, the blocks of
 * sources go to worker threads (Brandes' algorithm parallelises over sources), else they run
 * here. Blocks are added in block order either way, so the result does not depend on the number
 * of threads, and whether to use them is decided by counting, not timing.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker, threadCount } from '../workers.ts';
import { addBlocks, addSums, type BlockSums, blockCount, type Compact, emptySums, type PathSums, reachWork, Workspace } from './paths.ts';

/**
 * Work above which worker threads are started: about 1.5 s of one core at the 40–120 ns a unit the
 * kernel costs on large graphs (each worker takes about 0.3 s to start).
 */
export const PARALLEL_FROM_WORK = 2e7;

/** `work`: the sources' work in reachWork units (counted here when not given); `Infinity` always uses workers. */
export async function pathSumsParallel(
  graph: Compact,
  sources: Int32Array,
  threads = threadCount(),
  work = reachWork(graph, sources),
): Promise<PathSums> {
  const blocks = blockCount(sources);
  const total = emptySums(graph.n);
  if (blocks === 0) return total;
  const workspace = new Workspace(graph);
  if (threads < 2 || blocks < 3 || work < PARALLEL_FROM_WORK) return addBlocks(total, workspace, sources);
  return inWorkers(graph, sources, total, blocks, Math.min(threads, blocks - 1), () => addBlocks(total, workspace, sources, 0, 1));
}

/** Blocks 1, … in `threads` workers; block 0 runs here (`first`) while they start, and is added before any of theirs. */
function inWorkers(
  graph: Compact,
  sources: Int32Array,
  total: PathSums,
  blocks: number,
  threads: number,
  first: () => void,
): Promise<PathSums> {
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
    // no message is handled before this returns, so block 0 is added first
    first();
  });
}
