/**
 * Reading a CSV file as facilitators have it: UTF-8 with or without BOM, UTF-16LE ("Unicode
 * text"), or Windows-1252 (Excel "CSV" on Indonesian Windows: Node 20's own decoder is wrong for
 * it, so iconv-lite decodes it); `,`, `;` or tab; CRLF, LF or CR. The parser never guesses types:
 * every cell stays a string. Each row keeps its physical line number for messages.
 *
 * Nothing is lost without a line in the data-quality log. Every physical line of the file is one of:
 * a blank line, a title line above the header (logged), the header, a repeated header (two exports
 * pasted together; logged, and the rows after it are read by their column names), the start of a
 * row, or a line inside a quoted value that spans lines. A quote that opens a value spanning lines
 * is trusted only when it is closed and the row it makes still fits the header; otherwise the line
 * is read on its own, the quote as a plain character, reading goes on at the next line, and the
 * line is logged. A closed value that fits but holds lines that read as rows on their own (two
 * stray quotes, or a value that really holds line ends and delimiters: valid CSV either way) is
 * kept, and the lines it spans are named in the log. So rows read + blank + title + header lines
 * add up to the physical lines, and a stray quote can never swallow rows unseen.
 *
 * What else the reader notices is kept with the table as notes (`logReading` logs them, once for
 * every format): the encoding; bytes that are not UTF-8 in a UTF-8 file (each read as
 * Windows-1252, and logged at its line, while the rest of the file is read as UTF-8); NUL and other
 * control characters (removed, logged at their line; a binary file is refused, naming the line);
 * duplicate headers.
 */
import { readFileSync, statSync } from 'node:fs';
import iconv from 'iconv-lite';
import { JejaringError } from '../errors.ts';
import type { Params } from '../i18n.ts';
import type { QualityLevel } from '../model/responses.ts';
import type { QualityLog } from '../quality.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface CsvRow {
  /** Physical line (1-based) where the row starts. */
  line: number;
  cells: string[];
}

/** Something the reader noticed about a table, logged by `logReading` whatever the format. */
export interface TableNote {
  level: QualityLevel;
  code: string;
  /** Physical line (or spreadsheet row), null for the whole file. */
  line: number | null;
  column?: string;
  value?: string;
  correctedTo?: string;
  params?: Params;
}

/** A sheet of cells as strings, from a CSV file, a spreadsheet sheet or a file inside a zip. */
export interface Table {
  /** The file as shown in messages (with `#sheet` or `!member` for parts of a file). */
  file: string;
  header: string[];
  headerLine: number;
  rows: CsvRow[];
  /** What reading noticed: lines re-read, title lines, repeated headers, bytes, duplicate headers. */
  notes: TableNote[];
}

export interface CsvTable extends Table {
  encoding: Encoding;
  delimiter: string;
  /** The physical lines and what each was: they add up (`total` = blank + skipped + rows). */
  lines: {
    total: number;
    /** Empty, white space only, or empty cells only. */
    blank: number;
    /** The header, title lines above it and repeated headers (each logged). */
    skipped: number;
    /** Lines read as rows, a row's quoted value spanning lines counting each. */
    rows: number;
  };
}

/** Characters that take no room and carry no letter (zero-width space and joiners, soft hyphen, BOM, bidi marks). */
export const INVISIBLE = /\p{Cf}/gu;

/** A header as compared with column names: invisible characters dropped, case, spaces, `_` and `-` folded (NFKC). */
export const headerKey = (text: string) =>
  text
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

/**
 * The index of the column named by one of `names` (tried in order, so earlier names win), or -1.
 * The one header lookup of every reader: roster, tie files, known ties and the export adapters.
 */
export function findHeader(header: string[], names: readonly string[]): number {
  for (const name of names) {
    const wanted = headerKey(name);
    const i = header.findIndex((h) => headerKey(h) === wanted);
    if (i >= 0) return i;
  }
  return -1;
}

/** Log what reading a table noticed (every format calls this once per table). */
export function logReading(table: Table, log: QualityLog): void {
  for (const n of table.notes) {
    log.add(n.level, n.code, {
      file: table.file,
      line: n.line,
      column: n.column ?? null,
      value: n.value ?? null,
      correctedTo: n.correctedTo ?? null,
      ...(n.params ? { params: n.params } : {}),
    });
  }
}

