/**
 * Gould–Fernandez brokerage roles (Gould & Fernandez 1989; UCINET "Brokerage"; R sna
 * `brokerage`), directed, unweighted, no partial credit. Actor b brokers the ordered pair (a, c)
 * when a → b → c, a ≠ c and there is no tie a → c. With each actor in a group G (here: the group
 * members, and each resource category of outside actors), the role is:
 * - **coordinator**: G(a) = G(b) = G(c) (brokers inside its own group);
 * - **itinerant** (consultant): G(a) = G(c) ≠ G(b) (an outsider linking two of a group);
 * - **gatekeeper**: G(a) ≠ G(b) = G(c) (lets an outsider into its group);
 * - **representative**: G(a) = G(b) ≠ G(c) (carries its group's tie outward);
 * - **liaison**: all three groups differ.
 * Counts per actor; in a survey only respondents have out-ties, so only they can broker.
 */
import type { AbstractGraph } from 'graphology-types';

export const ROLES = ['coordinator', 'itinerant', 'gatekeeper', 'representative', 'liaison'] as const;
export type Role = (typeof ROLES)[number];
/** Gould–Fernandez role counts of one actor: ordered pairs (a, c) it brokers, by role. */
export interface Brokerage {
  /** a, b, c all in one group. */
  coordinator: number;
  /** a and c in one group, the broker outside it (consultant). */
  itinerant: number;
  /** a outside, the broker and c in one group. */
  gatekeeper: number;
  /** a and the broker in one group, c outside. */
  representative: number;
  /** a, b and c in three different groups. */
  liaison: number;
  /** All brokered pairs. */
  total: number;
}

export function brokerage(graph: AbstractGraph, group: (node: string) => string): Record<string, Brokerage> {
  // numbered actors, groups as small integers, out- and in-neighbours as lists, ties as a set of a·n + c
  const nodes = graph.nodes();
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node, i]));
  const groupIds = new Map<string, number>();
  const groups = nodes.map((node) => {
    const g = group(node);
    if (!groupIds.has(g)) groupIds.set(g, groupIds.size);
    return groupIds.get(g)!;
  });
  const outs: number[][] = nodes.map(() => []);
  const ins: number[][] = nodes.map(() => []);
  const tie = new Set<number>();
  graph.forEachDirectedEdge((_e, _attrs, source, target) => {
    const [a, c] = [index.get(source)!, index.get(target)!];
    if (tie.has(a * n + c)) return;
    tie.add(a * n + c);
    outs[a]!.push(c);
    ins[c]!.push(a);
  });
  const result: Record<string, Brokerage> = {};
  for (let b = 0; b < n; b++) {
    const counts: Brokerage = { coordinator: 0, itinerant: 0, gatekeeper: 0, representative: 0, liaison: 0, total: 0 };
    const gb = groups[b]!;
    for (const a of ins[b]!) {
      if (a === b) continue;
      const ga = groups[a]!;
      for (const c of outs[b]!) {
        if (c === a || c === b || tie.has(a * n + c)) continue;
        const gc = groups[c]!;
        const role: Role =
          ga === gb && gb === gc
            ? 'coordinator'
            : ga === gc
              ? 'itinerant'
              : gb === gc
                ? 'gatekeeper'
                : ga === gb
                  ? 'representative'
                  : 'liaison';
        counts[role]++;
        counts.total++;
      }
    }
    result[nodes[b]!] = counts;
  }
  return result;
}
