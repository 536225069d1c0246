/**
 * Centrality ranking of one round: the top actors by in-degree (how many name them) above the
 * top actors by normalised betweenness (brokers), as horizontal bars filled by category, outlined,
 * with the category's symbol at the end of each bar so that the category reads without colour.
 * Ties in the ranking are broken by name so the order is stable.
 */
import type { Translator } from '../i18n.ts';
import type { ChartDef, ChartTable } from '../model/charts.ts';
import type { ActorMetrics, RoundMetrics } from '../model/metrics.ts';
import { uniqueLabels } from './dots.ts';
import { categoryScale, categoryShapeScale, chartDef, OUTLINE, PRINT } from './style.ts';

export function topBy(actors: ActorMetrics[], key: 'inDegree' | 'betweennessNormalized', n: number): ActorMetrics[] {
  return [...actors]
    .filter((a) => a[key] > 0)
    .sort((a, b) => b[key] - a[key] || a.name.localeCompare(b.name))
    .slice(0, n);
}

export function rankingChart(round: RoundMetrics, n: number, tr: Translator): ChartDef {
  const labels = uniqueLabels(round.actors);
  const rows = (key: 'inDegree' | 'betweennessNormalized') =>
    topBy(round.actors, key, n).map((a) => ({ name: labels.get(a.id)!, value: a[key], category: tr.t(`category.${a.category}`) }));
  const byDegree = rows('inDegree');
  const top = byDegree.slice(0, 3).map((r) => r.name);
  const title = tr.t('charts.ranking.title', { round: round.round.label, top: tr.list(top) });
  const description = tr.t('charts.ranking.description', { round: round.round.label });
  const colour = { field: 'category', type: 'nominal', scale: categoryScale(tr), title: tr.t('charts.ranking.category') };
  const panel = (values: ReturnType<typeof rows>, titleKey: string, integer: boolean) => {
    const most = Math.max(integer ? 1 : 1e-3, ...values.map((v) => v.value));
    // as many decimals as the largest value needs to show two significant digits
    const format = integer ? 'd' : `.${Math.max(2, 1 - Math.floor(Math.log10(most)))}f`;
    const order = values.map((v) => v.name);
    const y = { field: 'name', type: 'nominal', sort: order, scale: { domain: order }, title: null, axis: { labelLimit: 220 } };
    const x = {
      field: 'value',
      type: 'quantitative',
      // room at the end of the longest bar for its symbol
      scale: { domain: [0, most * 1.06], nice: false },
      title: tr.t(titleKey),
      axis: { format, tickMinStep: integer ? 1 : undefined, tickCount: 5 },
    };
    return {
      data: { values },
      width: PRINT.width - 260,
      height: { step: 18 },
      layer: [
        { mark: { type: 'bar', stroke: OUTLINE, strokeWidth: 0.6 }, encoding: { y, x, color: colour } },
        {
          mark: { type: 'point', filled: true, opacity: 1, size: 60, stroke: OUTLINE, strokeWidth: 0.8, xOffset: 8 },
          encoding: {
            y,
            x,
            color: colour,
            shape: { field: 'category', type: 'nominal', scale: categoryShapeScale(tr), title: tr.t('charts.ranking.category') },
          },
        },
      ],
    };
  };
  return chartDef(
    `ranking-${round.round.id}`,
    title,
    description,
    tr,
    {
      vconcat: [
        panel(byDegree, 'charts.ranking.inDegree', true),
        panel(rows('betweennessNormalized'), 'charts.ranking.betweenness', false),
      ],
      resolve: { scale: { color: 'shared', shape: 'shared' } },
      config: { legend: { columns: 3 } },
    },
    { table: rankingTable(byDegree, rows('betweennessNormalized'), tr) },
  );
}

/** Both rankings in one table: each actor in either list, its times named and its betweenness. */
function rankingTable(
  byDegree: { name: string; value: number; category: string }[],
  byBetweenness: { name: string; value: number; category: string }[],
  tr: Translator,
): ChartTable {
  const names = [...new Set([...byDegree, ...byBetweenness].map((r) => r.name))];
  const find = (list: typeof byDegree, name: string) => list.find((r) => r.name === name);
  return {
    columns: [
      tr.t('charts.table.actor'),
      tr.t('charts.table.category'),
      tr.t('charts.ranking.inDegree'),
      tr.t('charts.ranking.betweenness'),
    ],
    numeric: [false, false, true, true],
    rows: names.map((name) => {
      const d = find(byDegree, name);
      const b = find(byBetweenness, name);
      return [name, (d ?? b)!.category, d ? tr.integer(d.value) : '–', b ? tr.number(b.value, 3) : '–'];
    }),
  };
}
