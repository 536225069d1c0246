/**
 * The roster (`actors.csv`) and matching of names to it.
 *
 * A name in a tie file is matched by id, then by normalised name (case, spaces, punctuation,
 * titles such as Bu/Ibu/Pak/Bapak, "Wr." for "Warung"), then by normalised alias. An unknown
 * name comes back with the closest roster names as suggestions.
 */
import { distance } from 'fastest-levenshtein';
import { CATEGORIES, type Category } from '../domain.ts';
import { JejaringError } from '../errors.ts';
import type { Actor } from '../model/responses.ts';
import type { QualityLog } from '../quality.ts';
import { type CsvTable, findHeader, logReading } from './csv.ts';
import { normaliseLabel, splitList } from './values.ts';

const MEMBER_TYPES = new Set(['anggota', 'pengurus', 'ketua', 'sekretaris', 'bendahara', 'member']);
const TITLES = new Set(['ibu', 'bu', 'bapak', 'pak', 'bpk', 'sdr', 'sdri', 'saudara', 'saudari', 'mr', 'mrs', 'ms', 'h', 'hj']);

/** Normalise a person's or organisation's name for matching. */
export function normaliseName(name: string): string {
  const words = name
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
  const ids = new Set<string>();
  for (const row of table.rows) {
    const name = cell(row.cells, col.actor);
    const where = { file: table.file, line: row.line };
    if (name === '') {
      log.add('error', 'ROSTER_NAME_EMPTY', { ...where, column: table.header[col.actor] ?? 'actor' });
      continue;
    }
    const id = cell(row.cells, col.id) || slug(name);
    if (ids.has(normaliseId(id))) {
      log.add('error', 'ROSTER_DUPLICATE', { ...where, column: col.id >= 0 ? table.header[col.id]! : 'actor', value: id });
      continue;
    }
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
    ids.add(normaliseId(id));
    actors.push({ id, name, type, category, aliases: splitList(cell(row.cells, col.aliases)), member: category === 'internal' });
  }
  if (actors.length === 0) throw new JejaringError('ROSTER_EMPTY', {}, { file: table.file });
  return new Roster(actors);
}
