/**
 * Dot charts with one row per item (an outside actor, a headline figure) and one point per round:
 * the round by colour *and* by point style (the first round hollow, the last a filled circle), so
 * that rounds stay apart in grey and for readers who cannot tell the blues apart; each round's
 * point smaller than the one before, so equal values nest rather than hide; with `join`, a
 * grey line from the first to the last value (a dumbbell). Rows are keyed by a unique label and
 * the y domain is given explicitly, so that panels side by side (hconcat) share one row order and
 * a row without a value in one panel stays an empty row instead of shifting the rows below it.
 */
import type { Translator } from '../i18n.ts';
import { GUIDE, PRINT, roundScales } from './style.ts';

export interface DotRow {
  /** The row's label (unique). */
  item: string;
  /** Round label. */
  round: string;
  value: number;
}

/** Unique row labels for named things: a repeated name gets its id in brackets. */
export function uniqueLabels(items: { id: string; name: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const i of items) count.set(i.name, (count.get(i.name) ?? 0) + 1);
  return new Map(items.map((i) => [i.id, (count.get(i.name) ?? 0) > 1 ? `${i.name} [${i.id}]` : i.name]));
}

/** Height of a row, px: 20, less when many rows must fit the printed page (never under 14). */
export function rowStep(rows: number, reserved = 170): number {
  return Math.max(14, Math.min(20, Math.floor((PRINT.maxHeight - reserved) / Math.max(1, rows))));
}

/** A dot panel: its rows over `order`, x over `domain`. */
export function dotPanel(
  rows: DotRow[],
  rounds: string[],
  order: string[],
  x: { title: string; domain: [number, number]; format?: string },
  tr: Translator,
  options: { width: number; join: boolean; labels: boolean },
) {
  const scales = roundScales(rounds);
  const hollowFirst = rounds.length > 1;
  // rounds drawn first to last, each smaller than the one before, so that equal values nest
  // (a hollow square around a filled circle) instead of hiding each other
  const drawn = [...rows].sort((a, b) => rounds.indexOf(a.round) - rounds.indexOf(b.round));
  const sizes = rounds.map((_, i) => (rounds.length === 1 ? 64 : 110 - (60 * i) / (rounds.length - 1)));
  return {
    data: { values: drawn },
    width: options.width,
    height: { step: rowStep(order.length) },
    encoding: {
      y: {
        field: 'item',
        type: 'nominal',
        sort: order,
        scale: { domain: order },
        title: null,
        axis: options.labels ? { labelLimit: Math.round(PRINT.width * 0.42) } : null,
      },
    },
    layer: [
      ...(options.join
        ? [
            {
              mark: { type: 'line', color: GUIDE, strokeWidth: 2 },
              encoding: {
                x: { field: 'value', type: 'quantitative', scale: { domain: x.domain }, title: x.title },
                detail: { field: 'item' },
              },
            },
          ]
        : []),
      {
        mark: { type: 'point', filled: true, opacity: 1, strokeWidth: 1.6 },
        encoding: {
          x: {
            field: 'value',
            type: 'quantitative',
            scale: { domain: x.domain },
            title: x.title,
            axis: x.format ? { format: x.format } : {},
          },
          shape: { field: 'round', type: 'nominal', sort: rounds, scale: scales.shape, title: tr.t('charts.ladder.round') },
          size: {
            field: 'round',
            type: 'nominal',
            sort: rounds,
            scale: { domain: rounds, range: sizes },
            title: tr.t('charts.ladder.round'),
          },
          stroke: { field: 'round', type: 'nominal', sort: rounds, scale: scales.colour, title: tr.t('charts.ladder.round') },
          fill: {
            field: 'round',
            type: 'nominal',
            sort: rounds,
            scale: { domain: rounds, range: scales.colour.range.map((c, i) => (i === 0 && hollowFirst ? 'white' : c)) },
            title: tr.t('charts.ladder.round'),
          },
        },
      },
    ],
  };
}
