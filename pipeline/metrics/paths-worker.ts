/**
 * Worker thread for paths-pool.ts: receives the compact graph and the sources once (shared
 * memory), then block numbers; answers each with that block's sums.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { blockSums, type Compact, Workspace } from './paths.ts';

const { graph, sources } = workerData as { graph: Compact; sources: Int32Array };
const workspace = new Workspace(graph);

parentPort!.on('message', (block: number) => {
  const sums = blockSums(workspace, sources, block);
  const buffers = [
    sums.nodes.buffer,
    sums.betweenness.buffer,
    sums.harmonic.buffer,
    sums.distance.buffer,
    sums.reached.buffer,
  ] as ArrayBuffer[];
  parentPort!.postMessage({ block, sums }, buffers);
});
parentPort!.postMessage('ready');
