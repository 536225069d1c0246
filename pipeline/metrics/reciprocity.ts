/**
 * Reciprocity, two named definitions (sna `grecip`; igraph `reciprocity`):
 * - **edgewise**: reciprocated ties / all ties (igraph mode "default", networkx `reciprocity`);
 * - **dyadic** (non-null dyads): mutual dyads / (mutual + asymmetric dyads) (igraph mode "ratio",
 *   sna "dyadic.nonnull").
 * Both undefined (null) when there is no tie. In a survey where only members answer, ties to
 * outside actors can never be reciprocated: read it for ties among respondents.
 */
import type { AbstractGraph } from 'graphology-types';

export interface Reciprocity {
  edgewise: number | null;
  dyadic: number | null;
}

export function reciprocity(graph: AbstractGraph): Reciprocity {
  let ties = 0;
  let reciprocated = 0;
  graph.forEachDirectedEdge((_e, _a, source, target) => {
    ties++;
    if (graph.hasDirectedEdge(target, source)) reciprocated++;
  });
  if (ties === 0) return { edgewise: null, dyadic: null };
  const mutual = reciprocated / 2;
  const asymmetric = ties - reciprocated;
  return { edgewise: reciprocated / ties, dyadic: mutual / (mutual + asymmetric) };
}
