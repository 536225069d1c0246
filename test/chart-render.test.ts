/**
 * Every chart as a reader sees it: the SVGs the pipeline writes, rendered in Chromium with the
 * report's Noto Sans (chart-browser.ts), for the sample in three editions and two languages, the
 * three-round fixture, a synthetic case of about a hundred actors and one large enough for the
 * aggregated map, and the groups map of a folder of cases. For each chart:
 * - no text's ink overlaps another's, nor a legend symbol;
 * - no text prints under 8 pt (the chart's own size, scaled down only when wider than the printed
 *   column or taller than the page allows);
 * - every colour drawn is in the checked palette (style.ts), text colours among the text ones;
 * and for particular charts: the per-actor change chart pairs each value with its own actor's
 * row, and the Venn map labels every plan target.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticCase } from '../bench/synthetic.ts';
import { CATEGORY_COLOURS, MIN_PRINT_PT, PALETTE, PRINT } from '../pipeline/charts/style.ts';
import type { Audience } from '../pipeline/edition.ts';
import { translator } from '../pipeline/i18n.ts';
import type { Metrics } from '../pipeline/model/metrics.ts';
import { run } from '../pipeline/run.ts';
import { type ChartBrowser, chartBrowser, overlapArea, type RenderedChart } from './chart-browser.ts';
import { fixture, runOptions, SAMPLE, tempDir } from './helpers.ts';

const PX_PER_PT = 96 / 72;
const TEXT_COLOURS = new Set(PALETTE.filter((p) => p.use === 'text').map((p) => p.colour.toLowerCase()));
const ALL_COLOURS = new Set([...PALETTE.map((p) => p.colour.toLowerCase()), '#ffffff']);

interface Case {
  name: string;
  dir: () => string;
  audience: Audience;
  lang: 'id' | 'en';
}

const synthetic = (groups: number, pool: number) => () => {
  const dir = join(tempDir(), 'case');
  writeSyntheticCase(dir, { groups, pool, seed: `charts-${groups}` });
  return dir;
};

const CASES: Case[] = [
  { name: 'sample, internal', dir: () => SAMPLE, audience: 'internal', lang: 'id' },
  { name: 'sample, kelurahan', dir: () => SAMPLE, audience: 'kelurahan', lang: 'id' },
  { name: 'sample, dinas, English', dir: () => SAMPLE, audience: 'dinas', lang: 'en' },
  { name: 'three rounds', dir: () => fixture('three-rounds'), audience: 'internal', lang: 'id' },
  { name: 'synthetic, 6 groups', dir: synthetic(6, 50), audience: 'internal', lang: 'id' },
  { name: 'synthetic, 30 groups (aggregated map)', dir: synthetic(30, 80), audience: 'internal', lang: 'id' },
];

/** Every chart the report of a case shows, as written to charts/*.svg. */
async function writtenCharts(c: Case): Promise<{ charts: { id: string; svg: string }[]; metrics: Metrics }> {
  const target = await run(runOptions(c.dir(), { lang: c.lang, audience: c.audience }), translator(c.lang));
  const dir = join(target, 'charts');
  const charts = readdirSync(dir)
    .filter((f) => f.endsWith('.svg'))
    .sort()
    .map((f) => ({ id: f.slice(0, -4), svg: readFileSync(join(dir, f), 'utf8') }));
  return { charts, metrics: JSON.parse(readFileSync(join(target, 'metrics.json'), 'utf8')) as Metrics };
}

