/**
 * Wide ("roster grid") files read by their headers, for exports of a form jejaring does not have:
 * one row per respondent, one column per actor per question. Google Forms grids, Kobo exports of
 * one group per actor (flat CSV, XML names or labels, groups in the headers or not,
 * select_multiple as a summary column plus `q/option` 1/0 columns, an optional HXL tag row), ODK
 * Central's CSV and hand-made spreadsheets. See columns.ts for how headers are read.
 *
 * Each row is a submission; for each actor with any answer (or named in a list question: "which of
 * these do you know?", "KUBE members you often work with") it yields one tie. A `0` in a split
 * select_multiple column is "not selected or not asked" (ODK Central writes it for questions never
 * shown), never an answer. Every column is read into a field or logged as not used.
 */
import type { ImportSpec } from '../config.ts';
import { JejaringError } from '../errors.ts';
import type { QualityLog } from '../quality.ts';
import {
  listQuestion,
  logUnusedColumns,
  META,
  QUESTION_KEYWORDS,
  RESPONDENT_HEADERS,
  TIME_HEADERS,
  type WideColumn,
  type WideField,
  wideColumn,
} from './columns.ts';
import { findHeader, type Table } from './csv.ts';
import type { Question, RawRound, RawSubmission, RawTie } from './raw.ts';
import type { Roster } from './roster.ts';
import { normaliseName } from './roster.ts';

const TICKED = new Set(['1', 'true', 'ya', 'yes', 'x', 'v', '✓']);
const VALUE_FIELDS = ['trust', 'cooperation', 'frequency', 'resources', 'formal'] as const;

export function keywords(spec: ImportSpec): Record<WideField, readonly string[]> {
  const out = { ...QUESTION_KEYWORDS };
  for (const [field, words] of Object.entries(spec.questions ?? {}) as [WideField, string | string[]][])
    out[field] = Array.isArray(words) ? words : [words];
  return out;
}

/** Kobo's optional second header row of HXL hashtags (`#loc+name`). */
export function isHxlRow(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c.length > 0);
  return filled.length > 0 && filled.every((c) => c.startsWith('#'));
}

/** A checkbox answer listing actors ("Dinas Sosial, Bank BRI" or "dinsos bri"): roster names found in it, longest first. */
export function actorsListed(text: string, roster: Roster): { ids: string[]; rest: string } {
  let rest = ` ${normaliseName(text)} `;
  const ids: string[] = [];
  const names = roster.actors
    .flatMap((a) => [a.name, ...a.aliases, a.id].map((n) => ({ id: a.id, n: normaliseName(n) })))
    .filter((x) => x.n.length > 0);
  names.sort((a, b) => b.n.length - a.n.length);
  for (const { id, n } of names) {
    if (rest.includes(` ${n} `)) {
      if (!ids.includes(id)) ids.push(id);
      rest = rest.replace(` ${n} `, ' ');
    }
  }
  return { ids, rest: rest.trim() };
}

/** A column that lists roster names in at least one row but whose question is not known: never dropped silently. */
function listsActors(rows: Table['rows'], i: number, roster: Roster): boolean {
  return rows.some((r) => {
    const v = (r.cells[i] ?? '').trim();
    if (v === '') return false;
    const { ids, rest } = actorsListed(v, roster);
    return ids.length > 0 && rest === '';
  });
}