/** A byte that is not UTF-8 in a file that otherwise is: where, which byte, and what it was read as. */
export interface BadByte {
  line: number;
  byte: number;
  read: string;
}

/** Where the UTF-8 in `bytes` breaks: bytes that start no valid sequence, and how many valid multi-byte sequences there are. */
function scanUtf8(bytes: Uint8Array, start: number): { invalid: { at: number; line: number }[]; multibyte: number } {
  const invalid: { at: number; line: number }[] = [];
  let multibyte = 0;
  let line = 1;
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < bytes.length && bytes[i]! >= lo && bytes[i]! <= hi;
  for (let i = start; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      if (b === 10 || (b === 13 && bytes[i + 1] !== 10)) line++;
      i++;
      continue;
    }
    let n = 0;
    if (b >= 0xc2 && b <= 0xdf) n = cont(i + 1) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      n = cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const [lo, hi] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      n = cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    if (n > 0) {
      multibyte++;
      i += n;
    } else {
      invalid.push({ at: i, line });
      i++;
    }
  }
  return { invalid, multibyte };
}

/**
 * The text of a file and its encoding. A file that is not valid UTF-8 is Windows-1252 when it holds
 * no (or fewer) valid UTF-8 sequences than bad bytes; otherwise it is UTF-8 with a few bad bytes (a
 * name pasted from another program): those are read as Windows-1252 and returned, with their lines,
 * for the log, and the rest of the file is read right.
 */
export function decode(bytes: Uint8Array): { text: string; encoding: Encoding; badBytes?: BadByte[] } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const start = bom ? 3 : 0;
  const encoding: Encoding = bom ? 'utf-8-bom' : 'utf-8';
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)), encoding };
  } catch {
    // not valid UTF-8: decided below
  }
  const { invalid, multibyte } = scanUtf8(bytes, start);
  if (!bom && multibyte < invalid.length) return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
  const utf8 = new TextDecoder('utf-8');
  const parts: string[] = [];
  const badBytes: BadByte[] = [];
  let from = start;
  for (const { at, line } of invalid) {
    parts.push(utf8.decode(bytes.subarray(from, at)));
    const read = iconv.decode(Buffer.from([bytes[at]!]), 'win1252');
    parts.push(read);
    badBytes.push({ line, byte: bytes[at]!, read });
    from = at + 1;
  }
  parts.push(utf8.decode(bytes.subarray(from)));
  return { text: parts.join(''), encoding, badBytes };
}

interface RecordRead {
  cells: string[];
  /** Index after the record's line end (or the end of the text). */
  end: number;
  /** Physical lines the record spans (1 unless a quoted value holds line ends). */
  lines: number;
  /** A quote never closed, or text after a closing quote; null for a well-formed record. */
  quote: 'unclosed' | 'stray' | null;
}

const QUOTE = 34;
const NEWLINE = 10;

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The closing quote of a quoted value opened before `from` (a doubled quote is a quote), before `limit`, or -1. */
function closingQuote(text: string, from: number, limit: number): number {
  for (let k = from; ; ) {
    const j = text.indexOf('"', k);
    if (j < 0 || j >= limit) return -1;
    if (text.charCodeAt(j + 1) === QUOTE && j + 1 < limit) {
      k = j + 2;
      continue;
    }
    return j;
  }
}

/** Index of the next delimiter or line end from `i` (or the end of the text). */
function fieldEnd(text: string, i: number, delimiter: number): number {
  let j = i;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === delimiter || c === NEWLINE) break;
    j++;
  }
  return j;
}

/**
 * One record from `pos`. Quoted values may span lines, unless `oneLine`: then the record ends at
 * the line end whatever the quotes, and a quote not closed on the line is read as a plain character.
 */
