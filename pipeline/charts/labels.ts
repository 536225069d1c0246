/**
 * Label placement for node-link maps: labels that do not collide. Actors are labelled in order of
 * importance; each label tries four places around its node (above, below, right, left) and takes
 * the first that overlaps no label already placed and no node; a label that fits nowhere is left
 * out (the actor is still in the tables). Widths assume ~0.56 em per character, about Noto Sans'
 * average, because the viewer draws the text with the real font.
 */

export interface LabelRequest {
  id: string;
  text: string;
  /** Node centre in pixels. */
  x: number;
  y: number;
  /** Node radius in pixels. */
  r: number;
  bold: boolean;
}

export interface PlacedLabel {
  id: string;
  text: string;
  x: number;
  y: number;
  align: 'center' | 'left' | 'right';
  baseline: 'bottom' | 'top' | 'middle';
  bold: boolean;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export function placeLabels(
  requests: LabelRequest[],
  nodes: { x: number; y: number; r: number }[],
  width: number,
  height: number,
  fontSize: number,
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const boxes: Box[] = nodes.map((n) => ({ x0: n.x - n.r, y0: n.y - n.r, x1: n.x + n.r, y1: n.y + n.r }));
  const h = fontSize * 1.2;
  for (const req of requests) {
    const w = req.text.length * fontSize * (req.bold ? 0.6 : 0.56);
    const gap = req.r + 2;
    const options: [PlacedLabel['align'], PlacedLabel['baseline'], number, number, Box][] = [
      ['center', 'bottom', req.x, req.y - gap, { x0: req.x - w / 2, y0: req.y - gap - h, x1: req.x + w / 2, y1: req.y - gap }],
      ['center', 'top', req.x, req.y + gap, { x0: req.x - w / 2, y0: req.y + gap, x1: req.x + w / 2, y1: req.y + gap + h }],
      ['left', 'middle', req.x + gap, req.y, { x0: req.x + gap, y0: req.y - h / 2, x1: req.x + gap + w, y1: req.y + h / 2 }],
      ['right', 'middle', req.x - gap, req.y, { x0: req.x - gap - w, y0: req.y - h / 2, x1: req.x - gap, y1: req.y + h / 2 }],
    ];
    for (const [align, baseline, x, y, box] of options) {
      if (box.x0 < 0 || box.y0 < 0 || box.x1 > width || box.y1 > height) continue;
      // the label may touch its own node's box, not any other
      const own = { x0: req.x - req.r, y0: req.y - req.r, x1: req.x + req.r, y1: req.y + req.r };
      if (boxes.some((b) => overlaps(b, box) && !(b.x0 === own.x0 && b.y0 === own.y0 && b.x1 === own.x1))) continue;
      boxes.push(box);
      placed.push({ id: req.id, text: req.text, x, y, align, baseline, bold: req.bold });
      break;
    }
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
 * Vega-Lite text layers for placed labels, bold and regular for each of the four placements (a
 * text mark takes one alignment and one weight).
 */
export function labelLayers(labels: PlacedLabel[], { X, Y }: ReturnType<typeof pixelAxes>, fontSize: number) {
  return (['center:bottom', 'center:top', 'left:middle', 'right:middle'] as const).flatMap((k) => {
    const [align, baseline] = k.split(':') as [PlacedLabel['align'], PlacedLabel['baseline']];
    return [true, false].map((bold) => ({
      data: { values: labels.filter((l) => l.align === align && l.baseline === baseline && l.bold === bold) },
      mark: { type: 'text', fontSize, color: '#1a1a1a', align, baseline, fontWeight: bold ? 'bold' : 'normal' },
      encoding: { x: { field: 'x', ...X }, y: { field: 'y', ...Y }, text: { field: 'text' } },
    }));
  });
}
