/**
 * Strength (weighted degree; Barrat et al. 2004, Opsahl et al. 2010): the sum of a tie rating over
 * an actor's ties, separately for incoming and outgoing ties, by trust (1–5) and by cooperation
 * level (0–5). An unanswered rating adds nothing.
 */
import type { AbstractGraph } from 'graphology-types';
import type { ActorAttributes, TieAttributes } from '../model/responses.ts';

/** Sums of tie ratings over an actor's ties (weighted degree). */
export interface Strength {
  /** Sum of the trust ratings (1–5) others gave this actor; null when suppressed in a shared edition. */
  trustIn: number | null;
  /** Sum of the trust ratings this actor gave; null in a shared edition (one respondent's answers). */
  trustOut: number | null;
  /** Sum of the cooperation levels (0–5) on ties naming this actor. */
  cooperationIn: number;
  /** Sum of the cooperation levels on the ties this actor reported. */
  cooperationOut: number;
}

export function strength(graph: AbstractGraph<ActorAttributes, TieAttributes>, node: string): Strength {
  const s = { trustIn: 0, trustOut: 0, cooperationIn: 0, cooperationOut: 0 };
  graph.forEachInEdge(node, (_e, t) => {
    s.trustIn += t.trust ?? 0;
    s.cooperationIn += t.cooperation ?? 0;
  });
  graph.forEachOutEdge(node, (_e, t) => {
    s.trustOut += t.trust ?? 0;
    s.cooperationOut += t.cooperation ?? 0;
  });
  return s;
}