let browser: ChartBrowser;
beforeAll(async () => {
  browser = await chartBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The checks every chart must pass; returns what failed, as readable lines. */
function problems(chart: RenderedChart): string[] {
  const out: string[] = [];
  const scale = Math.min(1, PRINT.width / chart.width, PRINT.maxHeight / chart.height);
  for (const t of chart.texts) {
    const printed = (t.fontSize * scale) / PX_PER_PT;
    if (printed < MIN_PRINT_PT - 1e-6) out.push(`"${t.text}" prints at ${printed.toFixed(2)} pt`);
    if (!TEXT_COLOURS.has(t.fill)) out.push(`"${t.text}" is drawn in ${t.fill}, not a checked text colour`);
  }
  for (const [i, a] of chart.texts.entries()) {
    for (const b of chart.texts.slice(i + 1)) {
      const area = overlapArea(a.box, b.box);
      if (area > 0.5) out.push(`"${a.text}" (${a.role}) overlaps "${b.text}" (${b.role}) by ${area.toFixed(1)} px²`);
    }
    for (const s of chart.legendSymbols) {
      const area = overlapArea(a.box, s);
      if (area > 0.5) out.push(`"${a.text}" (${a.role}) overlaps a legend symbol by ${area.toFixed(1)} px²`);
    }
  }
  for (const c of chart.markColours) if (!ALL_COLOURS.has(c)) out.push(`a mark is drawn in ${c}, not a checked colour`);
  return out;
}

describe.each(CASES)('the charts of $name', (c) => {
  let rendered: RenderedChart[];
  let metrics: Metrics;
  let written: Awaited<ReturnType<typeof writtenCharts>>;
  beforeAll(async () => {
    written = await writtenCharts(c);
    metrics = written.metrics;
    rendered = await browser.render(written.charts);
  });

  it('keep the category symbols of the maps apart when printed in grey', async () => {
    const fills = Object.values(CATEGORY_COLOURS).map((f) => f.toLowerCase());
    const maps = written.charts.filter((ch) => /^(network-|change-map|venn-)/.test(ch.id) && ch.svg.includes('legend_symbols'));
    for (const map of maps) {
      const greys = await browser.legendGreys(map.svg, fills);
      const values = Object.values(greys).sort((a, b) => a - b);
      // every category present has its symbol in the legend
      expect(values.length, map.id).toBeGreaterThanOrEqual(4);
      for (let i = 1; i < values.length; i++)
        expect(values[i]! - values[i - 1]!, `${map.id}: ${JSON.stringify(greys)}`).toBeGreaterThanOrEqual(20);
    }
  });

  it('have no overlapping text, no text under 8 pt in print, only checked colours', () => {
    expect(rendered.length).toBeGreaterThan(5);
    const failures = rendered.flatMap((ch) => problems(ch).map((p) => `${ch.id}: ${p}`));
    expect(failures).toEqual([]);
  });

  it('are no wider than the printed column', () => {
    expect(rendered.filter((ch) => ch.width > PRINT.width).map((ch) => `${ch.id} ${ch.width}`)).toEqual([]);
  });

  it('pair each value of the per-actor change chart with its own actor row', () => {
    const chart = rendered.find((ch) => ch.id === 'change-actors');
    // a detail chart: drawn for the internal edition only (edition.ts detailCharts)
    if (metrics.rounds.length < 2 || c.audience !== 'internal') return expect(chart).toBeUndefined();
    expect(chart).toBeDefined();
    const rows = new Map(chart!.texts.filter((t) => t.role === 'role-axis-label').map((t) => [t.text, (t.box.y0 + t.box.y1) / 2]));
    const points = chart!.symbols.filter((s) => /item: /.test(s.label));
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) {
      const item = /item: ([^;]+)/.exec(p.label)![1]!.trim();
      expect(rows.has(item), item).toBe(true);
      expect(Math.abs(rows.get(item)! - p.y), item).toBeLessThan(2);
    }
  });

  it('label every plan target on the Venn maps', () => {
    const targets = metrics.plan?.targets.map((t) => t.actor) ?? [];
    for (const venn of rendered.filter((ch) => ch.id.startsWith('venn-'))) {
      const labels = new Set(venn.texts.map((t) => t.text));
      expect(
        targets.filter((t) => !labels.has(t)),
        venn.id,
      ).toEqual([]);
    }
  });
});
