/**
 * Distributions per round: the share of the round's ties at each cooperation level (the ladder)
 * and at each trust rating, as grouped bars, one colour per round. Shares, not counts: rounds
 * differ in size (the sample's 71 and 145 ties), and counts would make the larger round look
 * better at every level. Each share is over the survey ties of that round that give a level (or a
 * rating); that number is in the round's legend entry. The title gives each round's figure.
 */
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { RoundMetrics } from '../model/metrics.ts';
import type { TrustScale } from '../scales.ts';
import { chartDef, OUTLINE, PRINT, roundScales } from './style.ts';
import { pivotTable } from './table.ts';

export interface DistributionRow {
  level: string;
  order: number;
  /** The round's label with its number of ties, as the legend shows it. */
  round: string;
  count: number;
  /** count / ties of the round with a level (rating); null when the round has none. */
  share: number | null;
}

/** One round's counts as rows with their shares of the round's total. */
export function shareRows(counts: number[], level: (i: number) => string, order: (i: number) => number, round: string): DistributionRow[] {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((count, i) => ({ level: level(i), order: order(i), round, count, share: total > 0 ? count / total : null }));
}

function groupedBars(
  id: string,
  key: 'ladder' | 'trust',
  rows: DistributionRow[],
  rounds: string[],
  title: string,
  tr: Translator,
): ChartDef {
  const description = tr.t(`charts.${key}.description`);
  const levels = [...new Map(rows.map((r) => [r.order, r.level])).entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l);
  const scales = roundScales(rounds);
  return chartDef(
    id,
    title,
    description,
    tr,
    {
      width: PRINT.width - 120,
      height: 220,
      data: { values: rows.filter((r) => r.share !== null) },
      mark: { type: 'bar', cornerRadiusEnd: 1, stroke: OUTLINE, strokeWidth: 0.5 },
      encoding: {
        x: {
          field: 'level',
          type: 'nominal',
          sort: levels,
          title: tr.t(`charts.${key}.x`),
          axis: { labelAngle: 0, labelLimit: 0, labelExpr: "split(datum.label, ' ')", labelLineHeight: 13 },
        },
        xOffset: { field: 'round', type: 'nominal', sort: rounds },
        y: {
          field: 'share',
          type: 'quantitative',
          title: tr.t(`charts.${key}.y`),
          axis: { format: '.0%', tickCount: 5 },
        },
        color: { field: 'round', type: 'nominal', sort: rounds, scale: scales.colour, title: tr.t(`charts.${key}.round`) },
      },
    },
    {
      table: pivotTable(
        tr.t(`charts.${key}.x`),
        rows.flatMap((r) => (r.share === null ? [] : [{ item: r.level, round: r.round, value: r.share }])),
        levels,
        rounds,
        (v) => tr.percent(v),
      ),
    },
  );
}

/** A round's label with its number of ties: "Pasca-intervensi: 145 ikatan". */
const withTies = (tr: Translator, round: RoundMetrics, counts: number[]) =>
  tr.t('charts.roundTies', { round: round.round.label, ties: tr.integer(counts.reduce((s, c) => s + c, 0)) });

export function ladderChart(rounds: RoundMetrics[], tr: Translator): ChartDef {
  const names = rounds.map((r) => withTies(tr, r, r.cooperationLevels));
  const rows = rounds.flatMap((r, k) =>
    shareRows(
      r.cooperationLevels,
      (level) => `${level} ${tr.t(`cooperation.${level}`)}`,
      (level) => level,
      names[k]!,
    ),
  );
  const values = tr.list(
    rounds.map((r) => tr.t('charts.valueInRound', { value: tr.percent(r.network.coordinationShare), round: r.round.label })),
  );
  return groupedBars('cooperation-ladder', 'ladder', rows, names, tr.t('charts.ladder.title', { values }), tr);
}

export function trustChart(rounds: RoundMetrics[], scale: TrustScale, tr: Translator): ChartDef {
  const names = rounds.map((r) => withTies(tr, r, r.trustLevels));
  const rows = rounds.flatMap((r, k) =>
    shareRows(
      r.trustLevels,
      (i) => `${i + 1} ${tr.t(`trust.${scale.labelKeys[i]}`)}`,
      (i) => i + 1,
      names[k]!,
    ),
  );
  const values = tr.list(rounds.map((r) => tr.t('charts.valueInRound', { value: tr.number(r.network.meanTrust), round: r.round.label })));
  return groupedBars('trust-distribution', 'trust', rows, names, tr.t('charts.trust.title', { values }), tr);
}
