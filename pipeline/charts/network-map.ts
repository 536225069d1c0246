/**
 * Network map of one round: nodes at the union layout (the same place in every round), category by
 * symbol and colour (map-parts.ts), size by in-degree (how many name the actor), hollow when the
 * actor has no tie in the round; survey ties as lines whose width is the cooperation level, dashed
 * for weak ties, an arrowhead at the actor named; ties known from mapping dotted, apart from the
 * survey's; labels placed so that they collide with nothing and cross as few ties as possible
 * (labels.ts), plan targets and members first. The legend is drawn below the map (legend.ts).
 */
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import type { RoundMetrics } from '../model/metrics.ts';
import type { Position, SerializedRoundNetwork } from '../model/responses.ts';
import { labelLayers, pixelAxes } from './labels.ts';
import { legendBlock } from './legend.ts';
import {
  categorySection,
  MAP_HEIGHT,
  MAP_WIDTH,
  mapLabels,
  mapNodes,
  mappingEntry,
  mappingLayer,
  mappingSegments,
  sizeSection,
  symbolLayer,
  symbolRadius,
  symbolSize,
  thinning,
  toPixels,
} from './map-parts.ts';
import { chartDef, EDGE, INK, TEXT_PX } from './style.ts';
import { actorTable } from './table.ts';

/** Line width of a survey tie by cooperation level 0–5 (unknown: as 0). */
export const tieWidth = (cooperation: number | null) => 0.6 + 0.5 * (cooperation ?? 0);

export function networkMap(
  round: SerializedRoundNetwork,
  metrics: RoundMetrics,
  layout: Record<string, Position>,
  tr: Translator,
  maxInDegree: number,
  labelMembers = true,
  targets: Set<string> = new Set(),
): ChartDef {
  const byId = new Map(metrics.actors.map((a) => [a.id, a]));
  const domainMax = Math.max(10, maxInDegree);
  const px = toPixels(layout);
  const nodes = mapNodes(metrics.actors, round, px, domainMax);
  const radius = (id: string) => symbolRadius(symbolSize(byId.get(id)?.inDegree ?? 0, domainMax));
  const survey = (round.graph.edges ?? []).filter((e) => e.attributes?.origin === 'survey');
  const thin = thinning(survey.length);
  const width = (cooperation: number | null) => tieWidth(cooperation) * thin;
  const edges = survey.map((e) => {
    const s = px(e.source);
    const t = px(e.target);
    const attrs = e.attributes!;
    // arrowhead just outside the target's symbol
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const len = Math.hypot(dx, dy) || 1;
    const back = radius(e.target) + 3.5;
    return {
      from: e.source,
      to: e.target,
      x: s.x,
      y: s.y,
      x2: t.x,
      y2: t.y,
      ax: t.x - (dx / len) * back,
      ay: t.y - (dy / len) * back,
      angle: Math.round(((Math.atan2(dx, -dy) * 180) / Math.PI + 360) % 360),
      width: width(attrs.cooperation),
      strong: attrs.strong,
      cooperation: attrs.cooperation,
      strength: tr.t(attrs.strong ? 'tie.strong' : 'tie.weak'),
    };
  });
  const mapping = mappingSegments(round, px);
  const labels = mapLabels(nodes, targets, labelMembers, [...edges, ...mapping]);

  const legendSections = [
    {
      title: tr.t('charts.network.ties'),
      entries: [
        { kind: 'line' as const, text: tr.t('tie.strong'), colour: EDGE, width: width(3), dash: [] },
        { kind: 'line' as const, text: tr.t('tie.weak'), colour: EDGE, width: width(1), dash: [5, 3] },
        ...(mapping.length > 0 ? [mappingEntry(tr, mapping.length)] : []),
      ],
    },
    {
      title: tr.t('charts.network.cooperation'),
      entries: [1, 3, 5].map((level) => ({
        kind: 'line' as const,
        text: `${level} ${tr.t(`cooperation.${level}`)}`,
        colour: EDGE,
        width: width(level),
        dash: [],
      })),
    },
    categorySection(tr, nodes, tr.t('charts.network.noTie')),
    sizeSection(tr.t('charts.network.inDegree'), domainMax, tr),
  ];
  // the legend's height does not depend on where it starts
  const legendHeight = legendBlock(legendSections, 0, MAP_WIDTH, pixelAxes(MAP_WIDTH, 1)).height;
  const height = Math.ceil(MAP_HEIGHT + 8 + legendHeight);
  const axes = pixelAxes(MAP_WIDTH, height);
  const { X, Y } = axes;
  const legend = legendBlock(legendSections, MAP_HEIGHT + 8, MAP_WIDTH, axes);
  const title = tr.t('charts.network.title', {
    round: round.round.label,
    ties: tr.integer(metrics.network.ties),
    density: tr.number(metrics.network.density, 3),
  });
  const description = tr.t('charts.network.description', { round: round.round.label });
  const rule = (name: string, values: typeof edges, dash: number[]) => ({
    name,
    data: { values },
    mark: { type: 'rule', color: EDGE, strokeDash: dash },
    encoding: {
      x: { field: 'x', ...X },
      y: { field: 'y', ...Y },
      x2: { field: 'x2' },
      y2: { field: 'y2' },
      strokeWidth: { field: 'width', type: 'quantitative', scale: null },
    },
  });
  return chartDef(
    `network-${round.round.id}`,
    title,
    description,
    tr,
    {
      width: MAP_WIDTH,
      height,
      layer: [
        rule(
          'survey_ties_weak',
          edges.filter((e) => !e.strong),
          [5, 3],
        ),
        rule(
          'survey_ties_strong',
          edges.filter((e) => e.strong),
          [],
        ),
        ...(mapping.length > 0 ? [mappingLayer(mapping, axes)] : []),
        {
          name: 'arrowheads',
          data: { values: edges },
          mark: { type: 'point', shape: 'triangle-up', filled: true, color: EDGE, opacity: 1, size: 26 },
          encoding: { x: { field: 'ax', ...X }, y: { field: 'ay', ...Y }, angle: { field: 'angle', type: 'quantitative', scale: null } },
        },
        symbolLayer(nodes, axes),
        ...labelLayers(labels, axes, TEXT_PX, INK),
        ...legend.layers,
      ],
    },
    { table: actorTable(metrics.actors, tr, labelMembers) },
  );
}