function readRecord(text: string, pos: number, delimiter: string, oneLine: boolean): RecordRead {
  const d = delimiter.charCodeAt(0);
  const cells: string[] = [];
  const lineEnd = oneLine ? (text.indexOf('\n', pos) + 1 || text.length + 1) - 1 : text.length;
  let quote: RecordRead['quote'] = null;
  let lines = 1;
  let i = pos;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      const closed = closingQuote(text, i + 1, lineEnd);
      if (closed < 0 && !oneLine) {
        cells.push(text.slice(i + 1).replace(/""/g, '"'));
        const last = text.endsWith('\n') ? text.length - 1 : text.length; // the file's last line end starts no line
        return { cells, end: text.length, lines: lines + countNewlines(text, i, last), quote: 'unclosed' };
      }
      if (closed < 0) {
        quote = 'unclosed';
        const j = fieldEnd(text, i, d);
        cells.push(text.slice(i, j));
        i = j;
      } else {
        lines += countNewlines(text, i, closed);
        const j = fieldEnd(text, closed + 1, d);
        if (j > closed + 1) {
          // text after the closing quote: the value is kept as written
          quote ??= 'stray';
          cells.push(text.slice(i, j));
        } else cells.push(text.slice(i + 1, closed).replace(/""/g, '"'));
        i = j;
      }
    } else {
      const j = fieldEnd(text, i, d);
      cells.push(text.slice(i, j));
      i = j;
    }
    if (i >= text.length) return { cells, end: text.length, lines, quote };
    if (text.charCodeAt(i) === NEWLINE) return { cells, end: i + 1, lines, quote };
    i++; // the delimiter
  }
}

/** Whether `text` holds only white space from `from` to `to`. */
function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c > 127 && text.slice(i, to).trim() === '';
  }
  return true;
}

/** The first lines that are not blank, each cut to its first 64 KB (enough to tell a delimiter or a title). */
function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  for (let pos = 0; pos < text.length && lines.length < count; ) {
    const end = text.indexOf('\n', pos);
    const next = end < 0 ? text.length : end + 1;
    if (!blank(text, pos, next)) lines.push(text.slice(pos, Math.min(next, pos + 65_536)));
    pos = next;
  }
  return lines;
}

/** The delimiter that splits the first lines most consistently (lines with the same number of cells, at least two). */
export function detectDelimiter(text: string): string {
  const sample = firstLines(text, 20);
  let best = ',';
  let bestScore = [0, 0];
  for (const d of [';', ',', '\t']) {
    const counts = sample.map((line) => readRecord(line, 0, d, true).cells.length).filter((n) => n >= 2);
    const frequency = new Map<number, number>();
    for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    for (const [width, lines] of frequency) {
      if (lines > bestScore[0]! || (lines === bestScore[0] && width > bestScore[1]!)) {
        best = d;
        bestScore = [lines, width];
      }
    }
  }
  return best;
}

/**
 * The most rows read from one file (200,000; JEJARING_MAX_ROWS): a city-wide round of 1,000 groups
 * has about 150,000 ties. Reading is in memory, so the limit keeps a run well under 500 MB.
 */
export function maxRows(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.JEJARING_MAX_ROWS);
  return Number.isFinite(n) && n > 0 ? n : 200_000;
}

/**
 * The most cells read from one file or sheet (5,000,000; JEJARING_MAX_CELLS): a city-wide long
 * round is about a million. A line of millions of commas, or a sheet with a cell in its last
 * column, would otherwise fill memory with empty cells within the size and row limits.
 */
export function maxCells(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.JEJARING_MAX_CELLS);
  return Number.isFinite(n) && n > 0 ? n : 5_000_000;
}

