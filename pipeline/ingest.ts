/**
 * Stage 1, ingest: a case folder → validated `Responses` (roster, ties per round, the questions
 * each round asked, data-quality log).
 *
 * Each round's file is read by the adapter for its format (ingest/formats.ts: through the form it
 * was collected with when the case has it, else by headers: long CSV, wide CSV, spreadsheet, ODK
 * zip) into raw answers; every column is read into a field or logged as not used. This module then
 * applies one set of policies to every format, each a named rule documented in the README:
 * - duplicate submissions from one respondent (wide and repeat formats): the latest by submission
 *   time wins (file order when times are missing), the others are superseded and logged;
 * - unknown respondent: the row (or submission) is rejected and logged with the closest roster names;
 * - unknown actor: `unknownActor: reject` (default) rejects the row; `add` adds the name to the
 *   roster as a write-in (category lainnya) and logs it;
 * - self-tie (a respondent naming themselves): rejected and logged;
 * - the same respondent → actor twice in a round: the later row wins, the earlier is superseded;
 * - a value that cannot be read (e.g. trust "sangat" or 7): the value is left empty, the tie is
 *   kept (corrected), and the value is logged; labels ("Percaya") and "4,0" are read, "4,0" logged;
 * - a row with a respondent but no actor: the respondent counts as having answered, no tie;
 * - questions asked: read through a form, the form's; otherwise those with a column and an answer
 *   (member ties: a member naming a member). Rows read = kept + corrected + rejected + superseded,
 *   per file in the log (ROWS_COUNTED) and in total in `summary`.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CaseConfig, CONFIG_FILE, type ImportSpec, insideCase, loadCase } from './config.ts';
import { RESOURCES, type Resource } from './domain.ts';
import { JejaringError } from './errors.ts';
import type { Translator } from './i18n.ts';
import { LONG_COLUMNS } from './ingest/columns.ts';
import { type CsvTable, findHeader, logReading, readCsv } from './ingest/csv.ts';
import { type Form, formFromXlsForm, readForm } from './ingest/form.ts';
import { type RoundForms, readRoundFile } from './ingest/formats.ts';
import { QUESTIONS, type Question, type RawRound, type RawSubmission, type RawTie, type TieField } from './ingest/raw.ts';
import { type Roster, readRoster, slug } from './ingest/roster.ts';
import { submissionTime } from './ingest/time.ts';
import { matchResources, type ParseResult, parseCooperation, parseFrequency, parseTrust, parseYesNo } from './ingest/values.ts';
import type { KnownTie, Responses, RoundResponses, Settings, Tie } from './model/responses.ts';
import { readPlan } from './plan.ts';
import { QualityLog } from './quality.ts';
import { formId, xlsForm } from './questionnaire/xlsform.ts';

/** Rows of one file by outcome: read = kept + corrected + rejected + superseded. */
interface Counts {
  read: number;
  kept: number;
  corrected: number;
  rejected: number;
  superseded: number;
}
const noCounts = (): Counts => ({ read: 0, kept: 0, corrected: 0, rejected: 0, superseded: 0 });

function parseResources(raw: string): { value: Resource[]; unknown: string[] } {
  const { found, rest } = matchResources(raw);
  return { value: found as Resource[], unknown: rest };
}

/**
 * Keep one submission per respondent: the latest by time (file order when a time is missing or
 * unreadable). Returns the ids of the submissions superseded; each is logged.
 */
function duplicateSubmissions(submissions: RawSubmission[], roster: Roster, ties: RawTie[], log: QualityLog): Set<number> {
  const byRespondent = new Map<string, RawSubmission[]>();
  for (const s of submissions) {
    const actor = roster.match(s.respondent);
    if (!actor) continue;
    byRespondent.set(actor.id, [...(byRespondent.get(actor.id) ?? []), s]);
  }
  const dropped = new Set<number>();
  for (const group of byRespondent.values()) {
    if (group.length < 2) continue;
    const ranked = [...group].sort((a, b) => (submissionTime(a.time) ?? -Infinity) - (submissionTime(b.time) ?? -Infinity) || a.id - b.id);
    const kept = ranked[ranked.length - 1]!;
    for (const s of ranked.slice(0, -1)) {
      dropped.add(s.id);
      const count = ties.filter((t) => t.submission === s.id).length;
      log.add('warning', 'SUBMISSION_DUPLICATE', {
        file: s.file,
        line: s.line,
        column: s.respondentColumn,
        value: s.respondent,
        params: { keptLine: kept.line, ties: count },
      });
    }
  }
  return dropped;
}

