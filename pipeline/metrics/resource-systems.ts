/**
 * Reach into each resource system (pemasaran, pelatihan, permodalan, legalitas), the four steps
 * of the development model made countable. For the outside actors of one category, counted by
 * their status for the group (metrics/status.ts, the one definition):
 * - mapped: on the roster (step 1, pemetaan);
 * - known: named by at least one member in the round (status known or above);
 * - contacted: status contacted or above (a member reports cooperation ≥ 1, or an MoU);
 * - cooperating: status cooperating or above (cooperation ≥ the case's level, or an MoU);
 * - formal: a member reports a written agreement (MoU).
 * Each step counts actors, not ties; an actor counts once, at its best tie from any member.
 */

import { RESOURCE_SYSTEMS, type ResourceSystem } from '../domain.ts';
import type { GroupTie } from './group-view.ts';
import { atLeast } from './status.ts';

/** Outside actors of one resource system at each step of the development model. */
export interface Reach {
  /** On the roster (step 1, pemetaan). */
  mapped: number;
  /** Named by at least one member. */
  known: number;
  /** Status contacted or above: a member reports cooperation ≥ 1 (komunikasi), or an MoU. */
  contacted: number;
  /** Status cooperating or above: a member reports cooperation ≥ the case's level, or an MoU. */
  cooperating: number;
  /** A member reports a written agreement (MoU). */
  formal: number;
}

export function resourceSystems(groupView: GroupTie[]): Record<ResourceSystem, Reach> {
  const result = {} as Record<ResourceSystem, Reach>;
  for (const system of RESOURCE_SYSTEMS) {
    const inSystem = groupView.filter((a) => a.category === system);
    const count = (step: GroupTie['status']) => inSystem.filter((a) => atLeast(a.status, step)).length;
    result[system] = {
      mapped: inSystem.length,
      known: count('known'),
      contacted: count('contacted'),
      cooperating: count('cooperating'),
      formal: count('formal'),
    };
  }
  return result;
}
