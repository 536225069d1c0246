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
 *
 * Computed on typed arrays: each actor's neighbours in the order the ties first join them (the
 * order of views.ts `neighbourSets`), with a_ij + a_ji as the number of times j appears. For each
 * actor i, the indirect terms p_iq p_qj are gathered from the neighbours q of i, in i's neighbour
 * order, into one slot per j: the same terms added in the same order as the textbook double sum
 * (whose other terms are zero), so the numbers are the same to the bit, in time Σ_q deg(q)² rather
 * than through a hash lookup per pair.
 */
import type { AbstractGraph } from 'graphology-types';

export interface StructuralHoles {
  constraint: Record<string, number | null>;
  effectiveSize: Record<string, number | null>;
  efficiency: Record<string, number | null>;
}

/** Neighbour lists of the undirected view (CSR), first-joined order, with a_ij + a_ji per entry. */
interface Neighbours {
  start: Int32Array;
  node: Int32Array;
  ties: Uint8Array;
}

function neighbours(graph: AbstractGraph, index: Map<string, number>): Neighbours {
  const n = index.size;
  const ends: number[] = [];
  graph.forEachDirectedEdge((_e, _a, source, target) => {
    if (source !== target) ends.push(index.get(source)!, index.get(target)!);
  });
  // every arc once in each end's list, in arc order; then repeats folded into the first entry
  const count = new Int32Array(n + 1);
  for (const v of ends) count[v + 1]!++;
  for (let v = 0; v < n; v++) count[v + 1]! += count[v]!;
  const fill = count.slice(0, n);
  const raw = new Int32Array(ends.length);
  for (let a = 0; a < ends.length; a += 2) {
    const [s, t] = [ends[a]!, ends[a + 1]!];
    raw[fill[s]!++] = t;
    raw[fill[t]!++] = s;
  }
  const start = new Int32Array(n + 1);
  const node = new Int32Array(ends.length);
  const ties = new Uint8Array(ends.length);
  const at = new Int32Array(n).fill(-1);
  let k = 0;
  for (let v = 0; v < n; v++) {
    start[v] = k;
    for (let r = count[v]!; r < count[v + 1]!; r++) {
      const w = raw[r]!;
      if (at[w]! >= start[v]!) ties[at[w]!]!++;
      else {
        at[w] = k;
        node[k] = w;
        ties[k++] = 1;
      }
    }
  }
  start[n] = k;
  return { start, node: node.slice(0, k), ties: ties.slice(0, k) };
}

export function structuralHoles(graph: AbstractGraph): StructuralHoles {
  const keys = graph.nodes();
  const index = new Map(keys.map((key, i) => [key, i]));
  const { start, node, ties } = neighbours(graph, index);
  const n = keys.length;
  const total = new Float64Array(n);
  for (let v = 0; v < n; v++) for (let k = start[v]!; k < start[v + 1]!; k++) total[v]! += ties[k]!;
  // per neighbour j of the current actor: its position in the actor's list, and the indirect sum
  const position = new Int32Array(n).fill(-1);
  const indirect = new Float64Array(n);
  const constraint: Record<string, number | null> = {};
  const effectiveSize: Record<string, number | null> = {};
  const efficiency: Record<string, number | null> = {};
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    const [from, to] = [start[i]!, start[i + 1]!];
    const degree = to - from;
    if (degree === 0) {
      constraint[key] = effectiveSize[key] = efficiency[key] = null;
      continue;
    }
    for (let k = from; k < to; k++) position[node[k]!] = k;
    let shared = 0; // 2 t_i: each tie among the neighbours is counted from both ends
    for (let k = from; k < to; k++) {
      const q = node[k]!;
      const piq = ties[k]! / total[i]!;
      for (let l = start[q]!; l < start[q + 1]!; l++) {
        const j = node[l]!;
        if (position[j]! < 0) continue; // not a neighbour of i (or i itself)
        indirect[j]! += piq * (ties[l]! / total[q]!);
        shared++;
      }
    }
    let c = 0;
    for (let k = from; k < to; k++) {
      const j = node[k]!;
      c += (ties[k]! / total[i]! + indirect[j]!) ** 2;
      indirect[j] = 0;
      position[j] = -1;
    }
    constraint[key] = c;
    const size = degree - shared / degree;
    effectiveSize[key] = size;
    efficiency[key] = size / degree;
  }
  return { constraint, effectiveSize, efficiency };
}
