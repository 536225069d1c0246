/**
 * Worker thread for paths-pool.ts: receives the compact graph and the sources once (shared
 * memory), then block numbers; answers each with that block's sums.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BLOCK, blockSums, type Compact } from './paths.ts';

const { graph, sources } = workerData as { graph: Compact; sources: Int32Array };

parentPort!.on('message', (block: number) => {
  const from = block * BLOCK;
  const sums = blockSums(graph, sources, from, Math.min(from + BLOCK, sources.length));
  const buffers = [sums.betweenness.buffer, sums.harmonic.buffer, sums.distance.buffer, sums.reached.buffer] as ArrayBuffer[];
  parentPort!.postMessage({ block, sums }, buffers);
});
parentPort!.postMessage('ready');