export function readWide(table: Table, spec: ImportSpec, roster: Roster, log: QualityLog): RawRound {
  let rows = table.rows;
  if (rows[0] && isHxlRow(rows[0].cells)) {
    log.add('info', 'HXL_ROW', { file: table.file, line: rows[0].line });
    rows = rows.slice(1);
  }
  const respondentCol = spec.respondentColumn ? table.header.indexOf(spec.respondentColumn) : findHeader(table.header, RESPONDENT_HEADERS);
  if (respondentCol < 0) {
    throw new JejaringError(
      'COLUMN_MISSING',
      { column: spec.respondentColumn ?? 'respondent', found: table.header.slice(0, 8).join(', ') },
      { file: table.file, line: table.headerLine },
    );
  }
  const timeCol = spec.timeColumn ? table.header.indexOf(spec.timeColumn) : findHeader(table.header, TIME_HEADERS);
  const words = keywords(spec);

  const questions: WideColumn[] = [];
  const lists: { index: number; field: 'known' | 'memberTies' }[] = [];
  const used = new Set([respondentCol, timeCol]);
  const unread: number[] = [];
  table.header.forEach((h, i) => {
    if (used.has(i) || META.test(h.trim())) return;
    const col = wideColumn(h, i, roster, words);
    if (col) {
      questions.push(col);
      used.add(i);
      return;
    }
    const list = listQuestion(h, roster, words);
    if (list) {
      lists.push({ index: i, field: list });
      used.add(i);
    } else if (listsActors(rows, i, roster)) unread.push(i);
  });
  // a column that lists actors under a question jejaring does not know: named, never dropped silently
  for (const i of unread) {
    log.add('warning', 'COLUMN_NAMES_UNREAD', { file: table.file, line: table.headerLine, column: table.header[i]! });
    used.add(i);
  }
  logUnusedColumns(table, used, log);
  if (questions.length === 0 && lists.length === 0) {
    throw new JejaringError(
      'WIDE_NO_QUESTIONS',
      { found: table.header.slice(0, 8).join(', ') },
      { file: table.file, line: table.headerLine },
    );
  }
  const byActor = new Map<string, WideColumn[]>();
  for (const q of questions) byActor.set(q.actorId, [...(byActor.get(q.actorId) ?? []), q]);
  const offered: Partial<Record<Question, boolean>> = {};
  for (const q of questions) if ((VALUE_FIELDS as readonly string[]).includes(q.field)) offered[q.field as Question] = true;
  const members = new Set(roster.actors.filter((a) => a.member).map((a) => a.id));
  if (lists.some((l) => l.field === 'memberTies') || questions.some((q) => members.has(q.actorId))) offered.memberTies = true;

  const submissions: RawSubmission[] = [];
  const ties: RawTie[] = [];
  rows.forEach((row, id) => {
    const cell = (i: number) => (row.cells[i] ?? '').trim();
    submissions.push({
      id,
      file: table.file,
      line: row.line,
      respondent: cell(respondentCol),
      respondentColumn: table.header[respondentCol]!,
      time: timeCol >= 0 ? cell(timeCol) || null : null,
    });
    const listed = new Map<string, string>();
    for (const { index } of lists) {
      const { ids, rest } = actorsListed(cell(index), roster);
      for (const a of ids) if (!listed.has(a)) listed.set(a, table.header[index]!);
      if (rest)
        log.add('warning', 'ACTOR_UNKNOWN', {
          file: table.file,
          line: row.line,
          column: table.header[index]!,
          value: rest,
          params: { suggestions: roster.suggest(rest).join(', ') || '–' },
        });
    }
    const actors = [...new Set([...byActor.keys(), ...listed.keys()])].sort();
    for (const actorId of actors) {
      const cols = byActor.get(actorId) ?? [];
      const values: RawTie['values'] = { respondent: cell(respondentCol), actor: actorId };
      const columns: RawTie['columns'] = {
        respondent: table.header[respondentCol]!,
        actor: listed.get(actorId) ?? cols[0]!.header,
      };
      let known = listed.has(actorId);
      for (const c of cols) {
        const v = cell(c.index);
        if (c.field === 'known') {
          known ||= TICKED.has(v.toLowerCase());
        } else if (c.option === undefined && c.field !== 'memberTies' && v !== '') {
          values[c.field] = v;
          columns[c.field] = c.header;
        }
      }
      const tie: RawTie = { file: table.file, line: row.line, values, columns, submission: id };
      // split select_multiple columns: a 1 is a choice; zeros alone are no answer (ODK writes them for questions never asked)
      const options = cols.filter((c) => c.option !== undefined);
      const ticked = options.filter((c) => TICKED.has(cell(c.index).toLowerCase()));
      if (ticked.length > 0) {
        tie.resources = ticked.map((c) => c.option!);
        columns.resources = ticked[0]!.header;
        delete values.resources; // the detail columns are exact; the summary may hold labels joined by spaces
      }
      const answered = VALUE_FIELDS.some((f) => values[f] !== undefined) || tie.resources !== undefined;
      if (answered || known) ties.push(tie);
    }
  });
  return { format: 'wide', ties, submissions, rejected: 0, offered, form: null };
}
