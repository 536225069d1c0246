/**
 * Krackhardt & Stern's E-I index (1988; UCINET "E-I Index"; egor `EI`): (E − I) / (E + I), where
 * E counts ties between actors of different groups and I ties within a group. −1 = all ties inside
 * groups (closed), +1 = all ties outward (open). Binary ties, each reported (directed) tie counted
 * once; no rescaling for group sizes. Null when there is no tie.
 * - network level: over all ties;
 * - per group: over the ties that touch the group's actors;
 * - per actor: over the actor's own ties, in and out.
 */
import type { AbstractGraph } from 'graphology-types';

const ratio = (external: number, internal: number) => (external + internal > 0 ? (external - internal) / (external + internal) : null);

export interface EiIndex {
  network: number | null;
  groups: Record<string, number | null>;
  actors: Record<string, number | null>;
}

export function eiIndex(graph: AbstractGraph, group: (node: string) => string): EiIndex {
  const byGroup = new Map<string, [number, number]>();
  const byActor = new Map<string, [number, number]>();
  graph.forEachNode((n) => {
    byActor.set(n, [0, 0]);
    if (!byGroup.has(group(n))) byGroup.set(group(n), [0, 0]);
  });
  let external = 0;
  let internal = 0;
  graph.forEachDirectedEdge((_e, _a, s, t) => {
    const gs = group(s);
    const gt = group(t);
    const ext = gs !== gt ? 0 : 1;
    if (ext === 0) external++;
    else internal++;
    byActor.get(s)![ext]++;
    byActor.get(t)![ext]++;
    byGroup.get(gs)![ext]++;
    if (gs !== gt) byGroup.get(gt)![ext]++;
  });
  const groups: Record<string, number | null> = {};
  for (const [g, [e, i]] of [...byGroup].sort((x, y) => x[0].localeCompare(y[0]))) groups[g] = ratio(e, i);
  const actors: Record<string, number | null> = {};
  for (const [n, [e, i]] of byActor) actors[n] = ratio(e, i);
  return { network: ratio(external, internal), groups, actors };
}
