/**
 * The catalogue of the report's headline figures: one entry per whole-network figure of
 * metrics.json (`NetworkFigures`), read by every place that shows, charts or tests a figure, so
 * that none keeps a list of its own:
 * - `kind`: how the value is written (integer, 2 or 3 decimals, percentage);
 * - `summary`: shown in the report's summary table;
 * - `changeScale`: drawn on the 0–100 change chart, multiplied by this factor (shares × 100);
 * - `panelTest`: computed from respondents' own answers, so a change between rounds can be
 *   tested within respondents (compare/paired.ts); the other figures depend on pairs or paths
 *   and are only described;
 * - `better`: which way is an improvement for the group, when one is (null: neither).
 * The label of figure `id` is `figures.<id>` in the locale files, placed by `figureLabel`, which
 * fills in the case's own scale.
 */
import type { Translator } from './i18n.ts';
import type { NetworkFigures } from './model/metrics.ts';
import type { Settings } from './model/responses.ts';
import { trustScale } from './scales.ts';

export type FigureId = keyof NetworkFigures;
export type FigureKind = 'integer' | 'decimal' | 'decimal3' | 'percent';

export interface FigureDef {
  id: FigureId;
  kind: FigureKind;
  summary: boolean;
  changeScale?: number;
  panelTest: boolean;
  better: 'up' | 'down' | null;
}

const f = (id: FigureId, kind: FigureKind, rest: Partial<Omit<FigureDef, 'id' | 'kind'>> = {}): FigureDef => ({
  id,
  kind,
  summary: false,
  panelTest: false,
  better: null,
  ...rest,
});

/** In the report's order. */
export const FIGURES: readonly FigureDef[] = [
  f('respondents', 'integer'),
  f('responseRate', 'percent', { summary: true, changeScale: 100, better: 'up' }),
  f('ties', 'integer', { summary: true, panelTest: true, better: 'up' }),
  f('density', 'decimal3', { summary: true, panelTest: true, better: 'up' }),
  f('outsideActorsKnown', 'integer', { summary: true, panelTest: true, better: 'up' }),
  f('meanTrust', 'decimal', { summary: true, panelTest: true, better: 'up' }),
  f('trustIndex', 'decimal', { changeScale: 1, panelTest: true, better: 'up' }),
  f('meanCooperation', 'decimal', { panelTest: true, better: 'up' }),
  f('cooperationIndex', 'decimal', { changeScale: 1, panelTest: true, better: 'up' }),
  f('coordinationShare', 'percent', { summary: true, changeScale: 100, panelTest: true, better: 'up' }),
  f('strongTieShare', 'percent', { summary: true, changeScale: 100, panelTest: true, better: 'up' }),
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
