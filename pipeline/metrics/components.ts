/**
 * Components and isolates.
 * - **weak components**: parts linked when direction is ignored (igraph `components(mode =
 *   "weak")`); an isolate is its own component;
 * - **strong components**: parts in which every actor reaches every other along the direction of
 *   the ties (igraph `components(mode = "strong")`); in a survey, every actor who names nobody
 *   back is its own strong component;
 * - **isolate**: a roster actor with no tie in the round, in or out.
 */
import { countConnectedComponents, stronglyConnectedComponents } from 'graphology-components';
import type { AbstractGraph } from 'graphology-types';

export function weakComponents(graph: AbstractGraph): number {
  return countConnectedComponents(graph);
}

export function strongComponents(graph: AbstractGraph): number {
  return stronglyConnectedComponents(graph).length;
}

export function isolates(graph: AbstractGraph): string[] {
  return graph.filterNodes((node) => graph.degree(node) === 0).sort();
}
