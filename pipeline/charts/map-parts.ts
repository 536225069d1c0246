/**
 * Pieces shared by the node-link maps of one case (a round's map and the change map): the
 * plotting area, the actor symbols (category by shape and colour, dark outline, size by how many
 * name the actor, hollow when the actor has no tie), the ties known from mapping drawn apart, the
 * order in which actors are labelled and the legend sections that explain all of it.
 */
import { CATEGORIES, type Category } from '../domain.ts';
import type { Translator } from '../i18n.ts';
import type { ActorMetrics } from '../model/metrics.ts';
import type { Position, SerializedRoundNetwork } from '../model/responses.ts';
import { type PlacedLabel, placeLabels, type Segment } from './labels.ts';
import type { LegendEntry, LegendSection } from './legend.ts';
import { CATEGORY_COLOURS, CATEGORY_SHAPES, EDGE, MAPPING_STYLE, OUTLINE, PRINT, TEXT_PX } from './style.ts';

/** Plot width: with Vega's 5 px padding on each side the chart is the printed column's width. */
export const MAP_WIDTH = PRINT.width - 10;
export const MAP_HEIGHT = 540;
/** Symbol area (px²) for 0 and for the most named actor. */
export const SIZE_RANGE: [number, number] = [40, 620];

export type Pixels = (id: string) => { x: number; y: number };

/** Line widths are scaled down on maps with many ties (not below half), so that dense maps do not turn solid. */
export const thinning = (ties: number) => Math.min(1, Math.max(0.5, Math.sqrt(250 / Math.max(1, ties))));

/** Node centre in pixels from the union layout ([0, 1]², the same place in every round). */
export const toPixels =
  (layout: Record<string, Position>): Pixels =>
  (id: string) => ({
    x: (layout[id]?.x ?? 0.5) * MAP_WIDTH,
    y: (layout[id]?.y ?? 0.5) * MAP_HEIGHT,
  });

/** Symbol area for an in-degree on a scale whose top is `domainMax`. */
export const symbolSize = (inDegree: number, domainMax: number) =>
  SIZE_RANGE[0] + ((SIZE_RANGE[1] - SIZE_RANGE[0]) * Math.min(inDegree, domainMax)) / Math.max(1, domainMax);

/** Half the side of the box a symbol of that area occupies (a square's corner reaches 0.5·√area). */
export const symbolRadius = (size: number) => 0.56 * Math.sqrt(size);

export interface MapNode {
  id: string;
  x: number;
  y: number;
  size: number;
  category: Category;
  /** Drawn hollow: no tie in the round shown. */
  hollow: boolean;
  label?: string;
  member?: boolean;
}

/**
 * The actors of a map, each at its place in the union layout, sized by how many name it (on a scale
 * whose top is `domainMax`) and hollow when `round`, the round drawn, gives it no tie.
 */
export function mapNodes(actors: readonly ActorMetrics[], round: SerializedRoundNetwork, px: Pixels, domainMax: number) {
  const tied = new Set((round.graph.edges ?? []).flatMap((e) => [e.source, e.target]));
  return actors.map((a) => ({
    id: a.id,
    label: a.name,
    ...px(a.id),
    size: symbolSize(a.inDegree, domainMax),
    inDegree: a.inDegree,
    category: a.category,
    member: a.member,
    hollow: !tied.has(a.id),
  }));
}

/** The labels of a map in label order, each placed off the symbols and off the ties drawn (`segments`). */
export function mapLabels(
  nodes: ReturnType<typeof mapNodes>,
  targets: Set<string>,
  labelMembers: boolean,
  segments: Segment[],
): PlacedLabel[] {
  return placeLabels(
    labelOrder(nodes, targets, labelMembers).map((n) => ({
      id: n.id,
      text: n.label,
      x: n.x,
      y: n.y,
      r: symbolRadius(n.size),
      bold: n.member,
    })),
    nodes.map((n) => ({ x: n.x, y: n.y, r: symbolRadius(n.size) })),
    { width: MAP_WIDTH, height: MAP_HEIGHT, fontSize: TEXT_PX, segments },
  );
}

/**
 * The actor symbols: one point layer, shape and fill from the category, outlined. Each carries the
 * actor's id, label, category and membership, which the workbench's explorer reads from the spec.
 */
