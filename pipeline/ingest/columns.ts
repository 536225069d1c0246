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
 * The actor is found by the roster (id, name, alias), first as a whole segment, then as a name
 * contained in the text; the question by keywords (configurable) in what is left.
 */

import type { QualityLog } from '../quality.ts';
import type { Table } from './csv.ts';
import type { TieField } from './raw.ts';
import type { Roster } from './roster.ts';
import { normaliseName } from './roster.ts';
import { resourceName } from './values.ts';

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

/**
 * Words that identify a question in a wide header (or a form's field name and label), checked in
 * this order after the actor's name has been taken out. `known` and `memberTies` are lists of
 * actors (a checkbox question "which of these do you know?", "KUBE members you often work with").
 * `import.questions` replaces the words of a question.
 */
export const QUESTION_KEYWORDS: Record<WideField, readonly string[]> = {
  formal: ['mou', 'kesepakatan', 'perjanjian', 'tertulis', 'formal', 'written agreement'],
  resources: ['sumber daya', 'sumber_daya', 'sumberdaya', 'resources', 'resource', 'sumber'],
  frequency: ['frekuensi', 'seberapa sering', 'how often', 'frequency'],
  memberTies: ['anggota kube yang', 'bekerja sama dengan anda', 'sesama anggota', 'members you work with', 'work with most'],
  cooperation: ['kerja sama', 'kerjasama', 'kerja_sama', 'cooperation', 'collaboration level'],
  trust: ['kepercayaan', 'percaya', 'trust'],
  known: ['kenal', 'mengenal', 'know'],
};
export type WideField = Exclude<TieField, 'respondent' | 'actor'> | 'known' | 'memberTies';
export const WIDE_FIELDS = Object.keys(QUESTION_KEYWORDS) as WideField[];
/** The questions that are lists of actors rather than a value about one actor. */
export const LIST_FIELDS = ['memberTies', 'known'] as const;

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
  ...[
    'edits$',
    'formversion$',
    'instanceid$',
    'parent_key$',
    'email address$',
    'alamat email$',
    'timestamp$',
    'stempel waktu$',
    'submissiondate$',
  ],
];
export const META = new RegExp(`^(${META_HEADERS.join('|')})`, 'i');

export interface WideColumn {
  index: number;
  header: string;
  field: WideField;
  actorId: string;
  /** For a select_multiple detail column (`…/pemasaran`): the option it holds 1/0 for. */
  option?: string;
}

/** The question whose words `text` holds (normalised as names are), or null; list questions only when asked for. */
function fieldOf(text: string, keywords: Record<WideField, readonly string[]>, lists: boolean): WideField | null {
  const t = ` ${normaliseName(text)} `;
  for (const field of WIDE_FIELDS) {
    if (!lists && (LIST_FIELDS as readonly string[]).includes(field)) continue;
    for (const k of keywords[field]) {
      const word = normaliseName(k);
      if (word !== '' && t.includes(word)) return field;
    }
  }
  return null;
}

/** The roster actor named in `text` and the words it took: a whole match first, then the longest name, alias or id it contains. */
function actorSpan(text: string, roster: Roster): { id: string; name: string } | null {
  const cleaned = text.replace(/^g(rp)?_/i, '').trim();
  const whole = roster.match(cleaned);
  if (whole) return { id: whole.id, name: normaliseName(cleaned) };
  const target = ` ${normaliseName(cleaned)} `;
  let best: { id: string; name: string } | null = null;
  for (const a of roster.actors) {
    for (const name of [a.name, ...a.aliases, a.id]) {
      const n = normaliseName(name);
      if (n.length >= 3 && target.includes(` ${n} `) && (!best || n.length > best.name.length)) best = { id: a.id, name: n };
    }
  }
  return best;
}

/** The roster actor named in `text`: a whole match first, then the longest name or alias it contains. */
export function actorIn(text: string, roster: Roster): string | null {
  return actorSpan(text, roster)?.id ?? null;
}

/**
 * The question and the actor one piece of text names. The actor is found first and its name taken
 * out, so that a shop called "Toko Sumber Rejeki" does not read as the resources question.
 */
export function splitQuestion(
  text: string,
  roster: Roster,
  keywords: Record<WideField, readonly string[]> = QUESTION_KEYWORDS,
  lists = false,
): { field: WideField | null; actorId: string | null } {
  const actor = actorSpan(text, roster);
  const rest = actor ? ` ${normaliseName(text)} `.replace(` ${actor.name} `, ' ') : text;
  return { field: fieldOf(rest, keywords, lists), actorId: actor?.id ?? null };
}

/**
 * Read one wide header. Returns null for a header that is not a per-actor question (metadata,
 * the respondent's name, lists of actors, other questions).
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
    const field = fieldOf(grid[1]!, keywords, false);
    const actor = actorIn(grid[2]!, roster);
    return field && actor ? { index, header, field, actorId: actor } : null;
  }
  const segments = header
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean);
  // select_multiple detail column: "<question>/<option>"
  let option: string | undefined;
  if (segments.length > 1) {
    const last = segments[segments.length - 1]!;
    const before = splitQuestion(segments[segments.length - 2]!, roster, keywords, true);
    const resource = resourceName(last);
    if (before.field === 'resources' && resource) {
      option = resource;
      segments.pop();
    } else if (before.field === 'known' && roster.match(last)) {
      // "kenal/dinsos": the respondent knows this actor
      return { index, header, field: 'known', actorId: roster.match(last)!.id };
    }
  }
  // the question: the last segment that names one; the actor: named in that segment or in another
  for (let i = segments.length - 1; i >= 0; i--) {
    const q = splitQuestion(segments[i]!, roster, keywords);
    if (!q.field) continue;
    const actor = q.actorId ?? segments.map((s, j) => (j === i ? null : actorIn(s, roster))).find((a) => a !== null) ?? null;
    return actor ? { index, header, field: q.field, actorId: actor, ...(option ? { option } : {}) } : null;
  }
  return null;
}

/** A list question (a header naming no actor): `memberTies` or `known` when its words say so, else null. */
export function listQuestion(
  header: string,
  roster: Roster,
  keywords: Record<WideField, readonly string[]> = QUESTION_KEYWORDS,
): 'known' | 'memberTies' | null {
  if (META.test(header.trim()) || actorIn(header, roster)) return null;
  const t = ` ${normaliseName(header)} `;
  for (const field of LIST_FIELDS) if (keywords[field].some((k) => normaliseName(k) !== '' && t.includes(normaliseName(k)))) return field;
  return null;
}

/**
 * Every column of a table is read into a field, is export metadata, or is logged here as not
 * used (a warning naming it: `--check` lists it and `--strict` fails on it).
 */
export function logUnusedColumns(table: Table, used: ReadonlySet<number>, log: QualityLog): void {
  table.header.forEach((h, i) => {
    if (used.has(i) || META.test(h.trim())) return;
    log.add('warning', 'COLUMN_UNKNOWN', { file: table.file, line: table.headerLine, column: h === '' ? `#${i + 1}` : h });
  });
}
