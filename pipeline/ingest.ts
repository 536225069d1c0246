/**
 * Stage 1, ingest: a case folder → validated `Responses` (roster, ties per round, data-quality log).
 *
 * Policies, each a named rule documented in the README:
 * - unknown respondent or actor: the row is rejected and logged with the closest roster names;
 * - self-tie (a respondent naming themselves): rejected and logged;
 * - the same respondent → actor twice in a round: the later row wins, the earlier is logged;
 * - a value that cannot be read (e.g. trust "sangat" or 7): the value is left empty, the tie is
 *   kept, and the value is logged; labels ("Percaya") and "4,0" are read and logged as corrected;
 * - a row with a respondent but no actor: the respondent counts as having answered, no tie.
 *
 * Runnable alone: `npm run ingest -- <case-dir> [--out DIR]` writes `responses.json` and
 * `data-quality.csv` under `<out>/<case>/`.
 */
import { ingestFiles, writeFiles } from './artifacts.ts';
import { isMain, runCli } from './cli.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCase, insideCase, type CaseConfig } from './config.ts';
import { JejaringError } from './errors.ts';
import type { Translator } from './i18n.ts';
import { QualityLog } from './quality.ts';
import { RESOURCES, type KnownTie, type Resource, type RoundResponses, type Responses, type Tie } from './types.ts';
import { readCsv, type CsvTable } from './ingest/csv.ts';
import { findColumn, readRoster, type Roster } from './ingest/roster.ts';
import { parseCooperation, parseFrequency, parseTrust, parseYesNo, splitList, normaliseLabel, type ParseResult } from './ingest/values.ts';

/** Column names accepted for each tie field (English first, then Indonesian). */
export const TIE_COLUMNS = {
  respondent: ['respondent', 'responden', 'from', 'dari'],
  actor: ['actor', 'aktor', 'to', 'kepada'],
  trust: ['trust', 'kepercayaan', 'percaya'],
  cooperation: ['cooperation', 'kerjasama', 'kerja_sama', 'tingkat_kerja_sama'],
  frequency: ['frequency', 'frekuensi'],
  resources: ['resources', 'sumber_daya', 'sumberdaya'],
  formal: ['formal', 'mou', 'kesepakatan'],
} as const;
type TieField = keyof typeof TIE_COLUMNS;
const REQUIRED: TieField[] = ['respondent', 'actor', 'trust', 'cooperation'];

function columnsOf(table: CsvTable): Record<TieField, number> {
  const cols = {} as Record<TieField, number>;
  for (const field of Object.keys(TIE_COLUMNS) as TieField[]) cols[field] = findColumn(table.header, TIE_COLUMNS[field]);
  for (const field of REQUIRED) {
    if (cols[field] < 0) {
      throw new JejaringError('COLUMN_MISSING', { column: field, found: table.header.join(', ') }, { file: table.file, line: table.headerLine });
    }
  }
  return cols;
}

function parseResources(raw: string): ParseResult<Resource[]> & { unknown?: string[] } {
  const items = splitList(raw).map(normaliseLabel);
  const known = items.filter((i): i is Resource => (RESOURCES as readonly string[]).includes(i));
  const unknown = items.filter((i) => !(RESOURCES as readonly string[]).includes(i));
  return { ok: true, value: [...new Set(known)].sort(), corrected: unknown.length > 0, unknown };
}

interface RoundCounts {
  read: number;
  kept: number;
  corrected: number;
  rejected: number;
}

