/**
 * Choosing the adapter for a round's file. `import.format` in case.yaml decides the file type;
 * with `auto` (the default): a `.zip` is an ODK Central download, a `.xlsx` a spreadsheet (Kobo
 * XLSX with a repeat sheet, or one sheet read like a CSV), anything else a CSV file.
 *
 * Then the reading: **through the form** when the round has one (`import.form`, the XLSForm the
 * data were collected with) or when the export is of a form jejaring generated (its
 * `jejaring_form` column): that form is made again from the roster. Without a form, by headers:
 * a table with respondent and actor columns is long, any other wide.
 */
import { extname } from 'node:path';
import type { ImportSpec } from '../config.ts';
import type { QualityLog } from '../quality.ts';
import { type CsvTable, logReading, readCsv, type Table } from './csv.ts';
import type { Form } from './form.ts';
import { looksLong, readLong } from './long.ts';
import { odkRound, readZipTables } from './odk.ts';
import type { RawRound } from './raw.ts';
import type { Roster } from './roster.ts';
import { isExportOf, planForm, readViaForm } from './via-form.ts';
import { isHxlRow, readWide } from './wide.ts';
import { readSheets, xlsxRound } from './xlsx.ts';

export interface RoundForms {
  /** The form named by `import.form`, already read. */
  named: Form | null;
  /** The form jejaring generates for the case's roster (for exports carrying a `jejaring_form` column). */
  generated: () => Form;
  trustScale: 4 | 5;
}

/** A CSV table without answers, or with ragged rows (what reading itself noticed is in its notes: logReading). */
function checkCsv(table: CsvTable, log: QualityLog): void {
  if (table.rows.length === 0) log.add('warning', 'FILE_NO_ROWS', { file: table.file, line: table.headerLine });
  for (const row of table.rows) {
    if (row.cells.length !== table.header.length)
      log.add('warning', 'ROW_RAGGED', {
        file: table.file,
        line: row.line,
        params: { found: row.cells.length, expected: table.header.length },
      });
  }
}

/** Kobo's HXL tag row (second header row) taken out and logged. */
function withoutHxl(table: Table, log: QualityLog): Table {
  const first = table.rows[0];
  if (!first || !isHxlRow(first.cells)) return table;
  log.add('info', 'HXL_ROW', { file: table.file, line: first.line });
  return { ...table, rows: table.rows.slice(1) };
}

/** The form id in an export of a form jejaring generated (its `jejaring_form` column), or null. */
function generatedFormId(tables: Table[]): { table: Table; column: string; value: string } | null {
  for (const table of tables) {
    const i = table.header.findIndex((h) => /(^|[/-])jejaring_form$/.test(h.trim()));
    if (i >= 0) return { table, column: table.header[i]!, value: table.rows.find((r) => r.cells[i])?.cells[i]?.trim() ?? '' };
  }
  return null;
}

export async function readRoundFile(
  path: string,
  display: string,
  spec: ImportSpec,
  roster: Roster,
  log: QualityLog,
  forms: RoundForms,
): Promise<RawRound> {
  const ext = extname(path).toLowerCase();
  const format = spec.format && spec.format !== 'auto' ? spec.format : ext === '.zip' ? 'odk-zip' : ext === '.xlsx' ? 'xlsx' : 'csv';
  const tables: Table[] = format === 'odk-zip' ? readZipTables(path, display) : format === 'xlsx' ? await readSheets(path, display) : [];
  if (tables.length === 0) tables.push(readCsv(path, display));
  for (const t of tables) if ('encoding' in t) checkCsv(t as CsvTable, log);
  // what reading noticed (encoding, quotes, title lines, formulas…): for every table read
  const read = (t: Table, i: number) => i === 0 || format !== 'xlsx' || t.header.includes('_parent_index');

  const recognised = forms.named ? null : generatedFormId(tables);
  const form = forms.named ?? (recognised ? forms.generated() : null);
  if (form) {
    const plan = planForm(form, roster, spec, forms.trustScale);
    // a round typed from paper (entri-data) in a case whose exports have a form: read by its headers
    if (!recognised && !isExportOf(tables, plan) && looksLong(tables[0]!, spec)) {
      log.add('info', 'FORM_NOT_THIS_FILE', { file: display, value: form.file });
      logReading(tables[0]!, log);
      return readLong(tables[0]!, spec, log);
    }
    if (recognised)
      log.add('info', 'FORM_RECOGNISED', {
        file: recognised.table.file,
        line: recognised.table.headerLine,
        column: recognised.column,
        value: recognised.value,
      });
    else log.add('info', 'FORM_READ', { file: display, value: form.file });
    for (const t of tables) logReading(t, log);
    return readViaForm(
      tables.map((t) => withoutHxl(t, log)),
      plan,
      spec,
      roster,
      log,
    );
  }
  // the tables read by headers: a workbook's first sheet and its repeat sheets (other sheets, e.g. lists, are not read)
  for (const t of tables.filter(read)) logReading(t, log);
  if (format === 'odk-zip') return odkRound(tables as CsvTable[], display, spec, roster, log);
  if (format === 'xlsx') return xlsxRound(tables, display, spec, roster, log);
  const table = tables[0]!;
  if (format === 'long' || (format === 'csv' && looksLong(table, spec))) return readLong(table, spec, log);
  return readWide(table, spec, roster, log);
}