export function symbolLayer(nodes: MapNode[], axes: { X: Record<string, unknown>; Y: Record<string, unknown> }) {
  return {
    name: 'actor_symbols',
    data: {
      values: nodes.map((n) => ({
        id: n.id,
        ...(n.label === undefined ? {} : { label: n.label }),
        category: n.category,
        ...(n.member === undefined ? {} : { member: n.member }),
        x: n.x,
        y: n.y,
        size: n.size,
        shape: CATEGORY_SHAPES[n.category],
        fill: n.hollow ? 'white' : CATEGORY_COLOURS[n.category],
      })),
    },
    mark: { type: 'point', filled: true, opacity: 1, stroke: OUTLINE, strokeWidth: 1 },
    encoding: {
      x: { field: 'x', ...axes.X },
      y: { field: 'y', ...axes.Y },
      shape: { field: 'shape', type: 'nominal', scale: null },
      fill: { field: 'fill', type: 'nominal', scale: null },
      size: { field: 'size', type: 'quantitative', scale: null },
    },
  };
}

/** Ties known from mapping (both directions stored), once per pair of actors. */
/** A round's ties known from mapping (each pair once, whatever its direction) as segments in pixels. */
export function mappingSegments(round: SerializedRoundNetwork, px: Pixels): Segment[] {
  return mappingPairs(round).map((p) => ({ ...px(p.source), x2: px(p.target).x, y2: px(p.target).y }));
}

function mappingPairs(round: SerializedRoundNetwork): { source: string; target: string }[] {
  const seen = new Set<string>();
  const out: { source: string; target: string }[] = [];
  for (const e of round.graph.edges ?? []) {
    if (e.attributes?.origin !== 'mapping') continue;
    const [a, b] = [e.source, e.target].sort() as [string, string];
    if (seen.has(`${a}\u0000${b}`)) continue;
    seen.add(`${a}\u0000${b}`);
    out.push({ source: a, target: b });
  }
  return out;
}

/** A dotted layer for the mapping ties (segments in pixels). */
export function mappingLayer(segments: Segment[], axes: { X: Record<string, unknown>; Y: Record<string, unknown> }) {
  return {
    name: 'mapping_ties',
    data: { values: segments },
    mark: {
      type: 'rule',
      color: MAPPING_STYLE.colour,
      strokeWidth: MAPPING_STYLE.width,
      strokeDash: MAPPING_STYLE.dash,
      strokeCap: 'round',
    },
    encoding: { x: { field: 'x', ...axes.X }, y: { field: 'y', ...axes.Y }, x2: { field: 'x2' }, y2: { field: 'y2' } },
  };
}

/** Legend entries for the categories present, in the domain's order. */
export function categoryEntries(tr: Translator, present: Iterable<Category>): LegendEntry[] {
  const set = new Set(present);
  return CATEGORIES.filter((c) => set.has(c)).map((c) => ({
    kind: 'symbol' as const,
    text: tr.t(`category.${c}`),
    shape: CATEGORY_SHAPES[c],
    fill: CATEGORY_COLOURS[c],
    stroke: OUTLINE,
    size: 110,
  }));
}

/** The category legend of a map, with the hollow symbol when some actor has no tie. */
export function categorySection(tr: Translator, nodes: { category: Category; hollow: boolean }[], hollowText: string): LegendSection {
  return {
    title: tr.t('charts.network.category'),
    entries: [
      ...categoryEntries(
        tr,
        nodes.map((n) => n.category),
      ),
      ...(nodes.some((n) => n.hollow)
        ? [{ kind: 'symbol' as const, text: hollowText, shape: 'circle', fill: 'white', stroke: OUTLINE, size: 110 }]
        : []),
    ],
  };
}

/** A size legend: a few in-degrees up to the top of the scale, as grey circles. */
export function sizeSection(title: string, domainMax: number, tr: Translator): LegendSection {
  const top = Math.max(1, domainMax);
  const values = [...new Set([1, Math.round(top / 2), top])].filter((v) => v >= 1);
  return {
    title,
    entries: values.map((v) => ({
      kind: 'symbol',
      text: tr.integer(v),
      shape: 'circle',
      fill: EDGE,
      stroke: OUTLINE,
      size: symbolSize(v, top),
    })),
  };
}

export const mappingEntry = (tr: Translator, n: number): LegendEntry => ({
  kind: 'line',
  text: tr.t('charts.map.mapping', { n: tr.integer(n) }),
  colour: MAPPING_STYLE.colour,
  width: MAPPING_STYLE.width,
  dash: MAPPING_STYLE.dash,
});

/**
 * Label order: plan targets, then members (bold; unless the edition leaves them unlabelled), then
 * the most named actors; ties broken by name.
 */
export function labelOrder<T extends { id: string; label: string; member: boolean; inDegree: number }>(
  nodes: T[],
  targets: Set<string>,
  labelMembers: boolean,
): T[] {
  return nodes
    .filter((n) => labelMembers || !n.member)
    .sort(
      (a, b) =>
        Number(targets.has(b.id)) - Number(targets.has(a.id)) ||
        Number(b.member) - Number(a.member) ||
        b.inDegree - a.inDegree ||
        a.label.localeCompare(b.label),
    );
}
