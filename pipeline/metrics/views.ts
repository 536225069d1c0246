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
  graph.forEachNode((node) => view.addNode(node));
  graph.forEachDirectedEdge((_e, _a, source, target) => {
    if (source !== target) view.mergeEdge(source, target);
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
