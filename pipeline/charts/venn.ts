/**
 * The resource-system "Venn" map (the *diagram Venn* facilitators draw by hand), from the group
 * view: the group in the centre; each outside actor a symbol in its category's sector (shape and
 * colour by category), as close to the centre as the group's best cooperation level with it (ring
 * 5 konfederasi innermost, ring 0 known without cooperation outermost; mapped but not known just
 * outside, hollow), sized by the number of members who name it; a ring too crowded for its arc
 * spreads over up to three rows close around it. Rings carry their number in a gap
 * left open at the top, and the legend gives the ladder's words. Every plan target is labelled
 * (placed further out with a leader line when its place is crowded); no label covers a ring
 * number, a sector name or the centre.
 */

import { CATEGORIES } from '../domain.ts';
import type { Translator } from '../i18n.ts';
import { atLeast } from '../metrics/status.ts';
import type { ChartDef } from '../model/charts.ts';
import type { RoundMetrics } from '../model/metrics.ts';
import { type Box, labelLayers, pixelAxes, placeLabels } from './labels.ts';
import { type LegendSection, legendBlock } from './legend.ts';
import { categoryEntries, MAP_WIDTH, sizeSection, symbolLayer, symbolRadius } from './map-parts.ts';
import { chartDef, GROUP_FILL, GUIDE, INK, INK_SOFT, OUTLINE, TEXT_PX } from './style.ts';
import { textWidth } from './text-width.ts';

const CX = MAP_WIDTH / 2;
const CY = 300;
const GROUP_RADIUS = 34;
/** Angle (radians) left free at the top for the ring numbers. */
const GAP = 0.42;

/** Radius (px) of the ring for a cooperation level; null = mapped, not known. */
export function ringRadius(level: number | null): number {
  if (level === null) return 272;
  return 56 + (5 - Math.max(0, Math.min(5, level))) * 38;
}

/** At most this many outside actors on the Venn map (those most members name, and every plan target). */
export const VENN_LIMIT = 60;

/** Symbol area by members naming, on a scale whose top is `maxNaming`. */
const vennSize = (naming: number, maxNaming: number) => 44 + (440 * Math.min(naming, maxNaming)) / Math.max(1, maxNaming);

