/**
 * The resource-system "Venn" map (the *diagram Venn* facilitators draw by hand), from the group
 * view: the group in the centre; each outside actor a circle in its category's sector, as close to
 * the centre as the group's best cooperation level with it (5 konfederasi innermost, 1 komunikasi
 * outer; mapped but not known on the outermost ring, hollow), sized by the number of members who
 * name it, coloured by category. Rings are labelled with the ladder's words.
 */

import { CATEGORIES } from '../domain.ts';
import type { Translator } from '../i18n.ts';
import { atLeast } from '../metrics/status.ts';
import type { ChartDef } from '../model/charts.ts';
import type { RoundMetrics } from '../model/metrics.ts';
import { pixelAxes, placeLabels } from './labels.ts';
import { categoryScale, chartDef } from './style.ts';

const SIZE = 600;
const CENTER = SIZE / 2;
/** Radius (px) of the ring for a cooperation level; null = mapped, not known. */
export function ringRadius(level: number | null): number {
  if (level === null) return 270;
  return 70 + (5 - Math.max(0, Math.min(5, level))) * 36;
}

/** At most this many outside actors on the Venn map (those most members name); the rest are counted in the title. */
export const VENN_LIMIT = 60;

export function vennMap(round: RoundMetrics, tr: Translator, maxNaming: number): ChartDef {
  const outside = [...round.groupView].sort((a, b) => b.membersNaming - a.membersNaming || a.id.localeCompare(b.id)).slice(0, VENN_LIMIT);
  const sectors = CATEGORIES.filter((c) => c !== 'internal' && outside.some((a) => a.category === c));
  const span = (2 * Math.PI) / Math.max(1, sectors.length);
  // Within a sector, the actors on one ring spread over the whole sector, staggered between rings.
  const points = sectors.flatMap((cat, s) => {
    const inSector = outside.filter((a) => a.category === cat);
    const level = (a: (typeof inSector)[number]) => (a.membersNaming > 0 ? (a.bestCooperation ?? 0) : null);
    const rings = [...new Set(inSector.map((a) => ringRadius(level(a))))].sort((a, b) => a - b);
    return rings.flatMap((r, ringIndex) => {
      const onRing = inSector
        .filter((a) => ringRadius(level(a)) === r)
        .sort((a, b) => b.membersNaming - a.membersNaming || a.name.localeCompare(b.name));
      return onRing.map((a, i) => {
        const offset = onRing.length === 1 ? 0.5 + (ringIndex % 2 === 0 ? -0.12 : 0.12) : (i + 0.5) / onRing.length;
        const angle = -Math.PI / 2 + s * span + span * (0.08 + 0.84 * offset);
        return {
          id: a.id,
          name: a.name,
          x: CENTER + r * Math.cos(angle),
          y: CENTER + r * Math.sin(angle),
          naming: a.membersNaming,
          known: a.membersNaming > 0,
          category: tr.t(`category.${a.category}`),
          trust: a.meanTrust === null ? '–' : tr.number(a.meanTrust, 1),
        };
      });
    });
  });
  const radius = (n: number) => Math.sqrt((30 + (520 * n) / Math.max(1, maxNaming)) / Math.PI);
  const labels = placeLabels(
    [...points]
      .sort((a, b) => b.naming - a.naming || a.name.localeCompare(b.name))
      .map((p) => ({ id: p.id, text: p.name, x: p.x, y: p.y, r: radius(p.naming), bold: false })),
    [...points.map((p) => ({ x: p.x, y: p.y, r: radius(p.naming) })), { x: CENTER, y: CENTER, r: 42 }],
    SIZE,
    SIZE,
    8.5,
  );
  const rings = [1, 2, 3, 4, 5].map((level) => ({ level, r: ringRadius(level), label: tr.t(`cooperation.${level}`) }));
  const ringPath = rings.flatMap((ring) =>
    Array.from({ length: 73 }, (_, k) => ({
      ring: ring.level,
      k,
      x: CENTER + ring.r * Math.cos((k * 2 * Math.PI) / 72),
      y: CENTER + ring.r * Math.sin((k * 2 * Math.PI) / 72),
    })),
  );
  const dividers = sectors.map((cat, s) => {
    const a = -Math.PI / 2 + s * span;
    return {
      x: CENTER + 60 * Math.cos(a),
      y: CENTER + 60 * Math.sin(a),
      x2: CENTER + 290 * Math.cos(a),
      y2: CENTER + 290 * Math.sin(a),
      cat,
    };
  });
  const sectorLabels = sectors.map((cat, s) => {
    const a = -Math.PI / 2 + (s + 0.5) * span;
    return { x: CENTER + 292 * Math.cos(a), y: CENTER + 292 * Math.sin(a), text: tr.t(`category.${cat}`).toUpperCase() };
  });
  const all = round.groupView;
  const cooperating = all.filter((a) => atLeast(a.status, 'cooperating')).length;
  const title = tr.t('charts.venn.title', {
    round: round.round.label,
    cooperating,
    known: all.filter((a) => a.membersNaming > 0).length,
    mapped: all.length,
  });
  const description = tr.t('charts.venn.description', { round: round.round.label });
  const { X, Y } = pixelAxes(SIZE, SIZE);
  const text = (values: unknown[], mark: Record<string, unknown>) => ({
    data: { values },
    mark: { type: 'text', ...mark },
    encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, text: { field: 'text' } },
  });
  return chartDef(`venn-${round.round.id}`, title, description, tr, {
    width: SIZE,
    height: SIZE,
    layer: [
      {
        data: { values: ringPath },
        mark: { type: 'line', color: '#c8c8c8', strokeWidth: 0.8, interpolate: 'linear' },
        encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, detail: { field: 'ring' }, order: { field: 'k' } },
      },
      {
        data: { values: dividers },
        mark: { type: 'rule', color: '#dddddd', strokeDash: [2, 3] },
        encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, x2: { field: 'x2' }, y2: { field: 'y2' } },
      },
      text(
        rings.map((r) => ({ x: CENTER + 3, y: CENTER - r.r - 2, text: `${r.level} ${r.label}` })),
        { fontSize: 7.5, color: '#8a8a8a', align: 'left', baseline: 'bottom' },
      ),
      text([...sectorLabels], { fontSize: 9, fontWeight: 'bold', color: '#555', align: 'center', baseline: 'middle' }),
      {
        data: { values: [{ x: CENTER, y: CENTER }] },
        mark: { type: 'circle', size: 5500, color: '#0072B2', opacity: 0.9 },
        encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y } },
      },
      text([{ x: CENTER, y: CENTER, text: tr.t('charts.venn.group') }], {
        fontSize: 10,
        fontWeight: 'bold',
        color: 'white',
        align: 'center',
        baseline: 'middle',
      }),
      {
        data: { values: points },
        mark: { type: 'point', shape: 'circle', strokeWidth: 1.5, opacity: 1 },
        encoding: {
          x: { field: 'x', ...X },
          y: { field: 'y', ...Y },
          size: {
            field: 'naming',
            type: 'quantitative',
            scale: { domain: [0, Math.max(1, maxNaming)], range: [30, 550] },
            title: tr.t('charts.venn.naming'),
            legend: { symbolFillColor: '#8c8c8c', symbolStrokeColor: '#8c8c8c' },
          },
          color: { field: 'category', type: 'nominal', scale: categoryScale(tr), title: tr.t('charts.network.category') },
          fill: {
            condition: { test: 'datum.known', field: 'category', type: 'nominal', scale: categoryScale(tr), legend: null },
            value: 'white',
          },
        },
      },
      ...(['center:bottom', 'center:top', 'left:middle', 'right:middle'] as const).map((k) => {
        const [align, baseline] = k.split(':') as [string, string];
        return text(
          labels.filter((l) => l.align === align && l.baseline === baseline),
          { fontSize: 8.5, color: '#1a1a1a', align, baseline },
        );
      }),
    ],
  });
}
