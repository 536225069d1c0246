/**
 * The XLSForm a round was collected with, as data: every field with its group path, type, choice
 * list and labels in every language of the form. Read from the form's `.xlsx` (the one
 * `npm run questionnaire` wrote, or the user's own, named by `import.form` in case.yaml), or made
 * from the questionnaire jejaring generates for the case's roster.
 *
 * XLSForm as written by hand and by the tools: `begin_group` or `begin group`, `select_one list`
 * or `select one list` (with `or_other`), `label` for the default language and `label::Name (code)`
 * for each translation (any spacing around `::`), `list_name` or `list name` in `choices`.
 */
import { JejaringError } from '../errors.ts';
import type { XlsForm } from '../questionnaire/xlsform.ts';
import type { Table } from './csv.ts';

/** Labels by language; `''` is the label without a language (`label`). */
export type Labels = Record<string, string>;

export interface FormChoice {
  name: string;
  labels: Labels;
}

export interface FormGroup {
  name: string;
  labels: Labels;
  repeat: boolean;
  relevant: string;
}

export interface FormField {
  name: string;
  /** `select_one`, `select_multiple`, `text`, `integer`, `calculate`, `note`, `start`, … (lower case, `_` for spaces). */
  type: string;
  /** The choice list of a select question. */
  list: string | null;
  labels: Labels;
  /** The groups and repeats the field sits in, outermost first. */
  groups: FormGroup[];
  relevant: string;
  /** Physical line in the survey sheet, for messages. */
  line: number;
}

export interface Form {
  /** Where the form came from, as shown in messages. */
  file: string;
  id: string | null;
  version: string | null;
  fields: FormField[];
  lists: Map<string, FormChoice[]>;
  /** The languages the form has labels in (`''` first when it has plain `label` columns). */
  languages: string[];
}

/** The innermost repeat a field sits in (its name path from the root), or null. */
export function repeatOf(field: FormField): string[] | null {
  const i = field.groups.map((g) => g.repeat).lastIndexOf(true);
  return i < 0 ? null : field.groups.slice(0, i + 1).map((g) => g.name);
}

const TYPE_ALIASES: Record<string, string> = {
  'begin group': 'begin_group',
  'end group': 'end_group',
  'begin repeat': 'begin_repeat',
  'end repeat': 'end_repeat',
  'select one': 'select_one',
  'select all that apply': 'select_multiple',
  'select multiple': 'select_multiple',
};

/** `select_one list or_other` → { type: select_one, list }. */
function parseType(raw: string): { type: string; list: string | null } {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const [alias, type] of Object.entries(TYPE_ALIASES)) {
    if (text === alias) return { type, list: null };
    if (text.startsWith(`${alias} `)) return { type, list: raw.trim().split(/\s+/).slice(alias.split(' ').length)[0] ?? null };
  }
  const [head, list] = raw.trim().split(/\s+/);
  const type = (head ?? '').toLowerCase();
  if (type === 'select_one' || type === 'select_multiple') return { type, list: list ?? null };
  if (type === 'select_one_from_file' || type === 'select_multiple_from_file') return { type: type.replace('_from_file', ''), list: null };
  return { type, list: null };
}

/** `label::English (en)`, `label :: English (en)` → `English (en)`; `label` → ''; anything else null. */
function labelLanguage(column: string): string | null {
  const m = /^label\s*(?:::?\s*(.+))?$/i.exec(column.trim());
  return m ? (m[1] ?? '').trim() : null;
}

function labelsOf(row: Record<string, string>, languages: string[]): Labels {
  const out: Labels = {};
  for (const [column, value] of Object.entries(row)) {
    const lang = labelLanguage(column);
    if (lang !== null && value.trim() !== '') {
      out[lang] = value.trim();
      if (!languages.includes(lang)) languages.push(lang);
    }
  }
  return out;
}

