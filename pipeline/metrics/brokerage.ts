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
  const result: Record<string, Brokerage> = {};
  graph.forEachNode((b) => {
    const counts: Brokerage = { coordinator: 0, itinerant: 0, gatekeeper: 0, representative: 0, liaison: 0, total: 0 };
    const gb = group(b);
    graph.forEachInNeighbor(b, (a) => {
      if (a === b) return;
      const ga = group(a);
      graph.forEachOutNeighbor(b, (c) => {
        if (c === a || c === b || graph.hasDirectedEdge(a, c)) return;
        const gc = group(c);
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
      });
    });
    result[b] = counts;
  });
  return result;
}