/**
 * Which questions a round asked. Read through a form: the form's questions whose columns are in
 * the export. Otherwise a question with a column and at least one answer; a column with no answer
 * at all is logged and counts as not asked. Member ties: at least one member named a member.
 */
function askedQuestions(
  raw: RawRound,
  ties: Tie[],
  members: Set<string>,
  where: string,
  log: QualityLog,
  name: (q: Question) => string,
): Record<Question, boolean> {
  const answered: Record<Question, boolean> = {
    trust: ties.some((t) => t.trust !== null),
    cooperation: ties.some((t) => t.cooperation !== null),
    frequency: ties.some((t) => t.frequency !== null),
    resources: ties.some((t) => t.resources.length > 0),
    formal: ties.some((t) => t.formal !== null),
    memberTies: ties.some((t) => members.has(t.from) && members.has(t.to)),
  };
  const asked = {} as Record<Question, boolean>;
  for (const q of QUESTIONS) {
    const offered = raw.offered[q] === true;
    asked[q] = raw.form !== null ? offered || answered[q] : answered[q];
    if (raw.form === null && offered && !answered[q])
      log.add('info', 'QUESTION_EMPTY', { file: where, value: q, params: { question: name(q) } });
    if (!asked[q]) log.add('info', 'QUESTION_NOT_ASKED', { file: where, value: q, params: { question: name(q) } });
  }
  return asked;
}

/** Match, read and de-duplicate the raw answers of one round. */
function readTies(
  raw: RawRound,
  roster: Roster,
  log: QualityLog,
  counts: Counts,
  settings: Settings,
  unknownActor: 'reject' | 'add',
): { ties: Tie[]; respondents: Set<string> } {
  counts.rejected += raw.rejected;
  counts.read += raw.rejected;
  const dropped = duplicateSubmissions(raw.submissions, roster, raw.ties, log);
  const ties = new Map<string, { tie: Tie; outcome: 'kept' | 'corrected' }>();
  const respondents = new Set<string>();
  const unknownSubmissions = new Set<number>();
  for (const s of raw.submissions) {
    if (dropped.has(s.id)) continue;
    const actor = roster.match(s.respondent);
    if (actor) respondents.add(actor.id);
    else {
      unknownSubmissions.add(s.id);
      const code = s.respondent.trim() === '' ? 'RESPONDENT_EMPTY' : 'ACTOR_UNKNOWN';
      log.add('error', code, {
        file: s.file,
        line: s.line,
        column: s.respondentColumn,
        value: s.respondent,
        params: { suggestions: roster.suggest(s.respondent).join(', ') || '–' },
      });
    }
  }
  for (const r of raw.ties) {
    counts.read++;
    if (r.submission !== undefined && dropped.has(r.submission)) {
      counts.superseded++;
      continue;
    }
    if (r.submission !== undefined && unknownSubmissions.has(r.submission)) {
      counts.rejected++;
      continue;
    }
    const where = { file: r.file, line: r.line };
    const column = (field: TieField) => r.columns[field] ?? field;
    const cell = (field: TieField) => (r.values[field] ?? '').trim();
    let corrected = false;

    const respondentRaw = cell('respondent');
    const respondent = roster.match(respondentRaw);
    if (!respondent) {
      const code = respondentRaw === '' ? 'RESPONDENT_EMPTY' : 'ACTOR_UNKNOWN';
      log.add('error', code, {
        ...where,
        column: column('respondent'),
        value: respondentRaw,
        params: { suggestions: roster.suggest(respondentRaw).join(', ') || '–' },
      });
      counts.rejected++;
      continue;
    }
    const actorRaw = cell('actor');
    if (actorRaw === '') {
      respondents.add(respondent.id);
      log.add('warning', 'ACTOR_EMPTY', { ...where, column: column('actor') });
      counts.kept++;
      continue;
    }
    let actor = roster.match(actorRaw);
    if (!actor && unknownActor === 'add') {
      actor = { id: `${slug(actorRaw)}`, name: actorRaw, type: 'write-in', category: 'lainnya', aliases: [], member: false };
      roster.add(actor);
      log.add('info', 'ACTOR_ADDED', { ...where, column: column('actor'), value: actorRaw });
    }
    if (!actor) {
      log.add('error', 'ACTOR_UNKNOWN', {
        ...where,
        column: column('actor'),
        value: actorRaw,
        params: { suggestions: roster.suggest(actorRaw).join(', ') || '–' },
      });
      counts.rejected++;
      continue;
    }
    if (actor.id === respondent.id) {
      log.add('error', 'SELF_TIE', { ...where, column: column('actor'), value: actorRaw });
      counts.rejected++;
      continue;
    }

    const answered =
      (['trust', 'cooperation', 'frequency', 'resources', 'formal'] as const).some((f) => cell(f) !== '') || r.resources !== undefined;
    const value = <T>(field: TieField, parse: (raw: string) => ParseResult<T>, show: (v: T) => string, required: boolean): T | null => {
      const text = cell(field);
      if (text === '') {
        // a required answer left empty where the question was asked (an unasked question is not missing)
        if (required && answered && raw.offered[field as Question])
          log.add('warning', 'VALUE_MISSING', { ...where, column: column(field) });
        return null;
      }
      const result = parse(text);
      if (!result.ok) {
        log.add('warning', result.code ?? 'VALUE_INVALID', {
          ...where,
          column: column(field),
          value: text,
          params: { expected: result.expected },
        });
        corrected = true;
        return null;
      }
      if (result.corrected)
        log.add('info', 'VALUE_READ_AS', { ...where, column: column(field), value: text, correctedTo: show(result.value) });
      return result.value;
    };
    let resources: Resource[] = [];
    const read = r.resources !== undefined ? { value: [] as Resource[], unknown: [] as string[] } : parseResources(cell('resources'));
    for (const x of r.resources ?? []) {
      const p = parseResources(x);
      read.value.push(...p.value);
      read.unknown.push(...p.unknown);
    }
    resources = [...new Set(read.value)].sort();
    if (read.unknown.length > 0) {
      log.add('warning', 'RESOURCE_UNKNOWN', {
        ...where,
        column: column('resources'),
        value: read.unknown.join(' '),
        params: { allowed: RESOURCES.join(', ') },
      });
      corrected = true;
    }
    const tie: Tie = {
      from: respondent.id,
      to: actor.id,
      trust: value('trust', (t) => parseTrust(t, settings.trustScale), String, true),
      cooperation: value('cooperation', parseCooperation, String, true),
      frequency: value('frequency', parseFrequency, String, false),
      resources,
      formal: value('formal', parseYesNo, (v) => (v ? 'ya' : 'tidak'), false),
      source: where,
    };
    const key = `${tie.from}\u0000${tie.to}`;
    const earlier = ties.get(key);
    if (earlier) {
      log.add('warning', 'TIE_DUPLICATE', {
        file: earlier.tie.source.file,
        line: earlier.tie.source.line,
        column: column('actor'),
        value: actorRaw,
        params: { laterLine: r.line },
      });
      counts[earlier.outcome]--;
      counts.superseded++;
    }
    const outcome = corrected ? 'corrected' : 'kept';
    ties.set(key, { tie, outcome });
    respondents.add(respondent.id);
    counts[outcome]++;
  }
  const sorted = [...ties.values()].map((t) => t.tie).sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { ties: sorted, respondents };
}