export function vennMap(round: RoundMetrics, tr: Translator, maxNaming: number, targets: Set<string> = new Set()): ChartDef {
  const ranked = [...round.groupView].sort((a, b) => b.membersNaming - a.membersNaming || a.id.localeCompare(b.id));
  const outside = [...ranked.slice(0, VENN_LIMIT), ...ranked.slice(VENN_LIMIT).filter((a) => targets.has(a.id))];
  const sectors = CATEGORIES.filter((c) => c !== 'internal' && outside.some((a) => a.category === c));
  const span = (2 * Math.PI - GAP) / Math.max(1, sectors.length);
  const start = (s: number) => -Math.PI / 2 + GAP / 2 + s * span;
  // Within a sector, the actors on one ring spread over the whole sector, staggered between rings.
  const points = sectors.flatMap((cat, s) => {
    const inSector = outside.filter((a) => a.category === cat);
    const level = (a: (typeof inSector)[number]) => (a.membersNaming > 0 ? (a.bestCooperation ?? 0) : null);
    const rings = [...new Set(inSector.map((a) => ringRadius(level(a))))].sort((a, b) => a - b);
    return rings.flatMap((r, ringIndex) => {
      const onRing = inSector
        .filter((a) => ringRadius(level(a)) === r)
        .sort((a, b) => b.membersNaming - a.membersNaming || a.name.localeCompare(b.name));
      // a crowded ring spreads over up to three rows just around it (within a third of the ring step)
      const arc = span * 0.88 * r;
      const needed = onRing.reduce((sum, a) => sum + 2 * symbolRadius(vennSize(a.membersNaming, maxNaming)) + 2, 0);
      const rows = Math.min(3, Math.max(1, Math.ceil(needed / arc)));
      const shifts = r === ringRadius(5) ? [0, 13, 26] : [0, 13, -13];
      return onRing.map((a, i) => {
        const row = i % rows;
        const inRow = Math.ceil((onRing.length - row) / rows);
        const k = Math.floor(i / rows);
        const offset = inRow === 1 ? 0.5 + (ringIndex % 2 === 0 ? -0.12 : 0.12) : (k + 0.5 + (row % 2) * 0.5) / (inRow + 0.5);
        const angle = start(s) + span * (0.06 + 0.88 * offset);
        const radius = r + shifts[row]!;
        return {
          id: a.id,
          label: a.name,
          x: CX + radius * Math.cos(angle),
          y: CY + radius * Math.sin(angle),
          naming: a.membersNaming,
          size: vennSize(a.membersNaming, maxNaming),
          category: a.category,
          hollow: a.membersNaming === 0,
        };
      });
    });
  });

  // sector names just outside the outermost symbols
  const outer = points.some((p) => p.hollow) ? ringRadius(null) : ringRadius(0);
  const sectorRadius = outer + 22;
  const plotHeight = Math.round(CY + sectorRadius + 12);
  const levels = [0, 1, 2, 3, 4, 5];
  const ringPath = levels.flatMap((level) =>
    Array.from({ length: 97 }, (_, k) => ({
      ring: level,
      k,
      x: CX + ringRadius(level) * Math.cos((k * 2 * Math.PI) / 96),
      y: CY + ringRadius(level) * Math.sin((k * 2 * Math.PI) / 96),
    })),
  );
  const ringNumbers = levels.map((level) => ({ x: CX, y: CY - ringRadius(level) - 1, text: String(level) }));
  const dividers = [...sectors.map((_, s) => start(s)), start(sectors.length)].map((a) => ({
    x: CX + (GROUP_RADIUS + 8) * Math.cos(a),
    y: CY + (GROUP_RADIUS + 8) * Math.sin(a),
    x2: CX + (outer + 10) * Math.cos(a),
    y2: CY + (outer + 10) * Math.sin(a),
  }));
  const sectorLabels = sectors.map((cat, s) => {
    const a = start(s) + span / 2;
    return { x: CX + sectorRadius * Math.cos(a), y: CY + sectorRadius * Math.sin(a), text: tr.t(`category.${cat}`).toUpperCase() };
  });
  const textBox = (x: number, y: number, text: string, bold: boolean, baseline: 'middle' | 'bottom'): Box => {
    const w = textWidth(text, TEXT_PX, bold);
    const h = TEXT_PX;
    return baseline === 'middle'
      ? { x0: x - w / 2 - 1, y0: y - h / 2 - 1, x1: x + w / 2 + 1, y1: y + h / 2 + 1 }
      : { x0: x - w / 2 - 1, y0: y - h - 1, x1: x + w / 2 + 1, y1: y + 1 };
  };
  const obstacles = [
    ...ringNumbers.map((r) => textBox(r.x, r.y, r.text, false, 'bottom')),
    ...sectorLabels.map((s) => textBox(s.x, s.y, s.text, true, 'middle')),
  ];
  const labels = placeLabels(
    [...points]
      .sort((a, b) => Number(targets.has(b.id)) - Number(targets.has(a.id)) || b.naming - a.naming || a.label.localeCompare(b.label))
      .map((p) => ({ id: p.id, text: p.label, x: p.x, y: p.y, r: symbolRadius(p.size), bold: false, required: targets.has(p.id) })),
    [...points.map((p) => ({ x: p.x, y: p.y, r: symbolRadius(p.size) })), { x: CX, y: CY, r: GROUP_RADIUS }],
    { width: MAP_WIDTH, height: plotHeight, fontSize: TEXT_PX, obstacles },
  );

  const legendSections: LegendSection[] = [
    { title: tr.t('charts.network.category'), entries: categoryEntries(tr, sectors) },
    sizeSection(tr.t('charts.venn.naming'), maxNaming, tr),
    {
      title: tr.t('charts.venn.rings'),
      entries: [
        ...levels
          .slice()
          .reverse()
          .map((l) => ({ kind: 'text' as const, text: `${l} ${tr.t(`cooperation.${l}`)}` })),
        { kind: 'symbol' as const, text: tr.t('charts.venn.notKnown'), shape: 'circle', fill: 'white', stroke: OUTLINE, size: 110 },
      ],
    },
  ];
  const legendHeight = legendBlock(legendSections, 0, MAP_WIDTH, pixelAxes(MAP_WIDTH, 1)).height;
  const height = Math.ceil(plotHeight + 6 + legendHeight);
  const axes = pixelAxes(MAP_WIDTH, height);
  const { X, Y } = axes;
  const legend = legendBlock(legendSections, plotHeight + 6, MAP_WIDTH, axes);

  const all = round.groupView;
  const cooperating = all.filter((a) => atLeast(a.status, 'cooperating')).length;
  const title = tr.t('charts.venn.title', {
    round: round.round.label,
    cooperating,
    known: all.filter((a) => a.membersNaming > 0).length,
    mapped: all.length,
  });
  const description = tr.t('charts.venn.description', { round: round.round.label });
  const text = (name: string, values: unknown[], mark: Record<string, unknown>) => ({
    name,
    data: { values },
    mark: { type: 'text', fontSize: TEXT_PX, ...mark },
    encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, text: { field: 'text' } },
  });
  return chartDef(
    `venn-${round.round.id}`,
    title,
    description,
    tr,
    {
      width: MAP_WIDTH,
      height,
      layer: [
        {
          data: { values: ringPath },
          mark: { type: 'line', color: GUIDE, strokeWidth: 0.8, interpolate: 'linear' },
          encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, detail: { field: 'ring' }, order: { field: 'k' } },
        },
        {
          data: { values: dividers },
          mark: { type: 'rule', color: GUIDE, strokeDash: [2, 3] },
          encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, x2: { field: 'x2' }, y2: { field: 'y2' } },
        },
        text('ring_numbers', ringNumbers, { color: INK_SOFT, align: 'center', baseline: 'bottom' }),
        text('sector_names', sectorLabels, { fontWeight: 'bold', color: INK_SOFT, align: 'center', baseline: 'middle' }),
        {
          data: { values: [{ x: CX, y: CY }] },
          mark: { type: 'circle', size: Math.PI * GROUP_RADIUS ** 2, color: GROUP_FILL, opacity: 1 },
          encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y } },
        },
        text('group_caption', [{ x: CX, y: CY, text: tr.t('charts.venn.group') }], {
          fontWeight: 'bold',
          color: 'white',
          align: 'center',
          baseline: 'middle',
        }),
        symbolLayer(points, axes),
        ...labelLayers(labels, axes, TEXT_PX, INK),
        ...legend.layers,
      ],
    },
    {
      table: {
        columns: [tr.t('charts.table.actor'), tr.t('charts.table.category'), tr.t('charts.table.cooperation'), tr.t('charts.table.naming')],
        numeric: [false, false, false, true],
        rows: [...all]
          .sort(
            (a, b) =>
              a.category.localeCompare(b.category) || (b.bestCooperation ?? -1) - (a.bestCooperation ?? -1) || a.name.localeCompare(b.name),
          )
          .map((a) => [
            a.name,
            tr.t(`category.${a.category}`),
            a.bestCooperation === null ? tr.t('charts.venn.notKnown') : `${a.bestCooperation} ${tr.t(`cooperation.${a.bestCooperation}`)}`,
            tr.integer(a.membersNaming),
          ]),
      },
    },
  );
}
