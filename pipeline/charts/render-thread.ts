/**
 * Charts drawn on a worker thread in a folder run, so that the main thread measures the next case
 * meanwhile (a folder of 100 one-group cases without PDFs: 23 % less wall time for 3 % more CPU
 * time). A single case draws its charts here: there the main thread has nothing else to do but
 * write its tables, and a second thread only competed with it for the two cores (the same wall
 * time, 7–9 % more CPU). One thread for the process, started by `useChartThread`; it holds the
 * process open only while a chart is waiting. Its heap is held to `CHART_THREAD_HEAP_MB`, so that it
 * collects its garbage instead of letting it grow beside the main thread's for the whole folder; a
 * thread that stops (that limit reached, or anything else) hands the charts it held back to this
 * thread, and the next chart starts a new one. The SVG is the same to the byte either way (render.ts
 * numbers its ids per chart).
 */
import type { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { TrustedSvg } from '../model/charts.ts';
import { startWorker, threadCount } from '../workers.ts';
import { renderSvg } from './render.ts';

/**
 * The chart thread's old generation, in MiB. A folder of four cases of about 290 actors each
 * (network maps of 2,200–2,500 ties, the largest a case draws: above 300 actors the map is by
 * category) drew to the same bytes with 32; with no limit a 300-case folder with every PDF peaked
 * with node at 443 MiB instead of 370.
 */
export const CHART_THREAD_HEAP_MB = 128;

interface Waiting {
  id: string;
  spec: TopLevelSpec;
  resolve: (svg: TrustedSvg) => void;
  reject: (error: Error) => void;
}

interface ChartThread {
  worker: Worker;
  waiting: Map<number, Waiting>;
  next: number;
}

let thread: ChartThread | null = null;
/** Charts drawn here, one after another (as on the thread), not interleaved. */
let here: Promise<unknown> = Promise.resolve();

function chartThread(): ChartThread {
  if (thread) return thread;
  const worker = startWorker(new URL('./render-worker.ts', import.meta.url), null, {
    resourceLimits: { maxOldGenerationSizeMb: CHART_THREAD_HEAP_MB },
  });
  const t: ChartThread = { worker, waiting: new Map(), next: 0 };
  t.worker.unref();
  t.worker.on('message', (answer: { n: number; svg?: string; error?: string }) => {
    const waiting = t.waiting.get(answer.n);
    t.waiting.delete(answer.n);
    if (t.waiting.size === 0) t.worker.unref();
    if (answer.error !== undefined) waiting?.reject(new Error(answer.error));
    else waiting?.resolve(answer.svg as TrustedSvg);
  });
  // a thread that stops hands the charts it held back to this thread; the next chart starts a new one
  const stopped = () => {
    if (thread === t) thread = null;
    handBack(t);
  };
  t.worker.on('error', stopped);
  t.worker.on('exit', stopped);
  thread = t;
  return t;
}

let useThread = false;

/** From now on draw on the chart thread, started now (its libraries load meanwhile), when there is more than one thread. */
export function useChartThread(threads = threadCount()): void {
  useThread = threads > 1;
  if (useThread) chartThread();
}

function drawHere(id: string, spec: TopLevelSpec): Promise<TrustedSvg> {
  const svg = here.then(() => renderSvg(id, spec));
  here = svg.catch(() => {});
  return svg;
}

/** The charts a thread held, drawn here instead; the thread then holds none. */
function handBack(t: ChartThread): void {
  const held = [...t.waiting.values()];
  t.waiting.clear();
  for (const w of held) drawHere(w.id, w.spec).then(w.resolve, w.reject);
}

/** End the chart thread (a long-lived process letting it go); the charts it held are drawn here, later ones here too. */
export async function stopChartThread(): Promise<void> {
  useThread = false;
  const t = thread;
  thread = null;
  if (!t) return;
  handBack(t);
  await t.worker.terminate();
}

/** The chart thread's id while charts are drawn there, else null. */
export function chartThreadId(): number | null {
  return useThread && thread ? thread.worker.threadId : null;
}

/** A chart's SVG (render.ts `renderSvg`): on the chart thread after `useChartThread`, else here. */
export function drawSvg(id: string, spec: TopLevelSpec): Promise<TrustedSvg> {
  if (!useThread) return drawHere(id, spec);
  const t = chartThread();
  const n = t.next++;
  return new Promise((resolve, reject) => {
    t.waiting.set(n, { id, spec, resolve, reject });
    t.worker.ref();
    t.worker.postMessage({ n, id, spec });
  });
}
