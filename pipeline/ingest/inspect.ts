/**
 * What the tool made of one round's file, for a person checking an export before building the
 * report (the workbench shows it): the container and layout detected, the encoding and delimiter,
 * every column with the field it feeds or "not used" and why, the first rows as read, the counts
 * (read = kept + corrected + rejected + superseded) and the data-quality entries of that file,
 * each unknown name with the roster's closest names.
 *
 * It reads with the same adapters and policies as the ingest stage (`readRoundFile`, `ingest`)
 * and decides nothing of its own about what a column means. Today the column accounting is
 * derived, all in `columnUses` and `roundCounts`:
 * - used columns: the `columns` of the raw ties (header → field), and the headers the adapter
 *   recognises but does not name in a tie (`wideColumn` for wide tables, the resource detail
 *   columns of `longColumns`, the respondent, time and join-key columns);
 * - not used: the headers the adapter logged as COLUMN_UNKNOWN (`unknown`, a mapping can fix
 *   them), export metadata (`meta`), the rest (`unread`);
 * - the counts of one round (`roundCounts`): from the round's raw ties, its ties after ingest and
 *   its quality entries, since the ingest summary adds up every round and counts superseded ties
 *   as rejected.
 */
import { extname, join } from 'node:path';
import type { CaseConfig, ImportSpec } from '../config.ts';
import { formatError, JejaringError } from '../errors.ts';
import type { Translator } from '../i18n.ts';
import { formsOf, ingest } from '../ingest.ts';
import type { QualityEntry, Tie } from '../model/responses.ts';
import { QualityLog } from '../quality.ts';
import { actorIn, META, QUESTION_KEYWORDS, RESPONDENT_HEADERS, TIME_HEADERS, type WideField, wideColumn } from './columns.ts';
import { findHeader, readCsv, type Table } from './csv.ts';
import { readRoundFile } from './formats.ts';
import { longColumns, looksLong } from './long.ts';
import { readZipTables } from './odk.ts';
import type { RawRound, TIE_FIELDS } from './raw.ts';
import { normaliseName, type Roster, readRoster } from './roster.ts';
import { readSheets } from './xlsx.ts';

/** A field a column can feed: a tie field, a wide question, or the submission's time and join keys. */
export type ColumnField = (typeof TIE_FIELDS)[number] | WideField | 'time' | 'key';
export type NotUsedReason = 'unknown' | 'meta' | 'unread';

export interface ColumnUse {
  index: number;
  header: string;
  /** The field it feeds, or null when not used. */
  field: ColumnField | null;
  /** For wide question columns: the roster actor it is about. */
  actor: string | null;
  reason: NotUsedReason | null;
  /** Data rows with a value in this column. */
  filled: number;
}

export interface InspectedTable {
  /** As in messages: `case/file`, `…#sheet`, `…!member`. */
  file: string;
  /** How the adapter read this table: `long`, `wide`, `main` or `repeat` (repeat exports). */
  role: 'long' | 'wide' | 'main' | 'repeat' | 'other';
  encoding: string | null;
  delimiter: string | null;
  header: string[];
  headerLine: number;
  rowCount: number;
  /** The first rows as read (cells as strings). */
  rows: { line: number; cells: string[] }[];
  columns: ColumnUse[];
}

export interface RoundCounts {
  read: number;
  kept: number;
  corrected: number;
  rejected: number;
  superseded: number;
}

export interface InspectedEntry extends QualityEntry {
  /** For an unknown name: the closest roster actors. */
  suggestions: { id: string; name: string }[];
}

export interface Inspection {
  round: string;
  file: string;
  /** `csv`, `xlsx` or `zip`: the file as downloaded. */
  container: 'csv' | 'xlsx' | 'zip';
  /** The adapter that read it (`long`, `wide`, `kobo-xlsx`, `odk-zip`), or null when it could not be read. */
  format: string | null;
  /** The survey tool the headers point to, when they do (a description only; reading does not depend on it). */
  source: 'kobo' | 'odk' | 'google-forms' | 'entry-sheet' | 'jejaring-form' | null;
  tables: InspectedTable[];
  counts: RoundCounts | null;
  quality: InspectedEntry[];
  /** The one-line message that stopped reading the file, or null. */
  error: string | null;
  /** The error's code, when reading stopped. */
  errorCode: string | null;
}

