/**
 * Recommendations (*rekomendasi*): rules over the latest round, the plan and the change between
 * rounds, each with the reason ("because …") and the numbers it rests on, so every one can be
 * traced to figures in the report. The words come from the locale files
 * (`recommendations.<rule>.text` / `.because`); metrics.json keeps the rule and its parameters.
 *
 * Rules, in report order:
 * - `target-not-reached`: a planned target whose status in its `by` round is below its goal;
 * - `contact-mapped`: outside actors of a resource system mapped but not yet contacted by any
 *   member (one per resource system);
 * - `fragile-category`: a resource system with two or more mapped actors but at most one
 *   cooperating (one loss and the access is gone);
 * - `single-broker`: every member tie into a resource system comes from one member;
 * - `trust-gap`: a member and an outside actor who rated each other two steps apart or more;
 * - `keep-weak-bridge`: a weak member tie to an outside actor that links to outside actors no
 *   member knows directly (Granovetter's bridge to new resources);
 * - `figure-down`: a primary figure whose verdict, since the previous round, is `down`: the rule
 *   reads the comparison object's verdict (evidence/verdict.ts) and decides nothing itself, so a
 *   fall that the paired test on the panel did not confirm never becomes a recommendation.
 */
import type { AbstractGraph } from 'graphology-types';
import { RESOURCE_SYSTEMS, type ResourceSystem } from './domain.ts';
import type { GroupTie } from './metrics/group-view.ts';
import { atLeast, type Status } from './metrics/status.ts';
import type { ActorAttributes, TieAttributes } from './model/responses.ts';

export const RULES = [
  'target-not-reached',
  'contact-mapped',
  'fragile-category',
  'single-broker',
  'trust-gap',
  'keep-weak-bridge',
  'figure-down',
] as const;
export type Rule = (typeof RULES)[number];

export interface Recommendation {
  rule: Rule;
  /** Values placed in the sentence: names, counts, figures. */
  params: Record<string, string | number>;
}

export interface RecommendationInput {
  graph: AbstractGraph<ActorAttributes, TieAttributes>;
  groupView: GroupTie[];
  plan: { actor: string; goal: Status; status: Status; reached: boolean }[];
  /** The primary figures of the last consecutive comparison, in catalogue order, with their verdicts. */
  lastChange: { figure: string; before: number | null; after: number | null; adjustedP: number | null; verdict: string | null }[];
}

const names = (xs: string[]) => xs.join(', ');

export function recommendations(input: RecommendationInput): Recommendation[] {
  const { graph, groupView } = input;
  const out: Recommendation[] = [];
  const member = (id: string) => graph.getNodeAttribute(id, 'member');
  const name = (id: string) => graph.getNodeAttribute(id, 'name');

  for (const t of input.plan)
    if (!t.reached) out.push({ rule: 'target-not-reached', params: { actor: t.actor, goal: t.goal, status: t.status } });

  for (const system of RESOURCE_SYSTEMS) {
    const inSystem = groupView.filter((a) => a.category === system);
    const notContacted = inSystem.filter((a) => !atLeast(a.status, 'contacted'));
    if (notContacted.length > 0)
      out.push({
        rule: 'contact-mapped',
        params: { category: system, names: names(notContacted.map((a) => a.name)), count: notContacted.length, mapped: inSystem.length },
      });
  }

  for (const system of RESOURCE_SYSTEMS) {
    const inSystem = groupView.filter((a) => a.category === system);
    const cooperating = inSystem.filter((a) => atLeast(a.status, 'cooperating'));
    if (inSystem.length >= 2 && cooperating.length <= 1) {
      out.push({
        rule: 'fragile-category',
        params: {
          category: system,
          cooperating: cooperating.length,
          names: names(cooperating.map((a) => a.name)) || '–',
          mapped: inSystem.length,
        },
      });
    }
  }

  for (const system of RESOURCE_SYSTEMS) {
    const sources = new Map<string, number>();
    graph.forEachDirectedEdge((_e, tie, s, t) => {
      if (tie.origin === 'survey' && member(s) && graph.getNodeAttribute(t, 'category') === system)
        sources.set(s, (sources.get(s) ?? 0) + 1);
    });
    if (sources.size === 1) {
      const [broker, ties] = [...sources][0]!;
      out.push({ rule: 'single-broker', params: { category: system, member: name(broker), ties } });
    }
  }

  const gaps: Recommendation[] = [];
  graph.forEachDirectedEdge((_e, tie, s, t) => {
    if (!member(s) || member(t) || tie.trust === null || !graph.hasDirectedEdge(t, s)) return;
    const back = graph.getDirectedEdgeAttributes(t, s).trust;
    if (back !== null && Math.abs(tie.trust - back) >= 2)
      gaps.push({ rule: 'trust-gap', params: { member: name(s), actor: name(t), given: tie.trust, received: back } });
  });
  out.push(
    ...gaps.sort(
      (a, b) =>
        String(a.params.actor).localeCompare(String(b.params.actor)) || String(a.params.member).localeCompare(String(b.params.member)),
    ),
  );

  const knownByMembers = new Set<string>();
  graph.forEachDirectedEdge((_e, tie, s, t) => {
    if (tie.origin === 'survey' && member(s)) knownByMembers.add(t);
  });
  for (const actor of [...knownByMembers].sort()) {
    if (member(actor)) continue;
    const memberTies: TieAttributes[] = [];
    graph.forEachInEdge(actor, (_e, tie, s) => {
      if (member(s) && tie.origin === 'survey') memberTies.push(tie);
    });
    if (memberTies.length === 0 || memberTies.some((t) => t.strong)) continue;
    const beyond = graph
      .neighbors(actor)
      .filter((n) => !member(n) && !knownByMembers.has(n))
      .sort();
    if (beyond.length > 0)
      out.push({ rule: 'keep-weak-bridge', params: { actor: name(actor), names: names(beyond.map(name)), count: beyond.length } });
  }

  for (const c of input.lastChange)
    if (c.verdict === 'down' && c.before !== null && c.after !== null && c.adjustedP !== null)
      out.push({ rule: 'figure-down', params: { figure: c.figure, from: c.before, to: c.after, p: c.adjustedP } });
  return out;
}

export type { ResourceSystem };
