/**
 * The workspace: a folder of case folders, and the only place the workbench reads or writes.
 *
 * - A name from a request (case, uploaded file, report file) is checked against a narrow pattern
 *   before it becomes a path, and the path is checked again by real path (symlinks resolved):
 *   anything that would land outside the workspace is refused (STUDIO_PATH).
 * - Case files are written atomically (a temp file renamed into place) and nothing in a case
 *   folder is ever deleted: a file about to be rewritten (case.yaml, actors.csv) is first copied
 *   into the case's `riwayat/` folder; an upload never replaces a file, it gets a free name.
 * - Reports go to `<workspace>/_laporan/<edition>/<case>/`, one folder per edition.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { CaseSpec, CONFIG_FILE } from '../config.ts';
import type { Audience } from '../edition.ts';
import { JejaringError } from '../errors.ts';
import { type CsvTable, findHeader, readCsv } from '../ingest/csv.ts';
import { ROSTER_COLUMNS } from '../ingest/roster.ts';
import { csv, realPath, writeFileAtomic } from '../output.ts';

/** The folder of the reports, beside the cases (not a case: it holds no actors.csv). */
export const REPORTS = '_laporan';
export const HISTORY = 'riwayat';
export const UPLOADS = 'exports';
export const ROSTER = 'actors.csv';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Whether `inner` is `outer` or lies inside it (real paths). */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

export class Workspace {
  readonly root: string;
  constructor(dir: string) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new JejaringError('CASE_MISSING', { path: dir }, null, 2);
    this.root = realpathSync(dir);
  }

  /** `parts` joined under the workspace; refused when a part is not a plain name or the real path leaves it. */
  path(...parts: string[]): string {
    for (const p of parts) {
      if (p === '' || p === '.' || p === '..' || /[\\/\0]/.test(p)) throw new JejaringError('STUDIO_PATH', { path: parts.join('/') });
    }
    const full = join(this.root, ...parts);
    if (!within(realPath(full), this.root)) throw new JejaringError('STUDIO_PATH', { path: parts.join('/') });
    return full;
  }

  /** A case folder by name: a plain name, an existing folder inside the workspace. */
  caseDir(name: string): string {
    if (!NAME.test(name) || name === REPORTS) throw new JejaringError('STUDIO_PATH', { path: name });
    const dir = this.path(name);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new JejaringError('STUDIO_NOT_FOUND', { name });
    return dir;
  }

  /** The case folders: sub-folders with a roster or a case.yaml, in name order. */
  cases(): string[] {
    return readdirSync(this.root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && NAME.test(e.name) && e.name !== REPORTS)
      .filter((e) => existsSync(join(this.root, e.name, ROSTER)) || existsSync(join(this.root, e.name, CONFIG_FILE)))
      .map((e) => e.name)
      .sort();
  }

  /** Where the reports of one edition go (`run`'s `out`). */
  reports(audience: Audience): string {
    return this.path(REPORTS, audience);
  }

  /** A new case folder; an existing name is refused. */
  createCase(name: string): string {
    if (!NAME.test(name) || name === REPORTS) throw new JejaringError('STUDIO_NAME', { name });
    const dir = this.path(name);
    if (existsSync(dir)) throw new JejaringError('STUDIO_CASE_EXISTS', { name });
    mkdirSync(dir);
    return dir;
  }
}

/** A folder name from a group's name: `KUBE Dahlia Berkarya` → `kube-dahlia-berkarya`. */
export function folderName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

/** An uploaded file's name, made safe: the last path part, plain characters, a known extension. */
export function uploadName(typed: string, allowed: readonly string[]): string {
  // a browser sends the file's own name; a path in it is refused, not quietly cut
  if (/[\\/\0]/.test(typed) || typed.includes('..')) throw new JejaringError('STUDIO_PATH', { path: typed.slice(0, 120) });
  const last = basename(typed);
  const ext = extname(last).toLowerCase();
  if (!allowed.includes(ext)) throw new JejaringError('STUDIO_FILE_TYPE', { name: last.slice(0, 80), allowed: allowed.join(', ') });
  const stem =
    basename(last, extname(last))
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[.-]+|-+$/g, '')
      .slice(0, 60) || 'berkas';
  return `${stem}${ext}`;
}

/** `dir/name`, or `dir/<stem>-2<ext>`, … : the first name not taken. */
export function freeName(dir: string, name: string): string {
  const ext = extname(name);
  const stem = basename(name, ext);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}${ext}`;
    if (!existsSync(join(dir, candidate))) return candidate;
  }
}

/** Keep the current version of a case file in `riwayat/` before it is rewritten. */
function keepPrevious(caseDir: string, name: string): void {
  const path = join(caseDir, name);
  if (!existsSync(path)) return;
  const history = join(caseDir, HISTORY);
  mkdirSync(history, { recursive: true });
  copyFileSync(path, join(history, freeName(history, name)));
}

/** Rewrite a case file atomically, the previous version kept. */
export function saveCaseFile(caseDir: string, name: string, data: string | Uint8Array): void {
  keepPrevious(caseDir, name);
  writeFileAtomic(join(caseDir, name), data);
}

/**
 * Change case.yaml with `edit` (comments and order kept), validated by the same schema as
 * loadCase before anything is written.
 */
export function editCaseYaml(caseDir: string, edit: (doc: ReturnType<typeof parseDocument>) => void): void {
  const path = join(caseDir, CONFIG_FILE);
  const doc = parseDocument(existsSync(path) ? readFileSync(path, 'utf8') : '');
  if (doc.errors[0])
    throw new JejaringError('CONFIG_SYNTAX', { detail: doc.errors[0].code }, { file: join(basename(caseDir), CONFIG_FILE) });
  if (doc.contents === null) doc.contents = doc.createNode({}) as never;
  edit(doc);
  const parsed = CaseSpec.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new JejaringError('CONFIG_INVALID', { key: issue.path.join('.') || '(root)', detail: issue.message }, { file: CONFIG_FILE });
  }
  saveCaseFile(caseDir, CONFIG_FILE, doc.toString({ lineWidth: 0 }));
}

/** The roster as a table of strings, for editing: header and rows as in the file. */
export function rosterTable(caseDir: string): CsvTable {
  return readCsv(join(caseDir, ROSTER), join(basename(caseDir), ROSTER));
}

/** Write a roster from its header and rows (UTF-8, formulas neutralised). */
export function writeRoster(caseDir: string, header: string[], rows: string[][]): void {
  const records = rows.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  saveCaseFile(caseDir, ROSTER, csv(records, header));
}

/** The roster column index of a field, added to the header when the file has none. */
export function rosterColumn(header: string[], field: keyof typeof ROSTER_COLUMNS): number {
  const i = findHeader(header, ROSTER_COLUMNS[field]);
  if (i >= 0) return i;
  header.push(ROSTER_COLUMNS[field][0]);
  return header.length - 1;
}
