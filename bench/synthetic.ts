/**
 * Seeded synthetic cases that look like survey data: `groups` KUBE of 8–15 members each, who name
 * each other and 5–40 actors from a shared pool of outside actors (shops, trainers, funders,
 * offices); trust mostly 3–5, cooperation mostly 1–3, drawn from fixed distributions. All groups
 * go into one case (one merged network), with two rounds; the second round adds ties.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';

export interface SyntheticSpec {
  groups: number;
  /** Outside actors in the shared pool. */
  pool: number;
  seed?: string;
}

const CATEGORIES = ['pemasaran', 'pelatihan', 'permodalan', 'legalitas', 'lainnya'] as const;
const TRUST = [1, 2, 3, 3, 4, 4, 4, 5, 5];
const COOPERATION = [0, 1, 1, 1, 2, 2, 3, 3, 4, 5];

export function writeSyntheticCase(dir: string, spec: SyntheticSpec): { actors: number; ties: number } {
  const rng = seedrandom(spec.seed ?? 'jejaring-bench');
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  mkdirSync(join(dir, 'rounds'), { recursive: true });
  const actors = ['id,actor,type,category'];
  const members: string[][] = [];
  for (let g = 0; g < spec.groups; g++) {
    const size = between(8, 15);
    const ids = Array.from({ length: size }, (_, i) => `g${g}m${i}`);
    members.push(ids);
    ids.forEach((id, i) => actors.push(`${id},Anggota ${g + 1}-${i + 1},${i < 3 ? 'pengurus' : 'anggota'},internal`));
  }
  const pool = Array.from({ length: spec.pool }, (_, i) => `o${i}`);
  pool.forEach((id, i) => actors.push(`${id},Pihak luar ${i + 1},lembaga,${CATEGORIES[i % CATEGORIES.length]}`));
  writeFileSync(join(dir, 'actors.csv'), `${actors.join('\n')}\n`);
  let count = 0;
  for (const [r, extra] of [['01', 0], ['02', 0.1]] as const) {
    const rows = ['respondent,actor,trust,cooperation,frequency,resources,formal'];
    for (const ids of members) {
      // each group names its own slice of the pool, so groups share some outside actors
      const named = Array.from({ length: between(5, 40) }, () => pick(pool));
      for (const m of ids) {
        const targets = new Set<string>();
        for (const o of ids) if (o !== m && rng() < 0.35 + extra / 2) targets.add(o);
        for (const o of named) if (rng() < 0.25 + extra) targets.add(o);
        for (const t of targets) {
          const coop = pick(COOPERATION);
          rows.push(`${m},${t},${pick(TRUST)},${coop},${between(0, 4)},${coop >= 2 ? pick(CATEGORIES.slice(0, 4)) : ''},${coop >= 3 && rng() < 0.3 ? 'ya' : 'tidak'}`);
        }
      }
    }
    count += rows.length - 1;
    writeFileSync(join(dir, 'rounds', `${r}.csv`), `${rows.join('\n')}\n`);
  }
  return { actors: actors.length - 1, ties: count };
}
