/**
 * Keeping a city-wide run's memory down. V8 collects garbage lazily: on a machine with a lot of
 * memory it lets a 17,000-actor case's short-lived objects (graph copies, per-actor maps) pile up
 * to twice the data actually in use. Between large steps the pipeline asks for a full collection;
 * on small cases (under `LARGE_TIES` ties) it does nothing, as it would only cost time.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const LARGE_TIES = 50_000;

let gc: (() => void) | null | undefined;

/** Full garbage collection when `ties` is large; a no-op otherwise. */
export function releaseMemory(ties: number): void {
  if (ties < LARGE_TIES) return;
  if (gc === undefined) {
    // the documented V8 flag, set at run time; the function appears in contexts made after it
    setFlagsFromString('--expose-gc');
    gc = (runInNewContext('gc') as (() => void) | undefined) ?? null;
  }
  gc?.();
}
