/**
 * Renders chart SVGs in the project's Chromium (pipeline/browser.ts) with the report's embedded
 * Noto Sans and reads back what a reader sees: every text's ink box, size, colour and role, the
 * legend symbols' boxes, the colours of every other mark, the chart's size, and each point's data
 * (Vega's aria-label) with its centre. Boxes are in the SVG's own pixels.
 *
 * A text's ink box is its layout box (Chromium: ascender 1.069 em above the first baseline,
 * descender 0.293 em below the last, Noto Sans' metrics) shrunk to the glyphs' ink: caps and
 * ascenders reach 0.76 em above the baseline, descenders 0.24 em below.
 */
import type { Browser } from 'puppeteer-core';
import { findBrowser } from '../pipeline/browser.ts';
import { fontCss } from '../pipeline/report.ts';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface RenderedText {
  text: string;
  /** Class of the Vega mark group: role-axis-label, role-legend-label, role-title-text, <name>_marks … */
  role: string;
  fontSize: number;
  fill: string;
  box: Box;
}

export interface RenderedChart {
  id: string;
  width: number;
  height: number;
  texts: RenderedText[];
  legendSymbols: Box[];
  /** Fill and stroke colours of every element that is not text (lower-case hex or a keyword). */
  markColours: string[];
  /** Points and other symbols: Vega's aria-label and the centre. */
  symbols: { label: string; x: number; y: number; role: string }[];
}

