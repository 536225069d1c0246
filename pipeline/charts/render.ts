/**
 * Vega-Lite → SVG, headless. Text widths come from Noto Sans' own advance widths (text-width.ts)
 * rather than a canvas, so the SVG is the same on every machine and legends, axis labels and
 * truncation fit the font the report draws with. Vega writes into inline data objects, so each
 * render gets a fresh copy of the spec; generated clip and gradient ids are prefixed with the
 * chart id so that charts can share one HTML page.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { TrustedSvg } from '../model/charts.ts';
import { isBoldWeight, textWidth } from './text-width.ts';

// Vega's hook for a text measure of one's own (as vl-convert uses): its default estimate is 0.8 em
// per character, which makes legends too wide and truncates axis labels that would fit.
const metrics = (vega as unknown as { textMetrics: unknown }).textMetrics as {
  width: (item: { fontSize?: number; fontWeight?: unknown }, text: unknown) => number;
};
metrics.width = (item, text) => textWidth(String(text ?? ''), item.fontSize ?? 11, isBoldWeight(item.fontWeight));

export async function renderSvg(id: string, spec: TopLevelSpec): Promise<TrustedSvg> {
  const fresh = JSON.parse(JSON.stringify(spec)) as TopLevelSpec;
  const { spec: vg } = compile(fresh);
  const view = new vega.View(vega.parse(vg), { renderer: 'none', logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    // Vega numbers clip paths and gradients with a process-wide counter: renumber them per chart
    // (in order of appearance) and prefix the chart id, so ids are unique on the page and the
    // same however many charts were rendered before.
    const local = new Map<string, string>();
    const rename = (old: string) => {
      let name = local.get(old);
      if (!name) {
        name = `${id}-${old.replace(/\d+$/, '')}${local.size + 1}`;
        local.set(old, name);
      }
      return name;
    };
    const prefixed = svg
      .replace(/id="((?:clip|gradient|pattern)[\w-]*)"/g, (_m, old: string) => `id="${rename(old)}"`)
      .replace(/url\(#((?:clip|gradient|pattern)[\w-]*)\)/g, (_m, old: string) => `url(#${rename(old)})`);
    return prefixed as TrustedSvg;
  } finally {
    view.finalize();
  }
}
