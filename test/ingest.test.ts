import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { loadCase } from '../pipeline/config.ts';
import { JejaringError } from '../pipeline/errors.ts';
import { decode, parseCsvText } from '../pipeline/ingest/csv.ts';
import { normaliseName } from '../pipeline/ingest/roster.ts';
import { parseCooperation, parseFrequency, parseTrust, parseYesNo } from '../pipeline/ingest/values.ts';
import { ingestCase } from '../pipeline/ingest.ts';
import { fixture, SAMPLE, tempDir, tr } from './helpers.ts';

describe('parseTrust(raw)', () => {
  it.each([
    ['4', 4, false],
    [' 5 ', 5, false],
    ['4,0', 4, true],
    ['Sangat percaya', 5, false],
    ['SANGAT  TIDAK   PERCAYA', 1, false],
    ['4. Percaya', 4, false],
    ['2 - Tidak percaya', 2, false],
    ['ragu-ragu', 3, false],
    ['Ragu2', 3, false],
    ['STS', 1, false],
    ['ss', 5, false],
    ['strongly trust', 5, false],
  ])('%j → %d', (raw, value, corrected) => {
    expect(parseTrust(raw)).toEqual({ ok: true, value, corrected });
  });
  it.each(['0', '6', '3,5', 'sangat', '1.000', 'x'])('%j is rejected', (raw) => {
    expect(parseTrust(raw).ok).toBe(false);
  });
});

describe('parseCooperation / parseFrequency / parseYesNo', () => {
  it.each([
    ['0', 0],
    ['Komunikasi', 1],
    ['kooperasi', 2],
    ['3 Koordinasi', 3],
    ['KOLABORASI', 4],
    ['Konfederasi', 5],
    ['tidak ada', 0],
  ])('cooperation %j → %d', (raw, value) => {
    expect(parseCooperation(raw)).toMatchObject({ ok: true, value });
  });
  it.each([
    ['Tidak pernah', 0],
    ['jarang', 1],
    ['Kadang-kadang', 2],
    ['kadang2', 2],
    ['Sering', 3],
    ['selalu', 4],
  ])('frequency %j → %d', (raw, value) => {
    expect(parseFrequency(raw)).toMatchObject({ ok: true, value });
  });
  it.each([
    ['ya', true],
    ['Yes', true],
    ['1', true],
    ['tidak', false],
    ['no', false],
    ['0', false],
  ])('yes/no %j → %s', (raw, value) => {
    expect(parseYesNo(raw)).toMatchObject({ ok: true, value });
  });
  it('rejects an unknown yes/no word', () => expect(parseYesNo('mungkin').ok).toBe(false));
});

describe('decode(bytes)', () => {
  it('reads UTF-8 with a BOM', () => {
    expect(decode(Buffer.from('\uFEFFnama;umur', 'utf8'))).toEqual({ text: 'nama;umur', encoding: 'utf-8-bom' });
  });
  it('reads Windows-1252 curly quotes and accents that Node 20 decodes wrongly', () => {
    const bytes = iconv.encode('José;“baik” – sekali', 'win1252');
    expect(decode(bytes)).toEqual({ text: 'José;“baik” – sekali', encoding: 'windows-1252' });
  });
  it('reads UTF-16LE "Unicode text"', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb', 'utf16le')]);
    expect(decode(bytes)).toEqual({ text: 'a\tb', encoding: 'utf-16le' });
  });
});

