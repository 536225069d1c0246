/**
 * Components and isolates. Weak components ignore direction (a tie either way joins two actors);
 * an isolate is a roster actor with no tie in the round, in or out. Counts include isolates as
 * their own components (igraph `components(mode = "weak")`).
 */
import { countConnectedComponents } from 'graphology-components';
import type { AbstractGraph } from 'graphology-types';

export function weakComponents(graph: AbstractGraph): number {
  return countConnectedComponents(graph);
}

export function isolates(graph: AbstractGraph): string[] {
  return graph.filterNodes((node) => graph.degree(node) === 0).sort();
}
