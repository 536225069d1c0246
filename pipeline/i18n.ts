/**
 * Translations and locale-aware formatting.
 *
 * Every word a reader sees comes from `templates/locales/<lang>.json`; numbers and dates go
 * through `Intl` in the locale's BCP 47 tag (`id-ID` by default: decimal comma, "5 November 2025").
 * Keys are dotted paths (`summary.title`); `{name}` placeholders are filled from params.
 */
import { readFileSync } from 'node:fs';
import { projectFile } from './project.ts';

export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type Dict = { [key: string]: string | Dict };

const LOCALE_TAG: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };
const cache = new Map<Lang, Dict>();

function loadDict(lang: Lang): Dict {
  let dict = cache.get(lang);
  if (!dict) {
    const file = projectFile(`templates/locales/${lang}.json`);
    dict = JSON.parse(readFileSync(file, 'utf8')) as Dict;
    cache.set(lang, dict);
  }
  return dict;
}

export type Params = Record<string, string | number>;

export interface Translator {
  lang: Lang;
  locale: string;
  /** The text at `key`, with `{param}` placeholders filled. Throws on a missing key: a gap in a locale file is a bug. */
  t(key: string, params?: Params): string;
  /** Whether `key` exists (for optional texts such as per-code hints). */
  has(key: string): boolean;
  /** The sub-dictionary at `key`, for templates that place many texts of one section. */
  section(key: string): Dict;
  number(value: number | null, digits?: number): string;
  integer(value: number | null): string;
  percent(value: number | null, digits?: number): string;
  /** A signed change, e.g. "+0,12"; "–" for null. */
  delta(value: number | null, digits?: number): string;
  /** An ISO date (YYYY-MM-DD) as "5 November 2025". */
  date(iso: string | null): string;
  list(items: string[]): string;
}

/** The text shown for an undefined measure (metrics.json stores `null`). */
export const MISSING = '–';

function lookup(dict: Dict, key: string): string | Dict | undefined {
  let node: string | Dict | undefined = dict;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

export function translator(lang: Lang): Translator {
  const dict = loadDict(lang);
  const locale = LOCALE_TAG[lang];
  // formatters are costly to build and reports format thousands of numbers: build each once
  const formatters = new Map<string, Intl.NumberFormat>();
  const fmt = (digits: number, style: 'decimal' | 'percent' = 'decimal', sign = false) => {
    const key = `${digits}|${style}|${sign}`;
    let f = formatters.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale, {
        style,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        signDisplay: sign ? 'exceptZero' : 'auto',
      });
      formatters.set(key, f);
    }
    return f;
  };
  const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);
  return {
    lang,
    locale,
    t(key, params) {
      const found = lookup(dict, key);
      if (typeof found !== 'string') throw new Error(`locale ${lang}: missing text "${key}"`);
      return found.replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
    },
    has: (key) => typeof lookup(dict, key) === 'string',
    section(key) {
      const found = lookup(dict, key);
      if (found === undefined || typeof found === 'string') throw new Error(`locale ${lang}: missing section "${key}"`);
      return found;
    },
    number: (v, digits = 2) => (finite(v) ? fmt(digits).format(v) : MISSING),
    integer: (v) => (finite(v) ? fmt(0).format(v) : MISSING),
    percent: (v, digits = 0) => (finite(v) ? fmt(digits, 'percent').format(v) : MISSING),
    delta: (v, digits = 2) => (finite(v) ? fmt(digits, 'decimal', true).format(v) : MISSING),
    date(iso) {
      if (!iso) return MISSING;
      const [y, m, d] = iso.split('-').map(Number);
      if (!y || !m || !d) return iso;
      return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        Date.UTC(y, m - 1, d),
      );
    },
    list: (items) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items),
  };
}