function readRound(table: CsvTable, roster: Roster, log: QualityLog, counts: RoundCounts): { ties: Tie[]; respondents: Set<string> } {
  const col = columnsOf(table);
  const known = new Set(Object.values(col).filter((i) => i >= 0));
  table.header.forEach((h, i) => {
    if (!known.has(i)) log.add('info', 'COLUMN_UNKNOWN', { file: table.file, line: table.headerLine, column: h });
  });
  for (const p of table.problems) log.add('warning', 'CSV_MALFORMED', { file: table.file, line: p.line, params: { detail: p.code } });

  const ties = new Map<string, Tie>();
  const respondents = new Set<string>();
  for (const row of table.rows) {
    counts.read++;
    const where = { file: table.file, line: row.line };
    const name = (field: TieField) => table.header[col[field]] ?? field;
    const cell = (field: TieField) => (col[field] >= 0 ? (row.cells[col[field]] ?? '').trim() : '');
    let corrected = false;
    if (row.cells.length !== table.header.length) {
      log.add('warning', 'ROW_RAGGED', { ...where, params: { found: row.cells.length, expected: table.header.length } });
      corrected = true;
    }

    const respondentRaw = cell('respondent');
    const respondent = roster.match(respondentRaw);
    if (!respondent) {
      const code = respondentRaw === '' ? 'RESPONDENT_EMPTY' : 'ACTOR_UNKNOWN';
      log.add('error', code, { ...where, column: name('respondent'), value: respondentRaw, params: { suggestions: roster.suggest(respondentRaw).join(', ') || '–' } });
      counts.rejected++;
      continue;
    }
    const actorRaw = cell('actor');
    if (actorRaw === '') {
      respondents.add(respondent.id);
      log.add('info', 'ACTOR_EMPTY', { ...where, column: name('actor') });
      counts.kept++;
      continue;
    }
    const actor = roster.match(actorRaw);
    if (!actor) {
      log.add('error', 'ACTOR_UNKNOWN', { ...where, column: name('actor'), value: actorRaw, params: { suggestions: roster.suggest(actorRaw).join(', ') || '–' } });
      counts.rejected++;
      continue;
    }
    if (actor.id === respondent.id) {
      log.add('error', 'SELF_TIE', { ...where, column: name('actor'), value: actorRaw });
      counts.rejected++;
      continue;
    }

    const value = <T>(field: TieField, parse: (raw: string) => ParseResult<T>, show: (v: T) => string, required: boolean): T | null => {
      const raw = cell(field);
      if (raw === '') {
        if (required) log.add('warning', 'VALUE_MISSING', { ...where, column: name(field) });
        return null;
      }
      const result = parse(raw);
      if (!result.ok) {
        log.add('warning', 'VALUE_INVALID', { ...where, column: name(field), value: raw, params: { expected: result.expected } });
        corrected = true;
        return null;
      }
      if (result.corrected) {
        log.add('info', 'VALUE_READ_AS', { ...where, column: name(field), value: raw, correctedTo: show(result.value) });
      }
      return result.value;
    };
    const resources = parseResources(cell('resources'));
    if (resources.unknown && resources.unknown.length > 0) {
      log.add('warning', 'RESOURCE_UNKNOWN', { ...where, column: name('resources'), value: resources.unknown.join('; '), params: { allowed: RESOURCES.join(', ') } });
      corrected = true;
    }
    const tie: Tie = {
      from: respondent.id,
      to: actor.id,
      trust: value('trust', parseTrust, String, true),
      cooperation: value('cooperation', parseCooperation, String, true),
      frequency: value('frequency', parseFrequency, String, false),
      resources: resources.ok ? resources.value : [],
      formal: value('formal', parseYesNo, (v) => (v ? 'ya' : 'tidak'), false),
      source: where,
    };
    const key = `${tie.from}\u0000${tie.to}`;
    const earlier = ties.get(key);
    if (earlier) {
      log.add('warning', 'TIE_DUPLICATE', { file: table.file, line: earlier.source.line, column: name('actor'), value: actorRaw, params: { laterLine: row.line } });
      counts.kept--;
      counts.rejected++;
    }
    ties.set(key, tie);
    respondents.add(respondent.id);
    counts.kept++;
    if (corrected) counts.corrected++;
  }
  const sorted = [...ties.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { ties: sorted, respondents };
}

/** Columns of the optional `known-ties.csv` (ties between outside actors known from mapping). */
export const KNOWN_TIE_COLUMNS = {
  a: ['from', 'dari', 'actor_a', 'aktor_a', 'actor', 'aktor'],
  b: ['to', 'kepada', 'actor_b', 'aktor_b'],
  cooperation: TIE_COLUMNS.cooperation,
  resources: TIE_COLUMNS.resources,
} as const;

export const KNOWN_TIES_FILE = 'known-ties.csv';

/**
 * Ties between outside actors recorded during mapping (e.g. Karang Taruna ↔ Baznas). Optional;
 * both names must be on the roster; unknown names and self-ties are rejected and logged.
 */
function readKnownTies(table: CsvTable, roster: Roster, log: QualityLog, counts: RoundCounts): KnownTie[] {
  const col = {
    a: findColumn(table.header, KNOWN_TIE_COLUMNS.a),
    b: findColumn(table.header, KNOWN_TIE_COLUMNS.b),
    cooperation: findColumn(table.header, KNOWN_TIE_COLUMNS.cooperation),
    resources: findColumn(table.header, KNOWN_TIE_COLUMNS.resources),
  };
  for (const [field, i] of [['from', col.a], ['to', col.b]] as const) {
    if (i < 0) throw new JejaringError('COLUMN_MISSING', { column: field, found: table.header.join(', ') }, { file: table.file, line: table.headerLine });
  }
  const ties: KnownTie[] = [];
  for (const row of table.rows) {
    counts.read++;
    const where = { file: table.file, line: row.line };
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
    const ends = [col.a, col.b].map((i) => ({ raw: cell(i), actor: roster.match(cell(i)), column: table.header[i]! }));
    const bad = ends.find((e) => !e.actor);
    if (bad) {
      log.add('error', 'ACTOR_UNKNOWN', { ...where, column: bad.column, value: bad.raw, params: { suggestions: roster.suggest(bad.raw).join(', ') || '–' } });
      counts.rejected++;
      continue;
    }
    const [a, b] = [ends[0]!.actor!, ends[1]!.actor!];
    if (a.id === b.id) {
      log.add('error', 'SELF_TIE', { ...where, column: ends[1]!.column, value: ends[1]!.raw });
      counts.rejected++;
      continue;
    }
    let cooperation: number | null = null;
    const rawLevel = cell(col.cooperation);
    if (rawLevel !== '') {
      const parsed = parseCooperation(rawLevel);
      if (parsed.ok) cooperation = parsed.value;
      else log.add('warning', 'VALUE_INVALID', { ...where, column: table.header[col.cooperation]!, value: rawLevel, params: { expected: parsed.expected } });
    }
    const resources = parseResources(cell(col.resources));
    ties.push({ a: a.id, b: b.id, cooperation, resources: resources.ok ? resources.value : [], source: where });
    counts.kept++;
  }
  return ties.sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

/** Run the ingest stage on a loaded case. Reads files (read-only); writes nothing. */
export function ingest(config: CaseConfig, tr: Translator): Responses {
  const log = new QualityLog(tr);
  const display = (path: string) => join(config.case.name, path);
  const roster = readRoster(readCsv(join(config.dir, 'actors.csv'), display('actors.csv')), log);
  const counts: RoundCounts = { read: 0, kept: 0, corrected: 0, rejected: 0 };
  const knownPath = join(config.dir, KNOWN_TIES_FILE);
  const knownTies = existsSync(knownPath) ? readKnownTies(readCsv(knownPath, display(KNOWN_TIES_FILE)), roster, log, counts) : [];
  const rounds: RoundResponses[] = config.rounds.map((round) => {
    const path = insideCase(config.dir, round.file, display('case.yaml'));
    const { ties, respondents } = readRound(readCsv(path, display(round.file)), roster, log, counts);
    return { round, respondents: [...respondents].sort(), ties };
  });
  return {
    case: config.case,
    settings: config.settings,
    actors: roster.actors,
    knownTies,
    rounds,
    quality: log.entries,
    summary: { rowsRead: counts.read, rowsKept: counts.kept, rowsCorrected: counts.corrected, rowsRejected: counts.rejected },
  };
}

/** Convenience for tests and the CLI: load the case folder and ingest it. */
export function ingestCase(dir: string, tr: Translator, env: NodeJS.ProcessEnv = process.env): { config: CaseConfig; responses: Responses } {
  const config = loadCase(dir, tr, env);
  return { config, responses: ingest(config, tr) };
}

if (isMain(import.meta.url)) {
  runCli(async (options, tr) => {
    const { config, responses } = ingestCase(options.positional[0] ?? 'data/sample', tr);
    writeFiles(join(options.out, config.case.name), ingestFiles(responses), (p) => process.stderr.write(`${tr.t('cli.wrote', { path: p })}\n`));
  });
}
