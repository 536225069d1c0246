/**
 * The group view: the members collapse into one node, "the group" (the KUBE as ego), and each
 * outside actor keeps one tie to it summarising what the members reported:
 * - **members naming** the actor (n), **mean trust** over their ratings, **best cooperation
 *   level** any member reports (the group's closest working tie), **formal** if any member reports
 *   an MoU, and the **mean cooperation** over the members naming it;
 * - **trust back**: the mean trust the actor gives members, when the actor answered;
 * - **status**: the step the actor has reached for the group (metrics/status.ts).
 * Outside actors no member names are listed with n = 0 (mapped, not known).
 */
import type { AbstractGraph } from 'graphology-types';
import type { Category } from '../domain.ts';
import type { ActorAttributes, TieAttributes } from '../model/responses.ts';
import { type Status, statusOf } from './status.ts';
import { mean } from './trust.ts';

/** The summary tie between the group and one outside actor. */
export interface GroupTie {
  id: string;
  name: string;
  category: Category;
  type: string;
  /** Members who name the actor (0: mapped but not known). */
  membersNaming: number;
  /** Mean trust (1–5) of those members in the actor; null when none rated it. */
  meanTrust: number | null;
  /** Mean cooperation level (0–5) those members report; null when none gave a level. */
  meanCooperation: number | null;
  /** Highest cooperation level any member reports: the group's closest working tie; null when none. */
  bestCooperation: number | null;
  /** Some member reports a written agreement (MoU). */
  formal: boolean;
  /** Member ties to the actor that are strong by the strong-tie rule. */
  strongTies: number;
  /** Mean trust the actor gives members, when it answered; else null. */
  trustBack: number | null;
  /** Where the actor stands for the group (metrics/status.ts), with the case's cooperating level. */
  status: Status;
}

export function groupView(graph: AbstractGraph<ActorAttributes, TieAttributes>, cooperatingLevel: number): GroupTie[] {
  const out: GroupTie[] = [];
  graph.forEachNode((node, attrs) => {
    if (attrs.member) return;
    const trust: number[] = [];
    const coop: number[] = [];
    let naming = 0;
    let formal = false;
    let strong = 0;
    graph.forEachInEdge(node, (_e, tie, source) => {
      if (!graph.getNodeAttribute(source, 'member')) return;
      naming++;
      if (tie.trust !== null) trust.push(tie.trust);
      if (tie.cooperation !== null) coop.push(tie.cooperation);
      formal ||= tie.formal === true;
      if (tie.strong) strong++;
    });
    const back: number[] = [];
    graph.forEachOutEdge(node, (_e, tie, _s, target) => {
      if (graph.getNodeAttribute(target, 'member') && tie.trust !== null) back.push(tie.trust);
    });
    const bestCooperation = coop.length > 0 ? Math.max(...coop) : null;
    out.push({
      id: node,
      name: attrs.name,
      category: attrs.category,
      type: attrs.type,
      membersNaming: naming,
      meanTrust: mean(trust),
      meanCooperation: mean(coop),
      bestCooperation,
      formal,
      strongTies: strong,
      trustBack: mean(back),
      status: statusOf({ membersNaming: naming, bestCooperation, formal }, cooperatingLevel),
    });
  });
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