describe('parseCsvText(text)', () => {
  it('detects ; and keeps physical line numbers across quoted newlines, blank lines and CRLF', () => {
    const table = parseCsvText('a;b;c\r\n1;"x\ny";3\r\n\r\n4;5;6\r7;8;9\n', 'f.csv');
    expect(table.delimiter).toBe(';');
    expect(table.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, ['1', 'x\ny', '3']],
      [5, ['4', '5', '6']],
      [6, ['7', '8', '9']],
    ]);
  });
  it('never converts types: "1.000" stays a string', () => {
    expect(parseCsvText('n\n1.000\n', 'f.csv').rows[0]!.cells).toEqual(['1.000']);
  });
  it('reads a line whose quote is never closed on its own, the quote a plain character, and notes it', () => {
    const table = parseCsvText('a,b\n1,2\n"3,4\n5,6\n', 'f.csv');
    expect(table.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, ['1', '2']],
      [3, ['"3', '4']],
      [4, ['5', '6']],
    ]);
    expect(table.notes).toEqual([{ level: 'warning', code: 'CSV_QUOTE_UNCLOSED', line: 3, params: { until: 4 } }]);
  });
});

describe('normaliseName(name)', () => {
  it.each([
    ['Bu Euis', 'euis'],
    ['IBU  Euis.', 'euis'],
    ['Wr. Susi', 'warung susi'],
    ['Bapak Joni', 'joni'],
    ['Pak', 'pak'],
  ])('%j → %j', (raw, expected) => expect(normaliseName(raw)).toBe(expected));
});

describe('ingest on the tiny case', async () => {
  const { responses } = await ingestCase(fixture('tiny'), tr);
  const round = responses.rounds[0]!;
  const codes = responses.quality.map((q) => [q.code, q.line, q.column]);

  it('reads rounds from rounds/ when there is no case.yaml', () => {
    expect(round.round).toMatchObject({ id: 'r1', label: 'Putaran 1', file: 'rounds/r1.csv' });
    expect(responses.case.group).toBe('tiny');
  });
  it('keeps the valid ties, with titles and "Wr." matched and labels read', () => {
    expect(codes.filter((c) => c[0] === 'VALUE_READ_AS')).toEqual([]); // labels are answers, not corrections
    expect(round.ties.map((t) => [t.from, t.to, t.trust, t.cooperation, t.frequency, t.formal])).toEqual([
      ['ani', 'budi', 5, 3, 4, false],
      ['ani', 'warung-citra', 4, 3, 2, true],
      ['budi', 'ani', 4, 2, 1, false],
      ['budi', 'warung-citra', 3, 1, null, false],
    ]);
  });
  it('logs every rejected or corrected value with file, line and column', () => {
    expect(codes).toEqual(
      expect.arrayContaining([
        ['TIE_DUPLICATE', 4, 'actor'],
        ['VALUE_INVALID', 6, 'frequency'],
        ['SELF_TIE', 7, 'actor'],
        ['ACTOR_UNKNOWN', 8, 'actor'],
      ]),
    );
    expect(responses.quality.every((q) => q.file === join('tiny', 'rounds/r1.csv') || q.file === join('tiny', 'actors.csv'))).toBe(true);
  });
  it('counts rows read = kept + corrected + rejected + superseded, each row once', () => {
    // line 4 is superseded by line 5 (the same tie again), line 6 corrected (frequency "sering sekali"),
    // lines 7 (self-tie) and 8 (unknown actor) rejected; lines 2, 3 and 5 kept
    expect(responses.summary).toEqual({ rowsRead: 7, rowsKept: 3, rowsCorrected: 1, rowsRejected: 2, rowsSuperseded: 1 });
  });
  it('suggests roster names for an unknown actor', () => {
    const unknown = responses.quality.find((q) => q.code === 'ACTOR_UNKNOWN')!;
    expect(unknown.message).toContain('Zed Unknown');
  });
});

