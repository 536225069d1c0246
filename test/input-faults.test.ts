/**
 * The bad-input corpus of issue 13 (test/fixtures/faults, written by make-faults.ts; the large and
 * linked cases are built here from large.ts): for each case, either the run stops with one code at
 * one place (file, line, column) and exit 1 or 2, or it goes on, logs exactly the listed entries,
 * and keeps and counts every valid row. Then every case goes through the pipeline's entry point:
 * whatever the fault, a JejaringError whose one line holds no raw Node message.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatError, JejaringError } from '../pipeline/errors.ts';
import { translator } from '../pipeline/i18n.ts';
import { ingestCase } from '../pipeline/ingest.ts';
import { run } from '../pipeline/run.ts';
import { deflatedRepeat, sheetXml, tieRows, xlsx, zip } from './fixtures/faults/large.ts';
import { TWELVE } from './fixtures/faults/make-faults.ts';
import { fixture, tempDir, tr } from './helpers.ts';

const MB = 2 ** 20;

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
      // the second "trust" column is not read, and named as such
      ['COLUMN_UNKNOWN', 'rounds/r1.csv', 1, 'trust'],
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

  // every container limited: zips (ODK downloads) and workbooks (an .xlsx is a zip), by declared and real sizes
  {
    name: 'zip-bomb',
    build: (dir) => writeFileSync(join(dir, 'rounds', 'r1.zip'), zip([{ name: 'r1.csv', data: deflatedRepeat(70 * MB) }])),
    stop: { code: 'ZIP_ENTRY_TOO_LARGE', file: 'rounds/r1.zip' },
  },
  {
    name: 'zip-bomb-lying',
    build: (dir) =>
      writeFileSync(join(dir, 'rounds', 'r1.zip'), zip([{ name: 'r1.csv', data: deflatedRepeat(70 * MB), declaredSize: 1000 }])),
    stop: { code: 'ZIP_ENTRY_TOO_LARGE', file: 'rounds/r1.zip' },
  },
  {
    name: 'zip-bomb-members',
    build: (dir) =>
      writeFileSync(
        join(dir, 'rounds', 'r1.zip'),
        zip([
          { name: 'r1.csv', data: deflatedRepeat(40 * MB) },
          { name: 'r1-ikatan.csv', data: deflatedRepeat(40 * MB) },
        ]),
      ),
    stop: { code: 'ZIP_TOO_LARGE', file: 'rounds/r1.zip' },
  },
  {
    name: 'zip-too-many-members',
    build: (dir) =>
      writeFileSync(join(dir, 'rounds', 'r1.zip'), zip(Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}.csv`, data: 'a\n' })))),
    stop: { code: 'ZIP_TOO_MANY_ENTRIES', file: 'rounds/r1.zip' },
  },
  {
    name: 'zip-checksum',
    build: (dir) => {
      const { deflated, size } = deflatedRepeat(1000, 0x41);
      writeFileSync(join(dir, 'rounds', 'r1.zip'), zip([{ name: 'r1.csv', data: { deflated, size, crc: 12345 } }]));
    },
    stop: { code: 'ZIP_UNREADABLE', file: 'rounds/r1.zip' },
  },
  { name: 'zip-corrupt', stop: { code: 'ZIP_UNREADABLE', file: 'rounds/r1.zip' } },
  {
    name: 'xlsx-many-rows',
    build: (dir) => writeFileSync(join(dir, 'rounds', 'r1.xlsx'), xlsx([{ name: 'ikatan', xml: sheetXml(tieRows(1001)) }])),
    env: { JEJARING_MAX_ROWS: '1000' },
    stop: { code: 'FILE_TOO_MANY_ROWS', file: 'rounds/r1.xlsx' },
  },
  {
    name: 'xlsx-bomb',
    build: (dir) =>
      writeFileSync(join(dir, 'rounds', 'r1.xlsx'), xlsx([{ name: 'ikatan', xml: deflatedRepeat(10 * MB), declaredSize: 1000 }])),
    env: { JEJARING_MAX_FILE_MB: '1' },
    stop: { code: 'ZIP_ENTRY_TOO_LARGE', file: 'rounds/r1.xlsx' },
  },
  {
    name: 'xlsx-last-column',
    build: (dir) => {
      // every row has a cell in column CV (100): a few cells in the XML, a hundred in every row read
      const rows = [...tieRows(20)].map((r, i) => Object.assign([...r], i > 0 ? { 99: 'x' } : {}));
      writeFileSync(join(dir, 'rounds', 'r1.xlsx'), xlsx([{ name: 'ikatan', xml: sheetXml(rows) }]));
    },
    env: { JEJARING_MAX_CELLS: '1000' },
    stop: { code: 'FILE_TOO_MANY_CELLS', file: 'rounds/r1.xlsx#ikatan', line: 11 },
  },
  { name: 'xlsx-corrupt', stop: { code: 'XLSX_UNREADABLE', file: 'rounds/r1.xlsx' } },
  {
    name: 'xlsx-formula-uncached',
    logged: [
      ['XLSX_FORMULA_UNCACHED', 'rounds/r1.xlsx#Sheet1', 3, 'trust'],
      ['XLSX_CELL_ERROR', 'rounds/r1.xlsx#Sheet1', 5, 'trust'],
      ['VALUE_MISSING', 'rounds/r1.xlsx#Sheet1', 3, 'trust'],
      ['VALUE_MISSING', 'rounds/r1.xlsx#Sheet1', 5, 'trust'],
    ],
    kept: 4,
    read: 4,
  },

  // YAML and JSON: limits, and syntax errors with line and column
  { name: 'yaml-syntax', stop: { code: 'CONFIG_SYNTAX', file: 'case.yaml', line: 3, column: '1' } },
  { name: 'yaml-nul', stop: { code: 'CONFIG_CONTROL_CHAR', file: 'case.yaml', line: 2, column: '14' } },
  { name: 'yaml-invalid-utf8', stop: { code: 'CONFIG_NOT_UTF8', file: 'case.yaml', line: 2, column: '18' } },
  { name: 'yaml-anchor-bomb', stop: { code: 'CONFIG_ALIASES', file: 'case.yaml', line: 3, column: '10' } },
  { name: 'yaml-deep', stop: { code: 'CONFIG_TOO_DEEP', file: 'case.yaml', line: null } },
  {
    name: 'yaml-too-large',
    build: (dir) => writeFileSync(join(dir, 'case.yaml'), `# ${'x'.repeat(2 * MB)}\ncase:\n  group: KUBE\n`),
    stop: { code: 'CONFIG_TOO_LARGE', file: 'case.yaml' },
  },
  { name: 'plan-anchor-bomb', stop: { code: 'CONFIG_ALIASES', file: 'plan.yaml', line: 6, column: '10' } },
  { name: 'plan-syntax', stop: { code: 'CONFIG_SYNTAX', file: 'plan.yaml', line: 4, column: '1' } },
  { name: 'case-json', logged: [], kept: 6, read: 6 },
  { name: 'case-json-syntax', stop: { code: 'CONFIG_SYNTAX', file: 'case.json', line: 5, column: '3' } },
  { name: 'case-yaml-and-json', stop: { code: 'CONFIG_BOTH', file: 'case.json' } },

  // round files are read without a config whatever their export type; other files there are listed
  { name: 'rounds-xlsx', logged: [], kept: 12, read: 12 },
  { name: 'rounds-zip', logged: [], kept: 12, read: 12 },
  { name: 'rounds-unicode-text', logged: [['ENCODING', 'rounds/r1.txt', null, null]], kept: 12, read: 12 },
  { name: 'rounds-mixed', logged: [['ROUND_FILE_IGNORED', 'rounds/catatan.docx', null, null]], kept: 12, read: 12 },

  // never a link out of the case folder: its text reaches neither the report nor the log
  { name: 'link-round', build: (dir) => linkOut(dir, 'rounds/r1.csv'), stop: { code: 'FILE_OUTSIDE_CASE', file: 'rounds/r1.csv' } },
  {
    name: 'link-round-listed',
    build: (dir) => {
      linkOut(dir, 'rounds/r1.csv');
      writeFileSync(join(dir, 'case.yaml'), 'rounds:\n  - id: r1\n    label: R1\n    file: rounds/r1.csv\n');
    },
    stop: { code: 'FILE_OUTSIDE_CASE', file: 'rounds/r1.csv' },
  },
  { name: 'link-rounds-folder', build: (dir) => linkOut(dir, 'rounds', true), stop: { code: 'FILE_OUTSIDE_CASE', file: 'rounds' } },
  { name: 'link-actors', build: (dir) => linkOut(dir, 'actors.csv'), stop: { code: 'FILE_OUTSIDE_CASE', file: 'actors.csv' } },
  {
    name: 'link-known-ties',
    build: (dir) => linkOut(dir, 'known-ties.csv'),
    stop: { code: 'FILE_OUTSIDE_CASE', file: 'known-ties.csv' },
  },
  { name: 'link-plan', build: (dir) => linkOut(dir, 'plan.yaml'), stop: { code: 'FILE_OUTSIDE_CASE', file: 'plan.yaml' } },
  { name: 'link-case-yaml', build: (dir) => linkOut(dir, 'case.yaml'), stop: { code: 'FILE_OUTSIDE_CASE', file: 'case.yaml' } },
  {
    name: 'link-broken',
    build: (dir) => symlinkSync(join(dir, 'nowhere.csv'), join(dir, 'rounds', 'r1.csv')),
    stop: { code: 'FILE_LINK_BROKEN', file: 'rounds/r1.csv' },
  },
  {
    name: 'link-inside',
    build: (dir) => {
      mkdirSync(join(dir, 'data'));
      writeFileSync(join(dir, 'data', 'r1.csv'), `respondent,actor,trust,cooperation\n${TWELVE.join('\n')}\n`);
      symlinkSync(join('..', 'data', 'r1.csv'), join(dir, 'rounds', 'r1.csv'));
    },
    logged: [],
    kept: 12,
    read: 12,
  },
  {
    name: 'fifo-actors',
    build: (dir) => {
      rmSync(join(dir, 'actors.csv'));
      execFileSync('mkfifo', [join(dir, 'actors.csv')]); // reading it would wait for ever
      writeFileSync(join(dir, 'rounds', 'r1.csv'), 'respondent,actor,trust,cooperation\nAni,Budi,4,2\n');
    },
    stop: { code: 'FILE_NOT_REGULAR', file: 'actors.csv' },
  },

  // ambiguity in the roster stops the run, naming both lines
  { name: 'roster-same-name', stop: { code: 'ROSTER_NAME_AMBIGUOUS', file: 'actors.csv', line: 11, column: 'actor' } },
  { name: 'roster-same-name-after-titles', stop: { code: 'ROSTER_NAME_AMBIGUOUS', file: 'actors.csv', line: 11, column: 'actor' } },
  { name: 'roster-duplicate-id', stop: { code: 'ROSTER_ID_DUPLICATE', file: 'actors.csv', line: 4, column: 'id' } },
  { name: 'roster-shared-alias', stop: { code: 'ROSTER_NAME_AMBIGUOUS', file: 'actors.csv', line: 3, column: 'aliases' } },
  { name: 'roster-name-is-id', stop: { code: 'ROSTER_NAME_IS_ID', file: 'actors.csv', line: 4, column: 'actor' } },
];

/** Text that must never reach a report or a log: it lies outside the case folder. */
const SECRET = 'Rahasia Tetangga';