/** A sheet as rows of column → text, with the line of each row. */
function records(table: Table): { line: number; row: Record<string, string> }[] {
  return table.rows.map((r) => ({
    line: r.line,
    row: Object.fromEntries(table.header.map((h, i) => [h.trim(), (r.cells[i] ?? '').trim()])),
  }));
}

/**
 * A form from its sheets (`survey`, `choices`, optional `settings`). Unbalanced groups and a
 * missing survey sheet stop the run with the place.
 */
export function formFromSheets(sheets: Map<string, Table>, file: string): Form {
  const survey = sheets.get('survey');
  if (!survey) throw new JejaringError('FORM_UNREADABLE', { detail: 'no "survey" sheet' }, { file });
  const languages: string[] = [];
  const lists = new Map<string, FormChoice[]>();
  const choices = sheets.get('choices');
  for (const { row } of choices ? records(choices) : []) {
    const list = row.list_name ?? row['list name'] ?? '';
    const name = row.name ?? row.value ?? '';
    if (!list || !name) continue;
    lists.set(list, [...(lists.get(list) ?? []), { name, labels: labelsOf(row, languages) }]);
  }
  const fields: FormField[] = [];
  const stack: FormGroup[] = [];
  for (const { line, row } of records(survey)) {
    const { type, list } = parseType(row.type ?? '');
    if (type === '') continue;
    const name = row.name ?? '';
    if (type === 'begin_group' || type === 'begin_repeat') {
      stack.push({ name, labels: labelsOf(row, languages), repeat: type === 'begin_repeat', relevant: row.relevant ?? '' });
      continue;
    }
    if (type === 'end_group' || type === 'end_repeat') {
      if (!stack.pop()) throw new JejaringError('FORM_UNREADABLE', { detail: `"${row.type}" without a group to close` }, { file, line });
      continue;
    }
    if (name === '') continue;
    fields.push({ name, type, list, labels: labelsOf(row, languages), groups: [...stack], relevant: row.relevant ?? '', line });
  }
  if (stack.length > 0)
    throw new JejaringError('FORM_UNREADABLE', { detail: `group "${stack[stack.length - 1]!.name}" is never closed` }, { file });
  const settings = sheets.get('settings') ? records(sheets.get('settings')!)[0]?.row : undefined;
  languages.sort((a, b) => (a === '' ? -1 : b === '' ? 1 : 0));
  return { file, id: settings?.form_id || settings?.id_string || null, version: settings?.version || null, fields, lists, languages };
}

/** The form in an XLSForm workbook, read with the spreadsheet reader (read-only). */
export async function readForm(path: string, display: string): Promise<Form> {
  const { readSheets } = await import('./xlsx.ts');
  let tables: Table[];
  try {
    tables = await readSheets(path, display);
  } catch (error) {
    if (error instanceof JejaringError && error.code !== 'XLSX_UNREADABLE') throw error;
    throw new JejaringError('FORM_UNREADABLE', { detail: error instanceof Error ? error.message : String(error) }, { file: display }, 1, {
      cause: error,
    });
  }
  return formFromSheets(
    new Map(
      tables.map((t) => [
        t.file
          .slice(t.file.lastIndexOf('#') + 1)
          .trim()
          .toLowerCase(),
        t,
      ]),
    ),
    display,
  );
}

/** The form jejaring generates (questionnaire/xlsform.ts), without writing it to a workbook. */
export function formFromXlsForm(form: XlsForm, file: string): Form {
  const sheet = (name: string, columns: readonly string[], rows: Record<string, string | undefined>[]): Table => ({
    file: `${file}#${name}`,
    header: [...columns],
    headerLine: 1,
    rows: rows.map((r, i) => ({ line: i + 2, cells: columns.map((c) => r[c] ?? '') })),
    notes: [],
  });
  const columns = (rows: Record<string, string | undefined>[]) => [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return formFromSheets(
    new Map([
      ['survey', sheet('survey', columns(form.survey), form.survey)],
      ['choices', sheet('choices', columns(form.choices), form.choices)],
      ['settings', sheet('settings', Object.keys(form.settings), [form.settings])],
    ]),
    file,
  );
}
