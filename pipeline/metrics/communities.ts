/**
 * Communities (a secondary view): Louvain modularity optimisation (Blondel et al. 2008,
 * graphology-communities-louvain) on the undirected view, unweighted, resolution 1, with a seeded
 * random number generator so the same input gives the same partition. Isolates form their own
 * communities. Community numbers are renumbered by first actor id so they are stable.
 */
import louvainModule from 'graphology-communities-louvain';
import type { AbstractGraph } from 'graphology-types';
import seedrandom from 'seedrandom';
import { interop } from '../_interop.ts';
import { UndirectedView } from './views.ts';

const louvain = interop(louvainModule);
export const LOUVAIN_SEED = 'jejaring';

export interface Communities {
  count: number;
  modularity: number | null;
  membership: Record<string, number>;
}

export function communities(graph: AbstractGraph): Communities {
  const view = new UndirectedView(graph);
  if (view.size === 0) {
    const membership: Record<string, number> = {};
    view
      .nodes()
      .sort()
      .forEach((n, i) => {
        membership[n] = i;
      });
    return { count: view.order, modularity: null, membership };
  }
  // the view answers every call Louvain makes as a graphology graph would (views.ts)
  const detailed = louvain.detailed(view as unknown as AbstractGraph, {
    getEdgeWeight: null,
    rng: seedrandom(LOUVAIN_SEED),
    resolution: 1,
  });
  const renumber = new Map<number, number>();
  const membership: Record<string, number> = {};
  for (const node of view.nodes().sort()) {
    const c = detailed.communities[node]!;
    if (!renumber.has(c)) renumber.set(c, renumber.size);
    membership[node] = renumber.get(c)!;
  }
  return { count: renumber.size, modularity: detailed.modularity, membership };
}
