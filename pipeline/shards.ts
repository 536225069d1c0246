/**
 * Shards: a folder's cases split over several processes or machines, and put back together.
 *
 *   report <folder> --shard K/N ─▶ the cases at positions i with i % N = K − 1 ─▶ their reports
 *                                                                              └▶ <out>/_shards/K-of-N.json
 *   merge <folder> ─▶ every <out>/_shards/*-of-N.json, checked complete and alike ─▶ <out>/_gabungan/
 *
 * A shard file holds what the combined view needs of the shard's cases (their digests, in case
 * order), and what merge checks before it builds anything: N and K, the names of all the folder's
 * cases, the edition, the language and the report each case's row links to. The split goes by
 * position in the folder's case order (run.ts `caseFolders`), so every shard of a run agrees on it
 * without talking to the others.
 *
 * The digests' match keys may hold a name the edition codes (shared-actors.ts); they are never
 * written as such: in a shared edition each key is written as its HMAC under the folder's secret
 * (edition.ts `caseSecret`: `JEJARING_SECRET`, else `.jejaring-secret` in the folder), which keeps
 * equal keys equal across shards and says nothing of the name. Shards run with different secrets
 * would match nothing across each other, so each file carries a fingerprint of its secret and
 * merge refuses files whose fingerprints differ.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Audience } from './edition.ts';
import { JejaringError } from './errors.ts';
import type { Lang } from './i18n.ts';
import type { Digest } from './model/combined.ts';
import { json, writeFileAtomic } from './output.ts';

/** Where the shards of a run put their files, beside the cases' folders. */
export const SHARDS_FOLDER = '_shards';
const FORMAT = 'jejaring-shard/1';

/** Shard K of N (1 ≤ K ≤ N). */
export interface Shard {
  k: number;
  n: number;
}

/** What one shard hands on to merge. */
export interface ShardFile {
  format: typeof FORMAT;
  shard: number;
  of: number;
  /** The names of every case of the folder, in case order (not only this shard's). */
  cases: string[];
  audience: Audience;
  lang: Lang;
  /** The file of each case the combined view links to: report.pdf, or report.html without PDFs. */
  report: string;
  /** A fingerprint of the secret the keys are written under; null in the internal edition (keys as they are). */
  keys: string | null;
  /** Cases of this shard that failed (no digest). */
  failed: string[];
  /** The digests of this shard's built cases, in case order. */
  digests: Digest[];
}

/** `K/N` as typed after `--shard`; anything else is a usage error (exit 2). */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || k < 1 || n < 1 || k > n) throw new JejaringError('USAGE_SHARD', { value: text }, null, 2);
  return { k, n };
}

/** The cases of `cases` (in case order) that shard K of N runs. */
export const shardCases = <T>(cases: readonly T[], shard: Shard): T[] => cases.filter((_, i) => i % shard.n === shard.k - 1);

export const shardPath = (out: string, shard: Shard) => join(out, SHARDS_FOLDER, `${shard.k}-of-${shard.n}.json`);

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

/** Write shard K of N's file atomically (`secret`: the folder's, in a shared edition; null in the internal one). */
export function writeShard(
  out: string,
  shard: Shard,
  file: Omit<ShardFile, 'format' | 'shard' | 'of' | 'keys'>,
  secret: string | null,
): string {
  const digests =
    secret === null ? file.digests : file.digests.map((d) => ({ ...d, actors: d.actors.map((a) => ({ ...a, key: hmac(secret, a.key) })) }));
  const keys = secret === null ? null : hmac(secret, 'jejaring shard keys').slice(0, 16);
  const path = shardPath(out, shard);
  writeFileAtomic(path, json({ format: FORMAT, shard: shard.k, of: shard.n, ...file, keys, digests } satisfies ShardFile));
  return path;
}

/** What merge asks of the shards: they must have been run on these cases, for this edition and language. */
export interface MergeExpects {
  cases: string[];
  audience: Audience;
  lang: Lang;
}

/**
 * Every shard file of `<out>/_shards/`, checked: one N, every K from 1 to N, the same cases (those
 * of the folder now), edition, language and secret. Otherwise one line naming what is missing or
 * differs (exit 1). Returns them in K order.
 */
export function readShards(out: string, expects: MergeExpects): ShardFile[] {
  const folder = join(out, SHARDS_FOLDER);
  const names = existsSync(folder) ? readdirSync(folder).filter((f) => /^\d+-of-\d+\.json$/.test(f)) : [];
  if (names.length === 0) throw new JejaringError('SHARDS_NONE', { path: folder });
  const counts = [...new Set(names.map((f) => Number(f.split('-of-')[1]!.slice(0, -5))))].sort((a, b) => a - b);
  if (counts.length > 1) throw new JejaringError('SHARDS_COUNTS', { counts: counts.join(', '), path: folder });
  const n = counts[0]!;
  const files = names.map((name) => ({ name, k: Number(name.split('-of-')[0]) })).sort((a, b) => a.k - b.k);
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !files.some((f) => f.k === k));
  if (missing.length > 0) {
    throw new JejaringError('SHARDS_MISSING', { missing: missing.map((k) => `${k}-of-${n}.json`).join(', '), n, path: folder });
  }
  const shards = files.map(({ name, k }) => {
    let file: ShardFile;
    try {
      file = JSON.parse(readFileSync(join(folder, name), 'utf8')) as ShardFile;
    } catch {
      throw new JejaringError('SHARD_INVALID', {}, { file: join(folder, name) });
    }
    if (file?.format !== FORMAT || file.shard !== k || file.of !== n || !Array.isArray(file.digests)) {
      throw new JejaringError('SHARD_INVALID', {}, { file: join(folder, name) });
    }
    return file;
  });
  const first = shards[0]!;
  const at = (s: ShardFile) => ({ file: join(folder, `${s.shard}-of-${n}.json`) });
  for (const s of shards) {
    const differ = s.cases.length !== expects.cases.length || s.cases.some((c, i) => c !== expects.cases[i]);
    if (differ) {
      const name = [...s.cases.filter((c) => !expects.cases.includes(c)), ...expects.cases.filter((c) => !s.cases.includes(c))][0] ?? '';
      throw new JejaringError('SHARD_CASES', { found: s.cases.length, expected: expects.cases.length, name }, at(s));
    }
    for (const option of ['audience', 'lang'] as const) {
      if (s[option] !== expects[option])
        throw new JejaringError('SHARD_OPTION', { option: `--${option}`, found: s[option], expected: expects[option] }, at(s));
    }
    if (s.report !== first.report) throw new JejaringError('SHARD_PDF', { found: s.report, expected: first.report }, at(s));
    if (s.keys !== first.keys) throw new JejaringError('SHARD_SECRET', { first: `${first.shard}-of-${n}.json` }, at(s));
  }
  return shards;
}
