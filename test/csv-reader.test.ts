/**
 * The CSV reader cannot swallow rows: every physical line is a row, a blank line, or a logged line
 * (title, header, repeated header), and a stray or unclosed quote costs at most the line it is on.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type CsvTable, decode, detectDelimiter, parseCsvText } from '../pipeline/ingest/csv.ts';

const H = 'respondent,actor,trust,cooperation';
/** Twelve answers, each on its own line (lines 2–13). */
const twelve = Array.from({ length: 12 }, (_, i) => `${i % 2 ? 'Ani' : 'Budi'},Warung ${i + 1},4,2`);
const notes = (t: CsvTable) => t.notes.map((n) => [n.code, n.line]);
const adds = (t: CsvTable) => t.lines.blank + t.lines.skipped + t.lines.rows === t.lines.total;

describe('a stray or unclosed quote', () => {
  it('never swallows the rows after it: 12 of 12 read, the line with the quote logged', () => {
    const rows = [...twelve];
    rows[3] = 'Ani,"Warung 4,4,2'; // opens a quote never closed: line 5 would swallow lines 6–13
    const t = parseCsvText(`${H}\n${rows.join('\n')}\n`, 'r.csv');
    expect(t.rows).toHaveLength(12);
    expect(t.rows.map((r) => r.line)).toEqual(Array.from({ length: 12 }, (_, i) => i + 2));
    expect(t.rows[3]!.cells).toEqual(['Ani', '"Warung 4', '4', '2']);
    expect(t.notes).toEqual([{ level: 'warning', code: 'CSV_QUOTE_UNCLOSED', line: 5, params: { until: 13 } }]);
    expect(adds(t)).toBe(true);
  });
  it('a quote closed by another stray quote lines later, making a row of another width: line 4 re-read, the rows after kept', () => {
    const rows = [...twelve];
    rows[2] = 'Budi,"Warung 3,4,2'; // line 4
    rows[7] = 'Ani,Warung 8",4,2,9'; // line 9: the quote that "closes" line 4's, in another column
    const t = parseCsvText(`${H}\n${rows.join('\n')}\n`, 'r.csv');
    expect(t.rows).toHaveLength(12);
    expect(t.rows[2]!.cells).toEqual(['Budi', '"Warung 3', '4', '2']);
    expect(t.rows[7]!.cells).toEqual(['Ani', 'Warung 8"', '4', '2', '9']);
    expect(notes(t)).toEqual([['CSV_QUOTE_UNCLOSED', 4]]);
  });
  it('a closed quoted value that fits the header but holds lines that read as rows is kept, and its lines are named', () => {
    // two stray quotes in one column, or a name with a line break and commas: valid CSV either way
    const t = parseCsvText(`${H}\nAni,"Budi,4,2\nAni,Citra",3,1\n`, 'r.csv');
    expect(t.rows.map((r) => r.cells)).toEqual([['Ani', 'Budi,4,2\nAni,Citra', '3', '1']]);
    expect(t.notes).toEqual([{ level: 'warning', code: 'CSV_VALUE_SPANS_ROWS', line: 2, params: { until: 3 } }]);
  });
  it('a value that really spans lines (a note with a line break) stays one value', () => {
    const t = parseCsvText(`${H},note\nAni,Budi,4,2,"baik,\nsekali"\nBudi,Ani,3,1,\n`, 'r.csv');
    expect(t.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, ['Ani', 'Budi', '4', '2', 'baik,\nsekali']],
      [4, ['Budi', 'Ani', '3', '1', '']],
    ]);
    expect(t.notes).toEqual([]);
    expect(t.lines).toEqual({ total: 4, blank: 0, skipped: 1, rows: 3 });
  });
  it('text after a closing quote is kept as written and logged', () => {
    const t = parseCsvText(`${H}\n"Ani"x,Budi,4,2\n`, 'r.csv');
    expect(t.rows[0]!.cells).toEqual(['"Ani"x', 'Budi', '4', '2']);
    expect(notes(t)).toEqual([['CSV_QUOTE_STRAY', 2]]);
  });
  it('a doubled quote is a quote', () => {
    expect(parseCsvText('a,b\n"Warung ""Bu"" Ani",2\n', 'r.csv').rows[0]!.cells).toEqual(['Warung "Bu" Ani', '2']);
  });
});

describe('lines that are not answers', () => {
  it('title lines above the header are skipped and logged; the delimiter is read from the table, not the title', () => {
    const t = parseCsvText(`Survei KUBE Melati; putaran 1\n\nrespondent\tactor\ttrust\tcooperation\nAni\tBudi\t4\t2\n`, 'r.csv');
    expect(t.delimiter).toBe('\t');
    expect(t.header).toEqual(['respondent', 'actor', 'trust', 'cooperation']);
    expect(t.headerLine).toBe(3);
    expect(t.rows.map((r) => r.line)).toEqual([4]);
    expect(t.notes).toEqual([{ level: 'info', code: 'TITLE_LINE', line: 1, value: 'Survei KUBE Melati; putaran 1' }]);
  });
  it('an Excel title row ("Judul,,,") is a title line too', () => {
    const t = parseCsvText(`Laporan survei,,,\n${H}\nAni,Budi,4,2\n`, 'r.csv');
    expect([t.headerLine, notes(t)]).toEqual([2, [['TITLE_LINE', 1]]]);
  });
  it('a repeated header (two exports pasted together) is skipped and logged; the rows of both are read', () => {
    const t = parseCsvText(`${H}\nAni,Budi,4,2\n\n${H}\nBudi,Ani,3,1\n`, 'r.csv');
    expect(t.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, ['Ani', 'Budi', '4', '2']],
      [5, ['Budi', 'Ani', '3', '1']],
    ]);
    expect(notes(t)).toEqual([['HEADER_REPEATED', 4]]);
    expect(adds(t)).toBe(true);
  });
  it('a repeated header in another column order: the rows after it are read by their column names', () => {
    const t = parseCsvText(`${H}\nAni,Budi,4,2\nActor,Respondent,Cooperation,Trust\nAni,Budi,1,3\n`, 'r.csv');
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['Ani', 'Budi', '4', '2'],
      ['Budi', 'Ani', '3', '1'],
    ]);
    expect(notes(t)).toEqual([['HEADER_REPEATED_ORDER', 3]]);
  });
  it('rows of empty cells (",,,") are blank lines', () => {
    const t = parseCsvText(`${H}\nAni,Budi,4,2\n,,,\n,,,\n`, 'r.csv');
    expect(t.rows).toHaveLength(1);
    expect(t.lines).toEqual({ total: 4, blank: 2, skipped: 1, rows: 1 });
  });
  it('a header named twice is noted', () => {
    expect(notes(parseCsvText('respondent,actor,trust,Trust\nAni,Budi,4,5\n', 'r.csv'))).toEqual([['COLUMN_DUPLICATE', 1]]);
  });
});