/** Make `path` in the case a link to a file (or folder) outside it that holds SECRET. */
function linkOut(dir: string, path: string, folder = false): void {
  const outside = join(tempDir(), folder ? 'rounds' : basename(path));
  if (folder) {
    mkdirSync(outside);
    writeFileSync(join(outside, 'r1.csv'), `respondent,actor,trust,cooperation\n${SECRET},Ani,4,2\n`);
  } else writeFileSync(outside, `actor,respondent,trust,cooperation,group\n${SECRET},Ani,4,2,${SECRET}\n`);
  rmSync(join(dir, path), { recursive: true, force: true });
  if (path === 'rounds/r1.csv' || folder) writeFileSync(join(dir, 'keep'), ''); // nothing else to read
  symlinkSync(outside, join(dir, path));
}

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
      // the accounting every round logs (rows counted, questions asked) is checked in test/ingest.test.ts
      const accounting = new Set(['ROWS_COUNTED', 'QUESTION_NOT_ASKED', 'QUESTION_EMPTY']);
      const logged = responses.quality
        .filter((q) => !accounting.has(q.code))
        .map((q): Logged => [q.code, q.file.slice(name.length + 1), q.line, q.column]);
      expect(logged).toEqual(f.logged);
      const s = responses.summary;
      expect(responses.rounds.reduce((n, r) => n + r.ties.length, 0)).toBe(f.kept);
      expect(s.rowsRead).toBe(f.read);
      // every row read is kept, corrected, rejected or superseded, and logged
      expect(s.rowsKept + s.rowsCorrected + s.rowsRejected + s.rowsSuperseded).toBe(s.rowsRead);
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