export interface ChartBrowser {
  render(charts: { id: string; svg: string }[]): Promise<RenderedChart[]>;
  /**
   * The grey (0–255) each legend symbol filled with one of `fills` becomes when the chart is drawn
   * through CSS `grayscale(1)`, as a greyscale print or photocopy would: keyed by fill colour.
   */
  legendGreys(svg: string, fills: string[]): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function chartBrowser(): Promise<ChartBrowser> {
  const { default: puppeteer } = await import('puppeteer-core');
  const choice = await findBrowser(null);
  const browser: Browser = await puppeteer.launch({ executablePath: choice.executablePath, args: choice.args });
  const page = await browser.newPage();
  await page.setContent(
    `<!DOCTYPE html><html><head><style>${fontCss()} body{margin:0;font-family:"Noto Sans"}</style></head><body></body></html>`,
  );
  return {
    async render(charts) {
      const out: RenderedChart[] = [];
      for (const chart of charts) {
        await page.evaluate((svg: string) => {
          document.body.innerHTML = `<div id="chart">${svg}</div>`;
        }, chart.svg);
        await page.evaluate(() => document.fonts.ready);
        const loaded = await page.evaluate(() => document.fonts.check('11px "Noto Sans"') && document.fonts.check('bold 11px "Noto Sans"'));
        if (!loaded) throw new Error('Noto Sans did not load');
        const measured = await page.evaluate(() => {
          const svg = document.querySelector('#chart svg') as SVGSVGElement;
          const origin = svg.getBoundingClientRect();
          // colours as lower-case six-digit hex ('white', '#fff' → '#ffffff')
          const named = (c: string) => {
            const v = c.trim().toLowerCase();
            if (v === 'white') return '#ffffff';
            if (v === 'black') return '#000000';
            return /^#[0-9a-f]{3}$/.test(v) ? `#${[...v.slice(1)].map((x) => x + x).join('')}` : v;
          };
          const rel = (r: DOMRect) => ({
            x0: r.left - origin.left,
            y0: r.top - origin.top,
            x1: r.right - origin.left,
            y1: r.bottom - origin.top,
          });
          const roleOf = (el: Element) => {
            const g = el.closest('g[class*="mark-"]');
            const cls = g?.getAttribute('class') ?? '';
            return (
              cls.split(' ').find((c) => c.startsWith('role-') && c !== 'role-mark') ??
              cls.split(' ').find((c) => c.endsWith('_marks')) ??
              cls
            );
          };
          const texts = Array.from(svg.querySelectorAll('text'))
            .filter((t) => (t.textContent ?? '').trim() !== '' && getComputedStyle(t).display !== 'none')
            .map((t) => {
              const fs = Number.parseFloat(getComputedStyle(t).fontSize);
              const box = rel(t.getBoundingClientRect());
              const rotated = /rotate\((-?90|270)/.test(t.getAttribute('transform') ?? '');
              const ink = rotated
                ? { x0: box.x0 + (0.293 - 0.24) * fs, y0: box.y0, x1: box.x1 - (1.069 - 0.76) * fs, y1: box.y1 }
                : { x0: box.x0, y0: box.y0 + (1.069 - 0.76) * fs, x1: box.x1, y1: box.y1 - (0.293 - 0.24) * fs };
              const tspans = Array.from(t.querySelectorAll('tspan')).map((s) => s.textContent ?? '');
              return {
                text: tspans.length > 0 ? tspans.join(' ') : (t.textContent ?? ''),
                role: roleOf(t),
                fontSize: fs,
                fill: named(t.getAttribute('fill') ?? ''),
                box: ink,
              };
            });
          const legendSymbols = Array.from(svg.querySelectorAll('.role-legend-symbol path, .legend_symbols_marks path')).map((p) =>
            rel((p as SVGGraphicsElement).getBoundingClientRect()),
          );
          const markColours = Array.from(svg.querySelectorAll('path, rect, line, circle'))
            .filter((el) => !el.classList.contains('background') && !el.classList.contains('foreground'))
            .flatMap((el) => [el.getAttribute('fill'), el.getAttribute('stroke')])
            .filter((c): c is string => c !== null && c !== 'none' && c !== 'transparent')
            .map(named);
          const symbols = Array.from(svg.querySelectorAll('[aria-roledescription="point"], [aria-roledescription="symbol"]')).map((p) => {
            const r = (p as SVGGraphicsElement).getBoundingClientRect();
            return {
              label: p.getAttribute('aria-label') ?? '',
              x: (r.left + r.right) / 2 - origin.left,
              y: (r.top + r.bottom) / 2 - origin.top,
              role: roleOf(p),
            };
          });
          return {
            width: Number(svg.getAttribute('width')),
            height: Number(svg.getAttribute('height')),
            texts,
            legendSymbols,
            markColours: [...new Set(markColours)],
            symbols,
          };
        });
        out.push({ id: chart.id, ...measured });
      }
      return out;
    },
    async legendGreys(svg, fills) {
      return page.evaluate(
        async (markup: string, wanted: string[]) => {
          document.body.innerHTML = `<div id="chart">${markup}</div>`;
          const root = document.querySelector('#chart svg') as SVGSVGElement;
          const origin = root.getBoundingClientRect();
          const centres = Array.from(root.querySelectorAll('.legend_symbols_marks path'))
            .map((p) => ({ fill: (p.getAttribute('fill') ?? '').toLowerCase(), r: (p as SVGGraphicsElement).getBoundingClientRect() }))
            .filter((p) => wanted.includes(p.fill))
            .map((p) => ({ fill: p.fill, x: (p.r.left + p.r.right) / 2 - origin.left, y: (p.r.top + p.r.bottom) / 2 - origin.top }));
          const image = new Image();
          image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = root.width.baseVal.value;
          canvas.height = root.height.baseVal.value;
          const ctx = canvas.getContext('2d')!;
          ctx.filter = 'grayscale(1)';
          ctx.drawImage(image, 0, 0);
          const out: Record<string, number> = {};
          for (const c of centres) {
            const d = ctx.getImageData(Math.round(c.x) - 1, Math.round(c.y) - 1, 3, 3).data;
            let sum = 0;
            for (let i = 0; i < d.length; i += 4) sum += d[i]!;
            out[c.fill] = sum / (d.length / 4);
          }
          return out;
        },
        svg,
        fills,
      );
    },
    close: () => browser.close(),
  };
}

/** Overlap area of two boxes, px². */
export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}