describe('bytes and characters', () => {
  it('a NUL or other control character in a cell is removed and logged at its line; the row is kept', () => {
    const t = parseCsvText(`${H}\nAni,Bu\u0000di,4,2\nBudi,Ani\u0007\u0000,3,1\n`, 'r.csv');
    expect(t.rows.map((r) => r.cells[1])).toEqual(['Budi', 'Ani']);
    expect(t.notes).toEqual([
      { level: 'warning', code: 'CSV_CONTROL_CHARS', line: 2, params: { count: 1, chars: 'U+0000' } },
      { level: 'warning', code: 'CSV_CONTROL_CHARS', line: 3, params: { count: 2, chars: 'U+0007 U+0000' } },
    ]);
  });
  it('a binary file is refused, naming the line where the binary starts', () => {
    const bytes = `${H}\nAni,Budi,4,2\n${'\u0000\u0001\u0002\u0003'.repeat(200)}`;
    expect(() => parseCsvText(bytes, 'r.csv')).toThrow(
      expect.objectContaining({ code: 'FILE_NOT_TEXT', where: { file: 'r.csv', line: 3 } }),
    );
  });
  it('a spreadsheet saved under a .csv name is named as one', () => {
    expect(() => parseCsvText('PK\u0003\u0004\u0014\u0000', 'r.csv')).toThrow(expect.objectContaining({ code: 'FILE_IS_ZIP' }));
  });
  it('one byte that is not UTF-8 in a UTF-8 file: the rest is read as UTF-8, the byte as Windows-1252, its line logged', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${H}\nAni,Warung ‘Mantap’,4,2\nBudi,Caf`, 'utf8'),
      Buffer.from([0xe9]),
      Buffer.from(',3,1\nAni,Kopi – Jaya,4,2\n', 'utf8'),
    ]);
    const { text, encoding, badBytes } = decode(bytes);
    expect(encoding).toBe('utf-8');
    const t = parseCsvText(text, 'r.csv', encoding, badBytes);
    expect(t.rows.map((r) => r.cells[1])).toEqual(['Warung ‘Mantap’', 'Café', 'Kopi – Jaya']);
    expect(t.notes).toEqual([{ level: 'warning', code: 'ENCODING_BYTE', line: 3, value: '0xE9', correctedTo: 'é' }]);
  });
  it('a Windows-1252 file (no valid UTF-8 sequence) is still read whole as Windows-1252', () => {
    const text = 'José;Ramírez\n“baik”\n';
    expect(decode(iconv.encode(text, 'win1252'))).toEqual({ text, encoding: 'windows-1252' });
  });
  it('refuses a file of more cells than the limit, naming the line', () => {
    process.env.JEJARING_MAX_CELLS = '10';
    try {
      expect(() => parseCsvText(`a,b\n1,2\n${','.repeat(20)}\n`, 'r.csv')).toThrow(
        expect.objectContaining({ code: 'FILE_TOO_MANY_CELLS', where: { file: 'r.csv', line: 3 } }),
      );
    } finally {
      delete process.env.JEJARING_MAX_CELLS;
    }
  });
});

describe('detectDelimiter', () => {
  it.each([
    [`${H}\nAni,Budi,4,2\nBudi;Ani;4;2\n`, ','],
    ['Nama;Aktor;Percaya\nAni;Budi;4,0\nBudi;Ani;3,5\n', ';'],
    ['a\tb\n1\t2\n', '\t'],
    ['respondent|actor\nAni|Budi\n', ','],
    ['"a;b",c,d\n1,2,3\n', ','],
  ])('%j → %j', (text, d) => expect(detectDelimiter(text)).toBe(d));
});

describe('every physical line is accounted for, whatever the quotes', () => {
  it('blank + skipped + row lines = physical lines, and rows start on increasing lines', () => {
    const alphabet = fc.constantFrom('a', 'b', ',', ',', '"', '"', '\n', '\n', ' ', '\r\n');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), (chars) => {
        const text = `${H}\n${chars.join('')}`;
        const t = parseCsvText(text, 'r.csv');
        expect(adds(t)).toBe(true);
        let next = 0;
        for (const r of t.rows) {
          expect(r.line).toBeGreaterThanOrEqual(next);
          next = r.line + 1 + r.cells.join('').split('\n').length - 1;
        }
        expect(next - 1).toBeLessThanOrEqual(t.lines.total);
      }),
      { numRuns: 500, seed: 13 },
    );
  });
});
