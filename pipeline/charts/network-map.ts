/**
 * Network map of one round: nodes at the union layout (the same place in every round), colour by
 * category, size by in-degree (how many name the actor), edge width by cooperation level, dashed
 * edges for weak ties. Labels for every actor, small; members' labels in bold. Vega-Lite layers:
 * rules for edges, circles, text.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Translator } from '../i18n.ts';
import type { RoundMetrics } from '../metrics.ts';
import type { Position, SerializedRoundNetwork } from '../types.ts';
import { categoryScale, chartConfig } from './style.ts';

export interface ChartDef {
  id: string;
  title: string;
  description: string;
  spec: TopLevelSpec;
}

export function networkMap(round: SerializedRoundNetwork, metrics: RoundMetrics, layout: Record<string, Position>, tr: Translator): ChartDef {
  const byId = new Map(metrics.actors.map((a) => [a.id, a]));
  const nodes = metrics.actors.map((a) => ({
    id: a.id,
    label: a.name,
    x: layout[a.id]?.x ?? 0.5,
    y: layout[a.id]?.y ?? 0.5,
    inDegree: a.inDegree,
    category: tr.t(`category.${a.category}`),
    member: a.member,
  }));
  const edges = (round.graph.edges ?? []).map((e) => {
    const s = layout[e.source] ?? { x: 0.5, y: 0.5 };
    const t = layout[e.target] ?? { x: 0.5, y: 0.5 };
    const attrs = e.attributes!;
    return {
      x: s.x,
      y: s.y,
      x2: t.x,
      y2: t.y,
      cooperation: attrs.cooperation ?? 0,
      strength: attrs.strong ? tr.t('tie.strong') : tr.t('tie.weak'),
      from: byId.get(e.source)?.name ?? e.source,
      to: byId.get(e.target)?.name ?? e.target,
    };
  });
  const X = { type: 'quantitative' as const, scale: { domain: [0, 1], nice: false, zero: false }, axis: null };
  const Y = { type: 'quantitative' as const, scale: { domain: [1, 0], nice: false, zero: false }, axis: null };
  const title = tr.t('charts.network.title', { round: round.round.label, ties: tr.integer(metrics.network.ties), density: tr.number(metrics.network.density, 3) });
  const description = tr.t('charts.network.description', { round: round.round.label });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    description,
    width: 640,
    height: 560,
    config: chartConfig(tr),
    layer: [
      {
        data: { values: edges },
        mark: { type: 'rule', opacity: 0.45, color: '#555' },
        encoding: {
          x: { field: 'x', ...X },
          y: { field: 'y', ...Y },
          x2: { field: 'x2' },
          y2: { field: 'y2' },
          strokeWidth: { field: 'cooperation', type: 'quantitative', scale: { domain: [0, 5], range: [0.5, 4] }, title: tr.t('charts.network.cooperation') },
          strokeDash: { field: 'strength', type: 'nominal', scale: { domain: [tr.t('tie.strong'), tr.t('tie.weak')], range: [[1, 0], [4, 3]] }, title: tr.t('charts.network.strength') },
        },
      },
      {
        data: { values: nodes },
        mark: { type: 'circle', opacity: 1, stroke: 'white', strokeWidth: 1 },
        encoding: {
          x: { field: 'x', ...X },
          y: { field: 'y', ...Y },
          size: { field: 'inDegree', type: 'quantitative', scale: { domain: [0, Math.max(10, ...nodes.map((n) => n.inDegree))], range: [40, 700] }, title: tr.t('charts.network.inDegree') },
          color: { field: 'category', type: 'nominal', scale: categoryScale(tr), title: tr.t('charts.network.category') },
        },
      },
      ...[true, false].map((member) => ({
        data: { values: nodes },
        transform: [{ filter: member ? 'datum.member' : '!datum.member' }],
        mark: { type: 'text', dy: -11, fontSize: 8.5, color: '#222', fontWeight: member ? 'bold' : 'normal' },
        encoding: {
          x: { field: 'x', ...X },
          y: { field: 'y', ...Y },
          text: { field: 'label' },
        },
      })),
    ],
  } as TopLevelSpec;
  return { id: `network-${round.round.id}`, title, description, spec };
}
