/**
 * What the workbench does to a case, each a function of the workspace and a request's values:
 * the list and the details of cases, creating a case and its roster, adding a round from the file
 * as downloaded, and the fixes the inspection asks for, each saved where it belongs (an alias or
 * an actor in the roster, a column's field in case.yaml's import settings, a round's label and
 * date in case.yaml). Nothing here reads a file the pipeline does not read itself: the case is
 * loaded by `loadCase`, the roster by `readRoster`, a round by the ingest adapters.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { parseDocument } from 'yaml';
import { type CaseConfig, loadCase } from '../config.ts';
import { CATEGORIES } from '../domain.ts';
import { AUDIENCES } from '../edition.ts';
import { formatError, JejaringError } from '../errors.ts';
import type { Translator } from '../i18n.ts';
import { QUESTION_KEYWORDS, WIDE_FIELDS, type WideField, wideColumn } from '../ingest/columns.ts';
import { type CsvTable, decode, findHeader, maxFileBytes, parseCsvText, readCsv, type Table } from '../ingest/csv.ts';
import { type Inspection, inspectRound, questionWord } from '../ingest/inspect.ts';
import { TIE_FIELDS, type TieField } from '../ingest/raw.ts';
import { normaliseName, ROSTER_COLUMNS, readRoster, slug } from '../ingest/roster.ts';
import { readSheets } from '../ingest/xlsx.ts';
import { ingest } from '../ingest.ts';
import { QualityLog } from '../quality.ts';
import {
  editCaseYaml,
  folderName,
  freeName,
  REPORTS,
  ROSTER,
  rosterColumn,
  rosterTable,
  UPLOADS,
  uploadName,
  type Workspace,
  writeRoster,
} from './workspace.ts';

export const ROSTER_TYPES = ['.csv', '.xlsx'] as const;
export const ROUND_TYPES = ['.csv', '.xlsx', '.zip', '.txt', '.tsv'] as const;

export interface CaseSummary {
  name: string;
  group: string;
  place: string;
  rounds: { id: string; label: string; date: string | null; file: string }[];
  /** The newest report built, per edition: its time (ISO) and files. */
  reports: { audience: string; built: string; pdf: boolean }[];
  /** The one-line message of what stops this case, or null. */
  problem: string | null;
  /** Data-quality entries by level, when the case could be read. */
  quality: { error: number; warning: number; info: number } | null;
  hasRoster: boolean;
}

/** The case, read without requiring rounds (a case just created has none). */
export const caseConfig = (dir: string, tr: Translator): CaseConfig => loadCase(dir, tr, process.env, { roundsOptional: true });

const place = (c: CaseConfig['case']) => [c.rw, c.kelurahan, c.kecamatan, c.kota].filter(Boolean).join(', ');

/** One case for the list: its rounds, last reports and what stops it. */
export async function summarise(ws: Workspace, name: string, tr: Translator): Promise<CaseSummary> {
  const dir = ws.caseDir(name);
  const reports = AUDIENCES.flatMap((audience) => {
    const folder = join(ws.reports(audience), name);
    const html = join(folder, 'report.html');
    if (!existsSync(html)) return [];
    return [{ audience, built: statSync(html).mtime.toISOString(), pdf: existsSync(join(folder, 'report.pdf')) }];
  });
  const hasRoster = existsSync(join(dir, ROSTER));
  try {
    const config = caseConfig(dir, tr);
    const base = { name, group: config.case.group, place: place(config.case), rounds: config.rounds, reports, hasRoster };
    if (!hasRoster || config.rounds.length === 0) return { ...base, problem: null, quality: null };
    const responses = await ingest(config, tr);
    const count = (level: string) => responses.quality.filter((q) => q.level === level).length;
    return { ...base, problem: null, quality: { error: count('error'), warning: count('warning'), info: count('info') } };
  } catch (error) {
    if (!(error instanceof JejaringError)) throw error;
    return { name, group: name, place: '', rounds: [], reports, hasRoster, problem: formatError(error, tr), quality: null };
  }
}

export interface NewCase {
  group: string;
  rw?: string;
  kelurahan?: string;
  kecamatan?: string;
  kota?: string;
}