/** Control characters a text file has no use for (all of C0 but tab and line ends, and DEL). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]+/g;

/** Refuse binary files; remove stray control characters, noting each line. Returns the cleaned text. */
function textOnly(text: string, file: string, notes: TableNote[]): string {
  if (text.startsWith('PK\u0003\u0004')) throw new JejaringError('FILE_IS_ZIP', {}, { file, line: 1 });
  const head = text.slice(0, 4096);
  const controls = head.match(CONTROL)?.join('').length ?? 0;
  const firstControl = text.search(CONTROL);
  if (firstControl < 0) return text;
  if (controls > head.length / 20 || (head.includes('\u0000') && controls > 8)) {
    throw new JejaringError('FILE_NOT_TEXT', {}, { file, line: countNewlines(text, 0, firstControl) + 1 });
  }
  let line = 1;
  let last = 0;
  let lastLine = 0;
  for (const m of text.matchAll(CONTROL)) {
    line += countNewlines(text, last, m.index);
    last = m.index;
    const codes = [...new Set([...m[0]].map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`))];
    if (line === lastLine) {
      const note = notes[notes.length - 1]!;
      const chars = new Set([...String(note.params!.chars).split(' '), ...codes]);
      note.params = { count: Number(note.params!.count) + m[0].length, chars: [...chars].join(' ') };
    } else notes.push({ level: 'warning', code: 'CSV_CONTROL_CHARS', line, params: { count: m[0].length, chars: codes.join(' ') } });
    lastLine = line;
  }
  return text.replace(CONTROL, '');
}

/** Leading lines with at most one value, above the first line with two or more (within the first ten lines). */
function titleLineCount(text: string, delimiter: string): number {
  let pos = 0;
  let line = 0;
  for (let seen = 0; pos < text.length && seen < 10; ) {
    const end = text.indexOf('\n', pos);
    const next = end < 0 ? text.length : end + 1;
    if (!blank(text, pos, next)) {
      seen++;
      const cut = text.slice(pos, Math.min(next, pos + 65_536));
      const filled = readRecord(cut, 0, delimiter, true).cells.filter((c) => c.trim() !== '').length;
      if (filled >= 2) return line;
    }
    line++;
    pos = next;
  }
  return 0;
}

/**
 * Whether a row is the header again (two exports pasted together): at least two values, at least
 * half of the header's names, and every value one of the header's names (once).
 */
function headerAgain(cells: string[], names: Set<string>): boolean {
  const first = cells.find((c) => c !== '');
  if (first === undefined || !names.has(headerKey(first))) return false; // most rows: one look
  const got = cells.map(headerKey).filter((k) => k !== '');
  return got.length >= 2 && got.length * 2 >= names.size && new Set(got).size === got.length && got.every((k) => names.has(k));
}

/** Parse decoded text; `file` is only used in messages. CRLF and lone CR count as one line end. */
export function parseCsvText(raw: string, file: string, encoding: Encoding = 'utf-8', badBytes: BadByte[] = []): CsvTable {
  const notes: TableNote[] = [];
  if (encoding !== 'utf-8') notes.push({ level: 'info', code: 'ENCODING', line: null, value: encoding });
  for (const bad of badBytes) {
    const last = notes[notes.length - 1];
    const hex = `0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (last?.code === 'ENCODING_BYTE' && last.line === bad.line) {
      last.value = `${last.value} ${hex}`;
      last.correctedTo = `${last.correctedTo}${bad.read}`;
    } else notes.push({ level: 'warning', code: 'ENCODING_BYTE', line: bad.line, value: hex, correctedTo: bad.read });
  }
  let text = raw.replace(/\r\n?/g, '\n');
  let lines = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const limit = maxRows();
  if (lines - 1 > limit) throw new JejaringError('FILE_TOO_MANY_ROWS', { rows: lines - 1, limit }, { file });
  text = textOnly(text, file, notes);

  const delimiter = detectDelimiter(text);
  const titles = titleLineCount(text, delimiter);
  const cellLimit = maxCells();
  const rows: CsvRow[] = [];
  let header: string[] | null = null;
  let keys: string[] = [];
  let names = new Set<string>();
  let headerLine = 0;
  /** After a repeated header in another order: the header column of each of its columns. */
  let order: number[] | null = null;
  let cells = 0;
  const count = { total: lines, blank: 0, skipped: 0, rows: 0 };

  /** A record spanning lines whose quoted reading does not fit: a quote error, or another width than the header's. */
  const misfit = (rec: RecordRead): boolean => rec.quote !== null || (header !== null && rec.cells.length !== header.length);
  /** Whether a line inside a record that spans lines reads, on its own, as a row (as wide as the header). */
  const holdsRows = (rec: RecordRead, pos: number): boolean => {
    if (!header || header.length < 2) return false;
    for (let p = text.indexOf('\n', pos) + 1; p > 0 && p < rec.end; p = text.indexOf('\n', p) + 1) {
      if (readRecord(text, p, delimiter, true).cells.length >= header.length) return true;
    }
    return false;
  };

  for (let pos = 0, line = 1; pos < text.length; ) {
    const end = text.indexOf('\n', pos);
    const next = end < 0 ? text.length : end + 1;
    if (blank(text, pos, next)) {
      count.blank++;
      pos = next;
      line++;
      continue;
    }
    if (line <= titles) {
      notes.push({ level: 'info', code: 'TITLE_LINE', line, value: text.slice(pos, next).trim() });
      count.skipped++;
      pos = next;
      line++;
      continue;
    }
    let rec = readRecord(text, pos, delimiter, false);
    if (rec.quote === 'unclosed' || (rec.lines > 1 && misfit(rec))) {
      notes.push({ level: 'warning', code: 'CSV_QUOTE_UNCLOSED', line, params: { until: line + rec.lines - 1 } });
      rec = readRecord(text, pos, delimiter, true);
    } else if (rec.quote === 'stray') notes.push({ level: 'warning', code: 'CSV_QUOTE_STRAY', line });
    else if (rec.lines > 1 && holdsRows(rec, pos)) {
      // valid CSV either way: a value that really holds line ends and delimiters, or two stray quotes; the lines are named
      notes.push({ level: 'warning', code: 'CSV_VALUE_SPANS_ROWS', line, params: { until: line + rec.lines - 1 } });
    }
    cells += rec.cells.length;
    if (cells > cellLimit) throw new JejaringError('FILE_TOO_MANY_CELLS', { limit: cellLimit }, { file, line });
    if (rec.cells.every((c) => blank(c, 0, c.length))) {
      count.blank += rec.lines; // a row of empty cells (",,,"): nothing to read
    } else if (!header) {
      header = rec.cells.map((h) => h.trim());
      keys = header.map(headerKey);
      names = new Set(keys.filter((k) => k !== ''));
      headerLine = line;
      count.skipped += rec.lines;
    } else if (headerAgain(rec.cells, names)) {
      const again = rec.cells.map(headerKey);
      const same = again.length === keys.length && again.every((k, i) => k === keys[i]);
      order = same ? null : again.map((k) => (k === '' ? -1 : keys.indexOf(k)));
      notes.push({ level: 'warning', code: same ? 'HEADER_REPEATED' : 'HEADER_REPEATED_ORDER', line, params: { headerLine } });
      count.skipped += rec.lines;
    } else if (order) {
      const width = header.length;
      const placed = Array.from({ length: width }, () => '');
      rec.cells.forEach((c, i) => {
        const to = order![i] ?? -1;
        if (to >= 0) placed[to] = c;
      });
      rows.push({ line, cells: [...placed, ...rec.cells.slice(order.length)] });
      count.rows += rec.lines;
    } else {
      rows.push({ line, cells: rec.cells });
      count.rows += rec.lines;
    }
    line += rec.lines;
    pos = rec.end;
  }
  if (!header) throw new JejaringError('FILE_EMPTY', {}, { file });
  notes.push(...duplicateHeaders(header, headerLine));
  return { file, encoding, delimiter, header, headerLine, rows, notes, lines: count };
}

/** A header named twice: the first column of that name is the one read. */
export function duplicateHeaders(header: string[], line: number): TableNote[] {
  const seen = new Set<string>();
  const notes: TableNote[] = [];
  for (const h of header) {
    const key = headerKey(h);
    if (key !== '' && seen.has(key)) notes.push({ level: 'warning', code: 'COLUMN_DUPLICATE', line, column: h });
    seen.add(key);
  }
  return notes;
}

/**
 * The largest input file read (64 MB): a KUBE survey round is a few kilobytes, a city-wide round a
 * few megabytes. Anything bigger is refused before it is read, so a wrong or hostile file can
 * never exhaust memory. Override with JEJARING_MAX_FILE_MB.
 */
export function maxFileBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.JEJARING_MAX_FILE_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 64) * 1024 * 1024;
}

