/**
 * The chart palette (pipeline/charts/style.ts) against the rules it promises: WCAG contrast of
 * every colour used for text (4.5:1 on its background) or marks (3:1 on white), category fills a
 * visible grey step apart on a photocopy (CIE L* and printer grey) and apart under simulated
 * colour-vision deficiencies, round colours ordered light to dark. The colour maths is checked
 * first against published values.
 */
import { describe, expect, it } from 'vitest';
import {
  CATEGORY_COLOURS,
  CATEGORY_SHAPES,
  cielab,
  contrast,
  type Deficiency,
  deltaE,
  lightness,
  MIN_CVD_DELTA_E,
  MIN_GREY_STEP,
  MIN_MARK_CONTRAST,
  MIN_PRINTER_GREY_STEP,
  MIN_TEXT_CONTRAST,
  OUTLINE,
  PALETTE,
  printerGrey,
  roundColours,
  simulateCvd,
} from '../pipeline/charts/style.ts';
import { CATEGORIES } from '../pipeline/domain.ts';

describe('colour maths', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    // WebAIM's contrast checker: #767676 is the lightest grey with 4.5:1 on white
    ['#767676', '#ffffff', 4.54],
    ['#777777', '#ffffff', 4.48],
    ['#0000ff', '#ffffff', 8.59],
  ])('contrast(%s, %s) = %d', (a, b, ratio) => {
    expect(contrast(a, b)).toBeCloseTo(ratio, 2);
  });
  it.each([
    ['#ffffff', 100],
    ['#000000', 0],
    // CIELAB of sRGB mid grey (D65)
    ['#808080', 53.59],
    ['#ff0000', 53.24],
  ])('lightness(%s) = %d', (hex, l) => {
    expect(lightness(hex)).toBeCloseTo(l, 1);
  });
  it('printer grey is Rec. 601 luma', () => {
    expect(printerGrey('#ff0000')).toBeCloseTo(76.245, 3);
    expect(printerGrey('#00ff00')).toBeCloseTo(149.685, 3);
    expect(printerGrey('#ffffff')).toBeCloseTo(255, 6);
  });
  it.each(['protanopia', 'deuteranopia', 'tritanopia'] as Deficiency[])('%s keeps greys grey and white white', (d) => {
    for (const grey of ['#ffffff', '#808080', '#000000']) {
      const [l, a, b] = simulateCvd(grey, d);
      expect(Math.abs(a)).toBeLessThan(1);
      expect(Math.abs(b)).toBeLessThan(1);
      expect(l).toBeCloseTo(lightness(grey), 0);
    }
  });
  it('protanopia and deuteranopia flatten the red–green axis (a*), tritanopia the blue–yellow one (b*)', () => {
    const spread = (x: [number, number, number], y: [number, number, number], k: 1 | 2) => Math.abs(x[k] - y[k]);
    const redGreen = spread(cielab('#ff0000'), cielab('#00ff00'), 1);
    for (const d of ['protanopia', 'deuteranopia'] as Deficiency[])
      expect(spread(simulateCvd('#ff0000', d), simulateCvd('#00ff00', d), 1)).toBeLessThan(redGreen * 0.1);
    const blueYellow = spread(cielab('#0000ff'), cielab('#ffff00'), 2);
    expect(spread(simulateCvd('#0000ff', 'tritanopia'), simulateCvd('#ffff00', 'tritanopia'), 2)).toBeLessThan(blueYellow * 0.3);
  });
});

describe('the palette', () => {
  it.each(PALETTE.filter((p) => p.use === 'text'))('text colour $name ($colour) has 4.5:1 on its background', (p) => {
    expect(contrast(p.colour, p.on ?? '#ffffff')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });
  it.each(PALETTE.filter((p) => p.use === 'mark'))('mark colour $name ($colour) has 3:1 on white', (p) => {
    expect(contrast(p.colour)).toBeGreaterThanOrEqual(MIN_MARK_CONTRAST);
  });
  it('the outline of category symbols has 3:1 on white, so light fills are seen', () => {
    expect(contrast(OUTLINE)).toBeGreaterThanOrEqual(MIN_MARK_CONTRAST);
    expect(PALETTE.filter((p) => p.use === 'outlined').map((p) => p.colour)).toEqual(CATEGORIES.map((c) => CATEGORY_COLOURS[c]));
  });
  it('every category has its own symbol', () => {
    expect(new Set(CATEGORIES.map((c) => CATEGORY_SHAPES[c])).size).toBe(CATEGORIES.length);
  });
  const pairs = CATEGORIES.flatMap((a, i) => CATEGORIES.slice(i + 1).map((b) => [a, b] as const));
  it.each(pairs)('categories %s and %s stay apart on a photocopy', (a, b) => {
    const [x, y] = [CATEGORY_COLOURS[a], CATEGORY_COLOURS[b]];
    expect(Math.abs(lightness(x) - lightness(y))).toBeGreaterThanOrEqual(MIN_GREY_STEP);
    expect(Math.abs(printerGrey(x) - printerGrey(y))).toBeGreaterThanOrEqual(MIN_PRINTER_GREY_STEP);
  });
  it.each(pairs)('categories %s and %s stay apart with each colour-vision deficiency', (a, b) => {
    for (const d of ['protanopia', 'deuteranopia', 'tritanopia'] as Deficiency[])
      expect(deltaE(simulateCvd(CATEGORY_COLOURS[a], d), simulateCvd(CATEGORY_COLOURS[b], d)), d).toBeGreaterThanOrEqual(MIN_CVD_DELTA_E);
  });
  it.each([1, 2, 3, 4, 5])('%d rounds run light to dark, each 3:1 on white and a grey step from the next', (n) => {
    const colours = roundColours(n);
    expect(colours).toHaveLength(n);
    for (const c of colours) expect(contrast(c)).toBeGreaterThanOrEqual(MIN_MARK_CONTRAST);
    for (let i = 1; i < n; i++) expect(lightness(colours[i - 1]!) - lightness(colours[i]!)).toBeGreaterThanOrEqual(MIN_GREY_STEP);
  });
  it('the palette lists every round colour the charts can draw', () => {
    const listed = new Set(PALETTE.map((p) => p.colour));
    for (const n of [2, 3, 4, 5]) for (const c of roundColours(n)) expect(listed.has(c), c).toBe(true);
  });
});
