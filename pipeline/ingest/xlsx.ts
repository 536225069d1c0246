/**
 * Spreadsheet exports (.xlsx), read with exceljs (the npm `xlsx` package is left alone: its npm
 * releases carry unfixed advisories). Every cell becomes a string: numbers as written (decimal
 * point), dates as ISO, formulas by their result. A KoboToolbox XLSX export holds one sheet per
 * repeat group, joined to the main sheet by `_parent_index` ↔ `_index`; a workbook without a
 * repeat sheet is read from its first sheet like a CSV file (long or wide).
 */
import type ExcelJS from 'exceljs';
import type { ImportSpec } from '../config.ts';
import { JejaringError } from '../errors.ts';
import type { QualityLog } from '../quality.ts';
import { checkSize, type Table } from './csv.ts';
import { looksLong, readLong, readRepeat } from './long.ts';
import type { RawRound } from './raw.ts';
import type { Roster } from './roster.ts';
import { readWide } from './wide.ts';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function readSheets(path: string, display: string): Promise<Table[]> {
  checkSize(path, display);
  // loaded on demand: exceljs takes ~0.45 s to import and only spreadsheet rounds need it
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (cause) {
    throw new JejaringError('XLSX_UNREADABLE', { detail: cause instanceof Error ? cause.message : String(cause) }, { file: display }, 1, {
      cause,
    });
  }
  const tables: Table[] = [];
  workbook.eachSheet((sheet) => {
    const rows: Table['rows'] = [];
    let header: string[] | null = null;
    let headerLine = 1;
    const width = sheet.columnCount;
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value).trim());
      if (!header) {
        header = cells;
        headerLine = number;
      } else if (cells.some((c) => c !== '')) rows.push({ line: number, cells });
    });
    if (header) tables.push({ file: `${display}#${sheet.name}`, header, headerLine, rows, problems: [] });
  });
  if (tables.length === 0) throw new JejaringError('FILE_EMPTY', {}, { file: display });
  return tables;
}

export async function readXlsx(path: string, display: string, spec: ImportSpec, roster: Roster, log: QualityLog): Promise<RawRound> {
  return xlsxRound(await readSheets(path, display), display, spec, roster, log);
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
