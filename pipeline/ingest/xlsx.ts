/**
 * Spreadsheet exports (.xlsx), read with exceljs (the npm `xlsx` package is left alone: its npm
 * releases carry unfixed advisories). Every cell becomes a string: numbers as written (decimal
 * point), dates as ISO, formulas by their cached result; a formula Excel never calculated (a file
 * written by another program) and an error value (#N/A) give an empty cell, logged with the cell's
 * address. A KoboToolbox XLSX export holds one sheet per repeat group, joined to the main sheet by
 * `_parent_index` ↔ `_index`; a workbook without a repeat sheet is read from its first sheet like a
 * CSV file (long or wide).
 *
 * Limits: a workbook is a zip, checked like one (zip.ts) before exceljs sees it, and each sheet's
 * rows and cells are counted from its XML as it streams by, so a 250,000-row sheet is refused
 * without being loaded; the cells read are counted again as rows are made (a cell in the last
 * column would otherwise pad every row to 16,384 cells).
 */
import type ExcelJS from 'exceljs';
import type { ImportSpec } from '../config.ts';
import { JejaringError } from '../errors.ts';
import type { QualityLog } from '../quality.ts';
import { logReading, maxCells, maxRows, readBytes, type Table, type TableNote } from './csv.ts';
import { looksLong, readLong, readRepeat } from './long.ts';
import type { RawRound } from './raw.ts';
import type { Roster } from './roster.ts';
import { readWide } from './wide.ts';
import { checkDeclared, maxUnzippedXml, refuseUnpacked, scanEntry, zipEntries } from './zip.ts';

/** A cell read: its text, or a note on why it holds none (a formula Excel never calculated, an error value). */
type CellRead = { text: string; note?: { code: string; value: string } };

/** A cell's text. A formula gives its cached result; without one it is noted, never shown as "[object Object]". */
export function cellText(value: ExcelJS.CellValue): CellRead {
  if (value === null || value === undefined) return { text: '' };
  if (value instanceof Date) return { text: value.toISOString() };
  if (typeof value !== 'object') return { text: String(value) };
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = `=${('formula' in value && value.formula) || ('sharedFormula' in value ? value.sharedFormula : '')}`;
    if (value.result === undefined || value.result === null) return { text: '', note: { code: 'XLSX_FORMULA_UNCACHED', value: formula } };
    const result = cellText(value.result);
    return result.note ? { text: '', note: { code: result.note.code, value: `${formula} → ${result.note.value}` } } : result;
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('error' in value) return { text: '', note: { code: 'XLSX_CELL_ERROR', value: String(value.error) } };
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  return { text: '', note: { code: 'XLSX_CELL_UNREADABLE', value: '' } };
}

/**
 * Counts the rows and cells of a sheet's XML as it streams by (`<row …>`, `<c …>`, with or without
 * a namespace prefix), so a sheet can be refused before any of it is loaded.
 */
class SheetCounter {
  rows = 0;
  cells = 0;
  private tail = '';
  push(chunk: Buffer): void {
    const text = this.tail + chunk.toString('latin1');
    const seen = this.tail.length;
    for (const m of text.matchAll(/<(?:\w{1,16}:)?(row|c)[\s/>]/g)) {
      if (m.index + m[0].length <= seen) continue; // counted with the previous chunk
      if (m[1] === 'row') this.rows++;
      else this.cells++;
    }
    this.tail = text.slice(-24);
  }
}

/**
 * A workbook's sheets as tables of strings. Before exceljs loads anything, the workbook (a zip) is
 * checked like any zip (declared and real sizes of its parts) and each sheet's rows and cells are
 * counted as its XML streams by: a sheet above the row or cell limit is refused unread.
 */
export async function readSheets(path: string, display: string): Promise<Table[]> {
  const bytes = readBytes(path, display);
  const entries = zipEntries(bytes, display, 'XLSX_UNREADABLE');
  const limit = maxUnzippedXml();
  checkDeclared(entries, display, limit, limit);
  let unpacked = 0;
  for (const entry of entries) {
    const counter = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name) ? new SheetCounter() : null;
    unpacked += await scanEntry(bytes, entry, display, 'XLSX_UNREADABLE', limit, (chunk) => counter?.push(chunk));
    refuseUnpacked(unpacked, limit, display);
    if (counter && counter.rows - 1 > maxRows())
      throw new JejaringError('FILE_TOO_MANY_ROWS', { rows: counter.rows - 1, limit: maxRows() }, { file: display });
    if (counter && counter.cells > maxCells()) throw new JejaringError('FILE_TOO_MANY_CELLS', { limit: maxCells() }, { file: display });
  }
  // loaded on demand: exceljs takes ~0.45 s to import and only spreadsheet rounds need it
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new JejaringError('XLSX_UNREADABLE', {}, { file: display }, 1, { cause });
  }
  const tables: Table[] = [];
  const cellLimit = maxCells();
  let cells = 0;
  workbook.eachSheet((sheet) => {
    const file = `${display}#${sheet.name}`;
    const rows: Table['rows'] = [];
    const notes: TableNote[] = [];
    let header: string[] | null = null;
    let headerLine = 1;
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const read: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const { text, note } = cellText(cell.value);
        const column = header?.[col - 1] || cell.address;
        if (note)
          notes.push({ level: 'warning', code: note.code, line: number, column, value: note.value, params: { cell: cell.address } });
        read[col - 1] = text.trim();
      });
      const cellsOfRow = Array.from(read, (c) => c ?? '');
      // the cells of a row reach its last filled column (at most 16,384): counted with the empty ones between
      cells += cellsOfRow.length;
      if (cells > cellLimit) throw new JejaringError('FILE_TOO_MANY_CELLS', { limit: cellLimit }, { file, line: number });
      if (!header) {
        header = cellsOfRow;
        headerLine = number;
      } else if (cellsOfRow.some((c) => c !== '')) rows.push({ line: number, cells: cellsOfRow });
    });
    if (header) tables.push({ file, header, headerLine, rows, notes });
  });
  if (tables.length === 0) throw new JejaringError('FILE_EMPTY', {}, { file: display });
  return tables;
}

export async function readXlsx(path: string, display: string, spec: ImportSpec, roster: Roster, log: QualityLog): Promise<RawRound> {
  const tables = await readSheets(path, display);
  for (const t of tables) logReading(t, log);
  const main = tables[0]!;
  const repeats = tables.slice(1).filter((t) => t.header.includes('_parent_index'));
  const repeat = spec.repeat ? repeats.find((t) => t.file.endsWith(`#${spec.repeat}`)) : repeats[0];
  if (spec.repeat && !repeat)
    throw new JejaringError(
      'REPEAT_MISSING',
      { repeat: spec.repeat, found: tables.map((t) => t.file.split('#')[1]).join(', ') },
      { file: display },
    );
  if (repeat) return readRepeat(main, repeat, { main: '_index', parent: '_parent_index' }, spec, log, 'kobo-xlsx');
  return looksLong(main, spec) ? readLong(main, spec) : readWide(main, spec, roster, log);
}