const clean = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** A new case folder named after the group, with its case.yaml. */
export function createCase(ws: Workspace, input: NewCase): string {
  const group = clean(input.group);
  if (group === '') throw new JejaringError('STUDIO_NAME', { name: '' });
  const dir = ws.createCase(folderName(group) || 'kasus');
  const name = basename(dir);
  editCaseYaml(dir, (doc) => {
    const info: Record<string, string> = { group };
    for (const key of ['rw', 'kelurahan', 'kecamatan', 'kota'] as const) if (clean(input[key]) !== '') info[key] = clean(input[key]);
    doc.set('case', doc.createNode(info));
  });
  return name;
}

/** Refuse a body above the CLI's file size limit (the same message as the CLI). */
export function checkUploadSize(bytes: number, name: string): void {
  const limit = maxFileBytes();
  if (bytes > limit)
    throw new JejaringError(
      'FILE_TOO_LARGE',
      { size: Math.round(bytes / 1024 / 1024), limit: Math.round(limit / 1024 / 1024) },
      { file: name },
    );
}

/** A table of cells as the roster reader takes it. */
const asCsvTable = (table: Table): CsvTable => ({
  ...table,
  encoding: 'utf-8',
  delimiter: ',',
  lines: { total: table.rows.length + 1, blank: 0, skipped: 1, rows: table.rows.length },
});

/** Rows as a table of the roster file (line numbers as they will be written). */
const rosterOf = (file: string, header: string[], rows: string[][]): CsvTable =>
  asCsvTable({ file, header, headerLine: 1, rows: rows.map((cells, i) => ({ line: i + 2, cells })), notes: [] });

/**
 * The roster from an upload: actors.csv, or a spreadsheet whose first sheet is the roster (the
 * spreadsheet is kept in the case folder as uploaded, under a free name). It must read as a roster
 * (an actor column, at least one actor) before actors.csv is written; a roster already there is
 * kept in riwayat/.
 */
export async function uploadRoster(ws: Workspace, name: string, fileName: string, data: Uint8Array, tr: Translator): Promise<number> {
  const dir = ws.caseDir(name);
  const safe = uploadName(fileName, ROSTER_TYPES);
  checkUploadSize(data.length, safe);
  let table: CsvTable;
  if (extname(safe) === '.xlsx') {
    const stored = freeName(dir, safe);
    writeFileSync(join(dir, stored), data, { flag: 'wx' });
    const [sheet] = await readSheets(join(dir, stored), join(name, stored));
    table = asCsvTable(sheet!);
  } else {
    const { text } = decode(data);
    if (text.trim() === '') throw new JejaringError('FILE_EMPTY', {}, { file: join(name, safe) });
    table = parseCsvText(text, join(name, safe));
  }
  const roster = readRoster(table, new QualityLog(tr));
  writeRoster(
    dir,
    table.header,
    table.rows.map((r) => r.cells),
  );
  return roster.actors.length;
}

export interface RosterRow {
  actor: string;
  id?: string;
  type?: string;
  category?: string;
  aliases?: string;
}

/** Rows typed in the grid, added to the roster (created when the case has none). Existing rows are never changed. */
export function addRosterRows(ws: Workspace, name: string, rows: RosterRow[], tr: Translator): number {
  const dir = ws.caseDir(name);
  const exists = existsSync(join(dir, ROSTER));
  const table = exists ? rosterTable(dir) : { header: ['id', 'actor', 'type', 'category', 'aliases'], rows: [] as { cells: string[] }[] };
  const header = [...table.header];
  const col = {
    actor: rosterColumn(header, 'actor'),
    id: rosterColumn(header, 'id'),
    type: rosterColumn(header, 'type'),
    category: rosterColumn(header, 'category'),
    aliases: rosterColumn(header, 'aliases'),
  };
  const out = table.rows.map((r) => [...r.cells]);
  for (const row of rows) {
    const actor = clean(row.actor);
    if (actor === '') continue;
    const cells = header.map(() => '');
    cells[col.actor] = actor;
    cells[col.id] = clean(row.id);
    cells[col.type] = clean(row.type);
    cells[col.category] = clean(row.category);
    cells[col.aliases] = clean(row.aliases);
    out.push(cells);
  }
  // the result must read as a roster: a name or id twice stops here, with the roster's own message
  const roster = readRoster(rosterOf(join(name, ROSTER), header, out), new QualityLog(tr));
  writeRoster(dir, header, out);
  return roster.actors.length;
}

/** The roster as read, for the page: every actor and the roster's own quality entries. */
export function rosterView(ws: Workspace, name: string, tr: Translator) {
  const dir = ws.caseDir(name);
  if (!existsSync(join(dir, ROSTER))) return { actors: [], quality: [] };
  const log = new QualityLog(tr);
  const roster = readRoster(readCsv(join(dir, ROSTER), join(name, ROSTER)), log);
  return { actors: roster.actors, quality: log.entries };
}

