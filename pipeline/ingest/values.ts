/**
 * Reading answer values: numbers or labels, Indonesian or English, any case and spacing, with
 * leading numbers ("4. Percaya") and abbreviations (STS … SS). Numbers follow id-ID ("4,0" is
 * four). A label is a valid answer as it stands; a number that had to be reinterpreted ("4,0") is
 * returned with `corrected`, so the caller can log old and new value.
 */

import {
  type Choice,
  COOPERATION_CHOICES,
  FREQUENCY_CHOICES,
  RESOURCE_CHOICES,
  TRUST_CHOICES,
  YES_NO_CHOICES,
} from '../questionnaire/choices.ts';

/** A failure may name its own data-quality code (e.g. a value Excel turned into a date); VALUE_INVALID otherwise. */
export type ParseResult<T> = { ok: true; value: T; corrected: boolean } | { ok: false; expected: string; code?: string };

/** Labels already normalised: an export repeats the same few answers in every row. */
const normalised = new Map<string, string>();

/** Lower-case, fold spaces, hyphens and underscores, drop surrounding punctuation. */
export function normaliseLabel(text: string): string {
  let label = normalised.get(text);
  if (label === undefined) {
    if (normalised.size >= 10_000) normalised.clear();
    label = foldLabel(text);
    normalised.set(text, label);
  }
  return label;
}

function foldLabel(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(\p{L}+)2\b/gu, '$1-$1') // kadang2 → kadang-kadang
    .replace(/[\s_\-–—]+/g, ' ')
    .replace(/^[\s.:)(]+|[\s.:)(]+$/g, '')
    .trim();
}

const TRUST_LABELS: Record<string, number> = {
  'sangat tidak percaya': 1,
  'sama sekali tidak percaya': 1,
  sts: 1,
  stp: 1,
  'strongly distrust': 1,
  'no trust at all': 1,
  'tidak percaya': 2,
  'kurang percaya': 2,
  ts: 2,
  tp: 2,
  distrust: 2,
  'do not trust': 2,
  'ragu ragu': 3,
  ragu: 3,
  netral: 3,
  'cukup percaya': 3,
  n: 3,
  r: 3,
  neutral: 3,
  'somewhat trust': 3,
  percaya: 4,
  s: 4,
  p: 4,
  trust: 4,
  'sangat percaya': 5,
  ss: 5,
  sp: 5,
  'strongly trust': 5,
  'trust completely': 5,
  'fully trust': 5,
};

const COOPERATION_LABELS: Record<string, number> = {
  'tidak ada': 0,
  'belum ada': 0,
  tidak: 0,
  none: 0,
  'no cooperation': 0,
  komunikasi: 1,
  communication: 1,
  'saling kenal': 1,
  kooperasi: 2,
  cooperation: 2,
  koordinasi: 3,
  coordination: 3,
  kolaborasi: 4,
  collaboration: 4,
  konfederasi: 5,
  confederation: 5,
  merger: 5,
};

const FREQUENCY_LABELS: Record<string, number> = {
  'tidak pernah': 0,
  never: 0,
  jarang: 1,
  'sangat jarang': 1,
  rarely: 1,
  rare: 1,
  'kadang kadang': 2,
  kadang: 2,
  sometimes: 2,
  sering: 3,
  often: 3,
  'sangat sering': 4,
  selalu: 4,
  'very often': 4,
  always: 4,
};

const YES = new Set(['ya', 'y', 'yes', '1', 'true', 'benar', 'ada']);
const NO = new Set(['tidak', 't', 'no', 'n', '0', 'false', 'tidak ada', 'belum']);