/** What a message shown to a facilitator must never hold: a raw Node or library message, a stack frame, an object. */
const RAW = [
  /Error:/,
  /^\s*at .*:\d+/m,
  /\bat \S+ \(/,
  /\b(?:ENOENT|EACCES|EISDIR|ENOTDIR|ELOOP|EPERM|EMFILE)\b/,
  /\[object Object\]/,
  /undefined|NaN/,
];
const clean = (text: string) => RAW.filter((re) => re.test(text)).map(String);

const options = (dir: string, check: boolean) => ({
  positional: [dir],
  out: tempDir(),
  lang: 'id' as const,
  pdf: false,
  browser: null,
  check,
  strict: false,
  audience: 'internal' as const,
});

/** Run the command's entry point on a case; what it printed (progress and results) and what it threw. */
async function runCase(dir: string, check: boolean) {
  const lines: string[] = [];
  const effects = { step: () => () => {}, note: (t: string) => lines.push(t), result: (t: string) => lines.push(t) };
  const error = await run(options(dir, check), tr, effects).then(
    () => null,
    (e: unknown) => e,
  );
  return { error, stderr: `${lines.join('\n')}\n` };
}

describe('every case through the command, --check', () => {
  it.each(FAULTS.map((f) => [f.name, f] as const))('%s: one clean line and exit 1 or 2, or a check that keeps every row', async (_, f) => {
    const { error, stderr } = await runCase(caseDir(f), true);
    if (f.stop) {
      expect(error).toBeInstanceOf(JejaringError);
      const e = error as JejaringError;
      expect([1, 2]).toContain(e.exitCode);
      for (const lang of ['id', 'en'] as const) {
        const line = formatError(e, translator(lang));
        expect(line.split('\n')).toHaveLength(1);
        expect(clean(line)).toEqual([]);
        expect(line).not.toContain(SECRET);
        expect(line).toMatch(/\[[A-Z0-9_]+\]$/);
      }
    } else {
      expect(error).toBeNull();
      expect(stderr).toContain(`Baris: ${f.read} dibaca,`);
    }
    expect(clean(stderr)).toEqual([]);
    expect(stderr).not.toContain(SECRET);
  });
});

describe('cases that go on build their report', () => {
  it.each(['csv-unclosed-quote', 'csv-excel-dates', 'xlsx-formula-uncached', 'rounds-mixed', 'case-json'])('%s', async (name) => {
    const { error, stderr } = await runCase(caseDir(FAULTS.find((f) => f.name === name)!), false);
    expect(error).toBeNull();
    expect(stderr).toContain('report.html');
    expect(clean(stderr)).toEqual([]);
  });
});

it('case.json is read when there is no case.yaml', async () => {
  const { config } = await ingestCase(caseDir(FAULTS.find((f) => f.name === 'case-json')!), tr);
  expect([config.case.group, config.rounds.map((r) => r.id)]).toEqual(['KUBE Melati', ['pra']]);
});

it('a workbook another program wrote keeps its sheet names', async () => {
  // absolute part names, the sheet before the shared strings, no sheetN.xml
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const strings = ['respondent', 'actor', 'trust', 'cooperation', 'Ani', 'Budi'];
  const s = (i: number, ref: string) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
  const sheet = '<sheet name="Jawaban &amp; ikatan" sheetId="7" r:id="rId7"/>';
  const dir = caseDir({
    name: 'xlsx-other-writer',
    build: (d) =>
      writeFileSync(
        join(d, 'rounds', 'r1.xlsx'),
        zip([
          {
            name: 'xl/worksheets/data.xml',
            data: [
              `<worksheet xmlns="${main}"><sheetData>`,
              `<row r="1">${s(0, 'A1')}${s(1, 'B1')}${s(2, 'C1')}${s(3, 'D1')}</row>`,
              `<row r="2">${s(4, 'A2')}${s(5, 'B2')}<c r="C2"><v>4</v></c><c r="D2"><v>2</v></c></row>`,
              '</sheetData></worksheet>',
            ].join(''),
          },
          {
            name: 'xl/workbook.xml',
            data: `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${sheet}</sheets></workbook>`,
          },
          {
            name: 'xl/_rels/workbook.xml.rels',
            data: [
              '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">',
              `<Relationship Id="rId7" Type="${rel}/worksheet" Target="/xl/worksheets/data.xml"/>`,
              `<Relationship Id="rId8" Type="${rel}/sharedStrings" Target="/xl/strings.xml"/>`,
              '</Relationships>',
            ].join(''),
          },
          { name: 'xl/strings.xml', data: `<sst xmlns="${main}">${strings.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>` },
        ]),
      ),
  });
  const { responses } = await ingestCase(dir, tr);
  expect(responses.rounds[0]!.ties.map((t) => [t.from, t.to, t.trust, t.cooperation, t.source.file])).toEqual([
    ['ani', 'budi', 4, 2, 'xlsx-other-writer/rounds/r1.xlsx#Jawaban & ikatan'],
  ]);
});
