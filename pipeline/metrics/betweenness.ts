/**
 * Betweenness centrality (Freeman 1977; Brandes 2001 algorithm, computed in paths.ts): how often
 * an actor lies on the shortest paths between two others, on the directed graph, unweighted.
 * - raw: Σ_{s≠v≠t} σ_st(v)/σ_st (igraph `betweenness(directed = TRUE)`, graphology-metrics
 *   `betweennessCentrality(getEdgeWeight: null)`: tests compare them);
 * - normalised: raw / ((n−1)(n−2)) for directed graphs (networkx `normalized=True`).
 * No edge attribute is read as a length (graphology would read one named `weight`).
 * Exact unless the counted work of the exact pass is over a documented budget; then estimated from
 * sampled sources (path-measures.ts).
 */

export interface Betweenness {
  raw: Record<string, number>;
  normalized: Record<string, number>;
}

/** Raw betweenness with its directed normalisation, raw / ((n−1)(n−2)) (0 for n < 3). */
export function withNormalized(raw: Record<string, number>, n: number): Betweenness {
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 0;
  const normalized: Record<string, number> = {};
  for (const [k, v] of Object.entries(raw)) normalized[k] = v * scale;
  return { raw, normalized };
}
