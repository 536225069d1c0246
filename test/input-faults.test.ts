/**
 * The bad-input corpus of issue 13 (test/fixtures/faults, written by make-faults.ts; the large and
 * linked cases are built here from large.ts): for each case, either the run stops with one code at
 * one place (file, line, column) and exit 1 or 2, or it goes on, logs exactly the listed entries,
 * and keeps and counts every valid row. Then every case goes through the pipeline's entry point:
 * whatever the fault, a JejaringError whose one line holds no raw Node message.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatError, JejaringError } from '../pipeline/errors.ts';
import { ingestCase } from '../pipeline/ingest.ts';
import { fixture, tempDir, tr } from './helpers.ts';

type Logged = [code: string, file: string, line: number | null, column: string | null];

interface Fault {
  /** A folder of test/fixtures/faults, or a case built by `build`. */
  name: string;
  build?: (dir: string) => void;
  env?: Record<string, string>;
  /** The run stops: code, file (inside the case), line and column, exit code (1 unless given). */
  stop?: { code: string; file: string; line?: number | null; column?: string | null; exit?: number };
  /** The run goes on: every entry of the data-quality log, and the ties kept and rows read. */
  logged?: Logged[];
  kept?: number;
  read?: number;
}

const FAULTS: Fault[] = [
  // CSV that cannot swallow rows: every row read and counted
  { name: 'csv-unclosed-quote', logged: [['CSV_QUOTE_UNCLOSED', 'rounds/r1.csv', 5, null]], kept: 12, read: 12 },
  {
    name: 'csv-quote-spans-rows',
    logged: [
      ['CSV_VALUE_SPANS_ROWS', 'rounds/r1.csv', 6, null],
      ['ACTOR_UNKNOWN', 'rounds/r1.csv', 6, 'actor'],
    ],
    kept: 4,
    read: 5,
  },
  { name: 'csv-stray-quote', logged: [['CSV_QUOTE_STRAY', 'rounds/r1.csv', 7, null]], kept: 12, read: 12 },
  { name: 'csv-nul-bytes', logged: [['CSV_CONTROL_CHARS', 'rounds/r1.csv', 3, null]], kept: 12, read: 12 },
  { name: 'csv-binary', stop: { code: 'FILE_NOT_TEXT', file: 'rounds/r1.csv', line: 2 } },
  { name: 'csv-spreadsheet-renamed', stop: { code: 'FILE_IS_ZIP', file: 'rounds/r1.csv', line: 1 } },
  {
    name: 'csv-duplicate-headers',
    logged: [
      ['COLUMN_DUPLICATE', 'actors.csv', 1, 'type'],
      ['COLUMN_DUPLICATE', 'rounds/r1.csv', 1, 'trust'],
    ],
    kept: 12,
    read: 12,
  },
  { name: 'csv-repeated-header', logged: [['HEADER_REPEATED', 'rounds/r1.csv', 8, null]], kept: 12, read: 12 },
  { name: 'csv-repeated-header-order', logged: [['HEADER_REPEATED_ORDER', 'rounds/r1.csv', 8, null]], kept: 12, read: 12 },
  {
    name: 'csv-title-lines',
    logged: [
      ['TITLE_LINE', 'rounds/r1.csv', 1, null],
      ['TITLE_LINE', 'rounds/r1.csv', 2, null],
    ],
    kept: 12,
    read: 12,
  },
  { name: 'csv-invalid-utf8', logged: [['ENCODING_BYTE', 'rounds/r1.csv', 3, null]], kept: 3, read: 3 },
  { name: 'csv-invisible-characters', logged: [], kept: 4, read: 4 },
  {
    name: 'csv-excel-dates',
    logged: [
      ['VALUE_EXCEL_CONVERTED', 'rounds/r1.csv', 2, 'trust'],
      ['VALUE_EXCEL_CONVERTED', 'rounds/r1.csv', 3, 'cooperation'],
      ['VALUE_EXCEL_CONVERTED', 'rounds/r1.csv', 4, 'trust'],
    ],
    kept: 4,
    read: 4,
  },
  {
    name: 'csv-too-many-cells',
    build: (dir) => writeFileSync(join(dir, 'rounds', 'r1.csv'), `respondent,actor,trust,cooperation\nAni,Budi,4,2\n${','.repeat(100)}\n`),
    env: { JEJARING_MAX_CELLS: '50' },
    stop: { code: 'FILE_TOO_MANY_CELLS', file: 'rounds/r1.csv', line: 3 },
  },

  // ambiguity in the roster stops the run, naming both lines
  { name: 'roster-same-name', stop: { code: 'ROSTER_NAME_AMBIGUOUS', file: 'actors.csv', line: 11, column: 'actor' } },
  { name: 'roster-same-name-after-titles', stop: { code: 'ROSTER_NAME_AMBIGUOUS', file: 'actors.csv', line: 11, column: 'actor' } },
  { name: 'roster-duplicate-id', stop: { code: 'ROSTER_ID_DUPLICATE', file: 'actors.csv', line: 4, column: 'id' } },
  { name: 'roster-shared-alias', stop: { code: 'ROSTER_NAME_AMBIGUOUS', file: 'actors.csv', line: 3, column: 'aliases' } },
  { name: 'roster-name-is-id', stop: { code: 'ROSTER_NAME_IS_ID', file: 'actors.csv', line: 4, column: 'actor' } },
];

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

