/**
 * Long ("edge") files: one row per respondent × actor, as in the canonical tie files, hand-made
 * variants with other column names (`import.columns` maps them), and the repeat sheets of Kobo
 * XLSX and ODK Central exports, where the rows of a repeat group join their submission by
 * `_parent_index` ↔ `_index` (Kobo) or `PARENT_KEY` ↔ `KEY` (ODK).
 */
import type { ImportSpec } from '../config.ts';
import { JejaringError } from '../errors.ts';
import type { QualityLog } from '../quality.ts';
import { LONG_COLUMNS, logUnusedColumns, RESPONDENT_HEADERS, TIME_HEADERS } from './columns.ts';
import { findHeader, type Table } from './csv.ts';
import { QUESTIONS, type Question, type RawRound, type RawSubmission, type RawTie, TIE_FIELDS, type TieField } from './raw.ts';
import { resourceName } from './values.ts';

/** The header names with their group path removed (`ikatan/kepercayaan`, `grp-kepercayaan` → `kepercayaan`). */
function bare(header: string): string {
  const parts = header.split('/');
  return parts[parts.length - 1]!.replace(/^.*-/, '').trim();
}

export interface LongColumns {
  index: Partial<Record<TieField, number>>;
  /** select_multiple detail columns of the resources question: column → resource. */
  resourceOptions: Map<number, string>;
}

export function longColumns(table: Table, spec: ImportSpec, required: TieField[]): LongColumns {
  const bareHeader = table.header.map(bare);
  const index: Partial<Record<TieField, number>> = {};
  for (const field of TIE_FIELDS) {
    const configured = spec.columns?.[field];
    const i =
      configured !== undefined
        ? table.header.indexOf(configured)
        : Math.max(findHeader(table.header, LONG_COLUMNS[field]), findHeader(bareHeader, LONG_COLUMNS[field]));
    if (i >= 0) index[field] = i;
    else if (configured !== undefined || required.includes(field)) {
      throw new JejaringError(
        'COLUMN_MISSING',
        { column: configured ?? field, found: table.header.join(', ') },
        { file: table.file, line: table.headerLine },
      );
    }
  }
  const resourceOptions = new Map<number, string>();
  table.header.forEach((h, i) => {
    const parts = h.split('/');
    if (parts.length < 2) return;
    const option = resourceName(parts[parts.length - 1]!);
    const question = parts[parts.length - 2]!.replace(/^.*-/, '');
    if (option && findHeader([question], LONG_COLUMNS.resources) === 0) resourceOptions.set(i, option);
  });
  return { index, resourceOptions };
}

/** The columns a long table reads: its fields and the resource detail columns. */
const usedColumns = (cols: LongColumns) => new Set([...Object.values(cols.index), ...cols.resourceOptions.keys()]);

/** The value questions a long table has a column for. */
function offeredBy(cols: LongColumns): Partial<Record<Question, boolean>> {
  const offered: Partial<Record<Question, boolean>> = {};
  for (const q of QUESTIONS) if (q !== 'memberTies' && cols.index[q] !== undefined) offered[q] = true;
  if (cols.resourceOptions.size > 0) offered.resources = true;
  return offered;
}

function rawTie(table: Table, row: Table['rows'][number], cols: LongColumns, submission?: number): RawTie {
  const values: RawTie['values'] = {};
  const columns: RawTie['columns'] = {};
  for (const [field, i] of Object.entries(cols.index) as [TieField, number][]) {
    values[field] = row.cells[i] ?? '';
    columns[field] = table.header[i]!;
  }
  const tie: RawTie = { file: table.file, line: row.line, values, columns };
  if (cols.resourceOptions.size > 0) {
    const chosen = [...cols.resourceOptions]
      .filter(([i]) => ['1', 'true', 'ya', 'yes'].includes((row.cells[i] ?? '').trim().toLowerCase()))
      .map(([, r]) => r);
    const answered = [...cols.resourceOptions.keys()].some((i) => (row.cells[i] ?? '').trim() !== '');
    if (answered) tie.resources = chosen;
  }
  if (submission !== undefined) tie.submission = submission;
  return tie;
}

