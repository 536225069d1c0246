/**
 * The catalogue of the report's headline figures: one entry per whole-network figure of
 * metrics.json (`NetworkFigures`), read by every place that shows, charts or tests a figure, so
 * that none keeps a list of its own:
 * - `kind`: how the value is written (integer, 2 or 3 decimals, percentage);
 * - `summary`: shown in the report's summary table;
 * - `changeScale`: drawn on the 0–100 change chart, multiplied by this factor (shares × 100);
 * - `test`: how a change between two rounds can be tested on the panel (evidence/statistics.ts):
 *   `ratio` (a sum over respondents' ties divided by a count, e.g. mean trust), `sum` (a count of
 *   ties) or `union` (distinct actors named by anyone, e.g. outside actors known); null for the
 *   figures that depend on pairs or paths, which are only described;
 * - `population`: whose answers the figure is built from when tested: the members, or every
 *   respondent (members and the outside actors who answered);
 * - `step`: the step of the development model (DOMAIN.md) a **primary** figure measures; the
 *   primary figures are the ones tested by default (`analysis.primary` in case.yaml replaces them);
 * - `plannedBy`: what in plan.yaml states the direction a primary figure is meant to move in
 *   (`targets`: any target, i.e. partners the group decided to reach; `trust-steps`: a target at
 *   the trust step), which makes its test one-sided;
 * - `better`: which way is an improvement for the group, when one is (null: neither).
 * The label of figure `id` is `figures.<id>` in the locale files, placed by `figureLabel`, which
 * fills in the case's own scale.
 */
import type { Translator } from './i18n.ts';
import type { FigureId } from './model/metrics.ts';
import type { Settings } from './model/responses.ts';
import { trustScale } from './scales.ts';

export type { FigureId };
export type FigureKind = 'integer' | 'decimal' | 'decimal3' | 'percent';
export type TestKind = 'ratio' | 'sum' | 'union';
export type ModelStep = 'pemetaan' | 'kepercayaan' | 'kerjasama';

export interface FigureDef {
  id: FigureId;
  kind: FigureKind;
  summary: boolean;
  changeScale?: number;
  test: TestKind | null;
  population: 'members' | 'respondents';
  step: ModelStep | null;
  plannedBy: 'targets' | 'trust-steps' | null;
  better: 'up' | 'down' | null;
}

const f = (id: FigureId, kind: FigureKind, rest: Partial<Omit<FigureDef, 'id' | 'kind'>> = {}): FigureDef => ({
  id,
  kind,
  summary: false,
  test: null,
  population: 'respondents',
  step: null,
  plannedBy: null,
  better: null,
  ...rest,
});

/** In the report's order: the primary figures first, one per step of the development model. */
export const FIGURES: readonly FigureDef[] = [
  f('known', 'integer', { summary: true, test: 'union', population: 'members', step: 'pemetaan', plannedBy: 'targets', better: 'up' }),
  f('trust', 'decimal', {
    summary: true,
    test: 'ratio',
    population: 'members',
    step: 'kepercayaan',
    plannedBy: 'trust-steps',
    better: 'up',
  }),
  f('cooperation', 'integer', {
    summary: true,
    test: 'union',
    population: 'members',
    step: 'kerjasama',
    plannedBy: 'targets',
    better: 'up',
  }),
  f('respondents', 'integer'),
  f('responseRate', 'percent', { summary: true, better: 'up' }),
  f('ties', 'integer', { summary: true, test: 'sum', better: 'up' }),
  f('density', 'decimal3', { summary: true, test: 'sum', better: 'up' }),
  f('meanTrust', 'decimal', { summary: true, test: 'ratio', better: 'up' }),
  f('trustIndex', 'decimal', { changeScale: 1, test: 'ratio', better: 'up' }),
  f('meanCooperation', 'decimal', { test: 'ratio', better: 'up' }),
  f('cooperationIndex', 'decimal', { changeScale: 1, test: 'ratio', better: 'up' }),
  f('coordinationShare', 'percent', { summary: true, changeScale: 100, test: 'ratio', better: 'up' }),
  f('strongTieShare', 'percent', { summary: true, changeScale: 100, test: 'ratio', better: 'up' }),
  f('inDegreeCentralization', 'decimal3', { summary: true }),
  f('actors', 'integer'),
  f('members', 'integer'),
  f('memberRespondents', 'integer'),
  f('mappedTies', 'integer'),
  f('densityUndirected', 'decimal3', { changeScale: 100 }),
  f('weakComponents', 'integer'),
  f('strongComponents', 'integer'),
  f('isolates', 'integer'),
  f('reciprocityEdgewise', 'percent'),
  f('reciprocityDyadic', 'percent'),
  f('transitivity', 'decimal3'),
  f('averageClustering', 'decimal3'),
  f('meanDistance', 'decimal'),
  f('diameter', 'integer'),
  f('outDegreeCentralization', 'decimal3'),
  f('betweennessCentralization', 'decimal3'),
  f('eiIndexCategory', 'decimal'),
  f('eiIndexType', 'decimal'),
  f('discordantPairs', 'integer'),
  f('communities', 'integer'),
  f('modularity', 'decimal3'),
];

const BY_ID = new Map(FIGURES.map((d) => [d.id, d]));

export function figure(id: FigureId): FigureDef {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`figure "${id}" is not in the catalogue`);
  return def;
}

export const isFigureId = (id: string): id is FigureId => BY_ID.has(id as FigureId);

/** The figures tested when case.yaml names none: one per step of the development model. */
export const DEFAULT_PRIMARY: readonly FigureId[] = FIGURES.filter((d) => d.step !== null).map((d) => d.id);

/** The figures a case may declare primary: those with a test on the panel. */
export const TESTABLE: readonly FigureId[] = FIGURES.filter((d) => d.test !== null).map((d) => d.id);

/** The figure's name in the report's language, with the case's own scale ("Rata-rata kepercayaan (1–4)"). */
export function figureLabel(tr: Translator, id: FigureId, settings: Pick<Settings, 'trustScale'>): string {
  return tr.t(`figures.${id}`, { trustMax: trustScale(settings.trustScale).max });
}

export function formatFigure(tr: Translator, kind: FigureKind, v: number | null): string {
  switch (kind) {
    case 'integer':
      return tr.integer(v);
    case 'decimal':
      return tr.number(v, 2);
    case 'decimal3':
      return tr.number(v, 3);
    case 'percent':
      return tr.percent(v);
  }
}

/** Digits a change of a figure of this kind is written with (percentages in points). */
export const deltaDigits = (kind: FigureKind) => (kind === 'integer' || kind === 'percent' ? 0 : kind === 'decimal3' ? 3 : 2);

/** A change between rounds: "+0,12", "+5 poin" for shares; "–" for null. */
export function formatDelta(tr: Translator, kind: FigureKind, v: number | null): string {
  if (v === null) return '–';
  if (kind === 'percent') return `${tr.delta(v * 100, 0)} ${tr.t('reading.points')}`;
  return tr.delta(v, deltaDigits(kind));
}
