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
 */
import closenessModule from 'graphology-metrics/centrality/closeness.js';
import { singleSourceLength } from 'graphology-shortest-path/unweighted.js';
import type { AbstractGraph } from 'graphology-types';
import { interop } from '../_interop.ts';

const closenessCentrality = interop(closenessModule);

export interface Distances {
  meanDistance: number | null;
  /** Longest finite shortest path (0 with no ties). */
  diameter: number;
  harmonic: Record<string, number>;
  harmonicNormalized: Record<string, number>;
  closeness: Record<string, number>;
}

export function distances(graph: AbstractGraph): Distances {
  const n = graph.order;
  const harmonic: Record<string, number> = {};
  graph.forEachNode((node) => (harmonic[node] = 0));
  let pairs = 0;
  let total = 0;
  let diameter = 0;
  graph.forEachNode((source) => {
    const lengths = singleSourceLength(graph, source);
    for (const [target, d] of Object.entries(lengths)) {
      if (target === source || d === 0) continue;
      pairs++;
      total += d;
      if (d > diameter) diameter = d;
      harmonic[target]! += 1 / d;
    }
  });
  const harmonicNormalized: Record<string, number> = {};
  for (const [k, v] of Object.entries(harmonic)) harmonicNormalized[k] = n > 1 ? v / (n - 1) : 0;
  return {
    meanDistance: pairs > 0 ? total / pairs : null,
    diameter,
    harmonic,
    harmonicNormalized,
    closeness: closenessCentrality(graph),
  };
}
