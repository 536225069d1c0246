/**
 * The roster (`actors.csv`) and matching of names to it.
 *
 * A name in a tie file is matched by id, then by normalised name (case, spaces, punctuation,
 * titles such as Bu/Ibu/Pak/Bapak, "Wr." for "Warung", invisible characters such as zero-width
 * spaces), then by normalised alias. An unknown name comes back with the closest roster names as
 * suggestions.
 *
 * **Ambiguity stops the run.** Two roster rows with the same id, or a name or alias that reads the
 * same as another actor's name, alias or id ("Bu Ani" and "Pak Ani" both read "ani"), are a roster
 * error naming both lines (exit 1), never a merge. The roster is short and typed by the
 * facilitator, and answers name people, not ids (Google Forms grids, Kobo labels, paper forms): a
 * name that fits two people cannot be given to either. Rejecting it everywhere instead would drop
 * every answer by and about both, so two members who answered would look like non-respondents in a
 * report that otherwise looks whole; telling them apart is one edit at the source.
 */
import { distance } from 'fastest-levenshtein';
import { CATEGORIES, type Category } from '../domain.ts';
import { JejaringError } from '../errors.ts';
import type { Actor } from '../model/responses.ts';
import type { QualityLog } from '../quality.ts';
import { type CsvTable, findHeader, INVISIBLE, logReading } from './csv.ts';
import { normaliseLabel, splitList } from './values.ts';

const MEMBER_TYPES = new Set(['anggota', 'pengurus', 'ketua', 'sekretaris', 'bendahara', 'member']);
const TITLES = new Set(['ibu', 'bu', 'bapak', 'pak', 'bpk', 'sdr', 'sdri', 'saudara', 'saudari', 'mr', 'mrs', 'ms', 'h', 'hj']);

/** Normalise a person's or organisation's name for matching. */
export function normaliseName(name: string): string {
  const words = name
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0)
    .map((w) => (w === 'wr' ? 'warung' : w));
  const withoutTitles = words.filter((w, i) => !(TITLES.has(w) && i < words.length - 1));
  return withoutTitles.join(' ');
}

