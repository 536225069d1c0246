/**
 * Label placement for node-link maps (the round maps, the change map, the Venn map, the groups
 * map): labels that collide with nothing and cross as few ties as the layout allows. Node
 * positions are never moved; only the labels are.
 *
 * Actors are labelled in order of importance. Each label tries places around its node (above,
 * below, right, left, then the four corners, each at two distances), on one line or, for a long
 * name, on two. A place is allowed when the label stays inside the chart and overlaps no label
 * already placed, no other node and no obstacle (a ring caption, a sector name); among the allowed
 * places the label takes the one whose box crosses the fewest tie segments, then the earliest in
 * that order. A label that fits nowhere is left out (the actor is still in the tables), unless it
 * is `required` (a plan target on the Venn map): then places further out are tried, joined to the
 * node by a leader line. A label that still crosses a tie gets a white backing, so that the tie
 * passes under the word rather than through it.
 *
 * Boxes are the text's ink, ascender to descender, drawn with baseline `top` (Vega puts the first
 * baseline 0.79 em below y, rounded); widths come from Noto Sans' metrics (text-width.ts).
 */
import { LINE_HEIGHT } from './style.ts';
import { textWidth } from './text-width.ts';

export interface LabelRequest {
  id: string;
  text: string;
  /** Node centre in pixels. */
  x: number;
  y: number;
  /** Node radius in pixels (half the side of the box it occupies). */
  r: number;
  bold: boolean;
  /** Never left out: tried further out with a leader line when no place near the node is free. */
  required?: boolean;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Segment {
  x: number;
  y: number;
  x2: number;
  y2: number;
}

export interface PlacedLabel {
  id: string;
  /** One or two lines. */
  lines: string[];
  /** Anchor: x by `align`, y the top of the first line (baseline `top`). */
  x: number;
  y: number;
  align: 'center' | 'left' | 'right';
  bold: boolean;
  /** The ink box the label occupies. */
  box: Box;
  /** Tie segments the box crosses (0 where the layout allowed it). */
  crossings: number;
  /** From the node to the label, when the label had to move away from its node. */
  leader: Segment | null;
}

export interface LabelOptions {
  width: number;
  height: number;
  fontSize: number;
  /** Ties as segments between node centres: labels avoid crossing them. */
  segments?: Segment[];
  /** Areas no label may cover. */
  obstacles?: Box[];
}

/** Names at most this wide (px at 11 px text) stay on one line; longer ones may also try two. */
const ONE_LINE_MAX = 96;

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Height of the ink box of `lines` lines at `fontSize`. */
export function labelHeight(lines: number, fontSize: number): number {
  return (lines - 1) * LINE_HEIGHT * fontSize + Math.round(0.79 * fontSize) + 0.25 * fontSize;
}

/** The one-line and (for long names) the best two-line form of a label. */
export function labelForms(text: string, fontSize: number, bold: boolean): string[][] {
  const forms: string[][] = [[text]];
  const words = text.split(' ');
  if (words.length < 2 || textWidth(text, fontSize, bold) <= (ONE_LINE_MAX * fontSize) / 11) return forms;
  let best: string[] | null = null;
  let bestWidth = Number.POSITIVE_INFINITY;
  for (let i = 1; i < words.length; i++) {
    const lines = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    const w = Math.max(...lines.map((l) => textWidth(l, fontSize, bold)));
    if (w < bestWidth) [best, bestWidth] = [lines, w];
  }
  forms.push(best!);
  return forms;
}

/** Whether the segment crosses the box (Liang–Barsky clipping). */
export function segmentCrossesBox(s: Segment, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = s.x2 - s.x;
  const dy = s.y2 - s.y;
  const clip = (p: number, q: number) => {
    if (p === 0) return q >= 0;
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
    return true;
  };
  return clip(-dx, s.x - b.x0) && clip(dx, b.x1 - s.x) && clip(-dy, s.y - b.y0) && clip(dy, b.y1 - s.y) && t0 <= t1;
}

interface Candidate {
  align: PlacedLabel['align'];
  x: number;
  y: number;
  box: Box;
  leader: Segment | null;
}

/** Places around a node for a label of size w × h, in order of preference. */
function candidates(req: LabelRequest, w: number, h: number, fontSize: number): Candidate[] {
  const out: Candidate[] = [];
  const at = (align: PlacedLabel['align'], x0: number, y0: number): Candidate => ({
    align,
    x: align === 'center' ? x0 + w / 2 : align === 'left' ? x0 : x0 + w,
    y: y0,
    box: { x0, y0, x1: x0 + w, y1: y0 + h },
    leader: null,
  });
  for (const g of [req.r + 2, req.r + 2 + 0.6 * fontSize]) {
    const d = g * 0.72;
    out.push(
      at('center', req.x - w / 2, req.y - g - h),
      at('center', req.x - w / 2, req.y + g),
      at('left', req.x + g, req.y - h / 2),
      at('right', req.x - g - w, req.y - h / 2),
      at('left', req.x + d, req.y - d - h),
      at('right', req.x - d - w, req.y - d - h),
      at('left', req.x + d, req.y + d),
      at('right', req.x - d - w, req.y + d),
    );
  }
  return out;
}

/** Places further away, with a leader line, for a required label. */
function farCandidates(req: LabelRequest, w: number, h: number): Candidate[] {
  const out: Candidate[] = [];
  for (let k = 1; k <= 16; k++) {
    const d = req.r + 4 + k * 7;
    for (let a = 0; a < 16; a++) {
      const theta = -Math.PI / 2 + (a * Math.PI) / 8;
      const cx = req.x + Math.cos(theta) * (d + w / 2);
      const cy = req.y + Math.sin(theta) * (d + h / 2);
      const box = { x0: cx - w / 2, y0: cy - h / 2, x1: cx + w / 2, y1: cy + h / 2 };
      const ex = Math.max(box.x0, Math.min(req.x, box.x1));
      const ey = Math.max(box.y0, Math.min(req.y, box.y1));
      const len = Math.hypot(ex - req.x, ey - req.y) || 1;
      const leader = { x: req.x + ((ex - req.x) / len) * req.r, y: req.y + ((ey - req.y) / len) * req.r, x2: ex, y2: ey };
      out.push({ align: 'center', x: cx, y: box.y0, box, leader });
    }
  }
  return out;
}

export function placeLabels(requests: LabelRequest[], nodes: { x: number; y: number; r: number }[], options: LabelOptions): PlacedLabel[] {
  const { width, height, fontSize } = options;
  const segments = (options.segments ?? []).map((s) => ({
    s,
    box: { x0: Math.min(s.x, s.x2), y0: Math.min(s.y, s.y2), x1: Math.max(s.x, s.x2), y1: Math.max(s.y, s.y2) },
  }));
  const nodeBoxes = nodes.map((n) => ({ x: n.x, y: n.y, box: { x0: n.x - n.r, y0: n.y - n.r, x1: n.x + n.r, y1: n.y + n.r } }));
  const taken: Box[] = [...(options.obstacles ?? [])];
  const placed: PlacedLabel[] = [];
  const crossings = (box: Box) => {
    const inner = { x0: box.x0 + 1, y0: box.y0 + 1, x1: box.x1 - 1, y1: box.y1 - 1 };
    let n = 0;
    for (const { s, box: b } of segments) if (overlaps(b, box) && segmentCrossesBox(s, inner)) n++;
    return n;
  };
  for (const req of requests) {
    const free = (box: Box) =>
      box.x0 >= 0 &&
      box.y0 >= 0 &&
      box.x1 <= width &&
      box.y1 <= height &&
      !taken.some((t) => overlaps(t, box)) &&
      !nodeBoxes.some((n) => overlaps(n.box, box) && !(Math.abs(n.x - req.x) < 1e-6 && Math.abs(n.y - req.y) < 1e-6));
    let best: { c: Candidate; lines: string[]; score: number; crossings: number } | null = null;
    const forms = labelForms(req.text, fontSize, req.bold);
    const tryAll = (make: (w: number, h: number) => Candidate[], base: number) => {
      for (const [f, lines] of forms.entries()) {
        const w = Math.max(...lines.map((l) => textWidth(l, fontSize, req.bold)));
        const h = labelHeight(lines.length, fontSize);
        for (const [i, c] of make(w, h).entries()) {
          if (!free(c.box)) continue;
          const n = crossings(c.box);
          // a crossing costs more than any change of place; two lines cost a little more than one
          const score = base + n * 1000 + i + f * 3;
          if (!best || score < best.score) best = { c, lines, score, crossings: n };
        }
      }
    };
    tryAll((w, h) => candidates(req, w, h, fontSize), 0);
    if (!best && req.required) tryAll((w, h) => farCandidates(req, w, h), 100);
    if (!best) continue;
    const { c, lines, crossings: n } = best as { c: Candidate; lines: string[]; crossings: number };
    taken.push(c.box);
    placed.push({ id: req.id, lines, x: c.x, y: c.y, align: c.align, bold: req.bold, box: c.box, crossings: n, leader: c.leader });
  }
  return placed;
}

/** Position encodings for a chart laid out in its own pixels (origin top left, y downwards, no axes). */
export function pixelAxes(width: number, height: number) {
  return {
    X: { type: 'quantitative' as const, scale: { domain: [0, width], nice: false, zero: false }, axis: null },
    Y: { type: 'quantitative' as const, scale: { domain: [0, height], range: [0, height], nice: false, zero: false }, axis: null },
  };
}

/**
 * Vega-Lite layers for placed labels: leader lines, the white backing of labels that cross a tie,
 * then the text, bold and regular for each alignment (a text mark takes one alignment and weight).
 */
export function labelLayers(labels: PlacedLabel[], { X, Y }: ReturnType<typeof pixelAxes>, fontSize: number, colour: string) {
  const leaders = labels.flatMap((l) => (l.leader ? [l.leader] : []));
  const backed = labels.filter((l) => l.crossings > 0).map((l) => ({ ...l.box, x0: l.box.x0 - 1, x1: l.box.x1 + 1 }));
  return [
    ...(leaders.length > 0
      ? [
          {
            data: { values: leaders },
            mark: { type: 'rule', color: colour, strokeWidth: 0.8 },
            encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, x2: { field: 'x2' }, y2: { field: 'y2' } },
          },
        ]
      : []),
    ...(backed.length > 0
      ? [
          {
            name: 'label_backing',
            data: { values: backed },
            mark: { type: 'rect', color: 'white', opacity: 0.85 },
            encoding: { x: { field: 'x0', ...X }, x2: { field: 'x1' }, y: { field: 'y0', ...Y }, y2: { field: 'y1' } },
          },
        ]
      : []),
    ...(['center', 'left', 'right'] as const).flatMap((align) =>
      [true, false].flatMap((bold) => {
        const values = labels
          .filter((l) => l.align === align && l.bold === bold)
          .map((l) => ({ id: l.id, x: l.x, y: l.y, lines: l.lines }));
        if (values.length === 0) return [];
        return [
          {
            name: `map_labels_${align}_${bold ? 'bold' : 'regular'}`,
            data: { values },
            mark: {
              type: 'text',
              fontSize,
              lineHeight: LINE_HEIGHT * fontSize,
              color: colour,
              align,
              baseline: 'top',
              fontWeight: bold ? 'bold' : 'normal',
            },
            encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, text: { field: 'lines' } },
          },
        ];
      }),
    ),
  ];
}
