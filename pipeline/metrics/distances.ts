/**
 * Distance-based measures on the directed survey graph, unweighted (breadth-first search).
 *
 * - **mean distance**: mean of d(u, v) over ordered pairs where v is reachable from u
 *   (igraph `mean_distance(unconnected = TRUE)`, networkx `average_shortest_path_length` on each
 *   reachable pair). Null when no pair is reachable.
 * - **harmonic centrality** (Marchiori & Latora 2000; Boldi & Vigna 2014): H(v) = Σ_{u≠v} 1/d(u, v)
 *   over *incoming* distances (how easily others reach v), an unreachable pair adding 0, so it is
 *   defined on disconnected graphs; normalised by n − 1 (networkx `harmonic_centrality` / (n−1),
 *   igraph `harmonic_centrality(mode = "in", normalized = TRUE)`). The report's default closeness.
 * - **closeness** (Freeman / Bavelas): r / Σ d(u, v) over the r actors u that reach v, incoming
 *   distances, no Wasserman–Faust correction (graphology `closenessCentrality`, networkx
 *   `closeness_centrality(wf_improved = False)`); 0 for an actor nobody reaches.
 * All from the breadth-first searches of paths.ts (one pass with betweenness); estimated from
 * sampled sources only when the counted work of the exact pass is over a documented budget
 * (path-measures.ts).
 */

export interface Distances {
  meanDistance: number | null;
  /** Longest finite shortest path (0 with no ties). */
  diameter: number;
  harmonic: Record<string, number>;
  harmonicNormalized: Record<string, number>;
  closeness: Record<string, number>;
}
