/**
 * Transitivity and clustering, on the undirected view (a tie in either direction), as in igraph
 * `transitivity` (which ignores direction) and networkx on the undirected graph:
 * - **transitivity** (global): 3 × triangles / connected triples; null with no triple;
 * - **local clustering** of v: triangles through v / (k(k−1)/2), k = undirected degree;
 *   **0 when k < 2** (networkx `clustering`, igraph `transitivity_local_undirected(mode = "zero")`);
 * - **average clustering**: the mean of the local values over all actors, zeros included
 *   (networkx `average_clustering`, igraph `transitivity_avglocal_undirected(mode = "zero")`).
 */
import type { AbstractGraph } from 'graphology-types';
import { neighbourSets } from './views.ts';

export interface Clustering {
  transitivity: number | null;
  averageClustering: number | null;
  local: Record<string, number>;
}

export function clustering(graph: AbstractGraph): Clustering {
  const nbrs = neighbourSets(graph);
  const local: Record<string, number> = {};
  let triangles3 = 0; // each triangle counted once per corner
  let triples = 0;
  for (const [v, set] of nbrs) {
    const list = [...set];
    const k = list.length;
    let t = 0;
    for (let i = 0; i < k; i++) {
      const a = nbrs.get(list[i]!)!;
      for (let j = i + 1; j < k; j++) if (a.has(list[j]!)) t++;
    }
    triangles3 += t;
    triples += (k * (k - 1)) / 2;
    local[v] = k < 2 ? 0 : t / ((k * (k - 1)) / 2);
  }
  const values = Object.values(local);
  return {
    transitivity: triples > 0 ? triangles3 / triples : null,
    averageClustering: values.length > 0 ? values.reduce((s, x) => s + x, 0) / values.length : null,
    local,
  };
}
