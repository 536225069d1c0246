/**
 * Prestige: being named by actors who are themselves named.
 *
 * - **eigenvector centrality** (Bonacich 1972) on incoming ties, scaled so the maximum is 1
 *   (igraph's scale; networkx scales to unit length: equal after rescaling). It is only meaningful
 *   when every actor can reach every other (a strongly connected graph): survey graphs, where
 *   members name outside actors who do not answer, are usually acyclic or nearly so, and there the
 *   power iteration fails or returns an arbitrary vector. So it is computed only for a strongly
 *   connected graph, and null otherwise.
 * - **PageRank** (Brin & Page 1998), damping 0.85, unweighted, defined on every graph: the
 *   report's prestige measure whenever the eigenvector is not. Power iteration on the compact
 *   graph of paths.ts, step for step graphology-metrics' `pagerank` (a dangling actor's score is
 *   spread over all; stop when Σ|x − x_prev| < n · 1e-12), equal to it to 1e-12 (tested) and to
 *   igraph's PRPACK to 1e-9, without graphology's index build and per-iteration allocation.
 *   Survey graphs have no self-loops (ingest rejects self-ties); the compact graph would drop one.
 * `getEdgeWeight: null` everywhere: no attribute is read as a weight.
 */
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js';
import type { AbstractGraph } from 'graphology-types';
import { interop } from '../_interop.ts';
import { strongComponents } from './components.ts';
import { compact, type Compact } from './paths.ts';

const eigenvectorCentrality = interop(eigenvectorModule);

export interface Prestige {
  /** Which measure the report shows. */
  measure: 'eigenvector' | 'pagerank';
  eigenvector: Record<string, number> | null;
  pagerank: Record<string, number>;
}

export const DAMPING = 0.85;
const TOLERANCE = 1e-12;
const MAX_ITERATIONS = 10_000;

/** PageRank scores by node index (see the module notes); throws if it does not converge. */
export function pagerankScores(g: Compact, alpha = DAMPING): Float64Array {
  const { n, offsets, targets } = g;
  const p = 1 / n;
  let x = new Float64Array(n).fill(p);
  let next = new Float64Array(n);
  const dangling: number[] = [];
  for (let i = 0; i < n; i++) if (offsets[i + 1] === offsets[i]) dangling.push(i);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let dangle = 0;
    for (const i of dangling) dangle += x[i]!;
    const base = alpha * dangle * p + (1 - alpha) * p;
    next.fill(0);
    for (let i = 0; i < n; i++) {
      const start = offsets[i]!;
      const end = offsets[i + 1]!;
      const share = (alpha * x[i]!) / (end - start);
      for (let a = start; a < end; a++) next[targets[a]!]! += share;
      next[i]! += base;
    }
    let error = 0;
    for (let i = 0; i < n; i++) error += Math.abs(next[i]! - x[i]!);
    [x, next] = [next, x];
    if (error < n * TOLERANCE) return x;
  }
  throw new Error('pagerank: failed to converge');
}

export function prestige(graph: AbstractGraph): Prestige {
  const keys = graph.nodes();
  const scores = graph.order > 0 ? pagerankScores(compact(graph)) : new Float64Array(0);
  const pagerank: Record<string, number> = Object.fromEntries(keys.map((k, i) => [k, scores[i]!]));
  const connected = graph.order > 1 && strongComponents(graph) === 1;
  if (!connected) return { measure: 'pagerank', eigenvector: null, pagerank };
  try {
    const raw = eigenvectorCentrality(graph, { getEdgeWeight: null, tolerance: 1e-12, maxIterations: 10_000 });
    const max = Math.max(...Object.values(raw));
    const eigenvector: Record<string, number> = {};
    for (const [k, v] of Object.entries(raw)) eigenvector[k] = max > 0 ? v / max : 0;
    return { measure: 'eigenvector', eigenvector, pagerank };
  } catch {
    return { measure: 'pagerank', eigenvector: null, pagerank };
  }
}
