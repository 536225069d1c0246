/**
 * Charts drawn on a worker thread in a folder run, so that the main thread measures the next case
 * meanwhile (a folder of 100 one-group cases without PDFs: 26 % less wall time, the same CPU
 * time). A single case draws its charts here: there the main thread has nothing else to do but
 * write its tables, and a second thread only competed with it for the two cores (the same wall
 * time, 7–9 % more CPU). One thread for the process, started by `useChartThread`; it holds the
 * process open only while a chart is waiting. The SVG is the same to the byte either way (render.ts
 * numbers its ids per chart).
 */
import type { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { TrustedSvg } from '../model/charts.ts';
import { startWorker, threadCount } from '../workers.ts';
import { renderSvg } from './render.ts';

interface ChartThread {
  worker: Worker;
  waiting: Map<number, { resolve: (svg: TrustedSvg) => void; reject: (error: Error) => void }>;
  next: number;
}

let thread: ChartThread | null = null;
/** Charts drawn here, one after another (as on the thread), not interleaved. */
let here: Promise<unknown> = Promise.resolve();

function chartThread(): ChartThread {
  if (thread) return thread;
  const t: ChartThread = { worker: startWorker(new URL('./render-worker.ts', import.meta.url), null), waiting: new Map(), next: 0 };
  t.worker.unref();
  t.worker.on('message', (answer: { n: number; svg?: string; error?: string }) => {
    const waiting = t.waiting.get(answer.n);
    t.waiting.delete(answer.n);
    if (t.waiting.size === 0) t.worker.unref();
    if (answer.error !== undefined) waiting?.reject(new Error(answer.error));
    else waiting?.resolve(answer.svg as TrustedSvg);
  });
  // a thread that fails fails the charts it holds; the next chart starts a new one
  const fail = (error: Error) => {
    if (thread === t) thread = null;
    for (const waiting of t.waiting.values()) waiting.reject(error);
    t.waiting.clear();
  };
  t.worker.on('error', fail);
  t.worker.on('exit', (code) => fail(new Error(`chart worker stopped (exit code ${code})`)));
  thread = t;
  return t;
}

let useThread = false;

/** From now on draw on the chart thread, started now (its libraries load meanwhile), when there is more than one thread. */
export function useChartThread(threads = threadCount()): void {
  useThread = threads > 1;
  if (useThread) chartThread();
}

/** The chart thread's id while charts are drawn there, else null. */
export function chartThreadId(): number | null {
  return useThread && thread ? thread.worker.threadId : null;
}

/** A chart's SVG (render.ts `renderSvg`): on the chart thread after `useChartThread`, else here. */
export function drawSvg(id: string, spec: TopLevelSpec): Promise<TrustedSvg> {
  if (!useThread) {
    const svg = here.then(() => renderSvg(id, spec));
    here = svg.catch(() => {});
    return svg;
  }
  const t = chartThread();
  const n = t.next++;
  return new Promise((resolve, reject) => {
    t.waiting.set(n, { resolve, reject });
    t.worker.ref();
    t.worker.postMessage({ n, id, spec });
  });
}
