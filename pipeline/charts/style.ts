/**
 * Shared chart style, chosen so that a report reads on screen, printed in colour and on a
 * greyscale photocopy (the usual way a report reaches a kelurahan meeting):
 *
 * - **Size.** Every chart is at most `PRINT.width` px wide (the printed column: A4 less 15 mm
 *   margins, 180 mm) and `PRINT.maxHeight` px tall (report.css scales taller charts down), so it
 *   prints at its own size, and no text is smaller than `TEXT_PX` = 11 px = 8.25 pt.
 * - **Contrast** (WCAG 2.1, 1.4.3 and 1.4.11): text colours at least 4.5:1 against white, marks
 *   (lines, bars, points) at least 3:1. Category fills run from dark to very light so that they
 *   stay apart in grey; the light ones cannot reach 3:1, so every category symbol and bar carries
 *   the dark `OUTLINE`, which gives the mark its contrast.
 * - **Greyscale.** The six category fills are at least `MIN_GREY_STEP` apart in CIE lightness L*
 *   and `MIN_PRINTER_GREY_STEP` apart in the grey a printer driver makes (`printerGrey`), so that
 *   a photocopy keeps them apart; the round colours are a lightness step apart too.
 * - **Colour blindness.** Category hues follow Okabe & Ito (2008), and the fills stay at least
 *   `MIN_CVD_DELTA_E` apart (CIE76 ΔE) when protanopia, deuteranopia and tritanopia are simulated
 *   (Machado, Oliveira & Fernandes 2009, severity 1).
 * - **Shape as well as colour.** Each category has its own symbol (`CATEGORY_SHAPES`); each round
 *   its own point style in the dot charts; tie kinds differ in dash and width, not only in colour.
 *
 * The checks are functions here (`contrast`, `lightness`, `printerGrey`, `simulateCvd`, `deltaE`);
 * test/style-palette.test.ts runs them over `PALETTE`, every colour a chart draws with, and
 * test/chart-render.test.ts checks that the rendered charts use no other.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { CATEGORIES, type Category } from '../domain.ts';
import type { Translator } from '../i18n.ts';
import type { ChartDef, ChartTable } from '../model/charts.ts';
import { altText } from './table.ts';
import { textWidth } from './text-width.ts';
import { vegaLocale } from './vega-locale.ts';

/** The one font of charts and report (embedded in the report from @fontsource/noto-sans). */
export const FONT = 'Noto Sans';

/** The printed column of the report (CSS px at 96 dpi): 180 mm wide; charts taller than 215 mm are scaled down. */
export const PRINT = { width: 680, maxHeight: 812 };
/** Smallest text on a chart, px: 8.25 pt when the chart prints at its own size. */
export const TEXT_PX = 11;
/** Smallest text in print, pt. */
export const MIN_PRINT_PT = 8;
/** Chart titles, px. */
export const TITLE_PX = 14;
/** Line height of multi-line labels, in em. */
export const LINE_HEIGHT = 1.15;

export const MIN_TEXT_CONTRAST = 4.5;
export const MIN_MARK_CONTRAST = 3;
/** Smallest difference in L* between two category fills (or two rounds): a step a photocopy keeps. */
export const MIN_GREY_STEP = 10;
/** Smallest difference in printer grey (0–255, `printerGrey`) between two category fills. */
export const MIN_PRINTER_GREY_STEP = 25;
/** Smallest ΔE (CIE76) between two category fills under each simulated colour-vision deficiency. */
export const MIN_CVD_DELTA_E = 12;

// ---- colour maths -------------------------------------------------------------------------

