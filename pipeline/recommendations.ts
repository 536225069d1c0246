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
 *   fall that the paired test on the panel did not confirm never becomes a recommendation;
 * - `one-broker`: the risks of the summary, one each: in the last round one member reports at least
 *   `THRESHOLDS.brokerShare` of the members' survey ties to outside actors (of at least
 *   `THRESHOLDS.brokerTies`), so contact with the outside rests on that member; the same member's
 *   ties in the previous round are given beside it, described, not tested. Counted over members
 *   only: a centralisation over every actor (outside actors who never answer have no ties out)
 *   rises whenever members name more outside actors, however evenly;
 * - `member-dropped`: a member named by at least `THRESHOLDS.droppedNamedBefore` other members in
 *   the previous round and by none in the last one;
 * - `partner-trust`: a key partner (a target of the plan, or an outside actor cooperating with the
 *   group) whose members' mean trust in the last round is `THRESHOLDS.trustDrop` points or more
 *   below the previous round, both means over at least `minRaters` raters (so that no single
 *   rating is quoted), stated as two numbers: no test stands behind it, so no direction word does.
 *
 * Each recommendation has an owner (who acts: the KUBE, the pendamping, the kelurahan or a dinas,
 * `ownerOf`) and is meant for the next survey round. Every threshold is in `THRESHOLDS`; the
 * report's method note quotes them from there.
 */
import type { AbstractGraph } from 'graphology-types';
import { RESOURCE_SYSTEMS, type ResourceSystem } from './domain.ts';
import type { GroupTie } from './metrics/group-view.ts';
import { atLeast, type Status } from './metrics/status.ts';
import type { ActorAttributes, TieAttributes } from './model/responses.ts';

/** Every threshold of the rules, decided here once and quoted by the report's method note. */
export const THRESHOLDS = {
  /** trust-gap: a member and an outside actor whose ratings of each other are this many steps apart. */
  trustGap: 2,
  /** fragile-category: resource systems with at least this many mapped actors (and at most one cooperating). */
  fragileMapped: 2,
  /** one-broker: one member reports at least this share of the members' ties to outside actors in the last round … */
  brokerShare: 0.5,
  /** … of at least this many ties. */
  brokerTies: 4,
  /** member-dropped: named by at least this many members in the previous round. */
  droppedNamedBefore: 3,
  /** partner-trust: members' mean trust in a key partner this many points lower than the round before. */
  trustDrop: 1,
} as const;

export const RULES = [
  'target-not-reached',
  'contact-mapped',
  'fragile-category',
  'single-broker',
  'trust-gap',
  'keep-weak-bridge',
  'figure-down',
  'one-broker',
  'member-dropped',
  'partner-trust',
] as const;
export type Rule = (typeof RULES)[number];

/** Who acts on a recommendation. */
export const OWNERS = ['kube', 'pendamping', 'kelurahan', 'dinas'] as const;
export type Owner = (typeof OWNERS)[number];

export interface Recommendation {
  rule: Rule;
  /** Who acts on it, before the next survey round. */
  owner: Owner;
  /** Values placed in the sentence: names, counts, figures. */
  params: Record<string, string | number>;
}

/** The rules that name a risk, shown in the summary's list of risks. */
export const RISK_RULES: readonly Rule[] = ['one-broker', 'member-dropped', 'partner-trust', 'figure-down'];

/**
 * Who acts on a rule: the group's own contacts are the KUBE's to make or keep; following up a
 * target, a person or a rating is the pendamping's. What the kelurahan or a dinas can add is
 * said to them in their own edition (the `ask` texts of the locale files), beside the owner's step.
 */
export function ownerOf(rule: Rule): Owner {
  return rule === 'contact-mapped' || rule === 'single-broker' || rule === 'keep-weak-bridge' || rule === 'one-broker'
    ? 'kube'
    : 'pendamping';
}

export interface RecommendationInput {
  graph: AbstractGraph<ActorAttributes, TieAttributes>;
  groupView: GroupTie[];
  plan: { actor: string; goal: Status; status: Status; reached: boolean }[];
  /** The primary figures of the last consecutive comparison, in catalogue order, with their verdicts. */
  lastChange: { figure: string; before: number | null; after: number | null; adjustedP: number | null; verdict: string | null }[];
  /** The round before the last one, with the comparison between the two; null for a single round. */
  previous?: {
    graph: AbstractGraph<ActorAttributes, TieAttributes>;
    /** Members' mean trust in each outside actor, before and after (the comparison object's `actors`). */
    actors: { id: string; name: string; trustFrom: number | null; trustTo: number | null }[];
  } | null;
  /** Targets of the plan (actor ids): key partners for `partner-trust`. */
  targetIds?: string[];
  /** Fewest raters behind a mean that may be quoted (privacy.minRaters). */
  minRaters?: number;
}

const names = (xs: string[]) => xs.join(', ');

