/**
 * Network map of one round: nodes at the union layout (the same place in every round), colour by
 * category (Okabe–Ito), size by in-degree (how many name the actor), edge width by cooperation
 * level, dashed edges for weak ties, an arrowhead at the actor named, and labels placed so they do
 * not collide (members and the most named actors first; see labels.ts). Vega-Lite layers: rules
 * for edges, triangles for arrowheads, circles, text.
 */
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { RoundMetrics } from '../model/metrics.ts';
import type { Position, SerializedRoundNetwork } from '../model/responses.ts';
import { labelLayers, pixelAxes, placeLabels } from './labels.ts';
import { categoryScale, chartDef } from './style.ts';

const WIDTH = 640;
const HEIGHT = 560;
const SIZE_RANGE: [number, number] = [40, 700];
const FONT_SIZE = 9;

export function networkMap(
  round: SerializedRoundNetwork,
  metrics: RoundMetrics,
  layout: Record<string, Position>,
  tr: Translator,
  maxInDegree: number,
  labelMembers = true,
): ChartDef {
  const byId = new Map(metrics.actors.map((a) => [a.id, a]));
  const domainMax = Math.max(10, maxInDegree);
  const radius = (inDegree: number) => Math.sqrt((SIZE_RANGE[0] + ((SIZE_RANGE[1] - SIZE_RANGE[0]) * inDegree) / domainMax) / Math.PI);
  const px = (id: string) => ({ x: (layout[id]?.x ?? 0.5) * WIDTH, y: (layout[id]?.y ?? 0.5) * HEIGHT });
  const nodes = metrics.actors.map((a) => ({
    id: a.id,
    label: a.name,
    ...px(a.id),
    r: radius(a.inDegree),
    inDegree: a.inDegree,
    category: tr.t(`category.${a.category}`),
    member: a.member,
  }));
  const edges = (round.graph.edges ?? []).map((e) => {
    const s = px(e.source);
    const t = px(e.target);
    const attrs = e.attributes!;
    // arrowhead just outside the target's circle
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const len = Math.hypot(dx, dy) || 1;
    const back = radius(byId.get(e.target)?.inDegree ?? 0) + 4;
    return {
      x: s.x,
      y: s.y,
      x2: t.x,
      y2: t.y,
      ax: t.x - (dx / len) * back,
      ay: t.y - (dy / len) * back,
      angle: Math.round(((Math.atan2(dx, -dy) * 180) / Math.PI + 360) % 360),
      cooperation: attrs.cooperation ?? 0,
      strength: attrs.strong ? tr.t('tie.strong') : tr.t('tie.weak'),
      from: byId.get(e.source)?.name ?? e.source,
      to: byId.get(e.target)?.name ?? e.target,
    };
  });
  const order = [...nodes].sort((a, b) => Number(b.member) - Number(a.member) || b.inDegree - a.inDegree || a.label.localeCompare(b.label));
  const labels = placeLabels(
    order.filter((n) => labelMembers || !n.member).map((n) => ({ id: n.id, text: n.label, x: n.x, y: n.y, r: n.r, bold: n.member })),
    nodes,
    WIDTH,
    HEIGHT,
    FONT_SIZE,
  );
  const axes = pixelAxes(WIDTH, HEIGHT);
  const { X, Y } = axes;
  const title = tr.t('charts.network.title', {
    round: round.round.label,
    ties: tr.integer(metrics.network.ties),
    density: tr.number(metrics.network.density, 3),
  });
  const description = tr.t('charts.network.description', { round: round.round.label });
  return chartDef(`network-${round.round.id}`, title, description, tr, {
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: edges },
        mark: { type: 'rule', opacity: 0.4, color: '#555' },
        encoding: {
          x: { field: 'x', ...X },
          y: { field: 'y', ...Y },
          x2: { field: 'x2' },
          y2: { field: 'y2' },
          strokeWidth: {
            field: 'cooperation',
            type: 'quantitative',
            scale: { domain: [0, 5], range: [0.5, 4] },
            title: tr.t('charts.network.cooperation'),
          },
          strokeDash: {
            field: 'strength',
            type: 'nominal',
            scale: {
              domain: [tr.t('tie.strong'), tr.t('tie.weak')],
              range: [
                [1, 0],
                [4, 3],
              ],
            },
            title: tr.t('charts.network.strength'),
          },
        },
      },
      {
        data: { values: edges },
        mark: { type: 'point', shape: 'triangle-up', filled: true, color: '#555', opacity: 0.7, size: 22 },
        encoding: { x: { field: 'ax', ...X }, y: { field: 'ay', ...Y }, angle: { field: 'angle', type: 'quantitative', scale: null } },
      },
      {
        data: { values: nodes },
        mark: { type: 'circle', opacity: 1, stroke: 'white', strokeWidth: 1 },
        encoding: {
          x: { field: 'x', ...X },
          y: { field: 'y', ...Y },
          size: {
            field: 'inDegree',
            type: 'quantitative',
            scale: { domain: [0, domainMax], range: SIZE_RANGE },
            title: tr.t('charts.network.inDegree'),
          },
          color: { field: 'category', type: 'nominal', scale: categoryScale(tr), title: tr.t('charts.network.category') },
        },
      },
      ...labelLayers(labels, axes, FONT_SIZE),
    ],
  });
}
