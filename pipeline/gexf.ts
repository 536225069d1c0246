/**
 * A round's network as GEXF, for Gephi: every actor with its attributes and its position in the
 * union layout (the same place in every round), every tie with its attributes. GEXF has no list
 * type: resources are written `;`-joined.
 */
import { DirectedGraph } from 'graphology';
import gexf from 'graphology-gexf';
import type { Position, SerializedRoundNetwork } from './model/responses.ts';

export function roundGexf(round: SerializedRoundNetwork, layout: Record<string, Position>): string {
  const graph = new DirectedGraph();
  graph.import(structuredClone(round.graph)); // import keeps the attribute objects: copy, never mutate the stage's output
  graph.forEachNode((node) => {
    const p = layout[node];
    graph.mergeNodeAttributes(node, { label: graph.getNodeAttribute(node, 'name'), x: p?.x ?? 0, y: p?.y ?? 0 });
  });
  graph.forEachEdge((edge, attrs) => graph.setEdgeAttribute(edge, 'resources', (attrs.resources as string[]).join(';')));
  return gexf.write(graph, {
    formatNode: (_key, { label, x, y, ...attributes }) => ({
      label: label as string,
      attributes,
      viz: { x: (x as number) * 1000, y: (1 - (y as number)) * 1000 },
    }),
  });
}
