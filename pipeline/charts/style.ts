/**
 * Shared chart style: one font, the Okabe–Ito colour-blind-safe palette for actor categories,
 * and the same config block in every spec.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { CATEGORIES, type Category } from '../domain.ts';
import type { Translator } from '../i18n.ts';
import type { ChartDef } from '../model/charts.ts';
import { FONT, vegaLocale } from './render.ts';

export const CATEGORY_COLOURS: Record<Category, string> = {
  internal: '#0072B2',
  pemasaran: '#E69F00',
  pelatihan: '#009E73',
  permodalan: '#CC79A7',
  legalitas: '#D55E00',
  lainnya: '#8C8C8C',
};

/** Round colours: first round grey-blue, last round strong blue, others between. */
export const ROUND_COLOURS = ['#9ecae1', '#2171b5', '#08306b', '#6baed6', '#4292c6'];

export function categoryScale(tr: Translator) {
  return {
    domain: CATEGORIES.map((c) => tr.t(`category.${c}`)),
    range: CATEGORIES.map((c) => CATEGORY_COLOURS[c]),
  };
}

export function chartConfig(tr: Translator): Config & { locale: unknown } {
  return {
    font: FONT,
    locale: vegaLocale(tr),
    view: { stroke: null },
    title: { anchor: 'start', fontSize: 13, fontWeight: 'bold', color: '#1a1a1a', limit: 0 },
    axis: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', labelColor: '#333', titleColor: '#333', gridColor: '#e5e5e5' },
    legend: {
      labelFontSize: 10,
      titleFontSize: 11,
      titleFontWeight: 'normal',
      orient: 'bottom',
      direction: 'horizontal',
      columns: 3,
      labelLimit: 400,
      titleLimit: 400,
    },
    background: 'white',
  } as Config & { locale: unknown };
}

/** A chart: its spec with the schema, title, description and the shared config around `body`. */
export function chartDef(id: string, title: string, description: string, tr: Translator, body: Record<string, unknown>): ChartDef {
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    description,
    config: chartConfig(tr),
    ...body,
  } as TopLevelSpec;
  return { id, title, description, spec };
}
