/**
 * Centrality ranking of one round: the top actors by in-degree (how many name them) beside the
 * top actors by normalised betweenness (brokers), as horizontal bars coloured by category.
 * Ties in the ranking are broken by name so the order is stable.
 */
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { ActorMetrics, RoundMetrics } from '../model/metrics.ts';
import { categoryScale, chartDef } from './style.ts';

export function topBy(actors: ActorMetrics[], key: 'inDegree' | 'betweennessNormalized', n: number): ActorMetrics[] {
  return [...actors]
    .filter((a) => a[key] > 0)
    .sort((a, b) => b[key] - a[key] || a.name.localeCompare(b.name))
    .slice(0, n);
}

export function rankingChart(round: RoundMetrics, n: number, tr: Translator): ChartDef {
  const rows = (key: 'inDegree' | 'betweennessNormalized') =>
    topBy(round.actors, key, n).map((a, i) => ({ rank: i, name: a.name, value: a[key], category: tr.t(`category.${a.category}`) }));
  const byDegree = rows('inDegree');
  const top = byDegree.slice(0, 3).map((r) => r.name);
  const title = tr.t('charts.ranking.title', { round: round.round.label, top: tr.list(top) });
  const description = tr.t('charts.ranking.description', { round: round.round.label });
  const panel = (values: ReturnType<typeof rows>, titleKey: string, format: string) => ({
    data: { values },
    width: 230,
    height: { step: 17 },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: { field: 'rank', order: 'ascending' }, title: null, axis: { labelLimit: 150 } },
      x: { field: 'value', type: 'quantitative', title: tr.t(titleKey), axis: { format, tickMinStep: format === 'd' ? 1 : undefined } },
      color: { field: 'category', type: 'nominal', scale: categoryScale(tr), title: tr.t('charts.ranking.category') },
    },
  });
  return chartDef(`ranking-${round.round.id}`, title, description, tr, {
    hconcat: [panel(byDegree, 'charts.ranking.inDegree', 'd'), panel(rows('betweennessNormalized'), 'charts.ranking.betweenness', '.2f')],
    resolve: { scale: { color: 'shared' } },
  });
}