/** An unknown name is one of the roster's actors: the name is added to that actor's aliases. */
export function addAlias(ws: Workspace, name: string, alias: string, actorId: string, tr: Translator): void {
  const dir = ws.caseDir(name);
  const text = clean(alias);
  const log = new QualityLog(tr);
  const roster = readRoster(rosterTable(dir), log);
  const actor = roster.actors.find((a) => a.id === actorId);
  if (!actor || text === '') throw new JejaringError('STUDIO_NOT_FOUND', { name: actorId });
  const other = roster.match(text);
  if (other) throw new JejaringError('STUDIO_ACTOR_EXISTS', { name: text }, { file: join(name, ROSTER) });
  const table = rosterTable(dir);
  const header = [...table.header];
  const col = { actor: rosterColumn(header, 'actor'), id: findCol(header, 'id'), aliases: rosterColumn(header, 'aliases') };
  const rows = table.rows.map((r) => header.map((_, i) => r.cells[i] ?? ''));
  const row = rows.find(
    (cells) => (col.id >= 0 && cells[col.id]!.trim() !== '' ? cells[col.id]!.trim() : slug(cells[col.actor]!)) === actor.id,
  );
  if (!row) throw new JejaringError('STUDIO_NOT_FOUND', { name: actorId });
  const aliases = row[col.aliases]!.trim();
  row[col.aliases] = aliases === '' ? text : `${aliases};${text}`;
  writeRoster(dir, header, rows);
}

const findCol = (header: string[], field: keyof typeof ROSTER_COLUMNS) => findHeader(header, ROSTER_COLUMNS[field]);

/** An unknown name is a new actor: added to the roster in the category chosen. */
export function addActor(ws: Workspace, name: string, actor: string, category: string, tr: Translator): void {
  if (!(CATEGORIES as readonly string[]).includes(category)) throw new JejaringError('STUDIO_BAD_REQUEST', { detail: 'category' });
  addRosterRows(ws, name, [{ actor, category, type: category === 'internal' ? 'anggota' : '' }], tr);
}

/** A round from the file as downloaded: stored under exports/ (never over another file) and listed in case.yaml. */
export function addRound(ws: Workspace, name: string, fileName: string, data: Uint8Array, tr: Translator): string {
  const dir = ws.caseDir(name);
  const safe = uploadName(fileName, ROUND_TYPES);
  checkUploadSize(data.length, safe);
  const config = caseConfig(dir, tr);
  const uploads = ws.path(name, UPLOADS);
  mkdirSync(uploads, { recursive: true });
  const stored = freeName(uploads, safe);
  writeFileSync(join(uploads, stored), data, { flag: 'wx' });
  const ids = new Set(config.rounds.map((r) => r.id));
  const base = basename(stored, extname(stored)).replace(/[^A-Za-z0-9_-]+/g, '-') || 'putaran';
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  editCaseYaml(dir, (doc) => {
    // rounds read from rounds/ by default are written out first, so adding one keeps them
    if (!doc.has('rounds')) {
      const listed = config.rounds.map((r) => ({ id: r.id, label: r.label, ...(r.date ? { date: r.date } : {}), file: r.file }));
      doc.set('rounds', doc.createNode(listed));
    }
    doc.addIn(
      ['rounds'],
      doc.createNode({ id, label: tr.t('round.default', { n: config.rounds.length + 1 }), file: `${UPLOADS}/${stored}` }),
    );
  });
  return id;
}

function roundIndex(doc: ReturnType<typeof parseDocument>, id: string): number {
  const rounds = (doc.toJS() as { rounds?: { id: string }[] } | null)?.rounds ?? [];
  const i = rounds.findIndex((r) => r.id === id);
  if (i < 0) throw new JejaringError('STUDIO_NOT_FOUND', { name: id });
  return i;
}

/** A round's label and date, in case.yaml. */
export function setRound(ws: Workspace, name: string, roundId: string, label: string, date: string): void {
  const dir = ws.caseDir(name);
  editCaseYaml(dir, (doc) => {
    const i = roundIndex(doc, roundId);
    if (clean(label) !== '') doc.setIn(['rounds', i, 'label'], clean(label));
    if (clean(date) !== '') doc.setIn(['rounds', i, 'date'], clean(date));
    else doc.deleteIn(['rounds', i, 'date']);
  });
}

