/**
 * Views of a round's survey graph used by several measures.
 *
 * - **undirected view**: a tie in either direction joins two actors (mutual ties count once);
 * - **neighbour sets**: everyone an actor names or is named by (the "all neighbours" of igraph).
 * The survey graph itself is never changed.
 */
import { UndirectedGraph } from 'graphology';
import type { AbstractGraph } from 'graphology-types';

export function undirectedView(graph: AbstractGraph): UndirectedGraph {
  const view = new UndirectedGraph();
  const index = new Map<string, number>();
  graph.forEachNode((node) => {
    index.set(node, index.size);
    view.addNode(node);
  });
  // each pair once, as its first tie in edge order gave it (so neighbours come in the same order)
  const n = index.size;
  const joined = new Set<number>();
  graph.forEachDirectedEdge((_e, _a, source, target) => {
    if (source === target) return;
    const [a, b] = [index.get(source)!, index.get(target)!];
    const key = a < b ? a * n + b : b * n + a;
    if (joined.has(key)) return;
    joined.add(key);
    view.addEdge(source, target);
  });
  return view;
}

/** Sorted neighbour lists of the undirected view, by node. */
export function neighbourSets(graph: AbstractGraph): Map<string, Set<string>> {
  const sets = new Map<string, Set<string>>();
  graph.forEachNode((node) => sets.set(node, new Set()));
  graph.forEachDirectedEdge((_e, _a, source, target) => {
    if (source === target) return;
    sets.get(source)!.add(target);
    sets.get(target)!.add(source);
  });
  return sets;
}
