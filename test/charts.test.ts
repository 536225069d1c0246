import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { placeLabels } from '../pipeline/charts/labels.ts';
import { ringRadius } from '../pipeline/charts/venn.ts';

describe('placeLabels', () => {
  it.each([1, 2, 3, 4, 5])('labels never overlap each other or leave the chart (seed %d)', (seed) => {
    const rng = seedrandom(String(seed));
    const nodes = Array.from({ length: 40 }, (_, i) => ({
      id: `n${i}`,
      text: `Aktor nomor ${i} ${'x'.repeat(Math.floor(rng() * 8))}`,
      x: 20 + rng() * 600,
      y: 20 + rng() * 520,
      r: 3 + rng() * 10,
      bold: i < 5,
    }));
    const placed = placeLabels(nodes, nodes, 640, 560, 9);
    expect(placed.length).toBeGreaterThan(10);
    const box = (l: (typeof placed)[number]) => {
      const w = l.text.length * 9 * (l.bold ? 0.6 : 0.56);
      const h = 9 * 1.2;
      const x0 = l.align === 'center' ? l.x - w / 2 : l.align === 'left' ? l.x : l.x - w;
      const y0 = l.baseline === 'bottom' ? l.y - h : l.baseline === 'top' ? l.y : l.y - h / 2;
      return { x0, y0, x1: x0 + w, y1: y0 + h };
    };
    const boxes = placed.map(box);
    for (const b of boxes) {
      expect(b.x0).toBeGreaterThanOrEqual(0);
      expect(b.x1).toBeLessThanOrEqual(640);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        expect(
          a.x0 < b.x1 - 1e-9 && b.x0 < a.x1 - 1e-9 && a.y0 < b.y1 - 1e-9 && b.y0 < a.y1 - 1e-9,
          `${placed[i]!.text} / ${placed[j]!.text}`,
        ).toBe(false);
      }
    }
  });
  it('labels the most important actors first', () => {
    const nodes = [
      { id: 'a', text: 'Penting', x: 100, y: 100, r: 5, bold: true },
      { id: 'b', text: 'Kurang penting', x: 100, y: 100, r: 5, bold: false },
    ];
    expect(placeLabels(nodes, [], 400, 400, 9)[0]!.id).toBe('a');
  });
});

it('the Venn rings put closer cooperation nearer the centre, unknown actors outside', () => {
  const radii = [5, 4, 3, 2, 1, 0].map(ringRadius);
  expect(radii).toEqual([...radii].sort((a, b) => a - b));
  expect(ringRadius(null)).toBeGreaterThan(ringRadius(0));
});
