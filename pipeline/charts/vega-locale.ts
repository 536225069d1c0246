/**
 * The number and date formats Vega uses in chart text (axis ticks, legends), in the report's
 * language: a d3-format / d3-time-format locale built from Intl, since d3 ships none for id-ID.
 * Built once per language (38 Intl formatters). No Vega import here, so that the palette and
 * chart style can be read by stages that draw nothing (the GEXF writer).
 */
import type { Translator } from '../i18n.ts';

const locales = new Map<string, ReturnType<typeof buildLocale>>();

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
