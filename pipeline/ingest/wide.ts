/**
 * Wide ("roster grid") files: one row per respondent, one column per actor per question. Google
 * Forms grids, Kobo exports of one group per actor (flat CSV, XML names or labels, groups in the
 * headers or not, select_multiple as a summary column plus `q/option` 1/0 columns, an optional
 * HXL tag row), and hand-made spreadsheets. See columns.ts for how headers are read.
 *
 * Each row is a submission; for each actor with any answer (or ticked as known) it yields one tie.
 */
import type { ImportSpec } from '../config.ts';
import { JejaringError } from '../errors.ts';
import type { QualityLog } from '../quality.ts';
import {
  actorIn,
  META,
  QUESTION_KEYWORDS,
  RESPONDENT_HEADERS,
  TIME_HEADERS,
  type WideColumn,
  type WideField,
  wideColumn,
} from './columns.ts';
import { findHeader, type Table } from './csv.ts';
import type { RawRound, RawSubmission, RawTie } from './raw.ts';
import type { Roster } from './roster.ts';
import { normaliseName } from './roster.ts';

const TICKED = new Set(['1', 'true', 'ya', 'yes', 'x', 'v', '✓']);

function keywords(spec: ImportSpec): Record<WideField, readonly string[]> {
  const out = { ...QUESTION_KEYWORDS };
  for (const [field, words] of Object.entries(spec.questions ?? {}) as [WideField, string | string[]][])
    out[field] = Array.isArray(words) ? words : [words];
  return out;
}

/** Kobo's optional second header row of HXL hashtags (`#loc+name`). */
function isHxlRow(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c.length > 0);
  return filled.length > 0 && filled.every((c) => c.startsWith('#'));
}

/** A checkbox answer listing actors ("Dinas Sosial, Bank BRI" or "dinsos bri"): roster names found in it, longest first. */
function actorsListed(text: string, roster: Roster): { ids: string[]; rest: string } {
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

export function readWide(table: Table, spec: ImportSpec, roster: Roster, log: QualityLog): RawRound {
  let rows = table.rows;
  if (rows[0] && isHxlRow(rows[0].cells)) {
    log.add('info', 'HXL_ROW', { file: table.file, line: rows[0].line });
    rows = rows.slice(1);
  }
  // an export of a form jejaring generated: its `jejaring_form` field names the form
  const formCol = table.header.findIndex((h) => /(^|[/-])jejaring_form$/.test(h.trim()));
  if (formCol >= 0)
    log.add('info', 'FORM_RECOGNISED', {
      file: table.file,
      line: table.headerLine,
      column: table.header[formCol]!,
      value: rows[0]?.cells[formCol] ?? '',
    });
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
  const knownLists: number[] = [];
  table.header.forEach((h, i) => {
    if (i === respondentCol || i === timeCol) return;
    const col = wideColumn(h, i, roster, words);
    if (col) {
      questions.push(col);
      return;
    }
    // a "who do you know" checkbox question without an actor: a list of actors
    const t = h.toLowerCase();
    if (!META.test(h.trim()) && words.known.some((k) => t.includes(k.toLowerCase())) && !actorIn(h, roster)) {
      knownLists.push(i);
      return;
    }
    if (!META.test(h.trim())) log.add('info', 'COLUMN_UNKNOWN', { file: table.file, line: table.headerLine, column: h });
  });
  if (questions.length === 0 && knownLists.length === 0) {
    throw new JejaringError(
      'WIDE_NO_QUESTIONS',
      { found: table.header.slice(0, 8).join(', ') },
      { file: table.file, line: table.headerLine },
    );
  }
  const byActor = new Map<string, WideColumn[]>();
  for (const q of questions) byActor.set(q.actorId, [...(byActor.get(q.actorId) ?? []), q]);

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
    const listed = new Set<string>();
    for (const i of knownLists) {
      const { ids, rest } = actorsListed(cell(i), roster);
      for (const a of ids) listed.add(a);
      if (rest)
        log.add('warning', 'ACTOR_UNKNOWN', {
          file: table.file,
          line: row.line,
          column: table.header[i]!,
          value: rest,
          params: { suggestions: roster.suggest(rest).join(', ') || '–' },
        });
    }
    const actors = [...new Set([...byActor.keys(), ...listed])].sort();
    for (const actorId of actors) {
      const cols = byActor.get(actorId) ?? [];
      const values: RawTie['values'] = { respondent: cell(respondentCol), actor: actorId };
      const columns: RawTie['columns'] = {
        respondent: table.header[respondentCol]!,
        actor: cols[0]?.header ?? table.header[knownLists[0]!]!,
      };
      let known = listed.has(actorId);
      const options = cols.filter((c) => c.option !== undefined);
      for (const c of cols) {
        const v = cell(c.index);
        if (c.field === 'known') {
          known ||= TICKED.has(v.toLowerCase());
        } else if (c.option === undefined && v !== '') {
          values[c.field] = v;
          columns[c.field] = c.header;
        }
      }
      const tie: RawTie = { file: table.file, line: row.line, values, columns, submission: id };
      if (options.some((c) => cell(c.index) !== '')) {
        tie.resources = options.filter((c) => TICKED.has(cell(c.index).toLowerCase())).map((c) => c.option!);
        columns.resources = options[0]!.header;
        delete values.resources; // the detail columns are exact; the summary may hold labels joined by spaces
      }
      const answered =
        ['trust', 'cooperation', 'frequency', 'resources', 'formal'].some((f) => values[f as keyof RawTie['values']] !== undefined) ||
        tie.resources !== undefined;
      if (answered || known) ties.push(tie);
    }
  });
  return { format: 'wide', ties, submissions, rejected: 0 };
}
