/**
 * Recognising columns: which header names a field of the long form, and which headers of a wide
 * export (one row per respondent, columns per actor and question) hold which question about
 * which actor.
 *
 * Wide headers seen in the field tools (see README, "Exports from survey tools"):
 *   Google Forms grid     `Seberapa percaya Anda kepada pihak berikut? [Dinas Sosial]`
 *   Kobo, groups in XML   `g_dinsos/kepercayaan_dinsos`, `g_dinsos/sumber_daya_dinsos/pemasaran`
 *   Kobo, no groups       `kepercayaan_dinsos`
 *   Kobo, labels          `Dinas Sosial/Seberapa percaya Anda?` or the actor named inside the label
 *   hand-made             `kepercayaan Warung Susi`, `Warung Susi - kerja sama`
 * The question is found by keywords (configurable); the actor by the roster (id, name, alias),
 * first as a whole segment, then as a name contained in the text.
 */

import { RESOURCES } from '../domain.ts';
import type { TieField } from './raw.ts';
import type { Roster } from './roster.ts';
import { normaliseName } from './roster.ts';

/** Column names accepted for each field of the long form (English first, then Indonesian). */
export const LONG_COLUMNS: Record<TieField, readonly string[]> = {
  respondent: ['respondent', 'responden', 'from', 'dari', 'nama_responden'],
  actor: ['actor', 'aktor', 'to', 'kepada', 'aktor_nama', 'aktor_id', 'actor_name', 'actor_id', 'pihak'],
  trust: ['trust', 'kepercayaan', 'percaya'],
  cooperation: ['cooperation', 'kerjasama', 'kerja_sama', 'tingkat_kerja_sama'],
  frequency: ['frequency', 'frekuensi'],
  resources: ['resources', 'sumber_daya', 'sumberdaya'],
  formal: ['formal', 'mou', 'kesepakatan'],
};

/** Keywords that identify a question in a wide header, checked in this order. */
export const QUESTION_KEYWORDS: Record<WideField, readonly string[]> = {
  formal: ['mou', 'kesepakatan', 'perjanjian', 'tertulis', 'formal', 'written agreement'],
  resources: ['sumber daya', 'sumber_daya', 'sumberdaya', 'resources', 'resource'],
  frequency: ['frekuensi', 'seberapa sering', 'how often', 'frequency'],
  cooperation: ['kerja sama', 'kerjasama', 'kerja_sama', 'cooperation', 'collaboration level'],
  trust: ['kepercayaan', 'percaya', 'trust'],
  known: ['kenal', 'mengenal', 'know'],
};
export type WideField = Exclude<TieField, 'respondent' | 'actor'> | 'known';
export const WIDE_FIELDS = Object.keys(QUESTION_KEYWORDS) as WideField[];

/** Headers of a respondent's name and of the submission time, when not configured. */
export const RESPONDENT_HEADERS = [
  'respondent',
  'responden',
  'nama responden',
  'nama anda',
  'nama',
  'name',
  'your name',
  'respondent name',
];
export const TIME_HEADERS = ['_submission_time', 'submissiondate', 'timestamp', 'stempel waktu', 'end', 'submission time', 'waktu'];
/** Export metadata: never a question. */
const META_HEADERS = [
  ...['_', '__', 'meta[-/]', 'attachments'],
  ...['start$', 'end$', 'today$', 'jejaring_form$', 'deviceid$', 'key$', 'submitterid$', 'submittername$', 'status$', 'reviewstate$'],
  ...['edits$', 'formversion$', 'instanceid$', 'email address$', 'alamat email$', 'timestamp$', 'stempel waktu$', 'submissiondate$'],
];
export const META = new RegExp(`^(${META_HEADERS.join('|')})`, 'i');

const norm = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();

export interface WideColumn {
  index: number;
  header: string;
  field: WideField;
  actorId: string;
  /** For a select_multiple detail column (`…/pemasaran`): the option it holds 1/0 for. */
  option?: string;
}

function fieldOf(text: string, keywords: Record<WideField, readonly string[]>): { field: WideField; keyword: string } | null {
  const t = norm(text);
  for (const field of WIDE_FIELDS) {
    for (const k of keywords[field]) if (t.includes(norm(k))) return { field, keyword: norm(k) };
  }
  return null;
}

/** The roster actor named in `text`: a whole match first, then the longest name or alias it contains. */
export function actorIn(text: string, roster: Roster): string | null {
  const cleaned = text.replace(/^g_/i, '').trim();
  const whole = roster.match(cleaned);
  if (whole) return whole.id;
  const target = ` ${normaliseName(cleaned)} `;
  let best: { id: string; length: number } | null = null;
  for (const a of roster.actors) {
    for (const name of [a.name, ...a.aliases, a.id.replace(/[-_]/g, ' ')]) {
      const n = normaliseName(name);
      if (n.length >= 3 && target.includes(` ${n} `) && (!best || n.length > best.length)) best = { id: a.id, length: n.length };
    }
  }
  return best?.id ?? null;
}

/**
 * Read one wide header. Returns null for a header that is not a per-actor question (metadata,
 * the respondent's name, other questions).
 */
export function wideColumn(
  header: string,
  index: number,
  roster: Roster,
  keywords: Record<WideField, readonly string[]> = QUESTION_KEYWORDS,
): WideColumn | null {
  if (META.test(header.trim())) return null;
  // Google Forms grid: "Question [Row]"
  const grid = /^(.*)\[([^\]]+)\]\s*$/.exec(header);
  if (grid) {
    const f = fieldOf(grid[1]!, keywords);
    const actor = actorIn(grid[2]!, roster);
    return f && actor ? { index, header, field: f.field, actorId: actor } : null;
  }
  const segments = header
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean);
  // select_multiple detail column: ".../<option>" after the question segment
  const last = segments[segments.length - 1] ?? '';
  let option: string | undefined;
  if (segments.length > 1) {
    const opt = norm(last);
    if ((RESOURCES as readonly string[]).includes(opt) || roster.match(last)) {
      const before = segments.slice(0, -1);
      const f = fieldOf(before[before.length - 1] ?? '', keywords);
      if (f?.field === 'resources' && (RESOURCES as readonly string[]).includes(opt)) {
        option = opt;
        segments.pop();
      } else if (f?.field === 'known' && roster.match(last)) {
        // "kenal/dinsos": the respondent knows this actor
        return { index, header, field: 'known', actorId: roster.match(last)!.id };
      }
    }
  }
  // find the question segment (last one with a keyword) and the actor in any segment
  let field: { field: WideField; keyword: string } | null = null;
  let questionSegment = -1;
  for (let i = segments.length - 1; i >= 0 && !field; i--) {
    field = fieldOf(segments[i]!, keywords);
    if (field) questionSegment = i;
  }
  if (!field) return null;
  const candidates = segments.map((s, i) => (i === questionSegment ? norm(s).replace(field!.keyword, ' ') : s));
  for (const c of [...candidates.slice(0, questionSegment), candidates[questionSegment]!, ...candidates.slice(questionSegment + 1)]) {
    const actor = actorIn(c.replace(/^[\s_:-]+|[\s_:?-]+$/g, ''), roster);
    if (actor) return { index, header, field: field.field, actorId: actor, ...(option ? { option } : {}) };
  }
  return null;
}
