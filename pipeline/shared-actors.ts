/**
 * How outside actors are matched across the groups of a folder, honestly: the same name in two
 * places is often two actors ("Puskesmas", "Kader PKK" and "Warung Susi" exist in every kota).
 *
 * - **The folder's shared actors file** (`<folder>/shared-actors.csv`, optional), one row per actor
 *   the groups share, with a stable id:
 *
 *       id,actor,kelurahan,kota,aliases
 *       blk-bdg,BLK Kota Bandung,,Kota Bandung,BLK
 *       pkm-kp,Puskesmas,Karang Pamulang,Kota Bandung,Puskesmas Karang Pamulang
 *
 *   An outside actor of a case is that row when its roster name or an alias is the row's actor or
 *   one of its aliases (case, spaces and titles ignored, as rosters are read) and the row's
 *   kelurahan and kota, where given, are the case's (an empty kelurahan: anywhere in that kota;
 *   both empty: anywhere). The id is what the combined view matches by.
 * - **Otherwise a bare name matches only within one kelurahan of one kota** (case.yaml `kelurahan`
 *   and `kota`); in a case that gives neither it matches nothing outside its own group.
 * The keys may hold names a shared edition codes: they stay in memory and are never written.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { JejaringError } from './errors.ts';
import { normaliseName } from './ingest/roster.ts';
import type { Actor, CaseInfo } from './model/responses.ts';

export const SHARED_ACTORS_FILE = 'shared-actors.csv';
/** A shared actors file larger than this is refused (a kota has hundreds of actors, not millions). */
const MAX_BYTES = 4 * 1024 * 1024;

export interface SharedActor {
  id: string;
  actor: string;
  names: string[];
  kelurahan: string | null;
  kota: string | null;
}

/** The folder's shared actors file, or null when it has none. */
export function readSharedActors(folder: string): SharedActor[] | null {
  const path = join(folder, SHARED_ACTORS_FILE);
  if (!existsSync(path)) return null;
  const where = { file: SHARED_ACTORS_FILE };
  if (statSync(path).size > MAX_BYTES) throw new JejaringError('SHARED_ACTORS_INVALID', { detail: `> ${MAX_BYTES} bytes` }, where);
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const fields = parsed.meta.fields ?? [];
  for (const column of ['id', 'actor']) {
    if (!fields.includes(column)) throw new JejaringError('SHARED_ACTORS_INVALID', { detail: column }, where);
  }
  const seen = new Set<string>();
  return parsed.data.map((row, i) => {
    const id = (row.id ?? '').trim();
    const actor = (row.actor ?? '').trim();
    const line = { ...where, line: i + 2 };
    if (!id || !actor) throw new JejaringError('SHARED_ACTORS_INVALID', { detail: id ? 'actor' : 'id' }, line);
    if (seen.has(id)) throw new JejaringError('SHARED_ACTORS_INVALID', { detail: id }, line);
    seen.add(id);
    const aliases = (row.aliases ?? '')
      .split(';')
      .map((a) => a.trim())
      .filter(Boolean);
    const place = (v: string | undefined) => (v ?? '').trim() || null;
    return { id, actor, names: [actor, ...aliases].map(normaliseName), kelurahan: place(row.kelurahan), kota: place(row.kota) };
  });
}

const samePlace = (a: string | null, b: string | null) => a === null || (b !== null && normaliseName(a) === normaliseName(b));

/** The key of every outside actor of a case (by id), and its shared id when the shared actors file has it. */
export function actorKeys(
  info: CaseInfo,
  actors: Actor[],
  shared: SharedActor[] | null,
): Map<string, { key: string; sharedId: string | null }> {
  const keys = new Map<string, { key: string; sharedId: string | null }>();
  for (const a of actors) {
    if (a.member) continue;
    const names = [a.name, ...a.aliases].map(normaliseName);
    const row = shared?.find(
      (s) => samePlace(s.kota, info.kota) && samePlace(s.kelurahan, info.kelurahan) && s.names.some((n) => names.includes(n)),
    );
    if (row) keys.set(a.id, { key: `id:${row.id}`, sharedId: row.id });
    else if (info.kelurahan && info.kota) {
      keys.set(a.id, {
        key: `place:${normaliseName(info.kota)}|${normaliseName(info.kelurahan)}|${normaliseName(a.name)}`,
        sharedId: null,
      });
    } else keys.set(a.id, { key: `case:${info.name}|${a.id}`, sharedId: null });
  }
  return keys;
}