/**
 * A long file: each row one tie. Respondent, actor, trust and cooperation columns are required;
 * every other column is read into a field or logged as not used.
 */
export function readLong(table: Table, spec: ImportSpec, log: QualityLog): RawRound {
  const cols = longColumns(table, spec, ['respondent', 'actor', 'trust', 'cooperation']);
  logUnusedColumns(table, usedColumns(cols), log);
  return {
    format: 'long',
    ties: table.rows.map((row) => rawTie(table, row, cols)),
    submissions: [],
    rejected: 0,
    offered: offeredBy(cols),
    form: null,
  };
}

/** Whether a table looks like a long file (it has respondent and actor columns). */
export function looksLong(table: Table, spec: ImportSpec): boolean {
  if (spec.columns?.respondent && spec.columns.actor) return true;
  return findHeader(table.header, LONG_COLUMNS.respondent) >= 0 && findHeader(table.header, LONG_COLUMNS.actor) >= 0;
}

/**
 * A main table of submissions and a repeat table of ties joined by key. The respondent comes from
 * the main table; each repeat row is one tie. A repeat row whose parent is missing is logged.
 */
export function readRepeat(
  main: Table,
  repeat: Table,
  keys: { main: string; parent: string },
  spec: ImportSpec,
  log: QualityLog,
  format: string,
): RawRound {
  const mainKey = main.header.indexOf(keys.main);
  const parentKey = repeat.header.indexOf(keys.parent);
  if (mainKey < 0)
    throw new JejaringError(
      'COLUMN_MISSING',
      { column: keys.main, found: main.header.join(', ') },
      { file: main.file, line: main.headerLine },
    );
  if (parentKey < 0)
    throw new JejaringError(
      'COLUMN_MISSING',
      { column: keys.parent, found: repeat.header.join(', ') },
      { file: repeat.file, line: repeat.headerLine },
    );
  const respondentCol = spec.respondentColumn
    ? main.header.indexOf(spec.respondentColumn)
    : Math.max(findHeader(main.header, RESPONDENT_HEADERS), findHeader(main.header.map(bare), RESPONDENT_HEADERS));
  if (respondentCol < 0) {
    throw new JejaringError(
      'COLUMN_MISSING',
      { column: spec.respondentColumn ?? 'respondent', found: main.header.join(', ') },
      { file: main.file, line: main.headerLine },
    );
  }
  const timeCol = spec.timeColumn ? main.header.indexOf(spec.timeColumn) : findHeader(main.header, TIME_HEADERS);
  const submissions: RawSubmission[] = [];
  const byKey = new Map<string, number>();
  main.rows.forEach((row, id) => {
    submissions.push({
      id,
      file: main.file,
      line: row.line,
      respondent: row.cells[respondentCol] ?? '',
      respondentColumn: main.header[respondentCol]!,
      time: timeCol >= 0 ? (row.cells[timeCol] ?? null) : null,
    });
    byKey.set((row.cells[mainKey] ?? '').trim(), id);
  });
  const cols = longColumns(repeat, spec, ['actor']);
  logUnusedColumns(main, new Set([mainKey, respondentCol, timeCol]), log);
  logUnusedColumns(repeat, new Set([...usedColumns(cols), parentKey]), log);
  const ties: RawTie[] = [];
  let rejected = 0;
  for (const row of repeat.rows) {
    const parent = (row.cells[parentKey] ?? '').trim();
    const id = byKey.get(parent);
    if (id === undefined) {
      log.add('error', 'REPEAT_ORPHAN', { file: repeat.file, line: row.line, column: keys.parent, value: parent });
      rejected++;
      continue;
    }
    const tie = rawTie(repeat, row, cols, id);
    tie.values.respondent = submissions[id]!.respondent;
    tie.columns.respondent = `${main.file}: ${submissions[id]!.respondentColumn}`;
    ties.push(tie);
  }
  return { format, ties, submissions, rejected, offered: offeredBy(cols), form: null };
}