export function recommendations(input: RecommendationInput): Recommendation[] {
  const { graph, groupView } = input;
  const out: Recommendation[] = [];
  const member = (id: string) => graph.getNodeAttribute(id, 'member');
  const name = (id: string) => graph.getNodeAttribute(id, 'name');

  for (const t of input.plan)
    if (!t.reached)
      out.push({
        rule: 'target-not-reached',
        owner: ownerOf('target-not-reached'),
        params: { actor: t.actor, goal: t.goal, status: t.status },
      });

  for (const system of RESOURCE_SYSTEMS) {
    const inSystem = groupView.filter((a) => a.category === system);
    const notContacted = inSystem.filter((a) => !atLeast(a.status, 'contacted'));
    if (notContacted.length > 0)
      out.push({
        rule: 'contact-mapped',
        owner: ownerOf('contact-mapped'),
        params: { category: system, names: names(notContacted.map((a) => a.name)), count: notContacted.length, mapped: inSystem.length },
      });
  }

  for (const system of RESOURCE_SYSTEMS) {
    const inSystem = groupView.filter((a) => a.category === system);
    const cooperating = inSystem.filter((a) => atLeast(a.status, 'cooperating'));
    if (inSystem.length >= THRESHOLDS.fragileMapped && cooperating.length <= 1) {
      out.push({
        rule: 'fragile-category',
        owner: ownerOf('fragile-category'),
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
      out.push({ rule: 'single-broker', owner: ownerOf('single-broker'), params: { category: system, member: name(broker), ties } });
    }
  }

  const gaps: Recommendation[] = [];
  graph.forEachDirectedEdge((_e, tie, s, t) => {
    if (!member(s) || member(t) || tie.trust === null || !graph.hasDirectedEdge(t, s)) return;
    const back = graph.getDirectedEdgeAttributes(t, s).trust;
    if (back !== null && Math.abs(tie.trust - back) >= THRESHOLDS.trustGap)
      gaps.push({
        rule: 'trust-gap',
        owner: ownerOf('trust-gap'),
        params: { member: name(s), actor: name(t), given: tie.trust, received: back },
      });
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
      out.push({
        rule: 'keep-weak-bridge',
        owner: ownerOf('keep-weak-bridge'),
        params: { actor: name(actor), names: names(beyond.map(name)), count: beyond.length },
      });
  }

  for (const c of input.lastChange)
    if (c.verdict === 'down' && c.before !== null && c.after !== null && c.adjustedP !== null)
      out.push({
        rule: 'figure-down',
        owner: ownerOf('figure-down'),
        params: { figure: c.figure, from: c.before, to: c.after, p: c.adjustedP },
      });
  if (input.previous) out.push(...risks(input, input.previous));
  return out;
}

/** The three risks: one broker, a member who dropped out, trust in a key partner lower than before. */
function risks(input: RecommendationInput, previous: NonNullable<RecommendationInput['previous']>): Recommendation[] {
  const { graph } = input;
  const out: Recommendation[] = [];

  // each member's survey ties to outside actors, and all of them
  const outsideTies = (g: NonNullable<RecommendationInput['previous']>['graph']) => {
    const by = new Map<string, number>();
    let total = 0;
    g.forEachDirectedEdge((_e, tie, s, t) => {
      if (tie.origin !== 'survey' || !g.getNodeAttribute(s, 'member') || g.getNodeAttribute(t, 'member')) return;
      by.set(s, (by.get(s) ?? 0) + 1);
      total++;
    });
    return { by, total };
  };
  const last = outsideTies(graph);
  const [broker, ties] = [...last.by].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  if (broker !== undefined && ties !== undefined && last.total >= THRESHOLDS.brokerTies && ties >= THRESHOLDS.brokerShare * last.total) {
    const before = outsideTies(previous.graph);
    out.push({
      rule: 'one-broker',
      owner: ownerOf('one-broker'),
      params: {
        member: graph.getNodeAttribute(broker, 'name'),
        ties,
        total: last.total,
        tiesBefore: before.by.get(broker) ?? 0,
        totalBefore: before.total,
      },
    });
  }

  const namedByMembers = (g: NonNullable<RecommendationInput['previous']>['graph'], id: string) =>
    g.hasNode(id) ? g.inNeighbors(id).filter((n) => n !== id && g.getNodeAttribute(n, 'member')).length : 0;
  previous.graph.forEachNode((id, a) => {
    if (!a.member) return;
    const before = namedByMembers(previous.graph, id);
    if (before >= THRESHOLDS.droppedNamedBefore && namedByMembers(graph, id) === 0)
      out.push({ rule: 'member-dropped', owner: ownerOf('member-dropped'), params: { member: a.name, before } });
  });

  const minRaters = input.minRaters ?? 1;
  const key = new Set([...(input.targetIds ?? []), ...input.groupView.filter((g) => atLeast(g.status, 'cooperating')).map((g) => g.id)]);
  const raters = (g: NonNullable<RecommendationInput['previous']>['graph'], id: string) => {
    let n = 0;
    if (g.hasNode(id)) g.forEachInEdge(id, (_e, tie, s) => void (g.getNodeAttribute(s, 'member') && tie.trust !== null && n++));
    return n;
  };
  for (const a of previous.actors) {
    if (!key.has(a.id) || a.trustFrom === null || a.trustTo === null) continue;
    if (a.trustFrom - a.trustTo < THRESHOLDS.trustDrop) continue;
    const [before, after] = [raters(previous.graph, a.id), raters(graph, a.id)];
    if (Math.min(before, after) < minRaters) continue;
    out.push({
      rule: 'partner-trust',
      owner: ownerOf('partner-trust'),
      params: { actor: a.name, from: a.trustFrom, to: a.trustTo, ratersFrom: before, ratersTo: after },
    });
  }
  return out;
}

export type { ResourceSystem };
