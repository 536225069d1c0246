/**
 * Comparisons between survey rounds (part of the metrics stage), for consecutive rounds and, with
 * more than two rounds, the first against the last. For each pair of rounds:
 *
 * 1. the **panel** (evidence/panel.ts): who answered both rounds; who joined and who left, counted
 *    apart and never read as new or lost ties;
 * 2. every figure **before and after on the panel network** (the panel's ties, every roster actor):
 *    the round's own figures when nobody joined or left, else measured again by the metrics stage;
 * 3. the **primary figures tested** on the panel (members only for the member figures) by the
 *    paired swap test (evidence/swap-test.ts, evidence/statistics.ts), unless too few;
 * 4. each survey tie of the panel added, dropped, strengthened, weakened (compare/tie-changes.ts);
 * 5. each outside actor's trust from the members and best cooperation level in each round
 *    (absent in a round = null, never zero); reach into each resource system;
 * 6. QAP correlation of the panel's tie matrices, permuted within blocks (compare/qap.ts).
 * The Holm adjustment, verdicts, intervals and detectable changes are decided over all
 * comparisons together (evidence/family.ts). Then the plan's progress (plan.ts) and the
 * recommendations (recommendations.ts).
 */

import { qapCorrelation } from './compare/qap.ts';
import { type SurveyTie, surveyTies } from './compare/survey-ties.ts';
import { type TieChange, tieChanges } from './compare/tie-changes.ts';
import type { ResourceSystem } from './domain.ts';
import { type Distribution, directionIn, type PendingComparison } from './evidence/family.ts';
import { type Panel, panelGraph, panelOf, wholePanel } from './evidence/panel.ts';
import { reduce } from './evidence/statistics.ts';
import { assignments, linearDistribution, pValue, unionDistribution } from './evidence/swap-test.ts';
import { changeStatus } from './evidence/verdict.ts';
import { FIGURES, type FigureId } from './figures.ts';
import { atLeast, type Status } from './metrics/status.ts';
import type {
  ActorChange,
  Comparison,
  FigureChange,
  NetworkFigures,
  PlanProgress,
  PrimaryFigure,
  RoundMetrics,
  TargetProgress,
} from './model/metrics.ts';
import type { Plan } from './model/plan.ts';
import type { Actor, KnownTie, Round, Settings } from './model/responses.ts';
import type { RoundGraph } from './network.ts';
import { type Recommendation, recommendations } from './recommendations.ts';

/** A round's network figures (the metrics stage's `networkFigures`), handed in so that this file does not import it. */
export type Measure = (graph: RoundGraph, round: Round, respondents: string[]) => Promise<NetworkFigures>;

export interface CompareContext {
  settings: Settings;
  actors: Actor[];
  knownTies: KnownTie[];
  plan: Plan | null;
  /** Round ids in order (plan directions apply from the plan's round on). */
  rounds: string[];
  primary: PrimaryFigure[];
  measure: Measure;
}

/** The two rounds' figures on the panel network: the rounds' own when nobody joined or left. */
async function panelFigures(
  a: RoundMetrics,
  b: RoundMetrics,
  ga: RoundGraph,
  gb: RoundGraph,
  panel: Panel,
  c: CompareContext,
): Promise<[NetworkFigures, NetworkFigures]> {
  if (wholePanel(panel)) return [a.network, b.network];
  const measured = async (r: RoundMetrics, g: RoundGraph) =>
    c.measure(panelGraph(g, r.round, panel.ids, c.actors, c.knownTies, c.settings), r.round, panel.ids);
  return [await measured(a, ga), await measured(b, gb)];
}

/** The primary figures' tests on the panel: raw p and the null distribution each (adjusted later). */
function testPrimary(
  id: FigureId,
  people: string[],
  before: SurveyTie[],
  after: SurveyTie[],
  context: Parameters<typeof reduce>[4],
  seed: string,
  direction: FigureChange['direction'] & string,
) {
  const reduced = reduce(id, people, before, after, context);
  const plan = assignments(people.length, seed);
  const distribution: Distribution =
    reduced.kind === 'union'
      ? {
          kind: 'union',
          values: unionDistribution(reduced.sets, plan),
          test: plan,
          power: { kind: 'union', first: reduced.first, second: reduced.second },
        }
      : (() => {
          const linear = linearDistribution(reduced.sums, reduced.kind, reduced.scale, plan);
          const power = {
            kind: 'linear',
            sums: reduced.sums,
            sumKind: reduced.kind,
            scale: reduced.scale,
            observed: linear.a[0]!,
          } as const;
          return { kind: 'linear', linear, test: plan, power } as const;
        })();
  const values = distribution.kind === 'union' ? distribution.values : distribution.linear.a;
  return { raters: reduced.raters, plan, distribution, p: pValue(values, direction), observed: values[0]! };
}

