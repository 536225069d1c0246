/**
 * Distributions per round: ties per cooperation level (the ladder) and ties per trust rating,
 * as grouped bars, one colour per round. The title states the finding with the figure of each round.
 */
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { RoundMetrics } from '../model/metrics.ts';
import type { TrustScale } from '../scales.ts';
import { chartDef, ROUND_COLOURS } from './style.ts';

function groupedBars(
  id: string,
  key: 'ladder' | 'trust',
  rows: { level: string; order: number; round: string; count: number }[],
  rounds: string[],
  title: string,
  tr: Translator,
): ChartDef {
  const description = tr.t(`charts.${key}.description`);
  const levels = [...new Map(rows.map((r) => [r.order, r.level])).entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l);
  return chartDef(id, title, description, tr, {
    width: 560,
    height: 220,
    data: { values: rows },
    mark: { type: 'bar', cornerRadiusEnd: 1 },
    encoding: {
      x: {
        field: 'level',
        type: 'nominal',
        sort: levels,
        title: tr.t(`charts.${key}.x`),
        axis: { labelAngle: 0, labelLimit: 0, labelExpr: "split(datum.label, ' ')", labelLineHeight: 11 },
      },
      xOffset: { field: 'round', type: 'nominal', sort: rounds },
      y: { field: 'count', type: 'quantitative', title: tr.t(`charts.${key}.y`), axis: { tickMinStep: 1, format: 'd' } },
      color: {
        field: 'round',
        type: 'nominal',
        sort: rounds,
        scale: { domain: rounds, range: ROUND_COLOURS.slice(0, rounds.length) },
        title: tr.t(`charts.${key}.round`),
      },
    },
  });
}

export function ladderChart(rounds: RoundMetrics[], tr: Translator): ChartDef {
  const names = rounds.map((r) => r.round.label);
  const rows = rounds.flatMap((r) =>
    r.cooperationLevels.map((count, level) => ({
      level: `${level} ${tr.t(`cooperation.${level}`)}`,
      order: level,
      round: r.round.label,
      count,
    })),
  );
  const values = tr.list(rounds.map((r) => `${tr.percent(r.network.coordinationShare)} (${r.round.label})`));
  return groupedBars('cooperation-ladder', 'ladder', rows, names, tr.t('charts.ladder.title', { values }), tr);
}

export function trustChart(rounds: RoundMetrics[], scale: TrustScale, tr: Translator): ChartDef {
  const names = rounds.map((r) => r.round.label);
  const rows = rounds.flatMap((r) =>
    r.trustLevels.map((count, i) => ({
      level: `${i + 1} ${tr.t(`trust.${scale.labelKeys[i]}`)}`,
      order: i + 1,
      round: r.round.label,
      count,
    })),
  );
  const values = tr.list(rounds.map((r) => `${tr.number(r.network.meanTrust)} (${r.round.label})`));
  return groupedBars('trust-distribution', 'trust', rows, names, tr.t('charts.trust.title', { values }), tr);
}
