/**
 * The malformed-file corpus (test/fixtures/bad, made by make-bad.ts): for each file, whether the
 * run stops (and with which code, where) or goes on (which codes are logged, at which line and
 * column, and how many valid ties are kept); and what --strict makes of it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JejaringError } from '../pipeline/errors.ts';
import { ingestCase } from '../pipeline/ingest.ts';
import { fixture, tempDir, tr } from './helpers.ts';

function caseWith(file: string | null, yaml?: string): string {
  const dir = join(tempDir(), 'kasus');
  mkdirSync(join(dir, 'rounds'), { recursive: true });
  copyFileSync(join(fixture('bad'), 'actors.csv'), join(dir, 'actors.csv'));
  if (file) copyFileSync(join(fixture('bad'), file), join(dir, 'rounds', file));
  writeFileSync(join(dir, 'case.yaml'), yaml ?? `rounds:\n  - id: r\n    label: R\n    file: rounds/${file}\n`);
  return dir;
}

async function outcome(dir: string) {
  try {
    const { responses } = await ingestCase(dir, tr);
    return { responses, error: null };
  } catch (e) {
    if (e instanceof JejaringError) return { responses: null, error: e };
    throw e;
  }
}

type Logged = [code: string, line: number | null, column: string | null];

describe.each<[string, Logged[], number]>([
  ['header-only.csv', [['FILE_NO_ROWS', 1, null]], 0],
  [
    'mixed-delimiters.csv',
    [
      ['ROW_RAGGED', 3, null],
      ['ACTOR_UNKNOWN', 3, 'respondent'],
    ],
    1,
  ],
  [
    'ragged.csv',
    [
      ['ROW_RAGGED', 2, null],
      ['ROW_RAGGED', 3, null],
      ['VALUE_MISSING', 2, 'cooperation'],
    ],
    3,
  ],
  // the quote swallowed line 4: line 3 is read on its own ('"Ani' matches Ani), line 4 as usual
  ['unclosed-quote.csv', [['CSV_QUOTE_UNCLOSED', 3, null]], 3],
  ['multiline-value.csv', [['ACTOR_UNKNOWN', 3, 'actor']], 1],
  ['bom.csv', [], 1],
  ['windows-1252.csv', [['ENCODING', null, null]], 2],
  ['crlf.csv', [['ACTOR_UNKNOWN', 3, 'actor']], 1],
  ['cr.csv', [['ACTOR_UNKNOWN', 3, 'actor']], 1],
  ['duplicate-columns.csv', [['COLUMN_DUPLICATE', 1, 'trust']], 1],
  ['unknown-label.csv', [['VALUE_INVALID', 2, 'trust']], 2],
  [
    'out-of-range.csv',
    [
      ['VALUE_INVALID', 2, 'trust'],
      ['VALUE_INVALID', 3, 'cooperation'],
    ],
    2,
  ],
  ['decimal-comma.csv', [['VALUE_READ_AS', 2, 'trust']], 1],
  ['duplicate-submission.csv', [['SUBMISSION_DUPLICATE', 2, 'Nama Anda']], 1],
  ['self-tie.csv', [['SELF_TIE', 2, 'actor']], 1],
  ['unknown-actor.csv', [['ACTOR_UNKNOWN', 2, 'actor']], 1],
  ['empty-actor.csv', [['ACTOR_EMPTY', 2, 'actor']], 1],
])('%s', (file, expected, kept) => {
  it(`goes on, logs ${expected.map((e) => e[0]).join(', ') || 'nothing serious'} and keeps ${kept} valid ties`, async () => {
    const { responses, error } = await outcome(caseWith(file));
    expect(error).toBeNull();
    const logged = responses!.quality.filter((q) => q.file.endsWith(file)).map((q): Logged => [q.code, q.line, q.column]);
    const accounting = ['ENCODING', 'COLUMN_UNKNOWN', 'QUESTION_NOT_ASKED', 'QUESTION_EMPTY', 'ROWS_COUNTED'];
    const serious = logged.filter(([code]) => !accounting.includes(code) || expected.some((e) => e[0] === code));
    expect(serious.sort()).toEqual([...expected].sort());
    expect(responses!.rounds[0]!.ties).toHaveLength(kept);
  });
});

describe.each<[string, string, number | null]>([
  ['empty.csv', 'FILE_EMPTY', null],
  ['wrong-delimiter.csv', 'COLUMN_MISSING', 1],
  ['missing-column.csv', 'COLUMN_MISSING', 1],
])('%s', (file, code, line) => {
  it(`stops with ${code}, naming the file`, async () => {
    const { error } = await outcome(caseWith(file));
    expect(error?.code).toBe(code);
    expect(error?.where).toMatchObject({ file: join('kasus', 'rounds', file), ...(line !== null ? { line } : {}) });
    expect(error?.exitCode).toBe(1);
  });
});

it('a round file listed in case.yaml but missing stops the run, naming the file', async () => {
  const { error } = await outcome(caseWith(null, 'rounds:\n  - id: r\n    label: R\n    file: rounds/hilang.csv\n'));
  expect(error).toMatchObject({ code: 'FILE_MISSING', where: { file: join('kasus', 'rounds/hilang.csv') } });
});

it('the Windows-1252 file keeps José Ramírez', async () => {
  const { responses } = await outcome(caseWith('windows-1252.csv'));
  expect(responses!.quality.find((q) => q.code === 'ENCODING')?.value).toBe('windows-1252');
  expect(responses!.rounds[0]!.ties.map((t) => t.from).sort()).toEqual(['ani', 'josé-ramírez']);
});

it('the unknown actor comes with the closest roster name as a suggestion', async () => {
  const { responses } = await outcome(caseWith('unknown-actor.csv'));
  expect(responses!.quality.find((q) => q.code === 'ACTOR_UNKNOWN')!.message).toContain('Warung Citra');
});

it('a file above the size limit is refused before it is read', async () => {
  const dir = caseWith('bom.csv');
  truncateSync(join(dir, 'rounds', 'bom.csv'), 200 * 1024 * 1024); // 200 MB, sparse: nothing is read
  const { error } = await outcome(dir);
  expect(error).toMatchObject({ code: 'FILE_TOO_LARGE', params: { size: 200, limit: 64 } });
});

it('a file with more rows than the limit is refused, saying how many', async () => {
  const saved = process.env.JEJARING_MAX_ROWS;
  process.env.JEJARING_MAX_ROWS = '2';
  try {
    const { error } = await outcome(caseWith('ragged.csv'));
    // every file has the limit: here the roster (4 rows) is the first one read
    expect(error).toMatchObject({
      code: 'FILE_TOO_MANY_ROWS',
      params: { rows: 4, limit: 2 },
      where: { file: join('kasus', 'actors.csv') },
    });
  } finally {
    if (saved === undefined) delete process.env.JEJARING_MAX_ROWS;
    else process.env.JEJARING_MAX_ROWS = saved;
  }
});

describe('exit codes of the command', () => {
  const cli = (args: string[]) => {
    try {
      execFileSync(process.execPath, ['bin/jejaring.mjs', 'report', ...args, '--no-pdf', '--out', tempDir()], {
        stdio: 'pipe',
        encoding: 'utf8',
      });
      return { status: 0, stderr: '' };
    } catch (e) {
      const err = e as { status: number; stderr: string };
      return { status: err.status, stderr: err.stderr };
    }
  };
  it('bad input: exit 1 and one readable line with file, line and code, no stack trace', () => {
    const { status, stderr } = cli([caseWith('missing-column.csv')]);
    expect(status).toBe(1);
    const last = stderr.trim().split('\n').at(-1)!;
    expect(last).toMatch(/^kasus\/rounds\/missing-column\.csv, baris 1: kolom wajib "trust" tidak ada .*\[COLUMN_MISSING\]$/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });
  it('warnings: exit 0; with --strict: exit 1', () => {
    const dir = caseWith('self-tie.csv');
    expect(cli([dir, '--check']).status).toBe(0);
    const strict = cli([dir, '--check', '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('[STRICT_FAILED]');
  });
  it('bad usage: exit 2', () => {
    expect(cli(['--audience', 'semua']).status).toBe(2);
  });
});

it('a value quoted in a message stays on one line and short', async () => {
  const { responses } = await outcome(caseWith('multiline-value.csv'));
  const unknown = responses!.quality.find((q) => q.code === 'ACTOR_UNKNOWN')!;
  expect(unknown.value).toContain('\n'); // the log keeps the value as read
  expect(unknown.message).not.toContain('\n');
  expect(unknown.message).toContain('"Warung Citra Baru"');
});