/** The case in a temp folder of its own name (the fixture copied, or built on the corpus roster). */
function caseDir(f: Fault): string {
  const dir = join(tempDir(), f.name);
  if (f.build) {
    mkdirSync(join(dir, 'rounds'), { recursive: true });
    cpSync(join(fixture('faults'), 'csv-invisible-characters', 'actors.csv'), join(dir, 'actors.csv'));
    f.build(dir);
  } else cpSync(join(fixture('faults'), f.name), dir, { recursive: true });
  Object.assign(process.env, f.env);
  return dir;
}

describe.each(FAULTS.map((f) => [f.name, f] as const))('%s', (name, f) => {
  if (f.stop) {
    const { code, file, line, column, exit } = f.stop;
    it(`stops with ${code} at ${file}${line != null ? `, line ${line}` : ''}`, async () => {
      const error = await ingestCase(caseDir(f), tr).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(JejaringError);
      const e = error as JejaringError;
      expect({ code: e.code, file: e.where?.file, exit: e.exitCode }).toEqual({ code, file: join(name, file), exit: exit ?? 1 });
      if (line !== undefined) expect(e.where?.line ?? null).toBe(line);
      if (column !== undefined) expect(e.where?.column ?? null).toBe(column);
    });
  } else {
    it(`goes on, logs ${f.logged!.map((l) => l[0]).join(', ') || 'nothing'}, keeps ${f.kept} ties of ${f.read} rows`, async () => {
      const { responses } = await ingestCase(caseDir(f), tr);
      const logged = responses.quality.map((q): Logged => [q.code, q.file.slice(name.length + 1), q.line, q.column]);
      expect(logged).toEqual(f.logged);
      const s = responses.summary;
      expect(responses.rounds.reduce((n, r) => n + r.ties.length, 0)).toBe(f.kept);
      expect(s.rowsRead).toBe(f.read);
      expect(s.rowsKept + s.rowsRejected).toBe(s.rowsRead); // every row read is kept or rejected, and logged
    });
  }
});

it('a roster ambiguity is one line naming both lines, never a merge', async () => {
  const error = (await ingestCase(caseDir(FAULTS.find((f) => f.name === 'roster-same-name-after-titles')!), tr).catch(
    (e) => e,
  )) as JejaringError;
  expect(formatError(error, tr)).toBe(
    'roster-same-name-after-titles/actors.csv, baris 11, kolom "actor": ' +
      '"Pak Sari" dibaca sama dengan "Bu Sari" di baris 10 (keduanya "sari"); ' +
      'jawaban yang menyebut nama itu tidak dapat diberikan kepada salah satunya. Bedakan namanya (mis. tambahkan nama belakang) ' +
      'atau hapus alias yang sama [ROSTER_NAME_AMBIGUOUS]',
  );
});
