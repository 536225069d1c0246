/**
 * Centrality ranking of one round: the top actors by in-degree (how many name them) above the
 * top actors by normalised betweenness (brokers), as horizontal bars filled by category, outlined,
 * with the category's symbol at the end of each bar so that the category reads without colour.
 * Ties in the ranking are broken by name so the order is stable. Where the edition does not list
 * members one by one (dinas, edition.ts `listed`), the members among the top actors are one bar:
 * their count and their mean.
 */
import { type EditionRules, listed, listedNames } from '../edition.ts';
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

type RankKey = 'inDegree' | 'betweennessNormalized';

/**
 * The top `n` actors by `key` as the edition shows them: each actor with its label, or (dinas)
 * the members among them as one row, "2 dari 10 anggota (rata-rata)", with their mean, in order of value.
 */
export function rankedRows(round: RoundMetrics, key: RankKey, n: number, rules: EditionRules, tr: Translator) {
  const labels = uniqueLabels(round.actors);
  const total = round.actors.filter((a) => a.member).length;
  return listed(rules, topBy(round.actors, key, n))
    .map((place) => {
      if (place.actor)
        return { name: labels.get(place.actor.id)!, value: place.actor[key], category: tr.t(`category.${place.actor.category}`) };
      const { members } = place;
      return {
        name: tr.t('charts.ranking.members', { count: tr.integer(members.length), total: tr.integer(total) }),
        value: members.reduce((sum, a) => sum + a[key], 0) / members.length,
        category: tr.t(`category.${members[0]!.category}`),
      };
    })
    .sort((a, b) => b.value - a.value); // stable: the ranking's own order among equal values
}

export function rankingChart(round: RoundMetrics, n: number, rules: EditionRules, tr: Translator): ChartDef {
  const rows = (key: RankKey) => rankedRows(round, key, n, rules, tr);
  const byDegree = rows('inDegree');
  const top = listedNames(rules, topBy(round.actors, 'inDegree', 3), round.actors.filter((a) => a.member).length, tr);
  const title = tr.t('charts.ranking.title', { round: round.round.label, top: tr.list(top) });
  const description = [
    tr.t('charts.ranking.description', { round: round.round.label }),
    ...(rules.listMembers ? [] : [tr.t('charts.ranking.membersCombined')]),
  ].join(' ');
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
