/**
 * Density: the share of possible ties that are present.
 *
 * Directed (the survey graph): D = m / (n(n−1)), m = reported ties, n = every roster actor
 * (isolates included). Undirected view (a tie in either direction): D = 2m' / (n(n−1)).
 * Same as graphology `density`, igraph `edge_density(loops = FALSE)`, networkx `density`.
 * Undefined (null) for n < 2.
 */
import type { AbstractGraph } from 'graphology-types';

export function directedDensity(graph: AbstractGraph): number | null {
  const n = graph.order;
  return n < 2 ? null : graph.directedSize / (n * (n - 1));
}

/** Pairs linked in at least one direction, over n(n−1)/2. */
export function undirectedDensity(graph: AbstractGraph): number | null {
  const n = graph.order;
  if (n < 2) return null;
  let pairs = 0;
  graph.forEachDirectedEdge((_e, _a, source, target) => {
    // count a mutual pair once: only from the smaller key, or when the reverse tie is absent
    if (!graph.hasDirectedEdge(target, source) || source < target) pairs++;
  });
  return (2 * pairs) / (n * (n - 1));
}