/** Ids compare without case and with `-`, `_` and spaces alike (XLSForm names cannot hold `-`). */
export function normaliseId(id: string): string {
  return id
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[-_\s]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function slug(name: string): string {
  return normaliseName(name).replace(/ /g, '-') || 'aktor';
}

/** Column names accepted for each roster field (English first, then Indonesian). */
export const ROSTER_COLUMNS = {
  actor: ['actor', 'aktor', 'name', 'nama'],
  id: ['id', 'kode'],
  type: ['type', 'jenis', 'tipe'],
  category: ['category', 'kategori', 'sistem_sumber'],
  aliases: ['aliases', 'alias', 'nama_lain'],
} as const;

export class Roster {
  readonly actors: Actor[];
  private readonly byKey = new Map<string, Actor>();

  constructor(actors: Actor[]) {
    this.actors = actors;
    for (const a of actors) this.byKey.set(`id:${normaliseId(a.id)}`, a);
    for (const a of actors) {
      const key = `name:${normaliseName(a.name)}`;
      if (!this.byKey.has(key)) this.byKey.set(key, a);
    }
    for (const a of actors) {
      for (const alias of a.aliases) {
        const key = `name:${normaliseName(alias)}`;
        if (!this.byKey.has(key)) this.byKey.set(key, a);
      }
    }
  }

  /** Add an actor (a write-in named in a round), indexed like the others. */
  add(actor: Actor): void {
    this.actors.push(actor);
    this.byKey.set(`id:${normaliseId(actor.id)}`, actor);
    const key = `name:${normaliseName(actor.name)}`;
    if (!this.byKey.has(key)) this.byKey.set(key, actor);
  }

  match(raw: string): Actor | null {
    const text = raw.trim();
    return this.byKey.get(`id:${normaliseId(text)}`) ?? this.byKey.get(`name:${normaliseName(text)}`) ?? null;
  }

  /** Up to three roster names closest to `raw`, for "did you mean …". */
  suggest(raw: string): string[] {
    if (raw.length > 200) return []; // no name is that long: comparing it would only cost time
    const target = normaliseName(raw);
    return this.actors
      .map((a) => ({
        name: a.name,
        d: Math.min(
          distance(target, normaliseName(a.name)),
          distance(target, normaliseName(a.id)),
          ...a.aliases.map((x) => distance(target, normaliseName(x))),
        ),
      }))
      .filter((c) => c.d <= Math.max(3, Math.floor(target.length / 2)))
      .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
      .slice(0, 3)
      .map((c) => c.name);
  }
}

/**
 * What each roster row claims: its id, and the names (name and aliases) a tie file may use for it,
 * as `match` reads them. A claim another row made already stops the run, naming both lines.
 */
class RosterClaims {
  /** By normalised id. */
  private readonly ids = new Map<string, { line: number; id: string }>();
  /** By normalised name. */
  private readonly names = new Map<string, { line: number; text: string }>();
  /** The same names by their normalised id form (`match` tries ids first). */
  private readonly namesAsIds = new Map<string, { line: number; text: string }>();
  constructor(private readonly table: CsvTable) {}

  claim(line: number, id: string, idColumn: number, names: { text: string; column: number }[]): void {
    const where = (column: number) => ({ file: this.table.file, line, column: this.table.header[column] ?? 'actor' });
    const idKey = normaliseId(id);
    for (const { text, column } of names) {
      const key = normaliseName(text);
      const other = this.names.get(key);
      if (key !== '' && other && other.line !== line)
        throw new JejaringError('ROSTER_NAME_AMBIGUOUS', { value: text, other: other.text, otherLine: other.line, key }, where(column));
      const asId = this.ids.get(normaliseId(text));
      if (asId && asId.line !== line)
        throw new JejaringError('ROSTER_NAME_IS_ID', { value: text, other: asId.id, otherLine: asId.line }, where(column));
    }
    const sameId = this.ids.get(idKey);
    if (sameId) throw new JejaringError('ROSTER_ID_DUPLICATE', { value: id, other: sameId.id, otherLine: sameId.line }, where(idColumn));
    const named = this.namesAsIds.get(idKey);
    if (named && named.line !== line)
      throw new JejaringError('ROSTER_NAME_IS_ID', { value: id, other: named.text, otherLine: named.line }, where(idColumn));
    this.ids.set(idKey, { line, id });
    for (const { text } of names) {
      const claim = { line, text };
      const key = normaliseName(text);
      if (key !== '' && !this.names.has(key)) this.names.set(key, claim);
      if (normaliseId(text) !== idKey && !this.namesAsIds.has(normaliseId(text))) this.namesAsIds.set(normaliseId(text), claim);
    }
  }
}

function parseCategory(raw: string, type: string): { category: Category; guessed: boolean } | null {
  const text = normaliseLabel(raw);
  if (text === '') return { category: MEMBER_TYPES.has(normaliseLabel(type)) ? 'internal' : 'lainnya', guessed: true };
  const aliases: Record<string, Category> = {
    anggota: 'internal',
    member: 'internal',
    marketing: 'pemasaran',
    training: 'pelatihan',
    capital: 'permodalan',
    legality: 'legalitas',
    other: 'lainnya',
  };
  const found = (CATEGORIES as readonly string[]).includes(text) ? (text as Category) : aliases[text];
  return found ? { category: found, guessed: false } : null;
}

/** Read `actors.csv` into a roster. Bad rows are logged and left out; a missing `actor` column stops the run. */
export function readRoster(table: CsvTable, log: QualityLog): Roster {
  logReading(table, log);
  const col = {
    actor: findHeader(table.header, ROSTER_COLUMNS.actor),
    id: findHeader(table.header, ROSTER_COLUMNS.id),
    type: findHeader(table.header, ROSTER_COLUMNS.type),
    category: findHeader(table.header, ROSTER_COLUMNS.category),
    aliases: findHeader(table.header, ROSTER_COLUMNS.aliases),
  };
  if (col.actor < 0) {
    throw new JejaringError(
      'COLUMN_MISSING',
      { column: 'actor', found: table.header.join(', ') },
      { file: table.file, line: table.headerLine },
    );
  }
  const cell = (cells: string[], i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
  const actors: Actor[] = [];
  const claims = new RosterClaims(table);
  for (const row of table.rows) {
    const name = cell(row.cells, col.actor);
    const where = { file: table.file, line: row.line };
    if (name === '') {
      log.add('error', 'ROSTER_NAME_EMPTY', { ...where, column: table.header[col.actor] ?? 'actor' });
      continue;
    }
    const id = cell(row.cells, col.id) || slug(name);
    const aliases = splitList(cell(row.cells, col.aliases));
    claims.claim(row.line, id, col.id >= 0 && cell(row.cells, col.id) !== '' ? col.id : col.actor, [
      { text: name, column: col.actor },
      ...aliases.map((text) => ({ text, column: col.aliases })),
    ]);
    const type = cell(row.cells, col.type) || 'lainnya';
    const rawCategory = cell(row.cells, col.category);
    const parsed = parseCategory(rawCategory, type);
    let category: Category;
    if (!parsed) {
      category = 'lainnya';
      log.add('warning', 'CATEGORY_INVALID', {
        ...where,
        column: table.header[col.category] ?? 'category',
        value: rawCategory,
        correctedTo: category,
        params: { allowed: CATEGORIES.join(', ') },
      });
    } else {
      category = parsed.category;
      if (parsed.guessed) log.add('info', 'CATEGORY_GUESSED', { ...where, column: 'category', value: '', correctedTo: category });
    }
    actors.push({ id, name, type, category, aliases, member: category === 'internal' });
  }
  if (actors.length === 0) throw new JejaringError('ROSTER_EMPTY', {}, { file: table.file });
  return new Roster(actors);
}
