/**
 * Legends drawn as marks, for the charts laid out in their own pixels (the maps). Each section is
 * a row below the plot: its title on the left, its entries flowing to the right and onto further
 * rows, never wider than the chart. Drawn here rather than by Vega so that a map's legends form one
 * block that cannot widen the chart or hide a colour (a size legend drawn white on white), and so
 * that each entry shows exactly the mark it explains: a category's symbol with its outline, a tie
 * kind's colour, dash and width, a hollow symbol for an actor not (or no longer) in the network.
 */
import { INK, TEXT_PX } from './style.ts';
import { textWidth } from './text-width.ts';

export type LegendEntry =
  | { kind: 'symbol'; text: string; shape: string; fill: string; stroke: string; size: number }
  | { kind: 'line'; text: string; colour: string; width: number; dash: number[] }
  | { kind: 'text'; text: string };

export interface LegendSection {
  title: string;
  entries: LegendEntry[];
}

const ROW = 20;
const SYMBOL_CELL = 18;
const LINE_CELL = 28;
const GAP = 5;
const ENTRY_GAP = 16;
const SECTION_GAP = 6;

/** Layers drawing `sections` from y = `top` over `width` px, and the height they take. */
export function legendBlock(
  sections: LegendSection[],
  top: number,
  width: number,
  axes: { X: Record<string, unknown>; Y: Record<string, unknown> },
): { layers: unknown[]; height: number } {
  const { X, Y } = axes;
  const shown = sections.filter((s) => s.entries.length > 0);
  const titleColumn = Math.min(170, Math.max(0, ...shown.map((s) => textWidth(s.title, TEXT_PX, true))) + 12);
  const texts: { x: number; y: number; text: string; bold: boolean }[] = [];
  const symbols: { x: number; y: number; shape: string; fill: string; stroke: string; size: number }[] = [];
  const lines: { x: number; y: number; x2: number; y2: number; colour: string; width: number; dash: number[] }[] = [];
  let y = top;
  for (const section of shown) {
    const rowHeight = Math.max(ROW, ...section.entries.map((e) => (e.kind === 'symbol' ? 2 * Math.sqrt(e.size / Math.PI) + 6 : ROW)));
    texts.push({ x: 0, y: y + rowHeight / 2, text: section.title, bold: true });
    let x = titleColumn;
    for (const e of section.entries) {
      const cell = e.kind === 'symbol' ? Math.max(SYMBOL_CELL, 2 * Math.sqrt(e.size / Math.PI) + 4) : e.kind === 'line' ? LINE_CELL : 0;
      const pad = e.kind === 'text' ? 0 : GAP;
      const w = cell + pad + textWidth(e.text, TEXT_PX);
      if (x > titleColumn && x + w > width) {
        x = titleColumn;
        y += rowHeight;
      }
      const mid = y + rowHeight / 2;
      if (e.kind === 'symbol') symbols.push({ x: x + cell / 2, y: mid, shape: e.shape, fill: e.fill, stroke: e.stroke, size: e.size });
      else if (e.kind === 'line') lines.push({ x, y: mid, x2: x + cell, y2: mid, colour: e.colour, width: e.width, dash: e.dash });
      texts.push({ x: x + cell + pad, y: mid, text: e.text, bold: false });
      x += w + ENTRY_GAP;
    }
    y += rowHeight + SECTION_GAP;
  }
  const pos = { x: { field: 'x', ...X }, y: { field: 'y', ...Y } };
  const layers: unknown[] = [
    ...lines.map((l) => ({
      data: { values: [l] },
      mark: { type: 'rule', color: l.colour, strokeWidth: l.width, strokeDash: l.dash, strokeCap: 'butt' },
      encoding: { ...pos, x2: { field: 'x2' }, y2: { field: 'y2' } },
    })),
    ...(symbols.length > 0
      ? [
          {
            name: 'legend_symbols',
            data: { values: symbols },
            mark: { type: 'point', filled: true, opacity: 1, strokeWidth: 1 },
            encoding: {
              ...pos,
              shape: { field: 'shape', type: 'nominal', scale: null },
              fill: { field: 'fill', type: 'nominal', scale: null },
              stroke: { field: 'stroke', type: 'nominal', scale: null },
              size: { field: 'size', type: 'quantitative', scale: null },
            },
          },
        ]
      : []),
    ...[true, false].map((bold) => ({
      name: `legend_text_${bold ? 'title' : 'entry'}`,
      data: { values: texts.filter((t) => t.bold === bold) },
      mark: { type: 'text', fontSize: TEXT_PX, color: INK, align: 'left', baseline: 'middle', fontWeight: bold ? 'bold' : 'normal' },
      encoding: { ...pos, text: { field: 'text' } },
    })),
  ];
  return { layers, height: y - top };
}
