/**
 * Burt's structural holes (Burt 1992), binary ties, computed from **all neighbours**: anyone the
 * actor names or is named by (Burt 2004 p. 362; igraph `constraint`). networkx returns NaN for an
 * actor with no out-ties, which in a survey is every outside actor; igraph does not, and we follow
 * igraph.
 *
 * - proportional tie strength p_ij = (a_ij + a_ji) / Σ_k (a_ik + a_ki), so a mutual tie weighs 2;
 * - **constraint** c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ∈ N(i), q ≠ j} p_iq p_qj)²; low = many
 *   non-redundant contacts (a broker), high = contacts all tied to each other. Null for isolates.
 * - **effective size** (Borgatti 1997 for binary ties, undirected view): n_i − 2 t_i / n_i, with
 *   n_i neighbours and t_i ties among them (equal to networkx `effective_size` on the undirected
 *   view); **efficiency** = effective size / n_i. Null for isolates.
 */
import type { AbstractGraph } from 'graphology-types';
import { neighbourSets } from './views.ts';

export interface StructuralHoles {
  constraint: Record<string, number | null>;
  effectiveSize: Record<string, number | null>;
  efficiency: Record<string, number | null>;
}

export function structuralHoles(graph: AbstractGraph): StructuralHoles {
  const a = (i: string, j: string) => (graph.hasDirectedEdge(i, j) ? 1 : 0);
  const mutual = (i: string, j: string) => a(i, j) + a(j, i);
  const nbrs = neighbourSets(graph);
  const totals = new Map<string, number>();
  for (const [i, set] of nbrs) {
    let s = 0;
    for (const j of set) s += mutual(i, j);
    totals.set(i, s);
  }
  const p = (i: string, j: string) => {
    const t = totals.get(i)!;
    return t > 0 ? mutual(i, j) / t : 0;
  };
  const constraint: Record<string, number | null> = {};
  const effectiveSize: Record<string, number | null> = {};
  const efficiency: Record<string, number | null> = {};
  for (const [i, set] of nbrs) {
    const list = [...set];
    if (list.length === 0) {
      constraint[i] = effectiveSize[i] = efficiency[i] = null;
      continue;
    }
    let c = 0;
    for (const j of list) {
      let indirect = 0;
      for (const q of list) if (q !== j) indirect += p(i, q) * p(q, j);
      c += (p(i, j) + indirect) ** 2;
    }
    constraint[i] = c;
    let ties = 0;
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) if (nbrs.get(list[x]!)!.has(list[y]!)) ties++;
    const size = list.length - (2 * ties) / list.length;
    effectiveSize[i] = size;
    efficiency[i] = size / list.length;
  }
  return { constraint, effectiveSize, efficiency };
}