export const MAPPABLE: { wide: readonly (WideField | 'respondent')[]; long: readonly TieField[] } = {
  wide: ['respondent', ...WIDE_FIELDS],
  long: TIE_FIELDS,
};

/**
 * An unread column gets its field, saved to case.yaml's import settings:
 * - in a wide table, the word that names the question (`keyakinan` in `g_m01/keyakinan_m01`) is
 *   added to `import.questions.<field>` (with the built-in words, which `questions` replaces), so
 *   the same question about every other actor is read too; the respondent's column goes to
 *   `import.respondentColumn`;
 * - in a long or repeat table, the header goes to the round's `import.columns.<field>`.
 * The change is checked to make the adapter read that column as that field before it is saved.
 */
export async function mapColumn(
  ws: Workspace,
  name: string,
  roundId: string,
  table: string,
  column: string,
  field: string,
  tr: Translator,
) {
  const dir = ws.caseDir(name);
  const config = caseConfig(dir, tr);
  const inspection = await inspectRound(config, roundId, tr);
  const found = inspection.tables.find((t) => t.file === table);
  if (!found?.header.includes(column)) throw new JejaringError('STUDIO_NOT_FOUND', { name: column });
  const wide = found.role === 'wide';
  const fields: readonly string[] = wide ? MAPPABLE.wide : MAPPABLE.long;
  if (!fields.includes(field)) throw new JejaringError('STUDIO_COLUMN', { column, field });
  const i = roundIndexOf(config, roundId);
  if (field === 'respondent' && (wide || found.role === 'main')) {
    editCaseYaml(dir, (doc) => doc.setIn(['rounds', i, 'import', 'respondentColumn'], column));
    return;
  }
  if (!wide) {
    editCaseYaml(dir, (doc) => doc.setIn(['rounds', i, 'import', 'columns', field], column));
    return;
  }
  const roster = readRoster(rosterTable(dir), new QualityLog(tr));
  const word = questionWord(column, roster);
  const spec = config.imports[roundId] ?? {};
  const current = spec.questions?.[field as WideField];
  const words = current === undefined ? [...QUESTION_KEYWORDS[field as WideField]] : Array.isArray(current) ? [...current] : [current];
  if (word && !words.some((w) => normaliseName(w) === normaliseName(word))) words.push(word);
  const keywords = {
    ...QUESTION_KEYWORDS,
    ...Object.fromEntries(Object.entries(spec.questions ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])),
  };
  keywords[field as WideField] = words;
  const read = wideColumn(column, 0, roster, keywords);
  if (!word || read?.field !== field) throw new JejaringError('STUDIO_COLUMN', { column, field });
  editCaseYaml(dir, (doc) => doc.setIn(['import', 'questions', field], words));
}

function roundIndexOf(config: CaseConfig, id: string): number {
  const i = config.rounds.findIndex((r) => r.id === id);
  if (i < 0) throw new JejaringError('STUDIO_NOT_FOUND', { name: id });
  return i;
}

/** A round leaves the case's list (its file stays where it is). */
export function dropRound(ws: Workspace, name: string, roundId: string): void {
  editCaseYaml(ws.caseDir(name), (doc) => {
    doc.deleteIn(['rounds', roundIndex(doc, roundId)]);
    // an empty list is not a valid case.yaml: without one, rounds/ is read as before
    if (((doc.toJS() as { rounds?: unknown[] }).rounds ?? []).length === 0) doc.delete('rounds');
  });
}

/** Inspect a round of a case by name. */
export async function inspect(ws: Workspace, name: string, roundId: string, tr: Translator): Promise<Inspection> {
  return inspectRound(caseConfig(ws.caseDir(name), tr), roundId, tr);
}

/** The chart specs of the explorer: the change map when the charts stage writes one, else each round's map. */
export function exploreSpecs(ws: Workspace, name: string, audience: string, tr: Translator) {
  const config = caseConfig(ws.caseDir(name), tr);
  const charts = ws.path(REPORTS, audience, name, 'charts');
  if (!existsSync(charts)) return { rounds: [], change: null };
  const read = (file: string) => JSON.parse(readFileSync(join(charts, file), 'utf8')) as unknown;
  const files = new Set(readdirSync(charts));
  const rounds = config.rounds
    .filter((r) => files.has(`network-${r.id}.vl.json`))
    .map((r) => ({ id: r.id, label: r.label, spec: read(`network-${r.id}.vl.json`) }));
  return { rounds, change: files.has('change-map.vl.json') ? read('change-map.vl.json') : null };
}
