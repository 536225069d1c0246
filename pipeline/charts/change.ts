/**
 * Change between the first and the last round, as dumbbells (one dot per round joined by a line):
 * - headline figures on one 0–100 scale (rates and shares as percentages, the indexes as they are);
 * - each outside actor's trust from the members (mean) and the group's best cooperation level.
 * Only drawn when the case has two rounds or more. Titles state the largest change.
 */

import { RESOURCE_SYSTEMS } from '../domain.ts';
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
  if (metrics.rounds.length < 2) return null;
  const rounds = metrics.rounds.map((r) => r.round.label);
  const rows = CHANGE_FIGURES.flatMap(([key, factor]) =>
    metrics.rounds.flatMap((r) =>
      r.network[key] === null
        ? []
        : [{ item: figureLabel(tr, key, metrics.settings), round: r.round.label, value: Math.round(r.network[key]! * factor * 10) / 10 }],
    ),
  );
  const first = metrics.rounds[0]!.network;
  const last = metrics.rounds[metrics.rounds.length - 1]!.network;
  const deltas = CHANGE_FIGURES.filter(([k]) => first[k] !== null && last[k] !== null).map(([k, f]) => ({
    k,
    from: first[k]! * f,
    to: last[k]! * f,
  }));
  const biggest = [...deltas].sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from))[0];
  const title = biggest
    ? tr.t('charts.changeFigures.title', {
        figure: figureLabel(tr, biggest.k, metrics.settings),
        direction: tr.t(biggest.to >= biggest.from ? 'reading.up' : 'reading.down'),
        from: tr.number(biggest.from, 0),
        to: tr.number(biggest.to, 0),
      })
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

/** Members' mean trust in the outside actors of each category (weighted by ratings), per round. */
export function categoryTrust(round: RoundMetrics): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const cat of RESOURCE_SYSTEMS) {
    let sum = 0;
    let n = 0;
    for (const a of round.groupView) {
      if (a.category === cat && a.meanTrust !== null) {
        sum += a.meanTrust * a.membersNaming;
        n += a.membersNaming;
      }
    }
    out[cat] = n > 0 ? sum / n : null;
  }
  return out;
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
  const first = categoryTrust(metrics.rounds[0]!);
  const latest = categoryTrust(last);
  const changes = RESOURCE_SYSTEMS.filter((c) => first[c] != null && latest[c] != null).map((c) => ({
    c,
    from: first[c]!,
    to: latest[c]!,
  }));
  const biggest = [...changes].sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from))[0];
  const title = biggest
    ? tr.t('charts.changeActors.title', {
        category: tr.t(`category.${biggest.c}`).toLowerCase(),
        direction: tr.t(biggest.to >= biggest.from ? 'reading.up' : 'reading.down'),
        from: tr.number(biggest.from, 1),
        to: tr.number(biggest.to, 1),
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
