/**
 * Vega-Lite → SVG, headless. Text width is estimated by Vega (no `canvas`), so the SVG is the
 * same on every machine. Vega writes into inline data objects, so each render gets a fresh copy
 * of the spec; generated clip and gradient ids are prefixed with the chart id so that charts can
 * share one HTML page.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Translator } from '../i18n.ts';
import type { TrustedSvg } from '../model/charts.ts';

export const FONT = 'Noto Sans';

const locales = new Map<string, ReturnType<typeof buildLocale>>();

/** d3-format / d3-time-format locale built from Intl, since d3 ships none for id-ID (built once per language: 38 Intl formatters). */
export function vegaLocale(tr: Translator) {
  let locale = locales.get(tr.locale);
  if (!locale) {
    locale = buildLocale(tr);
    locales.set(tr.locale, locale);
  }
  return locale;
}

function buildLocale(tr: Translator) {
  const parts = new Intl.NumberFormat(tr.locale).formatToParts(12345.6);
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const thousands = parts.find((p) => p.type === 'group')?.value ?? ',';
  const months = (month: 'long' | 'short') =>
    Array.from({ length: 12 }, (_, i) => new Intl.DateTimeFormat(tr.locale, { month, timeZone: 'UTC' }).format(Date.UTC(2025, i, 1)));
  const days = (weekday: 'long' | 'short') =>
    Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(tr.locale, { weekday, timeZone: 'UTC' }).format(Date.UTC(2025, 5, 1 + i)));
  return {
    number: { decimal, thousands, grouping: [3], currency: ['Rp', ''] },
    time: {
      dateTime: '%A, %e %B %Y %X',
      date: '%d/%m/%Y',
      time: '%H.%M.%S',
      periods: ['AM', 'PM'],
      days: days('long'),
      shortDays: days('short'),
      months: months('long'),
      shortMonths: months('short'),
    },
  };
}

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
