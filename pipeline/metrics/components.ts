/**
 * Components and isolates.
 * - **weak components**: parts linked when direction is ignored (igraph `components(mode =
 *   "weak")`); an isolate is its own component;
 * - **strong components**: parts in which every actor reaches every other along the direction of
 *   the ties (igraph `components(mode = "strong")`); in a survey, every actor who names nobody
 *   back is its own strong component;
 * - **isolate**: a roster actor with no tie in the round, in or out.
 */
import type { AbstractGraph } from 'graphology-types';
import { type Compact, compact } from './paths.ts';

/** Weak components: union–find over the ties, direction ignored (each actor starts alone). */
export function weakComponents(graph: AbstractGraph, g: Compact = compact(graph)): number {
  const parent = Int32Array.from({ length: g.n }, (_, i) => i);
  const root = (v: number) => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]!]!; // halve the path
      v = parent[v]!;
    }
    return v;
  };
  let count = g.n;
  for (let v = 0; v < g.n; v++)
    for (let k = g.offsets[v]!; k < g.offsets[v + 1]!; k++) {
      const [a, b] = [root(v), root(g.targets[k]!)];
      if (a !== b) {
        parent[a] = b;
        count--;
      }
    }
  return count;
}

/** Strong components: Tarjan's algorithm (1972) along the ties' direction, without recursion. */
export function strongComponents(graph: AbstractGraph, g: Compact = compact(graph)): number {
  const { n, offsets, targets } = g;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callArc = new Int32Array(n);
  let top = 0;
  let next = 0;
  let count = 0;
  for (let start = 0; start < n; start++) {
    if (index[start] !== -1) continue;
    let depth = 0;
    callNode[0] = start;
    callArc[0] = offsets[start]!;
    index[start] = low[start] = next++;
    stack[top++] = start;
    onStack[start] = 1;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const k = callArc[depth]!;
      if (k < offsets[v + 1]!) {
        callArc[depth] = k + 1;
        const w = targets[k]!;
        if (index[w] === -1) {
          index[w] = low[w] = next++;
          stack[top++] = w;
          onStack[w] = 1;
          depth++;
          callNode[depth] = w;
          callArc[depth] = offsets[w]!;
        } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      if (low[v] === index[v]) {
        // v is the root of a component: pop it
        let w: number;
        do {
          w = stack[--top]!;
          onStack[w] = 0;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const u = callNode[depth]!;
        low[u] = Math.min(low[u]!, low[v]!);
      }
    }
  }
  return count;
}

export function isolates(graph: AbstractGraph): string[] {
  return graph.filterNodes((node) => graph.degree(node) === 0).sort();
}
