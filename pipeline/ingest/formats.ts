/**
 * Choosing the adapter for a round's file. `import.format` in case.yaml decides; with `auto`
 * (the default): a `.zip` is an ODK Central download, a `.xlsx` a spreadsheet (Kobo XLSX with a
 * repeat sheet, or one sheet read like a CSV), and a CSV file with respondent and actor columns is
 * long, any other CSV wide.
 */
import { extname } from 'node:path';
import type { ImportSpec } from '../config.ts';
import type { QualityLog } from '../quality.ts';
import { logReading, readCsv } from './csv.ts';
import { looksLong, readLong } from './long.ts';
import { readOdkZip } from './odk.ts';
import type { RawRound } from './raw.ts';
import type { Roster } from './roster.ts';
import { readWide } from './wide.ts';
import { readXlsx } from './xlsx.ts';

export async function readRoundFile(path: string, display: string, spec: ImportSpec, roster: Roster, log: QualityLog): Promise<RawRound> {
  const ext = extname(path).toLowerCase();
  const format = spec.format && spec.format !== 'auto' ? spec.format : ext === '.zip' ? 'odk-zip' : ext === '.xlsx' ? 'xlsx' : 'csv';
  if (format === 'odk-zip') return readOdkZip(path, display, spec, roster, log);
  if (format === 'xlsx') return readXlsx(path, display, spec, roster, log);
  const table = readCsv(path, display);
  logReading(table, log);
  if (table.rows.length === 0) log.add('warning', 'FILE_NO_ROWS', { file: table.file, line: table.headerLine });
  for (const row of table.rows) {
    if (row.cells.length !== table.header.length)
      log.add('warning', 'ROW_RAGGED', {
        file: table.file,
        line: row.line,
        params: { found: row.cells.length, expected: table.header.length },
      });
  }
  if (format === 'long' || (format === 'csv' && looksLong(table, spec))) {
    const round = readLong(table, spec);
    const used = new Set(Object.values(round.ties[0]?.columns ?? {}));
    table.header.forEach((h) => {
      if (!used.has(h) && round.ties.length > 0) log.add('info', 'COLUMN_UNKNOWN', { file: table.file, line: table.headerLine, column: h });
    });
    return round;
  }
  return readWide(table, spec, roster, log);
}
