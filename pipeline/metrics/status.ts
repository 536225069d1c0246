/**
 * The status of an outside actor for the group in one round: where it stands on the steps of the
 * development model (DOMAIN.md), decided here once and read by the resource-system reach, the
 * plan's progress, the recommendations, the Venn map, the report and the combined view.
 *
 *   not-known   no member names it (mapped only)
 *   known       some member names it, no cooperation reported (level 0 or no answer)
 *   contacted   some member reports cooperation ≥ 1 (komunikasi)
 *   cooperating some member reports cooperation ≥ `cooperatingLevel` (case.yaml, default 2 kooperasi)
 *   formal      some member reports a written agreement (MoU)
 *
 * The steps are ordered: an actor at a step counts at every step below it, so "cooperating"
 * counts cooperating and formal actors (a formal agreement is cooperation whatever level the
 * members gave it).
 */
export const STATUSES = ['not-known', 'known', 'contacted', 'cooperating', 'formal'] as const;
export type Status = (typeof STATUSES)[number];

/** What the status is read from: the group's summary tie to the actor (metrics/group-view.ts). */
export interface StatusInput {
  membersNaming: number;
  bestCooperation: number | null;
  formal: boolean;
}

export function statusOf(tie: StatusInput | undefined, cooperatingLevel: number): Status {
  if (!tie || tie.membersNaming === 0) return 'not-known';
  if (tie.formal) return 'formal';
  const level = tie.bestCooperation ?? 0;
  if (level >= cooperatingLevel) return 'cooperating';
  if (level >= 1) return 'contacted';
  return 'known';
}

/** Whether `status` is at least `step` on the ladder above. */
export const atLeast = (status: Status, step: Status) => STATUSES.indexOf(status) >= STATUSES.indexOf(step);
