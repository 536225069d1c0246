/**
 * Prestige: being named by actors who are themselves named.
 *
 * - **eigenvector centrality** (Bonacich 1972) on incoming ties, scaled so the maximum is 1
 *   (igraph's scale; networkx scales to unit length: equal after rescaling). It is only meaningful
 *   when every actor can reach every other (a strongly connected graph): survey graphs, where
 *   members name outside actors who do not answer, are usually acyclic or nearly so, and there the
 *   power iteration fails or returns an arbitrary vector. So it is computed only for a strongly
 *   connected graph, and null otherwise.
 * - **PageRank** (Brin & Page 1998), damping 0.85, unweighted, tolerance 1e-12 (agrees with
 *   igraph's PRPACK to 1e-9), defined on every graph: the report's prestige measure whenever the
 *   eigenvector is not.
 * `getEdgeWeight: null` everywhere: no attribute is read as a weight.
 */
import eigenvectorModule from 'graphology-metrics/centrality/eigenvector.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import type { AbstractGraph } from 'graphology-types';
import { interop } from '../_interop.ts';
import { strongComponents } from './components.ts';

const eigenvectorCentrality = interop(eigenvectorModule);
const pagerankCentrality = interop(pagerankModule);

export interface Prestige {
  /** Which measure the report shows. */
  measure: 'eigenvector' | 'pagerank';
  eigenvector: Record<string, number> | null;
  pagerank: Record<string, number>;
}

export function prestige(graph: AbstractGraph): Prestige {
  const pagerank = graph.order > 0 ? pagerankCentrality(graph, { getEdgeWeight: null, alpha: 0.85, tolerance: 1e-12, maxIterations: 10_000 }) : {};
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