const PREVIEW_ROWS = 5;

function containerOf(path: string, spec: ImportSpec): Inspection['container'] {
  if (spec.format === 'odk-zip') return 'zip';
  if (spec.format === 'xlsx') return 'xlsx';
  const ext = extname(path).toLowerCase();
  return ext === '.zip' ? 'zip' : ext === '.xlsx' ? 'xlsx' : 'csv';
}

async function readTables(path: string, display: string, container: Inspection['container']): Promise<Table[]> {
  if (container === 'xlsx') return readSheets(path, display);
  if (container === 'zip') return readZipTables(path, display);
  return [readCsv(path, display)];
}

/** The tool the headers point to (shown to the user; the adapters read by structure, not by tool). */
function sourceOf(tables: Table[]): Inspection['source'] {
  const headers = tables.flatMap((t) => t.header.map((h) => h.trim().toLowerCase()));
  if (headers.some((h) => /(^|[/-])jejaring_form$/.test(h))) return 'jejaring-form';
  if (headers.includes('key') && headers.includes('submissiondate')) return 'odk';
  if (headers.some((h) => h === '_uuid' || h === '_submission_time' || h === '_index' || h === '_parent_index')) return 'kobo';
  if (headers[0] === 'timestamp' || headers[0] === 'stempel waktu') return 'google-forms';
  const first = tables[0]?.header.map((h) => h.trim().toLowerCase()) ?? [];
  if (first.slice(0, 3).join(',') === 'respondent,actor,trust') return 'entry-sheet';
  return null;
}

const questionWords = (spec: ImportSpec): Record<WideField, readonly string[]> => {
  const out: Record<WideField, readonly string[]> = { ...QUESTION_KEYWORDS };
  for (const [field, words] of Object.entries(spec.questions ?? {}) as [WideField, string | string[]][])
    out[field] = Array.isArray(words) ? words : [words];
  return out;
};

/** Which table of the file each raw tie came from, and how the adapter read the table. */
function roleOf(table: Table, raw: RawRound | null, single: boolean, spec: ImportSpec): InspectedTable['role'] {
  // a file the adapter could not read: how it would read this table (formats.ts), so that its columns can be mapped
  if (!raw) return single ? (looksLong(table, spec) ? 'long' : 'wide') : 'other';
  if (raw.format === 'long' || raw.format === 'wide') return raw.ties.some((t) => t.file === table.file) ? raw.format : 'other';
  if (raw.ties.some((t) => t.file === table.file)) return 'repeat';
  return raw.submissions.some((s) => s.file === table.file) ? 'main' : 'other';
}

/**
 * Every column of one table: the field it feeds, or why it is not used. The one place the
 * accounting is derived; a reader that reports its columns itself replaces this function.
 */
