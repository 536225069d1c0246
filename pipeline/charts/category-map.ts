/**
 * The network map for large networks (more than MAP_DETAIL_LIMIT actors, e.g. every KUBE of a
 * kota): thousands of dots and tens of thousands of lines are unreadable and make the report
 * heavy, so actors are aggregated by category. Each category is one symbol (its shape and colour,
 * size = actors in it, label with the count), each line the number of reported ties from one
 * category to another (width = ties; ties inside a category are in the symbol's label).
 */

import { CATEGORIES } from '../domain.ts';
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { RoundMetrics } from '../model/metrics.ts';
import type { SerializedRoundNetwork } from '../model/responses.ts';
import { LAYOUT_LIMIT } from '../network.ts';
import { pixelAxes } from './labels.ts';
import { MAP_WIDTH } from './map-parts.ts';
import { categoryScale, categoryShapeScale, chartDef, EDGE, INK, OUTLINE, TEXT_PX } from './style.ts';

const WIDTH = MAP_WIDTH;
const HEIGHT = 540;

/** Networks larger than the force layout's limit (network.ts): one rule for both. */
export const MAP_DETAIL_LIMIT = LAYOUT_LIMIT;

export function categoryMap(round: SerializedRoundNetwork, metrics: RoundMetrics, tr: Translator): ChartDef {
  const categoryOf = new Map(metrics.actors.map((a) => [a.id, a.category]));
  const present = CATEGORIES.filter((c) => metrics.actors.some((a) => a.category === c));
  const pos = new Map(
    present.map((c, i) => [
      c,
      {
        x: WIDTH / 2 + 200 * Math.cos((2 * Math.PI * i) / present.length - Math.PI / 2),
        y: 250 + 190 * Math.sin((2 * Math.PI * i) / present.length - Math.PI / 2),
      },
    ]),
  );
  const flows = new Map<string, number>();
  const inside = new Map<string, number>();
  for (const e of round.graph.edges ?? []) {
    const a = categoryOf.get(e.source)!;
    const b = categoryOf.get(e.target)!;
    if (a === b) inside.set(a, (inside.get(a) ?? 0) + 1);
    else flows.set(`${a}>${b}`, (flows.get(`${a}>${b}`) ?? 0) + 1);
  }
  const nodes = present.map((c) => ({
    ...pos.get(c)!,
    category: tr.t(`category.${c}`),
    actors: metrics.actors.filter((a) => a.category === c).length,
    label: tr.t('charts.categoryMap.node', {
      category: tr.t(`category.${c}`),
      actors: metrics.actors.filter((a) => a.category === c).length,
      inside: inside.get(c) ?? 0,
    }),
  }));
  const edges = [...flows].map(([k, ties]) => {
    const [a, b] = k.split('>') as [(typeof present)[number], (typeof present)[number]];
    const s = pos.get(a)!;
    const t = pos.get(b)!;
    // offset each direction sideways so a→b and b→a do not overlap
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const len = Math.hypot(dx, dy) || 1;
    const ox = (-dy / len) * 6;
    const oy = (dx / len) * 6;
    return { x: s.x + ox, y: s.y + oy, x2: t.x + ox, y2: t.y + oy, ties };
  });
  const { X, Y } = pixelAxes(WIDTH, HEIGHT);
  const title = tr.t('charts.categoryMap.title', {
    round: round.round.label,
    actors: tr.integer(metrics.network.actors),
    ties: tr.integer(metrics.network.ties),
  });
  const description = tr.t('charts.categoryMap.description', { round: round.round.label, limit: MAP_DETAIL_LIMIT });
  return chartDef(
    `network-${round.round.id}`,
    title,
    description,
    tr,
    {
      width: WIDTH,
      height: HEIGHT,
      layer: [
        {
          data: { values: edges },
          mark: { type: 'rule', color: EDGE },
          encoding: {
            x: { field: 'x', ...X },
            y: { field: 'y', ...Y },
            x2: { field: 'x2' },
            y2: { field: 'y2' },
            strokeWidth: {
              field: 'ties',
              type: 'quantitative',
              scale: { zero: true, range: [0.5, 14] },
              title: tr.t('charts.categoryMap.ties'),
            },
          },
        },
        {
          data: { values: nodes },
          mark: { type: 'point', filled: true, opacity: 1, stroke: OUTLINE, strokeWidth: 1 },
          encoding: {
            x: { field: 'x', ...X },
            y: { field: 'y', ...Y },
            size: { field: 'actors', type: 'quantitative', scale: { range: [300, 4000] }, legend: null },
            color: { field: 'category', type: 'nominal', scale: categoryScale(tr), title: tr.t('charts.network.category') },
            shape: { field: 'category', type: 'nominal', scale: categoryShapeScale(tr), title: tr.t('charts.network.category') },
          },
        },
        {
          data: { values: nodes },
          mark: { type: 'text', dy: 46, fontSize: TEXT_PX, fontWeight: 'bold', color: INK },
          encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, text: { field: 'label' } },
        },
      ],
    },
    {
      table: {
        columns: [
          tr.t('charts.table.category'),
          tr.t('charts.table.actors'),
          tr.t('charts.table.tiesInside'),
          tr.t('charts.table.tiesOut'),
        ],
        numeric: [false, true, true, true],
        rows: present.map((c) => [
          tr.t(`category.${c}`),
          tr.integer(metrics.actors.filter((a) => a.category === c).length),
          tr.integer(inside.get(c) ?? 0),
          tr.integer([...flows].filter(([k]) => k.startsWith(`${c}>`)).reduce((s, [, n]) => s + n, 0)),
        ]),
      },
    },
  );
}
