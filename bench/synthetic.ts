/**
 * Seeded synthetic cases that look like survey data: `groups` KUBE of 8–15 members each, who name
 * each other and 5–40 actors from a shared pool of outside actors (shops, trainers, funders,
 * offices); trust mostly 3–5, cooperation mostly 1–3, drawn from fixed distributions. All groups
 * go into one case (one merged network), with two rounds; the second round adds ties.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import type { Digest } from '../pipeline/model/combined.ts';

export interface SyntheticSpec {
  groups: number;
  /** Outside actors in the shared pool. */
  pool: number;
  seed?: string;
}

const CATEGORIES = ['pemasaran', 'pelatihan', 'permodalan', 'legalitas', 'lainnya'] as const;
const TRUST = [1, 2, 3, 3, 4, 4, 4, 5, 5];
const COOPERATION = [0, 1, 1, 1, 2, 2, 3, 3, 4, 5];

interface Draw {
  rng: () => number;
  pick: <T>(xs: readonly T[]) => T;
  between: (lo: number, hi: number) => number;
}

function draw(seed: string): Draw {
  const rng = seedrandom(seed);
  return { rng, pick: (xs) => xs[Math.floor(rng() * xs.length)]!, between: (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)) };
}

const HEADER = 'respondent,actor,trust,cooperation,frequency,resources,formal';

/** One group's answers in one round: members name each other and some of the pool actors the group knows. */
function groupRows(d: Draw, ids: string[], named: string[], extra: number): string[] {
  const rows: string[] = [];
  for (const m of ids) {
    const targets = new Set<string>();
    for (const o of ids) if (o !== m && d.rng() < 0.35 + extra / 2) targets.add(o);
    for (const o of named) if (d.rng() < 0.25 + extra) targets.add(o);
    for (const t of targets) {
      const coop = d.pick(COOPERATION);
      const resource = coop >= 2 ? d.pick(CATEGORIES.slice(0, 4)) : '';
      const formal = coop >= 3 && d.rng() < 0.3 ? 'ya' : 'tidak';
      rows.push(`${m},${t},${d.pick(TRUST)},${coop},${d.between(0, 4)},${resource},${formal}`);
    }
  }
  return rows;
}

const poolActor = (i: number) => `o${i},Pihak luar ${i + 1},lembaga,${CATEGORIES[i % CATEGORIES.length]}`;

/** All groups in one case (one merged network of a kota), two rounds; the second adds ties. */
export function writeSyntheticCase(dir: string, spec: SyntheticSpec): { actors: number; ties: number } {
  const d = draw(spec.seed ?? 'jejaring-bench');
  mkdirSync(join(dir, 'rounds'), { recursive: true });
  const actors = ['id,actor,type,category'];
  const members: string[][] = [];
  for (let g = 0; g < spec.groups; g++) {
    const size = d.between(8, 15);
    const ids = Array.from({ length: size }, (_, i) => `g${g}m${i}`);
    members.push(ids);
    for (const [i, id] of ids.entries()) actors.push(`${id},Anggota ${g + 1}-${i + 1},${i < 3 ? 'pengurus' : 'anggota'},internal`);
  }
  const pool = Array.from({ length: spec.pool }, (_, i) => `o${i}`);
  for (let i = 0; i < pool.length; i++) actors.push(poolActor(i));
  writeFileSync(join(dir, 'actors.csv'), `${actors.join('\n')}\n`);
  let count = 0;
  for (const [r, extra] of [
    ['01', 0],
    ['02', 0.1],
  ] as const) {
    const rows = [HEADER];
    // each group names its own slice of the pool, so groups share some outside actors
    for (const ids of members)
      rows.push(
        ...groupRows(
          d,
          ids,
          Array.from({ length: d.between(5, 40) }, () => d.pick(pool)),
          extra,
        ),
      );
    count += rows.length - 1;
    writeFileSync(join(dir, 'rounds', `${r}.csv`), `${rows.join('\n')}\n`);
  }
  return { actors: actors.length - 1, ties: count };
}

/**
 * A folder of `spec.groups` cases, one per KUBE (kube-001, …), two rounds each, naming outside
 * actors of one shared pool by the same names, so the combined view finds who serves many groups.
 */
export function writeSyntheticBatch(root: string, spec: SyntheticSpec): { cases: number; ties: number } {
  const d = draw(spec.seed ?? 'jejaring-bench-batch');
  let ties = 0;
  for (let g = 0; g < spec.groups; g++) {
    const dir = join(root, `kube-${String(g + 1).padStart(Math.max(3, String(spec.groups).length), '0')}`);
    mkdirSync(join(dir, 'rounds'), { recursive: true });
    const size = d.between(8, 15);
    const ids = Array.from({ length: size }, (_, i) => `m${i}`);
    const known = [...new Set(Array.from({ length: d.between(5, 40) }, () => d.between(0, spec.pool - 1)))].sort((a, b) => a - b);
    const actors = [
      'id,actor,type,category',
      ...ids.map((id, i) => `${id},Anggota ${g + 1}-${i + 1},${i < 3 ? 'pengurus' : 'anggota'},internal`),
      ...known.map(poolActor),
    ];
    writeFileSync(join(dir, 'actors.csv'), `${actors.join('\n')}\n`);
    // groups spread over 10 kota of 10 kelurahan each, as a province's would be
    writeFileSync(
      join(dir, 'case.yaml'),
      `case:\n  group: KUBE ${g + 1}\n  kelurahan: Mekarsari ${(g % 100) + 1}\n  kota: Kota ${(g % 10) + 1}\n`,
    );
    for (const [r, extra] of [
      ['01', 0],
      ['02', 0.1],
    ] as const) {
      const rows = [
        HEADER,
        ...groupRows(
          d,
          ids,
          known.map((i) => `o${i}`),
          extra,
        ),
      ];
      ties += rows.length - 1;
      writeFileSync(join(dir, 'rounds', `${r}.csv`), `${rows.join('\n')}\n`);
    }
  }
  return { cases: spec.groups, ties };
}

/**
 * `n` digests made from the digests of a folder run (`base`, in case order) without running `n`
 * reports: each copy is one of the base digests under its own case and group name, spread as
 * `writeSyntheticBatch` spreads groups (10 kota of 10 kelurahan each, so at most n / 100 groups
 * a kelurahan), and its outside actors keyed by their name within the copy's kelurahan, so that,
 * as in a real province, an actor is shared only by groups of one kelurahan (an actor matched by
 * the shared actors file keeps its id, and one a group's edition codes keeps its key inside the group).
 */
export function replicateDigests(base: readonly Digest[], n: number): Digest[] {
  const width = Math.max(3, String(n).length);
  return Array.from({ length: n }, (_, i) => {
    // the groups of one kelurahan are copies of different digests (the k-th round of copies shifted by k)
    const d = structuredClone(base[(i + Math.floor(i / base.length)) % base.length]!); // its own objects, as a digest read from its case
    const name = `kube-${String(i + 1).padStart(width, '0')}`;
    const kota = `Kota ${(i % 10) + 1}`;
    const kelurahan = `Mekarsari ${(i % 100) + 1}`; // the report says "Kelurahan Mekarsari 1"
    return {
      ...d,
      case: name,
      group: `KUBE ${i + 1}`,
      kelurahan,
      kota,
      actors: d.actors.map((a) => ({
        ...a,
        // the key a name gets in that kelurahan (shared-actors.ts); a coded actor matches nothing outside its group
        key: a.sharedId !== null ? a.key : a.name !== null ? `place:${kota}|${kelurahan}|${a.name}` : `case:${name}|${a.key}`,
      })),
    };
  });
}
