/**
 * Change between the first and the last round, as dumbbells (one dot per round joined by a line):
 * - headline figures on one 0–100 scale (rates and shares as percentages, the indexes as they are),
 *   before and after **on the panel** (the comparison object's values, like for like);
 * - each outside actor's trust from the members (mean) and the group's best cooperation level.
 * Only drawn when the case has two rounds or more. The titles are worded from the comparison
 * objects (evidence/wording.ts): the figures' own verdicts, "naik"/"turun" only where a test said so.
 */

import { changeShort, overallComparison } from '../evidence/wording.ts';
import { FIGURES, figureLabel } from '../figures.ts';
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { Metrics, RoundMetrics } from '../model/metrics.ts';
import { topOutside } from './outside-actors.ts';
import { chartDef, ROUND_COLOURS } from './style.ts';

/** Headline figures shown on the 0–100 change chart, with their factor to that scale (from the catalogue). */
const CHANGE_FIGURES = FIGURES.filter((f) => f.changeScale !== undefined).map((f) => [f.id, f.changeScale!] as const);

function dumbbell(
  rows: { item: string; round: string; value: number }[],
  rounds: string[],
  order: string[],
  xTitle: string,
  domain: [number, number],
  tr: Translator,
) {
  return {
    data: { values: rows },
    height: { step: 20 },
    width: 360,
    encoding: { y: { field: 'item', type: 'nominal', sort: order, title: null, axis: { labelLimit: 260 } } },
    layer: [
      {
        mark: { type: 'line', color: '#9a9a9a', strokeWidth: 2 },
        encoding: { x: { field: 'value', type: 'quantitative', scale: { domain }, title: xTitle }, detail: { field: 'item' } },
      },
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 1 },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          color: {
            field: 'round',
            type: 'nominal',
            sort: rounds,
            scale: { domain: rounds, range: ROUND_COLOURS.slice(0, rounds.length) },
            title: tr.t('charts.ladder.round'),
          },
        },
      },
    ],
  };
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
  return chartDef('change-figures', title, description, tr, {
    ...dumbbell(
      rows,
      rounds,
      CHANGE_FIGURES.map(([k]) => figureLabel(tr, k, metrics.settings)),
      tr.t('charts.changeFigures.x'),
      [0, 100],
      tr,
    ),
  });
}

export function changeActorsChart(metrics: Metrics, tr: Translator): ChartDef | null {
  if (metrics.rounds.length < 2) return null;
  const rounds = metrics.rounds.map((r) => r.round.label);
  const shown = topOutside(metrics);
  const known = new Set(metrics.rounds.flatMap((r) => r.groupView.filter((a) => a.membersNaming > 0 && shown.has(a.id)).map((a) => a.id)));
  const last = metrics.rounds[metrics.rounds.length - 1]!;
  const names = last.groupView
    .filter((a) => known.has(a.id))
    .sort((a, b) => a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
  const order = names.map((a) => a.name);
  const rows = (pick: (a: RoundMetrics['groupView'][number]) => number | null) =>
    metrics.rounds.flatMap((r) =>
      r.groupView
        .filter((a) => known.has(a.id))
        .flatMap((a) => (pick(a) === null ? [] : [{ item: a.name, round: r.round.label, value: pick(a)! }])),
    );
  const overall = overallComparison(metrics);
  const title = overall
    ? tr.t('charts.changeActors.title', {
        trust: changeShort(tr, metrics.settings, 'trust', overall.figures.trust),
        cooperation: changeShort(tr, metrics.settings, 'cooperation', overall.figures.cooperation),
      })
    : tr.t('charts.changeActors.titleNone');
  const description = tr.t('charts.changeActors.description');
  return chartDef('change-actors', title, description, tr, {
    hconcat: [
      {
        ...dumbbell(
          rows((a) => a.meanTrust),
          rounds,
          order,
          tr.t('charts.changeActors.trust'),
          [1, metrics.settings.trustScale],
          tr,
        ),
        width: 220,
      },
      {
        ...dumbbell(
          rows((a) => a.bestCooperation),
          rounds,
          order,
          tr.t('charts.changeActors.cooperation'),
          [0, 5],
          tr,
        ),
        width: 180,
        encoding: { y: { field: 'item', type: 'nominal', sort: order, title: null, axis: null } },
      },
    ],
  });
}