/** Columns of the optional `known-ties.csv` (ties between outside actors known from mapping). */
export const KNOWN_TIE_COLUMNS = {
  a: ['from', 'dari', 'actor_a', 'aktor_a', 'actor', 'aktor'],
  b: ['to', 'kepada', 'actor_b', 'aktor_b'],
  cooperation: LONG_COLUMNS.cooperation,
  resources: LONG_COLUMNS.resources,
} as const;

export const KNOWN_TIES_FILE = 'known-ties.csv';

/**
 * Ties between outside actors recorded during mapping (e.g. Karang Taruna ↔ Baznas). Optional;
 * both names must be on the roster; unknown names and self-ties are rejected and logged.
 */
function readKnownTies(table: CsvTable, roster: Roster, log: QualityLog, counts: Counts): KnownTie[] {
  logReading(table, log);
  const col = {
    a: findHeader(table.header, KNOWN_TIE_COLUMNS.a),
    b: findHeader(table.header, KNOWN_TIE_COLUMNS.b),
    cooperation: findHeader(table.header, KNOWN_TIE_COLUMNS.cooperation),
    resources: findHeader(table.header, KNOWN_TIE_COLUMNS.resources),
  };
  for (const [field, i] of [
    ['from', col.a],
    ['to', col.b],
  ] as const) {
    if (i < 0)
      throw new JejaringError(
        'COLUMN_MISSING',
        { column: field, found: table.header.join(', ') },
        { file: table.file, line: table.headerLine },
      );
  }
  const ties: KnownTie[] = [];
  for (const row of table.rows) {
    counts.read++;
    const where = { file: table.file, line: row.line };
    const cell = (i: number) => (i >= 0 ? (row.cells[i] ?? '').trim() : '');
    const ends = [col.a, col.b].map((i) => ({ raw: cell(i), actor: roster.match(cell(i)), column: table.header[i]! }));
    const bad = ends.find((e) => !e.actor);
    if (bad) {
      log.add('error', 'ACTOR_UNKNOWN', {
        ...where,
        column: bad.column,
        value: bad.raw,
        params: { suggestions: roster.suggest(bad.raw).join(', ') || '–' },
      });
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
      else
        log.add('warning', 'VALUE_INVALID', {
          ...where,
          column: table.header[col.cooperation]!,
          value: rawLevel,
          params: { expected: parsed.expected },
        });
    }
    ties.push({ a: a.id, b: b.id, cooperation, resources: parseResources(cell(col.resources)).value, source: where });
    counts.kept++;
  }
  return ties.sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

/** The per-file line of the data-quality log with the file's row counts (the same numbers as --check and the report). */
function logCounts(file: string, counts: Counts, log: QualityLog): void {
  log.add('info', 'ROWS_COUNTED', { file, params: { ...counts } });
}

/** The forms a case's rounds are read through: each `import.form` read once, and the form jejaring generates for the roster. */
/** The forms a case's rounds are read through (case.yaml `import.form`, or the generated one), each read once. */
export function formsOf(config: CaseConfig, roster: Roster, display: (path: string) => string) {
  const named = new Map<string, Promise<Form>>();
  let generated: Form | null = null;
  return async (spec: ImportSpec): Promise<RoundForms> => {
    let form: Form | null = null;
    if (spec.form) {
      if (!named.has(spec.form)) {
        const path = insideCase(config.dir, spec.form, display(CONFIG_FILE));
        if (!existsSync(path)) throw new JejaringError('FILE_MISSING', {}, { file: display(spec.form) });
        named.set(spec.form, readForm(path, display(spec.form)));
      }
      form = await named.get(spec.form)!;
    }
    return {
      named: form,
      generated: () => {
        generated ??= formFromXlsForm(xlsForm(config.case, roster.actors, ''), `${formId(config.case.name)}.xlsx`);
        return generated;
      },
      trustScale: config.settings.trustScale,
    };
  };
}

/** Run the ingest stage on a loaded case. Reads files (read-only); writes nothing. */
export async function ingest(config: CaseConfig, tr: Translator): Promise<Responses> {
  const log = new QualityLog(tr);
  const display = (path: string) => join(config.case.name, path);
  const roster = readRoster(readCsv(join(config.dir, 'actors.csv'), display('actors.csv')), log);
  const total = noCounts();
  const add = (c: Counts) => {
    for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += c[k];
  };
  const knownPath = join(config.dir, KNOWN_TIES_FILE);
  let knownTies: KnownTie[] = [];
  if (existsSync(knownPath)) {
    const counts = noCounts();
    knownTies = readKnownTies(readCsv(knownPath, display(KNOWN_TIES_FILE)), roster, log, counts);
    logCounts(display(KNOWN_TIES_FILE), counts, log);
    add(counts);
  }
  for (const file of config.ignored) log.add('info', 'ROUND_FILE_IGNORED', { file: display(file) });
  const forms = formsOf(config, roster, display);
  const members = new Set(roster.actors.filter((a) => a.member).map((a) => a.id));
  const rounds: RoundResponses[] = [];
  for (const round of config.rounds) {
    const path = insideCase(config.dir, round.file, display(CONFIG_FILE));
    if (!existsSync(path)) throw new JejaringError('FILE_MISSING', {}, { file: display(round.file) });
    const spec = config.imports[round.id] ?? {};
    const raw = await readRoundFile(path, display(round.file), spec, roster, log, await forms(spec));
    const counts = noCounts();
    const { ties, respondents } = readTies(raw, roster, log, counts, config.settings, config.unknownActor);
    const asked = askedQuestions(raw, ties, members, display(round.file), log, (q) => tr.t(`question.${q}`));
    logCounts(display(round.file), counts, log);
    add(counts);
    rounds.push({ round, respondents: [...respondents].sort(), ties, asked });
  }
  const plan = readPlan(
    config.dir,
    config.case.name,
    roster,
    config.rounds.map((r) => r.id),
    tr.lang,
  );
  return {
    case: config.case,
    settings: config.settings,
    plan,
    actors: [...roster.actors],
    knownTies,
    rounds,
    quality: log.entries,
    summary: {
      rowsRead: total.read,
      rowsKept: total.kept,
      rowsCorrected: total.corrected,
      rowsRejected: total.rejected,
      rowsSuperseded: total.superseded,
    },
  };
}

/** Convenience for tests and the CLI: load the case folder and ingest it. */
export async function ingestCase(
  dir: string,
  tr: Translator,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ config: CaseConfig; responses: Responses }> {
  const config = loadCase(dir, tr, env);
  return { config, responses: await ingest(config, tr) };
}
