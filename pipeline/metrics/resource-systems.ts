/**
 * Reach into each resource system (pemasaran, pelatihan, permodalan, legalitas), the four steps
 * of the development model made countable. For the outside actors of one category:
 * - mapped: on the roster (step 1, pemetaan);
 * - known: named by at least one member in the round (any tie);
 * - contacted: a member reports cooperation ≥ 1 (komunikasi);
 * - cooperating: cooperation ≥ the configured level (default 2, kooperasi);
 * - formal: a member reports a written agreement (MoU).
 * Each step counts actors, not ties; an actor counts once, at its best tie from any member.
 */
import type { AbstractGraph } from 'graphology-types';
import { RESOURCE_SYSTEMS, type ActorAttributes, type ResourceSystem, type TieAttributes } from '../types.ts';

/** Outside actors of one resource system at each step of the development model. */
export interface Reach {
  /** On the roster (step 1, pemetaan). */
  mapped: number;
  /** Named by at least one member. */
  known: number;
  /** A member reports cooperation ≥ 1 (komunikasi). */
  contacted: number;
  /** A member reports cooperation ≥ the configured level (default 2, kooperasi). */
  cooperating: number;
  /** A member reports a written agreement (MoU). */
  formal: number;
}

export function resourceSystems(
  graph: AbstractGraph<ActorAttributes, TieAttributes>,
  cooperatingLevel: number,
): Record<ResourceSystem, Reach> {
  const result = {} as Record<ResourceSystem, Reach>;
  for (const system of RESOURCE_SYSTEMS) {
    const reach: Reach = { mapped: 0, known: 0, contacted: 0, cooperating: 0, formal: 0 };
    graph.forEachNode((node, attrs) => {
      if (attrs.category !== system) return;
      reach.mapped++;
      let known = false;
      let best = -1;
      let formal = false;
      graph.forEachInEdge(node, (_e, tie, source) => {
        if (!graph.getNodeAttribute(source, 'member')) return;
        known = true;
        best = Math.max(best, tie.cooperation ?? 0);
        formal ||= tie.formal === true;
      });
      if (known) reach.known++;
      if (best >= 1) reach.contacted++;
      if (best >= cooperatingLevel) reach.cooperating++;
      if (formal) reach.formal++;
    });
    result[system] = reach;
  }
  return result;
}