const MONTHS = [
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'],
  ...['mei', 'agu', 'agt', 'ags', 'agus', 'okt', 'des'],
  ...['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  ...['januari', 'februari', 'maret', 'juni', 'juli', 'agustus', 'oktober', 'desember'],
].join('|');
/**
 * What Excel makes of a typed answer it takes for a date or a number in scientific notation: "2-1"
 * or "2/1" becomes "02-Jan" (Indonesian Excel: "2-Jan", "4-Mei"), a cell formatted as a date gives
 * "2024-01-02" or "02/01/2024", "10" in scientific format "1e1" or "1,00E+01". The answer that was
 * typed cannot be known from it, so such a value is never read as a number: it is logged and left
 * empty (retype it, with the column formatted as text).
 */
const EXCEL_CONVERTED = [
  new RegExp(`^\\d{1,4}[-/. ]?(?:${MONTHS})\\.?(?:[-/. ]?\\d{2,4})?$`, 'iu'),
  new RegExp(`^(?:${MONTHS})\\.?[-/. ]?\\d{1,4}$`, 'iu'),
  /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/,
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/,
  /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i,
];

/** Whether a value looks like Excel's conversion of a typed answer to a date or scientific notation. */
export const excelConverted = (text: string): boolean => EXCEL_CONVERTED.some((re) => re.test(text.trim()));

/**
 * Every answer of the questionnaire jejaring generates reads back, in both languages and as the
 * paper form's codes: its choice name, its labels and its code are added to the lists above, with
 * the value of its place in its list (the lists are in scale order).
 */
function addFormAnswers(into: Record<string, number>, choices: Choice[], first: number): void {
  choices.forEach((c, i) => {
    for (const text of [c.name, c.id, c.en]) if (!/^\d+$/.test(text)) into[normaliseLabel(text)] ??= first + i;
  });
}
addFormAnswers(TRUST_LABELS, TRUST_CHOICES, 1);
addFormAnswers(COOPERATION_LABELS, COOPERATION_CHOICES, 0);
addFormAnswers(FREQUENCY_LABELS, FREQUENCY_CHOICES, 0);
for (const [set, choice] of [
  [YES, YES_NO_CHOICES[0]!],
  [NO, YES_NO_CHOICES[1]!],
] as const)
  for (const text of [choice.name, choice.id, choice.en, choice.code?.id ?? '', choice.code?.en ?? ''].filter(Boolean))
    set.add(normaliseLabel(text));

/**
 * An integer on a closed scale, from a number ("4", "4,0") or a label. Labels may carry a
 * leading number ("4. Percaya"); then the number wins. A value Excel turned into a date or into
 * scientific notation ("02-Jan", "4-Mei", "1e1") is refused with its own code, never read.
 */
export function parseScale(raw: string, labels: Record<string, number>, min: number, max: number, expected: string): ParseResult<number> {
  const text = raw.trim();
  if (excelConverted(text)) return { ok: false, expected, code: 'VALUE_EXCEL_CONVERTED' };
  const numeric = /^[+]?(\d+)(?:,(\d+))?$/.exec(text);
  if (numeric) {
    const whole = Number(numeric[1]);
    const fraction = numeric[2];
    if (fraction !== undefined && Number(fraction) !== 0) return { ok: false, expected };
    if (whole < min || whole > max) return { ok: false, expected };
    return { ok: true, value: whole, corrected: fraction !== undefined };
  }
  const leading = /^(\d+)\s*[.)\-:]?\s*\p{L}/u.exec(text);
  if (leading) {
    const n = Number(leading[1]);
    if (n >= min && n <= max) return { ok: true, value: n, corrected: false };
    return { ok: false, expected };
  }
  const label = labels[normaliseLabel(text)];
  if (label !== undefined && label >= min && label <= max) return { ok: true, value: label, corrected: false };
  return { ok: false, expected };
}

/** On a 4-point scale (no middle answer) the agreeing answers move down one: percaya = 3, sangat percaya = 4. */
const TRUST_LABELS_4: Record<string, number> = Object.fromEntries(
  Object.entries(TRUST_LABELS)
    .filter(([, v]) => v !== 3)
    .map(([k, v]) => [k, v > 3 ? v - 1 : v]),
);

export const parseTrust = (raw: string, scale: 4 | 5 = 5) =>
  scale === 4 ? parseScale(raw, TRUST_LABELS_4, 1, 4, '1–4') : parseScale(raw, TRUST_LABELS, 1, 5, '1–5');
export const parseCooperation = (raw: string) => parseScale(raw, COOPERATION_LABELS, 0, 5, '0–5');
export const parseFrequency = (raw: string) => parseScale(raw, FREQUENCY_LABELS, 0, 4, '0–4');

export function parseYesNo(raw: string): ParseResult<boolean> {
  const text = normaliseLabel(raw);
  if (YES.has(text)) return { ok: true, value: true, corrected: false };
  if (NO.has(text)) return { ok: true, value: false, corrected: false };
  return { ok: false, expected: 'ya/tidak' };
}

const RESOURCE_LABELS: Record<string, string> = {
  pemasaran: 'pemasaran',
  marketing: 'pemasaran',
  pasar: 'pemasaran',
  pelatihan: 'pelatihan',
  training: 'pelatihan',
  permodalan: 'permodalan',
  modal: 'permodalan',
  capital: 'permodalan',
  'modal usaha': 'permodalan',
  informasi: 'informasi',
  information: 'informasi',
  info: 'informasi',
  legalitas: 'legalitas',
  legality: 'legalitas',
  perizinan: 'legalitas',
  izin: 'legalitas',
};

for (const c of RESOURCE_CHOICES)
  for (const text of [c.name, c.id, c.en, c.code?.id ?? '', c.code?.en ?? ''].filter(Boolean))
    RESOURCE_LABELS[normaliseLabel(text)] ??= c.name;
/** The labels, longest first, as `matchResources` tries them. */
const RESOURCES_LONGEST_FIRST = Object.keys(RESOURCE_LABELS).sort((a, b) => b.length - a.length);

/** A resource from its id, label (Indonesian or English) or paper-form code (P, L, M, I, Le), or null. */
export function resourceName(raw: string): string | null {
  return RESOURCE_LABELS[normaliseLabel(raw)] ?? null;
}

/**
 * The resources in a checkbox answer. Options are matched as known labels, longest first, rather
 * than split blindly (Google Forms joins with ", ", Kobo with a space, the canonical form with ";").
 * Returns the resources found and the text left over.
 */
export function matchResources(raw: string): { found: string[]; rest: string[] } {
  let text = ` ${normaliseLabel(raw).replace(/[;,]/g, ' ')} `;
  const found = new Set<string>();
  for (const label of RESOURCES_LONGEST_FIRST) {
    const needle = ` ${label} `;
    while (text.includes(needle)) {
      found.add(RESOURCE_LABELS[label]!);
      text = text.replace(needle, ' ');
    }
  }
  const rest = text.split(' ').filter((w) => w.length > 0);
  return { found: [...found].sort(), rest };
}

/** Split a `;`-separated list (commas are accepted too), trimmed, empty items dropped. */
export function splitList(raw: string): string[] {
  return raw
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
