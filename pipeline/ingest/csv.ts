/**
 * Reading a CSV file as facilitators have it: UTF-8 with or without BOM, UTF-16LE ("Unicode
 * text"), or Windows-1252 (Excel "CSV" on Indonesian Windows: Node 20's own decoder is wrong for
 * it, so iconv-lite decodes it); `,`, `;` or tab; CRLF, LF or CR. The parser never guesses types:
 * every cell stays a string. Each row keeps its physical line number for messages.
 */
import { readFileSync, statSync } from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { JejaringError } from '../errors.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface CsvRow {
  /** Physical line (1-based) where the row starts. */
  line: number;
  cells: string[];
}

/** A sheet of cells as strings, from a CSV file, a spreadsheet sheet or a file inside a zip. */
export interface Table {
  /** The file as shown in messages (with `#sheet` or `!member` for parts of a file). */
  file: string;
  header: string[];
  headerLine: number;
  rows: CsvRow[];
  /** Rows the parser could not read whole (e.g. an unclosed quote), as (line, papaparse code). */
  problems: { line: number; code: string }[];
}

export interface CsvTable extends Table {
  encoding: Encoding;
  delimiter: string;
}

/** A header as compared with column names: case, spaces, `_` and `-` folded (NFKC). */
const headerKey = (text: string) =>
  text
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

export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
  }
}

/** The delimiter of the first non-empty line: the most frequent of `;` `,` tab outside quotes. */
export function detectDelimiter(text: string): string {
  const first = text.split(/\r\n|\n|\r/).find((l) => l.trim().length > 0) ?? '';
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of first) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [d, c] of counts) if (c > bestCount) [best, bestCount] = [d, c];
  return best;
}

function lineBreaksBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Parse decoded text; `file` is only used in messages. CRLF and lone CR count as one line end. */
export function parseCsvText(raw: string, file: string, encoding: Encoding = 'utf-8'): CsvTable {
  const text = raw.replace(/\r\n?/g, '\n');
  let lines = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const limit = maxRows();
  if (lines - 1 > limit) throw new JejaringError('FILE_TOO_MANY_ROWS', { rows: lines - 1, limit }, { file });
  const delimiter = detectDelimiter(text);
  const rows: CsvRow[] = [];
  const problems: { line: number; code: string }[] = [];
  let cursor = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    step(result) {
      const end = result.meta.cursor;
      const startLine = line;
      line += lineBreaksBetween(text, cursor, end);
      cursor = end;
      const cells = result.data;
      for (const err of result.errors) problems.push({ line: startLine, code: err.code ?? err.type });
      if (cells.length === 1 && cells[0]!.trim() === '') return; // blank line
      rows.push({ line: startLine, cells });
    },
  });
  const [head, ...body] = rows;
  if (!head) throw new JejaringError('FILE_EMPTY', {}, { file });
  if (text.includes('\u0000')) throw new JejaringError('FILE_NOT_TEXT', {}, { file });
  return {
    file,
    encoding,
    delimiter,
    header: head.cells.map((h) => h.trim()),
    headerLine: head.line,
    rows: body,
    problems,
  };
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

/**
 * The most rows read from one file (200,000; JEJARING_MAX_ROWS): a city-wide round of 1,000 groups
 * has about 150,000 ties. Reading is in memory, so the limit keeps a run well under 500 MB.
 */
export function maxRows(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.JEJARING_MAX_ROWS);
  return Number.isFinite(n) && n > 0 ? n : 200_000;
}

/** Refuse a file above the size limit, with its size and the limit in the message. */
export function checkSize(path: string, displayName: string): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (cause) {
    throw new JejaringError('FILE_MISSING', {}, { file: displayName }, 1, { cause });
  }
  const limit = maxFileBytes();
  if (size > limit)
    throw new JejaringError(
      'FILE_TOO_LARGE',
      { size: Math.round(size / 1024 / 1024), limit: Math.round(limit / 1024 / 1024) },
      { file: displayName },
    );
}

/** Read a CSV file read-only; the file is never modified. */
export function readCsv(path: string, displayName: string): CsvTable {
  checkSize(path, displayName);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path, { flag: 'r' });
  } catch (cause) {
    throw new JejaringError('FILE_MISSING', {}, { file: displayName }, 1, { cause });
  }
  const { text, encoding } = decode(bytes);
  if (text.trim().length === 0) throw new JejaringError('FILE_EMPTY', {}, { file: displayName });
  return parseCsvText(text, displayName, encoding);
}
