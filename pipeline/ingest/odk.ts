/**
 * ODK Central's `<form>.csv.zip` download, read as downloaded: the root CSV (one row per
 * submission) and one CSV per repeat group (`<form>-<repeat>.csv`), joined by
 * `PARENT_KEY` ↔ `KEY`. A zip with only the root CSV is read like any CSV (long or wide).
 *
 * Unzipped with limits (zip.ts): the CSVs of one zip hold at most as much as one CSV file may
 * (`maxFileBytes`, 64 MB), each and together, by their declared sizes before anything is unpacked
 * and by their real sizes while unpacking; other members (media, macOS `__MACOSX/` copies) are
 * never unpacked.
 */
import { basename } from 'node:path';
import type { ImportSpec } from '../config.ts';
import { JejaringError } from '../errors.ts';
import type { QualityLog } from '../quality.ts';
import { type CsvTable, decode, logReading, maxFileBytes, parseCsvText, readBytes } from './csv.ts';
import { looksLong, readLong, readRepeat } from './long.ts';
import type { RawRound } from './raw.ts';
import type { Roster } from './roster.ts';
import { readWide } from './wide.ts';
import { checkDeclared, refuseUnpacked, unzipEntry, zipEntries } from './zip.ts';

export function readZipTables(path: string, display: string): CsvTable[] {
  const bytes = readBytes(path, display);
  const csvs = zipEntries(bytes, display, 'ZIP_UNREADABLE')
    .filter((e) => e.name.toLowerCase().endsWith('.csv') && !e.name.startsWith('__MACOSX/') && !basename(e.name).startsWith('._'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const limit = maxFileBytes();
  checkDeclared(csvs, display, limit, limit);
  let unpacked = 0;
  const tables = csvs.map((entry) => {
    const data = unzipEntry(bytes, entry, display, 'ZIP_UNREADABLE', limit);
    unpacked += data.length;
    refuseUnpacked(unpacked, limit, display);
    const { text, encoding, badBytes } = decode(data);
    return parseCsvText(text, `${display}!${entry.name}`, encoding, badBytes);
  });
  if (tables.length === 0) throw new JejaringError('FILE_EMPTY', {}, { file: display });
  return tables;
}

export function readOdkZip(path: string, display: string, spec: ImportSpec, roster: Roster, log: QualityLog): RawRound {
  const tables = readZipTables(path, display);
  for (const t of tables) logReading(t, log);
  return odkRound(tables, display, spec, roster, log);
}

/** The round in the zip's CSV files, read by their headers: a repeat CSV joined to the root CSV, or the root CSV alone. */
export function odkRound(tables: CsvTable[], display: string, spec: ImportSpec, roster: Roster, log: QualityLog): RawRound {
  const main = odkMain(tables);
  const repeats = tables.filter((t) => t.header.includes('PARENT_KEY'));
  const repeat = spec.repeat ? repeats.find((t) => t.file.toLowerCase().endsWith(`-${spec.repeat!.toLowerCase()}.csv`)) : repeats[0];
  if (spec.repeat && !repeat)
    throw new JejaringError(
      'REPEAT_MISSING',
      { repeat: spec.repeat, found: tables.map((t) => t.file.split('!')[1]).join(', ') },
      { file: display },
    );
  if (repeat) return readRepeat(main, repeat, { main: 'KEY', parent: 'PARENT_KEY' }, spec, log, 'odk-zip');
  return looksLong(main, spec) ? readLong(main, spec, log) : readWide(main, spec, roster, log);
}

/** The root CSV of an ODK Central zip: the one with KEY and no PARENT_KEY. */
export const odkMain = (tables: CsvTable[]) =>
  tables.find((t) => t.header.includes('KEY') && !t.header.includes('PARENT_KEY')) ?? tables[0]!;
