/**
 * The brief (*ringkasan singkat*): the report's first two pages, for the reader who reads nothing
 * else. It says who and where, which rounds and on whom they were compared; three key messages,
 * one per step of the development model (partners, trust, cooperation); the targets reached and
 * not reached, with the MoUs won and the registrations apart; the risks; and three to five next
 * steps, each with who acts and by when.
 *
 * Nothing here decides anything: a key message takes its words from the verdict of its figure in
 * the comparison object (evidence/verdict.ts): "naik" only for a tested rise, a neutral sentence
 * for every figure the test did not confirm or could not run. The steps and the risks are the
 * recommendations (recommendations.ts) in the order of `STEP_ORDER`. The texts are
 * `report.brief.*` in the locale files.
 */

import { overallComparison, panelText } from './evidence/wording.ts';
import { type FigureId, figure, figureLabel, formatFigure } from './figures.ts';
import type { Translator } from './i18n.ts';
import type { Comparison, FigureChange, Metrics } from './model/metrics.ts';
import { type Recommendation, RISK_RULES, type Rule } from './recommendations.ts';
import { trustScale } from './scales.ts';

/** The rules in the order the brief's next steps take them: the plan first, then the risks, then the rest. */
export const STEP_ORDER: readonly Rule[] = [
  'target-not-reached',
  'one-broker',
  'member-dropped',
  'partner-trust',
  'figure-down',
  'fragile-category',
  'contact-mapped',
  'single-broker',
  'keep-weak-bridge',
  'trust-gap',
];

/** At most this many next steps in the brief (the full list is in the recommendations section). */
export const MAX_STEPS = 5;

/** The word of a verdict for the brief's texts: `up`, `down`, `same` (tested, not convincing) or `untested`. */
export function verdictKey(c: FigureChange): 'up' | 'down' | 'same' | 'untested' {
  if (c.status !== 'tested') return 'untested';
  return c.verdict === 'up' || c.verdict === 'down' ? c.verdict : 'same';
}

/** Recommendations in the brief's order (stable within a rule). */
export function orderedRecommendations(recs: readonly Recommendation[]): Recommendation[] {
  const rank = (r: Recommendation) => STEP_ORDER.indexOf(r.rule);
  return recs
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map(({ r }) => r);
}

/** One key message per primary figure: its heading and a sentence worded from its verdict. */
export function keyMessages(metrics: Metrics, tr: Translator): { title: string; text: string; verdict: string }[] {
  const c = overallComparison(metrics);
  const primary = metrics.evidence.primary.map((p) => p.figure);
  const label = (id: FigureId) => figureLabel(tr, id, metrics.settings);
  const step = (id: FigureId) => figure(id).step ?? 'other';
  if (!c) {
    const round = metrics.rounds[0]!;
    return primary.map((id) => ({
      title: tr.t(`report.brief.heading.${step(id)}`, { figure: label(id) }),
      text: tr.t('report.brief.single', {
        figure: label(id),
        value: formatFigure(tr, figure(id).kind, round.network[id]),
        round: round.round.label,
      }),
      verdict: 'single',
    }));
  }
  return primary.map((id) => message(metrics, tr, c, id));
}

function message(metrics: Metrics, tr: Translator, c: Comparison, id: FigureId) {
  const f = c.figures[id];
  const kind = figure(id).kind;
  const key = verdictKey(f);
  const step = figure(id).step ?? 'other';
  const round = (rid: string) => metrics.rounds.find((r) => r.round.id === rid)?.round.label ?? rid;
  const params = {
    figure: figureLabel(tr, id, metrics.settings),
    before: formatFigure(tr, kind, f.before),
    after: formatFigure(tr, kind, f.after),
    from: round(c.from),
    to: round(c.to),
    panel: panelText(tr, f),
    trustMax: trustScale(metrics.settings.trustScale).max,
  };
  const text = tr.has(`report.brief.message.${step}.${key}`)
    ? tr.t(`report.brief.message.${step}.${key}`, params)
    : tr.t(`report.brief.message.other.${key}`, params);
  return { title: tr.t(`report.brief.heading.${step}`, params), text, verdict: key };
}

/**
 * The targets in a line each: how many were reached, the MoUs won and the registrations or
 * certificates won (formal in the last round, not formal when the plan was decided; a formal tie
 * with a legality office is a registration, not an MoU), and the targets not reached.
 */
export function targetLines(metrics: Metrics, tr: Translator): { reached: string; won: string[]; notReached: string[] } | null {
  const plan = metrics.plan;
  if (!plan) return null;
  const last = metrics.rounds.at(-1)!.round.id;
  const formalNow = plan.targets.filter((t) => t.statuses[last] === 'formal' && t.statuses[plan.decided] !== 'formal');
  const mou = formalNow.filter((t) => t.category !== 'legalitas').map((t) => t.actor);
  const registered = formalNow.filter((t) => t.category === 'legalitas').map((t) => t.actor);
  const won = [
    ...(mou.length > 0 ? [tr.t('report.brief.mou', { count: mou.length, names: tr.list(mou) })] : []),
    ...(registered.length > 0 ? [tr.t('report.brief.registered', { names: tr.list(registered) })] : []),
  ];
  return {
    reached: tr.t('report.brief.reached', { reached: plan.reached, total: plan.total }),
    won,
    notReached: plan.targets
      .filter((t) => !t.reached)
      .map((t) =>
        tr.t('report.brief.notReached', {
          actor: t.actor,
          goal: statusLabel(tr, t.goal, t.category),
          status: statusLabel(tr, t.statuses[t.by] ?? 'not-known', t.category),
          round: metrics.rounds.find((r) => r.round.id === t.by)?.round.label ?? t.by,
        }),
      ),
  };
}

/** A status in words; formal means an MoU, except with a legality office, where it is a registration or certificate. */
export function statusLabel(tr: Translator, status: string, category: string): string {
  return status === 'formal' && category === 'legalitas' ? tr.t('status.formalLegal') : tr.t(`status.${status}`);
}

/** Whether a rule names a risk (for the brief's list of risks). */
export const isRisk = (r: Recommendation) => RISK_RULES.includes(r.rule);
