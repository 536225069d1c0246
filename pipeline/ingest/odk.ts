/**
 * ODK Central's `<form>.csv.zip` download, read as downloaded: the root CSV (one row per
 * submission) and one CSV per repeat group (`<form>-<repeat>.csv`), joined by
 * `PARENT_KEY` ↔ `KEY`. Unzipped in memory with fflate (pure JavaScript). A zip with only the root
 * CSV is read like any CSV (long or wide).
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { ImportSpec } from '../config.ts';
import { JejaringError } from '../errors.ts';
import type { QualityLog } from '../quality.ts';
import { type CsvTable, checkSize, decode, parseCsvText } from './csv.ts';
import { looksLong, readLong, readRepeat } from './long.ts';
import type { RawRound } from './raw.ts';
import type { Roster } from './roster.ts';
import { readWide } from './wide.ts';

export function readZipTables(path: string, display: string): CsvTable[] {
  checkSize(path, display);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(readFileSync(path));
  } catch (cause) {
    throw new JejaringError('ZIP_UNREADABLE', { detail: cause instanceof Error ? cause.message : String(cause) }, { file: display }, 1, {
      cause,
    });
  }
  const tables = Object.keys(entries)
    .filter((name) => name.toLowerCase().endsWith('.csv'))
    .sort()
    .map((name) => {
      const { text, encoding } = decode(entries[name]!);
      return parseCsvText(text, `${display}!${name}`, encoding);
    });
  if (tables.length === 0) throw new JejaringError('FILE_EMPTY', {}, { file: display });
  return tables;
}

export function readOdkZip(path: string, display: string, spec: ImportSpec, roster: Roster, log: QualityLog): RawRound {
  return odkRound(readZipTables(path, display), display, spec, roster, log);
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