describe('ingest errors', () => {
  const copyTiny = () => {
    const dir = join(tempDir(), 'kasus');
    cpSync(fixture('tiny'), dir, { recursive: true });
    return dir;
  };
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof JejaringError) return { code: e.code, where: e.where };
      throw e;
    }
    return null;
  };
  const codeOfAsync = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      if (e instanceof JejaringError) return { code: e.code, where: e.where };
      throw e;
    }
    return null;
  };
  it('a missing required column names the column and file', async () => {
    const dir = copyTiny();
    writeFileSync(join(dir, 'rounds/r1.csv'), 'respondent,actor,cooperation\nAni,Budi,3\n');
    expect(await codeOfAsync(() => ingestCase(dir, tr))).toEqual({
      code: 'COLUMN_MISSING',
      where: { file: join('kasus', 'rounds/r1.csv'), line: 1 },
    });
  });
  it('an empty round file is an error', async () => {
    const dir = copyTiny();
    writeFileSync(join(dir, 'rounds/r1.csv'), '');
    expect((await codeOfAsync(() => ingestCase(dir, tr)))?.code).toBe('FILE_EMPTY');
  });
  it('a config path that leaves the case folder is refused', () => {
    const dir = copyTiny();
    writeFileSync(join(dir, 'case.yaml'), 'rounds:\n  - id: a\n    label: A\n    file: ../../etc/passwd\n');
    expect(codeOf(() => loadCase(dir, tr))?.code).toBe('CONFIG_PATH_OUTSIDE');
  });
  it('an unknown config key names the key', () => {
    const dir = copyTiny();
    writeFileSync(join(dir, 'case.yaml'), 'case:\n  group: X\n  desa: Y\n');
    const caught = codeOf(() => loadCase(dir, tr));
    expect(caught?.code).toBe('CONFIG_INVALID');
  });
  it('a round listed in the config but missing is an error naming the file', async () => {
    const dir = copyTiny();
    writeFileSync(join(dir, 'case.yaml'), 'rounds:\n  - id: a\n    label: A\n    file: rounds/tidak-ada.csv\n');
    expect(await codeOfAsync(() => ingestCase(dir, tr))).toEqual({
      code: 'FILE_MISSING',
      where: { file: join('kasus', 'rounds/tidak-ada.csv') },
    });
  });
  it('never modifies its input files', async () => {
    const dir = copyTiny();
    const before = readFileSync(join(dir, 'rounds/r1.csv'));
    await ingestCase(dir, tr);
    expect(readFileSync(join(dir, 'rounds/r1.csv')).equals(before)).toBe(true);
  });
});

describe('ingest on the sample case', async () => {
  const { config, responses } = await ingestCase(SAMPLE, tr);
  it('reads both rounds with their labels and dates from case.yaml', () => {
    expect(config.rounds.map((r) => [r.id, r.date])).toEqual([
      ['pra', '2019-03-16'],
      ['pasca', '2019-11-23'],
    ]);
  });
  it('keeps every row of the tie files (they are clean)', () => {
    const rows = (f: string) => readFileSync(join(SAMPLE, f), 'utf8').trim().split('\n').length - 1;
    expect(responses.rounds.map((r) => r.ties.length)).toEqual([rows('rounds/01-pra.csv'), rows('rounds/02-pasca.csv')]);
    expect(responses.summary.rowsRejected).toBe(0);
    expect(responses.quality.filter((q) => q.level !== 'info')).toEqual([]);
  });
  it('has the roster the paper maps: 10 members, 9 outlets, the capital sources and the legality offices', () => {
    const count = (c: string) => responses.actors.filter((a) => a.category === c).length;
    expect([count('internal'), count('pemasaran'), count('permodalan'), count('legalitas')]).toEqual([10, 9, 3, 4]);
  });
});

it('a folder with only actors.csv and rounds/*.csv is reported', async () => {
  const dir = join(tempDir(), 'polos');
  mkdirSync(join(dir, 'rounds'), { recursive: true });
  cpSync(join(fixture('tiny'), 'actors.csv'), join(dir, 'actors.csv'));
  writeFileSync(join(dir, 'rounds', 'b.csv'), 'responden;aktor;kepercayaan;kerjasama\nAni;Budi;4;2\n');
  writeFileSync(join(dir, 'rounds', 'a.csv'), 'respondent,actor,trust,cooperation\nBudi,Ani,5,3\n');
  const { responses } = await ingestCase(dir, tr);
  expect(responses.rounds.map((r) => [r.round.id, r.ties.length])).toEqual([
    ['a', 1],
    ['b', 1],
  ]);
});
