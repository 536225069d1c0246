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
import { type Compact, compact } from './paths.ts';

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

/**
 * PageRank scores by node index (see the module notes); throws if it does not converge. Each
 * score is gathered from the actors naming it (incoming arcs, sources in index order), adding the
 * same terms in the same order as graphology's scatter loop, so the result is the same to the bit.
 */
export function pagerankScores(g: Compact, alpha = DAMPING): Float64Array {
  const { n, offsets, targets } = g;
  const p = 1 / n;
  // incoming arcs by target, sources ascending; `split[v]`: first source ≥ v
  const inStart = new Int32Array(n + 1);
  for (let a = 0; a < targets.length; a++) inStart[targets[a]! + 1]!++;
  for (let v = 0; v < n; v++) inStart[v + 1]! += inStart[v]!;
  const fill = inStart.slice(0, n);
  const inSource = new Int32Array(targets.length);
  for (let u = 0; u < n; u++) for (let a = offsets[u]!; a < offsets[u + 1]!; a++) inSource[fill[targets[a]!]!++] = u;
  const split = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    let k = inStart[v]!;
    while (k < inStart[v + 1]! && inSource[k]! < v) k++;
    split[v] = k;
  }
  const weight = new Float64Array(n);
  const dangling: number[] = [];
  for (let u = 0; u < n; u++) {
    const degree = offsets[u + 1]! - offsets[u]!;
    if (degree === 0) dangling.push(u);
    else weight[u] = 1 / degree;
  }
  let x = new Float64Array(n).fill(p);
  let next = new Float64Array(n);
  const share = new Float64Array(n);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    let dangle = 0;
    for (const u of dangling) dangle += x[u]!;
    dangle *= alpha;
    const base = dangle * p + (1 - alpha) * p;
    for (let u = 0; u < n; u++) share[u] = alpha * x[u]! * weight[u]!;
    let error = 0;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      const mid = split[v]!;
      for (let k = inStart[v]!; k < mid; k++) sum += share[inSource[k]!]!;
      sum += base;
      for (let k = mid, end = inStart[v + 1]!; k < end; k++) sum += share[inSource[k]!]!;
      next[v] = sum;
      error += Math.abs(sum - x[v]!);
    }
    [x, next] = [next, x];
    if (error < n * TOLERANCE) return x;
  }
  throw new Error('pagerank: failed to converge');
}

/**
 * `plain`: the graph's compact copy, if already made (paths.ts); `strong`: its number of strong
 * components, if already counted (the round's figures count them).
 */
export function prestige(graph: AbstractGraph, plain?: Compact, strong?: number): Prestige {
  const keys = graph.nodes();
  const g = plain ?? compact(graph);
  const scores = graph.order > 0 ? pagerankScores(g) : new Float64Array(0);
  const pagerank: Record<string, number> = Object.fromEntries(keys.map((k, i) => [k, scores[i]!]));
  const connected = graph.order > 1 && (strong ?? strongComponents(graph, g)) === 1;
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
