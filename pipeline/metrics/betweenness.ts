/**
 * Betweenness centrality (Freeman 1977; Brandes 2001 algorithm, via graphology-metrics): how
 * often an actor lies on the shortest paths between two others, on the directed graph, unweighted.
 * - raw: Σ_{s≠v≠t} σ_st(v)/σ_st (igraph `betweenness(directed = TRUE)`);
 * - normalised: raw / ((n−1)(n−2)) for directed graphs (networkx `normalized=True`).
 * `getEdgeWeight: null` is passed explicitly: graphology would otherwise read an edge attribute
 * named `weight` as a distance.
 */
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { interop } from '../_interop.ts';
import type { AbstractGraph } from 'graphology-types';

const betweennessCentrality = interop(betweennessModule);

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

export function betweenness(graph: AbstractGraph): Betweenness {
  return withNormalized(betweennessCentrality(graph, { getEdgeWeight: null, normalized: false }), graph.order);
}
