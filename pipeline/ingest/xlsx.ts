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

import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { ImportSpec } from '../config.ts';
import { JejaringError } from '../errors.ts';
import type { QualityLog } from '../quality.ts';
import { logReading, maxCells, maxRows, readBytes, type Table, type TableNote } from './csv.ts';
import { looksLong, readLong, readRepeat } from './long.ts';
import type { RawRound } from './raw.ts';
import type { Roster } from './roster.ts';
import { readWide } from './wide.ts';
import {
  checkDeclared,
  copyMember,
  maxUnzippedXml,
  type PackedMember,
  packText,
  refuseUnpacked,
  scanEntry,
  unzipEntry,
  writeZip,
  type ZipEntry,
  zipEntries,
} from './zip.ts';

/** A cell read: its text, or a note on why it holds none (a formula Excel never calculated, an error value). */
type CellRead = { text: string; note?: { code: string; value: string } };

/** A cell's text. A formula gives its cached result; without one it is noted, never shown as "[object Object]". */
export function cellText(value: ExcelJS.CellValue): CellRead {
  if (value === null || value === undefined) return { text: '' };
  if (value instanceof Date) return { text: value.toISOString() };
  if (typeof value === 'number' && Number.isNaN(value)) return { text: '', note: { code: 'XLSX_CELL_ERROR', value: '' } };
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

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** The attributes of each `<tag …>` (any namespace prefix) in an XML text, in order. */
function tags(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of xml.matchAll(new RegExp(`<(?:\\w+:)?${tag}\\b([^>]*)>`, 'g'))) {
    const attributes: Record<string, string> = {};
    for (const a of m[1]!.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) attributes[a[1]!.replace(/^\w+:(?=id$)/, 'r:')] = a[2]!;
    out.push(attributes);
  }
  return out;
}

/**
 * The workbook rewritten for exceljs's streaming reader, which reads a zip front to back and needs
 * the workbook, its relationships, the shared strings and the styles before the sheets (or it
 * writes the sheets to temporary files) and sheets named `sheetN.xml`. The parts are copied packed,
 * in that order; the workbook and its relationships are written anew with only the sheets, so
 * every sheet keeps its name whatever program wrote the file.
 */
function streamable(bytes: Buffer, entries: ZipEntry[], display: string): { zip: Buffer; names: string[] } {
  const byName = new Map(entries.map((e) => [e.name.replace(/^\/+/, ''), e]));
  const text = (name: string) => {
    const e = byName.get(name);
    return e ? unzipEntry(bytes, e, display, 'XLSX_UNREADABLE', maxUnzippedXml()).toString('utf8') : null;
  };
  const workbook = text('xl/workbook.xml');
  if (workbook === null) throw new JejaringError('XLSX_UNREADABLE', {}, { file: display });
  const rels = new Map<string, { type: string; part: string }>();
  for (const r of tags(text('xl/_rels/workbook.xml.rels') ?? '', 'Relationship')) {
    const target = (r.Target ?? '').replace(/^\.\//, '');
    rels.set(r.Id ?? '', { type: r.Type ?? '', part: target.startsWith('/') ? target.slice(1) : `xl/${target}` });
  }
  const part = (type: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.part;
  const members: PackedMember[] = [];
  const sheets: { name: string; entry: ZipEntry }[] = [];
  for (const sheet of tags(workbook, 'sheet')) {
    const entry = byName.get(rels.get(sheet['r:id'] ?? '')?.part ?? '');
    if (entry) sheets.push({ name: sheet.name ?? '', entry });
  }
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook) ? '<workbookPr date1904="1"/>' : '';
  const list = sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  members.push(
    packText('xl/workbook.xml', `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}">${date1904}<sheets>${list}</sheets></workbook>`),
  );
  const relations = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  members.push(
    packText(
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relations.join('')}</Relationships>`,
    ),
  );
  const strings = byName.get(part('sharedStrings') ?? 'xl/sharedStrings.xml');
  members.push(
    strings ? copyMember(bytes, strings, 'xl/sharedStrings.xml') : packText('xl/sharedStrings.xml', `${XML}<sst xmlns="${MAIN}"/>`),
  );
  const styles = byName.get(part('styles') ?? 'xl/styles.xml');
  if (styles) members.push(copyMember(bytes, styles, 'xl/styles.xml'));
  for (const [i, sheet] of sheets.entries()) members.push(copyMember(bytes, sheet.entry, `xl/worksheets/sheet${i + 1}.xml`));
  return {
    zip: writeZip(members),
    names: sheets.map((s) =>
      s.name
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    ),
  };
}

/**
 * A workbook's sheets as tables of strings. Before exceljs reads anything, the workbook (a zip) is
 * checked like any zip (declared and real sizes of its parts) and each sheet's rows and cells are
 * counted as its XML streams by: a sheet above the row or cell limit is refused unread. The sheets
 * are then read row by row with exceljs's streaming reader, so memory holds the strings read, not
 * exceljs's model of the workbook (a 200,000-row sheet: 190 MB rather than 615 MB, 4 s rather than 17).
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
  const { zip, names } = streamable(bytes, entries, display);
  // loaded on demand: exceljs takes ~0.45 s to import and only spreadsheet rounds need it
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([zip]), {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const tables: Table[] = [];
  const cellLimit = maxCells();
  let cells = 0;
  try {
    for await (const sheet of reader) {
      const { id } = sheet as unknown as { id: string | number }; // the n of sheetN.xml (the types leave it out)
      const file = `${display}#${names[Number(id) - 1] ?? `Sheet${id}`}`;
      const rows: Table['rows'] = [];
      const notes: TableNote[] = [];
      let header: string[] | null = null;
      let headerLine = 1;
      for await (const row of sheet) {
        const read: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          const { text, note } = cellText(cell.value);
          const column = header?.[col - 1] || cell.address;
          if (note)
            notes.push({ level: 'warning', code: note.code, line: row.number, column, value: note.value, params: { cell: cell.address } });
          read[col - 1] = text.trim();
        });
        const cellsOfRow = Array.from(read, (c) => c ?? '');
        // the cells of a row reach its last filled column (at most 16,384): counted with the empty ones between
        cells += cellsOfRow.length;
        if (cells > cellLimit) throw new JejaringError('FILE_TOO_MANY_CELLS', { limit: cellLimit }, { file, line: row.number });
        if (!cellsOfRow.some((c) => c !== '')) continue;
        if (!header) {
          header = cellsOfRow;
          headerLine = row.number;
        } else rows.push({ line: row.number, cells: cellsOfRow });
      }
      if (header) tables.push({ file, header, headerLine, rows, notes });
    }
  } catch (cause) {
    if (cause instanceof JejaringError) throw cause;
    throw new JejaringError('XLSX_UNREADABLE', {}, { file: display }, 1, { cause });
  }
  if (tables.length === 0) throw new JejaringError('FILE_EMPTY', {}, { file: display });
  return tables;
}

export async function readXlsx(path: string, display: string, spec: ImportSpec, roster: Roster, log: QualityLog): Promise<RawRound> {
  const tables = await readSheets(path, display);
  for (const t of tables) logReading(t, log);
  return xlsxRound(tables, display, spec, roster, log);
}

/** The round in a workbook's sheets, read by their headers: a repeat sheet joined to the main sheet, or the first sheet alone. */
export function xlsxRound(tables: Table[], display: string, spec: ImportSpec, roster: Roster, log: QualityLog): RawRound {
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
  return looksLong(main, spec) ? readLong(main, spec, log) : readWide(main, spec, roster, log);
}
