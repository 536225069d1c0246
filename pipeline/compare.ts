/**
 * Comparisons between survey rounds (part of the metrics stage): for consecutive rounds and, with
 * more than two rounds, the first against the last:
 * - every headline figure before, after and the difference, with a paired bootstrap interval, a
 *   paired permutation p-value and a verdict for the figures built from respondents' ties
 *   (compare/paired.ts);
 * - reach into each resource system before and after;
 * - each survey tie added, dropped, strengthened, weakened (compare/tie-changes.ts);
 * - each outside actor's trust from the members and best cooperation level before and after
 *   (absent in a round = null, never zero);
 * - QAP correlation of the two rounds' tie matrices (compare/qap.ts).
 * Then the plan's progress (plan.ts) and the recommendations (recommendations.ts).
 */

import { pairedUncertainty, type SurveyTie, TIE_FIGURES, type TieFigure, type Uncertainty } from './compare/paired.ts';
import { qapCorrelation } from './compare/qap.ts';
import { type TieChange, tieChanges } from './compare/tie-changes.ts';
import type { ResourceSystem } from './domain.ts';
import { FIGURES } from './figures.ts';
import { atLeast, type Status } from './metrics/status.ts';
import type { ActorChange, Comparison, NetworkFigures, PlanProgress, RoundMetrics, TargetProgress } from './model/metrics.ts';
import type { Plan } from './model/plan.ts';
import type { Settings } from './model/responses.ts';
import type { RoundGraph } from './network.ts';
import { type Recommendation, recommendations } from './recommendations.ts';

export function surveyTies(graph: RoundGraph): SurveyTie[] {
  const out: SurveyTie[] = [];
  graph.forEachDirectedEdge((_e, a, s, t) => {
    if (a.origin !== 'survey') return;
    out.push({
      from: s,
      to: t,
      fromMember: graph.getNodeAttribute(s, 'member'),
      toMember: graph.getNodeAttribute(t, 'member'),
      trust: a.trust,
      cooperation: a.cooperation,
      strong: a.strong,
    });
  });
  return out;
}

/** The figures the catalogue marks as tested within respondents, each with its computation from tie sums. */
const PANEL_FIGURES: Record<string, TieFigure> = Object.fromEntries(
  FIGURES.filter((f) => f.panelTest).map((f) => {
    const compute = TIE_FIGURES[f.id];
    if (!compute) throw new Error(`figure "${f.id}" is marked panelTest but has no computation from tie sums`);
    return [f.id, compute];
  }),
);

const byRespondent = (ties: SurveyTie[]) => {
  const m = new Map<string, SurveyTie[]>();
  for (const t of ties) m.set(t.from, [...(m.get(t.from) ?? []), t]);
  return m;
};

export function compareRounds(
  a: RoundMetrics,
  b: RoundMetrics,
  ga: RoundGraph,
  gb: RoundGraph,
  settings: Settings,
  kind: Comparison['kind'],
): Comparison {
  const ta = surveyTies(ga);
  const tb = surveyTies(gb);
  const ra = byRespondent(ta);
  const rb = byRespondent(tb);
  // respondents with no tie still count as drawn people
  for (const r of a.actors.filter((x) => x.respondent)) if (!ra.has(r.id)) ra.set(r.id, []);
  for (const r of b.actors.filter((x) => x.respondent)) if (!rb.has(r.id)) rb.set(r.id, []);
  const context = { actors: a.network.actors, trustScale: settings.trustScale };
  const figures = {} as Comparison['figures'];
  const uncertainty = pairedUncertainty(ra, rb, PANEL_FIGURES, context);
  for (const key of Object.keys(a.network) as (keyof NetworkFigures)[]) {
    const from = a.network[key];
    const to = b.network[key];
    // a figure a round cannot give (null) is not compared: no interval, no verdict
    const u: Uncertainty = (from !== null && to !== null ? uncertainty[key] : undefined) ?? { ci: null, p: null, verdict: null };
    figures[key] = { from, to, delta: from === null || to === null ? null : to - from, ...u };
  }
  const resourceSystems = {} as Comparison['resourceSystems'];
  for (const sys of Object.keys(a.resourceSystems) as ResourceSystem[])
    resourceSystems[sys] = { from: a.resourceSystems[sys], to: b.resourceSystems[sys] };
  const list = tieChanges(ta, tb);
  const count = (k: TieChange['kind']) => list.filter((c) => c.kind === k).length;
  const answeredLater = new Set(b.actors.filter((x) => x.respondent).map((x) => x.id));
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
  return {
    from: a.round.id,
    to: b.round.id,
    kind,
    figures,
    resourceSystems,
    ties: {
      added: count('added'),
      dropped: count('dropped'),
      strengthened: count('strengthened'),
      weakened: count('weakened'),
      mixed: count('mixed'),
      unchanged: count('unchanged'),
      list,
    },
    respondentsMissing: a.actors.filter((x) => x.respondent && !answeredLater.has(x.id)).map((x) => x.id),
    actors,
    qap: qapCorrelation(
      ids,
      ta.map((t) => [t.from, t.to]),
      tb.map((t) => [t.from, t.to]),
    ),
  };
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

export function roundRecommendations(
  last: RoundMetrics,
  graph: RoundGraph,
  progress: PlanProgress | null,
  lastComparison: Comparison | null,
  _settings: Settings,
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
      ? { meanTrust: lastComparison.figures.meanTrust, meanCooperation: lastComparison.figures.meanCooperation }
      : {},
  });
}