export async function compareRounds(
  a: RoundMetrics,
  b: RoundMetrics,
  ga: RoundGraph,
  gb: RoundGraph,
  c: CompareContext,
  kind: Comparison['kind'],
): Promise<PendingComparison> {
  const member = (id: string) => ga.getNodeAttribute(id, 'member');
  const respondents = (r: RoundMetrics) => r.actors.filter((x) => x.respondent).map((x) => x.id);
  const panel = panelOf(respondents(a), respondents(b), member);
  const [before, after] = await panelFigures(a, b, ga, gb, panel, c);
  const inPanel = new Set(panel.ids);
  const allA = surveyTies(ga);
  const allB = surveyTies(gb);
  const ta = allA.filter((t) => inPanel.has(t.from));
  const tb = allB.filter((t) => inPanel.has(t.from));
  const context = { actors: a.network.actors, mappedTies: a.network.mappedTies, settings: c.settings };
  const seed = `jejaring:${a.round.id}>${b.round.id}`;

  const figures = {} as Comparison['figures'];
  const distributions: PendingComparison['distributions'] = {};
  for (const def of FIGURES) {
    const from = before[def.id];
    const to = after[def.id];
    const primary = c.primary.find((p) => p.figure === def.id);
    const members = def.population === 'members';
    const people = members ? panel.memberIds : panel.ids;
    const direction = primary ? directionIn(primary, a.round.id, c.rounds, c.plan) : null;
    const base: FigureChange = {
      before: from,
      after: to,
      change: from === null || to === null ? null : to - from,
      network: members ? 'members' : 'panel',
      status: 'untested',
      reason: 'descriptive',
      primary: primary !== undefined,
      direction,
      panel: people.length,
      raters: null,
      method: null,
      assignments: null,
      p: null,
      adjustedP: null,
      verdict: null,
      interval: null,
      intervalNote: 'untested',
      detectable: null,
      detectableNote: null,
    };
    // raters decide whether a mean of ratings can be tested: count them before the status
    const test =
      primary && def.test !== null && from !== null && to !== null ? testPrimary(def.id, people, ta, tb, context, seed, direction!) : null;
    const status = changeStatus({
      primary: primary !== undefined,
      before: from,
      after: to,
      panel: people.length,
      raters: test?.raters ?? null,
      minRaters: c.settings.minRaters,
    });
    figures[def.id] = { ...base, ...status, raters: test?.raters ?? null };
    if (status.status === 'tested' && test) {
      figures[def.id] = {
        ...figures[def.id],
        method: test.plan.exact ? 'exact' : 'monte-carlo',
        assignments: test.plan.count,
        p: test.p,
        intervalNote: null,
      };
      distributions[def.id] = test.distribution;
    }
  }

  const resourceSystems = {} as Comparison['resourceSystems'];
  for (const sys of Object.keys(a.resourceSystems) as ResourceSystem[])
    resourceSystems[sys] = { from: a.resourceSystems[sys], to: b.resourceSystems[sys] };
  const list = tieChanges(ta, tb);
  const count = (k: TieChange['kind']) => list.filter((x) => x.kind === k).length;
  const joined = new Set(panel.joined.ids);
  const left = new Set(panel.left.ids);
  const actors: ActorChange[] = a.groupView.map((x) => {
    const y = b.groupView.find((g) => g.id === x.id);
    return {
      id: x.id,
      name: x.name,
      category: x.category,
      namingFrom: x.membersNaming,
      namingTo: y?.membersNaming ?? 0,
      trustFrom: x.meanTrust,
      trustTo: y?.meanTrust ?? null,
      cooperationFrom: x.bestCooperation,
      cooperationTo: y?.bestCooperation ?? null,
    };
  });
  const ids = a.actors.map((x) => x.id);
  const comparison: Comparison = {
    from: a.round.id,
    to: b.round.id,
    kind,
    panel: { respondents: panel.respondents, members: panel.members, joined: panel.joined, left: panel.left },
    figures,
    resourceSystems,
    ties: {
      added: count('added'),
      dropped: count('dropped'),
      strengthened: count('strengthened'),
      weakened: count('weakened'),
      mixed: count('mixed'),
      unchanged: count('unchanged'),
      joined: allB.filter((t) => joined.has(t.from)).length,
      left: allA.filter((t) => left.has(t.from)).length,
      list,
    },
    actors,
    qap: qapCorrelation(
      ids,
      (id) => (member(id) ? 'member' : 'outside'),
      panel.ids,
      ta.map((t) => [t.from, t.to]),
      tb.map((t) => [t.from, t.to]),
    ),
  };
  return { comparison, distributions };
}

export function planProgress(plan: Plan | null, rounds: RoundMetrics[]): PlanProgress | null {
  if (!plan) return null;
  const targets = plan.targets.map((t): TargetProgress => {
    const statuses: Record<string, Status> = {};
    for (const r of rounds) statuses[r.round.id] = r.groupView.find((g) => g.id === t.actorId)?.status ?? 'not-known';
    const category = rounds[0]?.actors.find((a) => a.id === t.actorId)?.category ?? 'lainnya';
    return {
      actorId: t.actorId,
      actor: t.actor,
      category,
      goal: t.goal,
      step: t.step,
      activity: t.activity,
      by: t.by,
      statuses,
      reached: atLeast(statuses[t.by] ?? 'not-known', t.goal),
    };
  });
  return {
    decided: plan.decided,
    targets,
    reached: targets.filter((t) => t.reached).length,
    total: targets.length,
    outcomes: plan.outcomes,
  };
}

/**
 * The recommendations of the latest round, with the verdicts of the last consecutive comparison's primary figures and, when
 * the round before it is given, the risks between the two (recommendations.ts `risks`).
 */
export function roundRecommendations(
  last: RoundMetrics,
  graph: RoundGraph,
  progress: PlanProgress | null,
  lastComparison: Comparison | null,
  previous: { graph: RoundGraph; minRaters: number } | null = null,
): Recommendation[] {
  return recommendations({
    graph,
    groupView: last.groupView,
    plan: (progress?.targets ?? []).map((t) => ({
      actor: t.actor,
      goal: t.goal,
      status: t.statuses[t.by] ?? 'not-known',
      reached: t.reached,
    })),
    lastChange: lastComparison
      ? FIGURES.filter((f) => lastComparison.figures[f.id].primary).map((f) => ({ figure: f.id, ...lastComparison.figures[f.id] }))
      : [],
    previous:
      previous && lastComparison
        ? {
            graph: previous.graph,
            actors: lastComparison.actors,
          }
        : null,
    targetIds: (progress?.targets ?? []).map((t) => t.actorId),
    minRaters: previous?.minRaters,
  });
}