/** Refuse a file that is not a plain file (a folder, a pipe, a device) or is above the size limit. */
export function checkSize(path: string, displayName: string): void {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch (cause) {
    throw new JejaringError('FILE_MISSING', {}, { file: displayName }, 1, { cause });
  }
  if (!stat.isFile()) throw new JejaringError('FILE_NOT_REGULAR', {}, { file: displayName });
  const limit = maxFileBytes();
  if (stat.size > limit)
    throw new JejaringError(
      'FILE_TOO_LARGE',
      { size: Math.round(stat.size / 1024 / 1024), limit: Math.round(limit / 1024 / 1024) },
      { file: displayName },
    );
}

/** A file's bytes, read-only, after the size check. */
export function readBytes(path: string, displayName: string): Buffer {
  checkSize(path, displayName);
  try {
    return readFileSync(path, { flag: 'r' });
  } catch (cause) {
    throw new JejaringError('FILE_MISSING', {}, { file: displayName }, 1, { cause });
  }
}

/** Read a CSV file read-only; the file is never modified. */
export function readCsv(path: string, displayName: string): CsvTable {
  const { text, encoding, badBytes } = decode(readBytes(path, displayName));
  if (text.trim().length === 0) throw new JejaringError('FILE_EMPTY', {}, { file: displayName });
  return parseCsvText(text, displayName, encoding, badBytes);
}