export function columnUses(
  table: Table,
  role: InspectedTable['role'],
  raw: RawRound | null,
  spec: ImportSpec,
  roster: Roster,
  log: QualityEntry[],
) {
  const used = new Map<string, ColumnUse['field']>();
  for (const tie of raw?.ties ?? []) {
    for (const [field, header] of Object.entries(tie.columns) as [ColumnField, string][]) {
      // a repeat tie names its respondent's column in the main table as "<main file>: <header>"
      const prefix = `${table.file}: `;
      if (header.startsWith(prefix)) used.set(header.slice(prefix.length), field);
      // in wide rows the actor is read from the question headers, not from a column of its own
      else if (tie.file === table.file && !(role === 'wide' && field === 'actor')) used.set(header, field);
    }
  }
  const unknown = new Set(log.filter((e) => e.code === 'COLUMN_UNKNOWN' && e.file === table.file).map((e) => e.column));
  const words = questionWords(spec);
  const respondent = spec.respondentColumn ? table.header.indexOf(spec.respondentColumn) : findHeader(table.header, RESPONDENT_HEADERS);
  const time = spec.timeColumn ? table.header.indexOf(spec.timeColumn) : findHeader(table.header, TIME_HEADERS);
  const keys = role === 'main' ? ['_index', 'KEY'] : role === 'repeat' ? ['_parent_index', 'PARENT_KEY'] : [];
  // select_multiple detail columns of a long or repeat table (`…/sumber_daya/pemasaran`), read as the adapter does (long.ts)
  let options = new Map<number, string>();
  if (role === 'long' || role === 'repeat') {
    try {
      options = longColumns(table, spec, []).resourceOptions;
    } catch {
      // a configured column that is missing: the inspection's error already says so
    }
  }
  return table.header.map((header, index): ColumnUse => {
    const filled = table.rows.filter((r) => (r.cells[index] ?? '').trim() !== '').length;
    const use = (field: ColumnField | null, actor: string | null = null, reason: NotUsedReason | null = null): ColumnUse => ({
      index,
      header,
      field,
      actor,
      reason,
      filled,
    });
    const question = role === 'wide' ? wideColumn(header, index, roster, words) : null;
    if (question) return use(question.option ? 'resources' : question.field, question.actorId);
    const field = used.get(header);
    if (field) return use(field);
    if (options.has(index)) return use('resources');
    if (role === 'wide' && index === respondent) return use('respondent');
    // a "who do you know" checkbox listing actors, read as the adapter does (wide.ts)
    const lower = header.toLowerCase();
    if (
      role === 'wide' &&
      !META.test(header.trim()) &&
      words.known.some((k) => lower.includes(k.toLowerCase())) &&
      !actorIn(header, roster)
    )
      return use('known');
    if ((role === 'wide' || role === 'main') && index === time) return use('time');
    if (keys.includes(header)) return use('key');
    if (unknown.has(header)) return use(null, null, 'unknown');
    return use(null, null, META.test(header.trim()) ? 'meta' : 'unread');
  });
}

/** The file's quality entries: its own file, or a sheet (`#`) or member (`!`) of it. */
const ofFile = (entries: QualityEntry[], file: string) =>
  entries.filter((e) => e.file === file || e.file.startsWith(`${file}#`) || e.file.startsWith(`${file}!`));

/**
 * read = kept + corrected + rejected + superseded, for this round alone, from the case's ingest:
 * kept rows are the round's ties plus the rows that named no actor (ACTOR_EMPTY); corrected are
 * the kept ties with a value left empty or a resource dropped (VALUE_INVALID, RESOURCE_UNKNOWN,
 * found by line and, in wide rows, by the actor of the column); superseded are the ties that a
 * later answer replaced (TIE_DUPLICATE, and every tie of a SUBMISSION_DUPLICATE submission);
 * the rest of what was read was rejected.
 */
export function roundCounts(raw: RawRound, ties: Tie[], entries: QualityEntry[], roster: Roster): RoundCounts {
  const count = (code: string) => entries.filter((e) => e.code === code).length;
  const dropped = entries
    .filter((e) => e.code === 'SUBMISSION_DUPLICATE')
    .map((e) => raw.submissions.find((s) => s.file === e.file && s.line === e.line)?.id)
    .reduce((sum: number, id) => sum + raw.ties.filter((t) => id !== undefined && t.submission === id).length, 0);
  const superseded = count('TIE_DUPLICATE') + dropped;
  const fixes = entries.filter((e) => e.code === 'VALUE_INVALID' || e.code === 'RESOURCE_UNKNOWN');
  const corrected = ties.filter((t) =>
    fixes.some((e) => {
      if (e.file !== t.source.file || e.line !== t.source.line) return false;
      if (raw.format !== 'wide') return true;
      return wideColumn(e.column ?? '', 0, roster, QUESTION_KEYWORDS)?.actorId === t.to || !e.column;
    }),
  ).length;
  const read = raw.ties.length;
  const kept = ties.length + count('ACTOR_EMPTY');
  return { read, kept: kept - corrected, corrected, rejected: read - kept - superseded, superseded };
}

