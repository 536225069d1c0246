/**
 * Change between the first and the last round, as dumbbells (one dot per round joined by a line):
 * - headline figures on one 0–100 scale (rates and shares as percentages, the indexes as they are),
 *   before and after **on the panel** (the comparison object's values, like for like);
 * - each outside actor's trust from the members (mean) and the group's best cooperation level.
 * Only drawn when the case has two rounds or more. The titles are worded from the comparison
 * objects (evidence/wording.ts): the figures' own verdicts, "naik"/"turun" only where a test said so.
 */

import { ceilingIn, changeSentence, changeShort, overallComparison } from '../evidence/wording.ts';
import { FIGURES, figureLabel } from '../figures.ts';
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { Metrics } from '../model/metrics.ts';
import { type DotRow, dotPanel, uniqueLabels } from './dots.ts';
import { topOutside } from './outside-actors.ts';
import { chartDef } from './style.ts';
import { pivotTable, sentence } from './table.ts';

/** Headline figures shown on the 0–100 change chart, with their factor to that scale (from the catalogue). */
const CHANGE_FIGURES = FIGURES.filter((f) => f.changeScale !== undefined).map((f) => [f.id, f.changeScale!] as const);

/** A dumbbell panel (dots.ts): one row per item, a point per round, joined first to last. */
function dumbbell(
  rows: DotRow[],
  rounds: string[],
  order: string[],
  xTitle: string,
  domain: [number, number],
  tr: Translator,
  width = 360,
) {
  return dotPanel(rows, rounds, order, { title: xTitle, domain }, tr, { width, join: true, labels: true });
}

export function changeFiguresChart(metrics: Metrics, tr: Translator): ChartDef | null {
  const overall = overallComparison(metrics);
  if (metrics.rounds.length < 2 || !overall) return null;
  const label = (id: string) => metrics.rounds.find((r) => r.round.id === id)!.round.label;
  const rounds = [label(overall.from), label(overall.to)];
  const shown = CHANGE_FIGURES.filter(([key]) => overall.figures[key].change !== null);
  const rows = shown.flatMap(([key, factor]) => {
    const f = overall.figures[key];
    const item = figureLabel(tr, key, metrics.settings);
    return [
      { item, round: rounds[0]!, value: Math.round(f.before! * factor * 10) / 10 },
      { item, round: rounds[1]!, value: Math.round(f.after! * factor * 10) / 10 },
    ];
  });
  const biggest = [...shown].sort(
    ([a, fa], [b, fb]) => Math.abs(overall.figures[b].change! * fb) - Math.abs(overall.figures[a].change! * fa),
  )[0];
  const title = biggest
    ? tr.t('charts.changeFigures.title', { phrase: changeShort(tr, metrics.settings, biggest[0], overall.figures[biggest[0]]) })
    : tr.t('charts.changeFigures.titleNone');
  const description = tr.t('charts.changeFigures.description');
  // the tested figures' own sentences (the same verdicts as the summary table)
  const primaryFindings = FIGURES.filter((f) => overall.figures[f.id].primary).map((f) =>
    changeSentence(tr, metrics.settings, f.id, overall.figures[f.id], ceilingIn(metrics, overall, f.id)),
  );
  return chartDef(
    'change-figures',
    title,
    description,
    tr,
    {
      ...dumbbell(
        rows,
        rounds,
        CHANGE_FIGURES.map(([k]) => figureLabel(tr, k, metrics.settings)),
        tr.t('charts.changeFigures.x'),
        [0, 100],
        tr,
      ),
      config: { legend: { columns: 1, direction: 'vertical' } },
    },
    {
      table: pivotTable(
        tr.t('charts.table.figure'),
        rows,
        CHANGE_FIGURES.map(([k]) => figureLabel(tr, k, metrics.settings)),
        rounds,
        (v) => tr.number(v, 1),
      ),
      finding: [title, ...primaryFindings].map(sentence).join(' '),
    },
  );
}

/**
 * The rows of the per-actor change chart: every outside actor a member names in some round (among
 * the most named, outside-actors.ts), one label per actor id (uniqueLabels), and per round that
 * actor's own trust and best cooperation, looked up by id. Both panels take their rows and their
 * one row order from here, so a label and the values beside it are always the same actor's.
 */
export function changeActorRows(metrics: Metrics) {
  const shown = topOutside(metrics);
  const known = new Set(metrics.rounds.flatMap((r) => r.groupView.filter((a) => a.membersNaming > 0 && shown.has(a.id)).map((a) => a.id)));
  const last = metrics.rounds[metrics.rounds.length - 1]!;
  const labels = uniqueLabels(last.groupView);
  const actors = last.groupView
    .filter((a) => known.has(a.id))
    .sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
  const values = metrics.rounds.flatMap((r) =>
    r.groupView
      .filter((a) => known.has(a.id))
      .map((a) => ({ id: a.id, item: labels.get(a.id)!, round: r.round.label, trust: a.meanTrust, cooperation: a.bestCooperation })),
  );
  return { order: actors.map((a) => labels.get(a.id)!), values };
}

export function changeActorsChart(metrics: Metrics, tr: Translator): ChartDef | null {
  if (metrics.rounds.length < 2) return null;
  const rounds = metrics.rounds.map((r) => r.round.label);
  const { order, values } = changeActorRows(metrics);
  const rows = (pick: 'trust' | 'cooperation'): DotRow[] =>
    values.flatMap((v) => (v[pick] === null ? [] : [{ item: v.item, round: v.round, value: v[pick]! }]));
  const overall = overallComparison(metrics);
  const title = overall
    ? tr.t('charts.changeActors.title', {
        trust: changeShort(tr, metrics.settings, 'trust', overall.figures.trust),
        cooperation: changeShort(tr, metrics.settings, 'cooperation', overall.figures.cooperation),
      })
    : tr.t('charts.changeActors.titleNone');
  const description = tr.t('charts.changeActors.description');
  return chartDef(
    'change-actors',
    title,
    description,
    tr,
    {
      hconcat: [
        dumbbell(rows('trust'), rounds, order, tr.t('charts.changeActors.trust'), [1, metrics.settings.trustScale], tr, 190),
        {
          ...dumbbell(rows('cooperation'), rounds, order, tr.t('charts.changeActors.cooperation'), [0, 5], tr, 170),
          encoding: { y: { field: 'item', type: 'nominal', sort: order, scale: { domain: order }, title: null, axis: null } },
        },
      ],
      resolve: { scale: { y: 'shared' } },
      config: { legend: { columns: 1, direction: 'vertical' } },
    },
    {
      table: {
        columns: [
          tr.t('charts.table.actor'),
          ...rounds.map((r) => `${tr.t('charts.changeActors.trust')}: ${r}`),
          ...rounds.map((r) => `${tr.t('charts.changeActors.cooperation')}: ${r}`),
        ],
        numeric: [false, ...rounds.map(() => true), ...rounds.map(() => true)],
        rows: order.map((item) => {
          const at = (round: string) => values.find((v) => v.item === item && v.round === round);
          return [
            item,
            ...rounds.map((r) => (at(r)?.trust == null ? '–' : tr.number(at(r)!.trust!, 1))),
            ...rounds.map((r) => (at(r)?.cooperation == null ? '–' : tr.integer(at(r)!.cooperation!))),
          ];
        }),
      },
    },
  );
}