const channels = (hex: string): [number, number, number] => {
  const n = Number.parseInt(hex.replace('#', '').replace(/^(.)(.)(.)$/, '$1$1$2$2$3$3'), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};
const toLinear = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const linearRgb = (hex: string) => channels(hex).map(toLinear) as [number, number, number];
const toHex = (rgb: [number, number, number]) =>
  `#${rgb
    .map((v) => {
      const s = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
      return Math.round(Math.min(1, Math.max(0, s)) * 255)
        .toString(16)
        .padStart(2, '0');
    })
    .join('')}`;

/** WCAG relative luminance of an sRGB colour. */
export function luminance(hex: string): number {
  const [r, g, b] = linearRgb(hex);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours (1 to 21). */
export function contrast(a: string, b = '#ffffff'): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const labF = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);

/** CIELAB (D65) of linear RGB. */
function lab([r, g, b]: [number, number, number]): [number, number, number] {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const [fx, fy, fz] = [labF(x), labF(y), labF(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIELAB (D65) of an sRGB colour. */
export function cielab(hex: string): [number, number, number] {
  return lab(linearRgb(hex));
}

/** CIE lightness L* (0 black – 100 white): the grey a colour becomes on a photocopy. */
export function lightness(hex: string): number {
  return cielab(hex)[0];
}

/**
 * The grey (0–255) most printer drivers, copiers and poppler's `pdftoppm -gray` make of a colour:
 * Rec. 601 luma of the gamma-encoded channels, 0.299 R + 0.587 G + 0.114 B. It weighs red more
 * and green less than L* does, so a palette must keep its steps under both.
 */
export function printerGrey(hex: string): number {
  const [r, g, b] = channels(hex);
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

export type Deficiency = 'protanopia' | 'deuteranopia' | 'tritanopia';

/** Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB. */
const CVD: Record<Deficiency, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** CIELAB of a colour as seen with a colour-vision deficiency. */
export function simulateCvd(hex: string, deficiency: Deficiency): [number, number, number] {
  const c = linearRgb(hex);
  const m = CVD[deficiency];
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return lab(m.map((row) => clamp(row[0]! * c[0] + row[1]! * c[1] + row[2]! * c[2])) as [number, number, number]);
}

/** CIE76 colour difference of two CIELAB colours. */
export function deltaE(a: [number, number, number], b: [number, number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

// ---- the palette ---------------------------------------------------------------------------

/** Text. */
export const INK = '#1a1a1a';
/** Secondary text: axis labels, captions, ring labels (7.0:1). */
export const INK_SOFT = '#595959';
/** Outline of every category symbol and bar (12.6:1). */
export const OUTLINE = '#333333';
/** Axis lines and ticks (4.5:1). */
export const AXIS = '#767676';
/** Grid lines: a reading aid behind the marks, not a mark. */
export const GRID = '#e3e3e3';
/** Rings and sector lines of the Venn map: guides, not data. */
export const GUIDE = '#bdbdbd';
/** Warnings drawn on a chart: groups sharing no outside actor (8.6:1). */
export const ALERT = '#a40000';
/** Survey ties on a round's map (3.4:1) and their arrowheads. */
export const EDGE = '#8c8c8c';

/** Actor categories: a fill (dark to light, Okabe–Ito hues) and a symbol each. */
export const CATEGORY_COLOURS: Record<Category, string> = {
  internal: '#0e2c4e',
  legalitas: '#8e2e0b',
  permodalan: '#b83d8b',
  pelatihan: '#2fbc8d',
  pemasaran: '#f3c353',
  lainnya: '#ededed',
};

/** Vega symbol shapes, one per category. */
export const CATEGORY_SHAPES: Record<Category, string> = {
  internal: 'circle',
  pemasaran: 'square',
  pelatihan: 'triangle-up',
  permodalan: 'diamond',
  legalitas: 'triangle-down',
  lainnya: 'cross',
};

/** The group (KUBE) at the centre of the Venn map, with its white caption. */
export const GROUP_FILL = CATEGORY_COLOURS.internal;

/** How a tie changed between the first and the last round (change map). */
export const CHANGE_STYLE = {
  added: { colour: '#d55e00', dash: [] as number[], width: 1.8 },
  dropped: { colour: '#595959', dash: [5, 3], width: 1.4 },
  unanswered: { colour: '#8c8c8c', dash: [1.5, 3], width: 1.2 },
  kept: { colour: '#949494', dash: [] as number[], width: 0.8 },
} as const;
/** Ties between outside actors known from mapping (known-ties.csv): dotted, apart from survey ties. */
export const MAPPING_STYLE = { colour: '#6a3d9a', dash: [1, 2.5], width: 1.6 };

/** Round colours run from this light blue (first round, 3.5:1 on white) to this navy (last round). */
const ROUND_FIRST = '#5e8cc6';
const ROUND_LAST = '#0f274e';
/** Point styles of the rounds in dot charts: the first round hollow, the later ones filled, each its own shape. */
const ROUND_SHAPES = ['circle', 'square', 'diamond', 'triangle-up', 'triangle-down'];

/**
 * The colours of `n` rounds, first to last: mixes of ROUND_FIRST and ROUND_LAST (in linear RGB)
 * at evenly spaced lightness, so that up to five rounds stay a grey step apart. One round is navy.
 */
export function roundColours(n: number): string[] {
  if (n <= 1) return [ROUND_LAST];
  const [from, to] = [linearRgb(ROUND_FIRST), linearRgb(ROUND_LAST)];
  const mix = (t: number) => from.map((v, i) => v + (to[i]! - v) * t) as [number, number, number];
  const [top, bottom] = [lightness(ROUND_FIRST), lightness(ROUND_LAST)];
  return Array.from({ length: n }, (_, i) => {
    const target = top - ((top - bottom) * i) / (n - 1);
    let [lo, hi] = [0, 1];
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (lab(mix(mid))[0] > target) lo = mid;
      else hi = mid;
    }
    return toHex(mix((lo + hi) / 2));
  });
}

/** Symbol shapes of `n` rounds (dot charts): the last round is always a filled circle. */
export function roundShapes(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? 'circle' : ROUND_SHAPES[(i + 1) % ROUND_SHAPES.length]!));
}

/** Status of a plan target, light (not known) to dark (formal); cells carry their word in `text`. */
export const STATUS_COLOURS = [
  { fill: '#f0f0f0', text: INK },
  { fill: '#c6dbef', text: INK },
  { fill: '#6baed6', text: INK },
  { fill: '#2171b5', text: '#ffffff' },
  { fill: '#08306b', text: '#ffffff' },
];

/** Every colour the charts draw with, by use: `text` and `mark` are checked against white, `outlined` fills carry OUTLINE. */
export const PALETTE: { name: string; colour: string; use: 'text' | 'mark' | 'outlined' | 'background'; on?: string }[] = [
  { name: 'ink', colour: INK, use: 'text' },
  { name: 'ink-soft', colour: INK_SOFT, use: 'text' },
  { name: 'outline', colour: OUTLINE, use: 'mark' },
  { name: 'axis', colour: AXIS, use: 'mark' },
  { name: 'grid', colour: GRID, use: 'background' },
  { name: 'guide', colour: GUIDE, use: 'background' },
  { name: 'edge', colour: EDGE, use: 'mark' },
  { name: 'alert', colour: ALERT, use: 'text' },
  ...CATEGORIES.map((c) => ({ name: `category-${c}`, colour: CATEGORY_COLOURS[c], use: 'outlined' as const })),
  { name: 'group-caption', colour: '#ffffff', use: 'text' as const, on: GROUP_FILL },
  ...Object.entries(CHANGE_STYLE).map(([k, s]) => ({ name: `change-${k}`, colour: s.colour, use: 'mark' as const })),
  { name: 'mapping', colour: MAPPING_STYLE.colour, use: 'mark' },
  ...[2, 3, 4, 5].flatMap((n) => roundColours(n).map((c, i) => ({ name: `round-${i + 1}-of-${n}`, colour: c, use: 'mark' as const }))),
  ...STATUS_COLOURS.flatMap((s, i) => [
    { name: `status-${i}`, colour: s.fill, use: 'background' as const },
    { name: `status-${i}-text`, colour: s.text, use: 'text' as const, on: s.fill },
  ]),
];

// ---- Vega-Lite pieces -----------------------------------------------------------------------

/** `text` broken into lines at spaces so that none is wider than `width` px (a longer word stays whole). */
export function wrapText(text: string, fontSize: number, bold: boolean, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Colour scale of the categories, by their translated names. */
export function categoryScale(tr: Translator) {
  return {
    domain: CATEGORIES.map((c) => tr.t(`category.${c}`)),
    range: CATEGORIES.map((c) => CATEGORY_COLOURS[c]),
  };
}

/** Shape scale of the categories, by their translated names. */
export function categoryShapeScale(tr: Translator) {
  return {
    domain: CATEGORIES.map((c) => tr.t(`category.${c}`)),
    range: CATEGORIES.map((c) => CATEGORY_SHAPES[c]),
  };
}

/** Colour and shape scales of the rounds, by label, first to last. */
export function roundScales(rounds: string[]) {
  return {
    colour: { domain: rounds, range: roundColours(rounds.length) },
    shape: { domain: rounds, range: roundShapes(rounds.length) },
  };
}

export function chartConfig(tr: Translator): Config & { locale: unknown } {
  return {
    font: FONT,
    locale: vegaLocale(tr),
    view: { stroke: null },
    title: { anchor: 'start', fontSize: TITLE_PX, fontWeight: 'bold', color: INK, limit: 0, offset: 10, lineHeight: 18, lineBreak: '\n' },
    axis: {
      labelFontSize: TEXT_PX,
      titleFontSize: TEXT_PX,
      titleFontWeight: 'normal',
      labelColor: INK,
      titleColor: INK,
      gridColor: GRID,
      domainColor: AXIS,
      tickColor: AXIS,
    },
    header: { labelFontSize: TEXT_PX, titleFontSize: TEXT_PX, labelColor: INK, titleColor: INK },
    legend: {
      labelFontSize: TEXT_PX,
      titleFontSize: TEXT_PX,
      titleFontWeight: 'bold',
      labelColor: INK,
      titleColor: INK,
      orient: 'bottom',
      direction: 'horizontal',
      columns: 2,
      columnPadding: 16,
      labelLimit: 300,
      titleLimit: 600,
      symbolStrokeColor: OUTLINE,
      symbolStrokeWidth: 0.8,
    },
    text: { fontSize: TEXT_PX, color: INK },
    background: 'white',
  } as unknown as Config & { locale: unknown };
}

/**
 * A chart: its spec with the schema, title, description and the shared config around `body`; a
 * `config` in `body` adds to the shared one (its `legend` merged key by key). Its text alternative
 * is the finding (the title unless the chart states it otherwise) and the description; `table` is
 * what it draws (table.ts).
 */
export function chartDef(
  id: string,
  title: string,
  description: string,
  tr: Translator,
  body: Record<string, unknown>,
  text: { table: ChartTable; finding?: string },
): ChartDef {
  const { config: extra, ...rest } = body as { config?: Record<string, unknown> };
  const base = chartConfig(tr);
  const config = extra ? { ...base, ...extra, legend: { ...base.legend, ...(extra.legend as object | undefined) } } : base;
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // broken into lines by us (Vega does not wrap), kept a string: `lineBreak` splits it
    title: wrapText(title, TITLE_PX, true, PRINT.width - 20).join('\n'),
    description,
    config,
    ...rest,
  } as TopLevelSpec;
  return { id, title, description, alt: altText(text.finding ?? title, description), table: text.table, spec };
}