/** Inspect one round of a loaded case: never throws for bad data, which comes back as `error`. */
export async function inspectRound(config: CaseConfig, roundId: string, tr: Translator): Promise<Inspection> {
  const round = config.rounds.find((r) => r.id === roundId);
  if (!round) throw new JejaringError('STUDIO_NOT_FOUND', { name: roundId }, { file: join(config.case.name, 'case.yaml') });
  const display = join(config.case.name, round.file);
  const path = join(config.dir, round.file);
  const spec = config.imports[round.id] ?? {};
  const container = containerOf(path, spec);
  const result: Inspection = {
    round: round.id,
    file: display,
    container,
    format: null,
    source: null,
    tables: [],
    counts: null,
    quality: [],
    error: null,
    errorCode: null,
  };
  const fail = (error: unknown) => {
    if (!(error instanceof JejaringError)) throw error;
    result.error ??= formatError(error, tr);
    result.errorCode ??= error.code;
  };
  let tables: Table[] = [];
  try {
    tables = await readTables(path, display, container);
  } catch (error) {
    fail(error);
  }
  const log = new QualityLog(tr);
  let roster: Roster | null = null;
  let raw: RawRound | null = null;
  try {
    roster = readRoster(readCsv(join(config.dir, 'actors.csv'), join(config.case.name, 'actors.csv')), log);
    const forms = formsOf(config, roster, (p) => join(config.case.name, p));
    if (tables.length > 0) raw = await readRoundFile(path, display, spec, roster, log, await forms(spec));
  } catch (error) {
    fail(error);
  }
  let entries: QualityEntry[] = log.entries;
  try {
    // the whole case, as the report reads it: the roster, every round and the plan
    const responses = await ingest(config, tr);
    entries = responses.quality;
    const ties = responses.rounds.find((r) => r.round.id === round.id)?.ties ?? [];
    if (raw && roster) result.counts = roundCounts(raw, ties, ofFile(entries, display), roster);
  } catch (error) {
    fail(error);
  }
  result.format = raw?.format ?? null;
  result.source = sourceOf(tables);
  result.tables = tables.map((table) => {
    const role = roleOf(table, raw, tables.length === 1, spec);
    return {
      file: table.file,
      role,
      encoding: 'encoding' in table ? String(table.encoding) : null,
      delimiter: 'delimiter' in table ? String(table.delimiter) : null,
      header: table.header,
      headerLine: table.headerLine,
      rowCount: table.rows.length,
      rows: table.rows.slice(0, PREVIEW_ROWS).map((r) => ({ line: r.line, cells: r.cells })),
      columns: roster ? columnUses(table, role, raw, spec, roster, entries) : [],
    };
  });
  result.quality = ofFile(entries, display).map((e) => ({ ...e, suggestions: suggestionsFor(e, roster) }));
  return result;
}

function suggestionsFor(entry: QualityEntry, roster: Roster | null): InspectedEntry['suggestions'] {
  if (!roster || entry.code !== 'ACTOR_UNKNOWN' || !entry.value) return [];
  return roster.suggest(entry.value).flatMap((name) => {
    const actor = roster.actors.find((a) => a.name === name);
    return actor ? [{ id: actor.id, name: actor.name }] : [];
  });
}

/**
 * The word that names the question in a wide header, for a column the adapter did not recognise:
 * a Google Forms grid's question (`Seberapa yakin …? [Actor]`), or the last segment without the
 * actor's id or name (`g_m01/keyakinan_m01` → `keyakinan`). Null when nothing is left.
 */
export function questionWord(header: string, roster: Roster): string | null {
  const grid = /^(.*)\[([^\]]+)\]\s*$/.exec(header);
  if (grid) return grid[1]!.trim() || null;
  const last =
    header
      .split('/')
      .filter((s) => s.trim() !== '')
      .pop() ?? '';
  let words = ` ${normaliseName(last)} `;
  const names = roster.actors
    .flatMap((a) => [a.id, a.name, ...a.aliases].map((n) => normaliseName(n)))
    .filter((n) => n.length > 0)
    .sort((a, b) => b.length - a.length);
  for (const n of names) words = words.replace(` ${n} `, ' ');
  const word = words.trim();
  return word === '' ? null : word;
}
