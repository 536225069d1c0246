/**
 * Worker thread for render-thread.ts: renders each chart it is sent (`{ n, id, spec }`) with
 * render.ts, one after another in the order received, and answers `{ n, svg }` or `{ n, error }`.
 */
import { parentPort } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from './render.ts';

let queue: Promise<void> = Promise.resolve();

parentPort!.on('message', ({ n, id, spec }: { n: number; id: string; spec: TopLevelSpec }) => {
  queue = queue.then(async () => {
    try {
      parentPort!.postMessage({ n, svg: await renderSvg(id, spec) });
    } catch (error) {
      parentPort!.postMessage({ n, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
