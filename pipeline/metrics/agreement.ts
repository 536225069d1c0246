/**
 * Agreement between the two sides of a pair. When both actors answered about each other, their
 * cooperation levels (or trust ratings) should roughly agree; a difference of two steps or more is
 * flagged (Frey et al. 2006 flag discordant pairs in the Levels of Collaboration Scale). Pairs
 * where one side did not rate the item are not compared.
 */
import type { AbstractGraph } from 'graphology-types';
import type { ActorAttributes, TieAttributes } from '../model/responses.ts';

export const DISCORDANT_STEPS = 2;

export interface DiscordantPair {
  a: string;
  b: string;
  item: 'cooperation' | 'trust';
  /** What a said about b. */
  ab: number;
  /** What b said about a. */
  ba: number;
}

export function discordantPairs(graph: AbstractGraph<ActorAttributes, TieAttributes>): DiscordantPair[] {
  const out: DiscordantPair[] = [];
  graph.forEachDirectedEdge((_e, ab, a, b) => {
    if (a >= b || !graph.hasDirectedEdge(b, a)) return;
    const ba = graph.getDirectedEdgeAttributes(b, a);
    for (const item of ['cooperation', 'trust'] as const) {
      const x = ab[item];
      const y = ba[item];
      if (x !== null && y !== null && Math.abs(x - y) >= DISCORDANT_STEPS) out.push({ a, b, item, ab: x, ba: y });
    }
  });
  return out.sort((p, q) => p.a.localeCompare(q.a) || p.b.localeCompare(q.b) || p.item.localeCompare(q.item));
}
