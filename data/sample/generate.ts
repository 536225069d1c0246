/**
 * Writes the sample case's tie files from the story of the paper (seed 004): synthetic answers,
 * seeded so the files never change unless this script does. Run: `npx tsx data/sample/generate.ts`.
 *
 * Before the intervention (refleksi awal): members cooperate among themselves, sell door to door,
 * know a few shops and community figures; no outside cooperation; shops do not trust the product.
 * After it: MoUs with Warung Susi, Ronal, Winarni and PUSDIKTEK, online selling, training by
 * community experts (Ibu Sumi, Ibu Neni, Bapak Joni), BLK contacted but not reached, Karang Taruna
 * helping a capital proposal to Baznas, registration with Dinas KUMKM and Dinas Kesehatan.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { type ExportActor, type ExportSubmission, googleFormsCsv, koboXmlCsv, xmlName } from '../exports.ts';

const members = ['m01', 'm02', 'm03', 'm04', 'm05', 'm06', 'm07', 'm08', 'm09', 'm10'];
const pengurus = ['m01', 'm02', 'm03'];
const names: Record<string, string> = {
  m01: 'Euis Suryani',
  m02: 'Nining Kurniasih',
  m03: 'Yati Rohayati',
  m04: 'Ai Nurhayati',
  m05: 'Entin Sumartini',
  m06: 'Iis Aisyah',
  m07: 'Lilis Suryati',
  m08: 'Neneng Hasanah',
  m09: 'Cucu Rukmini',
  m10: 'Tati Sumiati',
};

interface Spec {
  /** Who reports the tie: 'pengurus', 'all', or a number of members drawn (pengurus first). */
  who: 'pengurus' | 'all' | number | string[];
  trust: [number, number];
  cooperation: [number, number];
  frequency: [number, number];
  resources?: string;
  formal?: 'ya' | 'tidak';
}

type Row = [string, string, number, number, number, string, string];

function build(
  seed: string,
  outside: Record<string, Spec>,
  internal: { per: [number, number]; trust: [number, number]; cooperation: [number, number] },
  external: Row[],
): Row[] {
  const rng = seedrandom(seed);
  const between = ([lo, hi]: [number, number]) => lo + Math.floor(rng() * (hi - lo + 1));
  const shuffled = <T>(xs: T[]) =>
    xs
      .map((x) => [rng(), x] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, x]) => x);
  const rows: Row[] = [];
  for (const m of members) {
    const others = members.filter((o) => o !== m);
    const chosen = new Set([...pengurus.filter((p) => p !== m), ...shuffled(others).slice(0, between(internal.per))]);
    for (const o of [...chosen].sort()) {
      const coop = between(internal.cooperation);
      rows.push([names[m]!, names[o]!, between(internal.trust), coop, between([3, 4]), coop >= 3 ? 'informasi' : '', 'tidak']);
    }
  }
  for (const [actor, s] of Object.entries(outside)) {
    const who =
      s.who === 'pengurus'
        ? pengurus
        : s.who === 'all'
          ? members
          : Array.isArray(s.who)
            ? s.who
            : [...pengurus, ...shuffled(members.filter((x) => !pengurus.includes(x)))].slice(0, s.who);
    for (const m of who)
      rows.push([names[m]!, actor, between(s.trust), between(s.cooperation), between(s.frequency), s.resources ?? '', s.formal ?? 'tidak']);
  }
  rows.push(...external);
  return rows.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
}

const pre = build(
  'dahlia-pra',
  {
    'Warung Ase': { who: 4, trust: [2, 3], cooperation: [1, 1], frequency: [1, 2] },
    'Warung Susi': { who: 3, trust: [2, 3], cooperation: [1, 1], frequency: [1, 2] },
    'Ketua RW 08': { who: 6, trust: [4, 5], cooperation: [1, 2], frequency: [2, 3], resources: 'informasi' },
    'Kader PKK': { who: 4, trust: [4, 4], cooperation: [1, 2], frequency: [2, 3], resources: 'informasi' },
    'Kelurahan Karang Pamulang': { who: 'pengurus', trust: [3, 4], cooperation: [1, 1], frequency: [1, 1] },
    'Bank BRI': { who: ['m03', 'm06'], trust: [3, 3], cooperation: [0, 0], frequency: [0, 1] },
    'Koperasi Masjid': { who: ['m01', 'm08'], trust: [3, 4], cooperation: [1, 1], frequency: [1, 1] },
    'Karang Taruna': { who: ['m02'], trust: [3, 3], cooperation: [1, 1], frequency: [1, 1] },
  },
  { per: [1, 3], trust: [3, 5], cooperation: [2, 3] },
  [
    ['Warung Susi', 'Euis Suryani', 2, 1, 1, '', 'tidak'],
    ['Warung Ase', 'Euis Suryani', 2, 1, 1, '', 'tidak'],
  ],
);

const post = build(
  'dahlia-pasca',
  {
    'Warung Susi': { who: 7, trust: [4, 5], cooperation: [3, 3], frequency: [3, 4], resources: 'pemasaran', formal: 'ya' },
    'Warung Ronal': { who: 6, trust: [4, 5], cooperation: [3, 3], frequency: [3, 3], resources: 'pemasaran', formal: 'ya' },
    'Warung Winarni': { who: 6, trust: [4, 4], cooperation: [3, 3], frequency: [3, 3], resources: 'pemasaran', formal: 'ya' },
    PUSDIKTEK: { who: 'pengurus', trust: [4, 4], cooperation: [3, 3], frequency: [2, 3], resources: 'pemasaran', formal: 'ya' },
    'Penjualan online': { who: ['m01', 'm02'], trust: [4, 4], cooperation: [3, 3], frequency: [4, 4], resources: 'pemasaran' },
    PAUD: { who: 3, trust: [3, 4], cooperation: [1, 1], frequency: [1, 2] },
    'Supermarket Borma': { who: 2, trust: [3, 3], cooperation: [1, 1], frequency: [1, 1] },
    'Warung Ase': { who: 5, trust: [3, 3], cooperation: [1, 1], frequency: [1, 2] },
    'Kantin Bank BRI': { who: ['m01'], trust: [3, 3], cooperation: [1, 1], frequency: [1, 1] },
    'Ibu Sumi': { who: 9, trust: [4, 5], cooperation: [3, 3], frequency: [2, 3], resources: 'pelatihan' },
    'Ibu Neni': { who: 8, trust: [4, 5], cooperation: [3, 3], frequency: [2, 3], resources: 'pelatihan' },
    'Bapak Joni': { who: 6, trust: [4, 5], cooperation: [2, 3], frequency: [2, 2], resources: 'pelatihan' },
    'BLK Kota Bandung': { who: 'pengurus', trust: [3, 3], cooperation: [1, 1], frequency: [1, 1], resources: 'informasi' },
    'Karang Taruna': { who: 4, trust: [4, 5], cooperation: [3, 3], frequency: [2, 3], resources: 'permodalan;informasi' },
    'Baznas Kota Bandung': { who: ['m01'], trust: [4, 4], cooperation: [2, 2], frequency: [1, 1], resources: 'permodalan' },
    'Bank BRI': { who: ['m03', 'm06'], trust: [3, 3], cooperation: [1, 1], frequency: [1, 1] },
    'Koperasi Masjid': { who: ['m01', 'm08'], trust: [3, 4], cooperation: [1, 1], frequency: [1, 1] },
    'Dinas KUMKM Kota Bandung': {
      who: 'pengurus',
      trust: [4, 4],
      cooperation: [2, 2],
      frequency: [2, 2],
      resources: 'legalitas',
      formal: 'ya',
    },
    'Dinas Kesehatan Kota Bandung': { who: ['m01', 'm03'], trust: [4, 4], cooperation: [2, 2], frequency: [1, 2], resources: 'legalitas' },
    Puskesmas: { who: ['m01'], trust: [4, 4], cooperation: [1, 1], frequency: [1, 1], resources: 'legalitas' },
    'MUI Kota Bandung': { who: ['m01'], trust: [4, 4], cooperation: [1, 1], frequency: [1, 1], resources: 'legalitas' },
    'Ketua RW 08': { who: 7, trust: [4, 5], cooperation: [2, 3], frequency: [2, 3], resources: 'informasi' },
    'Kader PKK': { who: 5, trust: [4, 5], cooperation: [2, 2], frequency: [2, 3], resources: 'informasi' },
    'Kelurahan Karang Pamulang': { who: 'pengurus', trust: [4, 4], cooperation: [2, 2], frequency: [1, 2], resources: 'informasi' },
  },
  { per: [2, 4], trust: [4, 5], cooperation: [2, 4] },
  [
    ['Warung Susi', 'Euis Suryani', 4, 3, 3, 'pemasaran', 'ya'],
    ['Warung Ronal', 'Euis Suryani', 4, 3, 3, 'pemasaran', 'ya'],
    ['Warung Winarni', 'Nining Kurniasih', 4, 3, 3, 'pemasaran', 'ya'],
    ['Warung Ase', 'Euis Suryani', 3, 1, 1, '', 'tidak'],
    ['Karang Taruna', 'Euis Suryani', 4, 3, 2, 'permodalan', 'tidak'],
    ['Karang Taruna', 'Baznas Kota Bandung', 4, 2, 1, 'permodalan;informasi', 'tidak'],
  ],
);

function csv(rows: Row[]): string {
  const quote = (v: string | number) => (/[",;\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const header = 'respondent,actor,trust,cooperation,frequency,resources,formal';
  return `${[header, ...rows.map((r) => r.map(quote).join(','))].join('\n')}\n`;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
writeFileSync(here('./rounds/01-pra.csv'), csv(pre));
writeFileSync(here('./rounds/02-pasca.csv'), csv(post));
console.log(`pra: ${pre.length} ties, pasca: ${post.length} ties`);

// The same answers as the exports a facilitator downloads: data/sample-kobo (KoboToolbox CSV,
// XML names, groups in headers) and data/sample-google-forms (Google Forms grid CSV).
const roster = readFileSync(here('./actors.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(','));
const actors: ExportActor[] = roster.map(([id, name]) => ({ id: id!, name: name!, xml: xmlName(id!) }));
const idOf = new Map(actors.map((a) => [a.name, a.id]));
function submissions(rows: Row[], date: string): ExportSubmission[] {
  const respondents = [...new Set(rows.map((r) => r[0]))];
  return respondents.map((name, i) => ({
    respondent: idOf.get(name)!,
    time: `${date}T09:${String(i * 2).padStart(2, '0')}:00.000+07:00`,
    answers: rows
      .filter((r) => r[0] === name)
      .map((r) => ({
        to: idOf.get(r[1])!,
        trust: r[2],
        cooperation: r[3],
        frequency: r[4],
        resources: r[5] ? r[5].split(';') : [],
        formal: r[6] === 'ya',
      })),
  }));
}
for (const [folder, write] of [
  ['sample-kobo', koboXmlCsv],
  ['sample-google-forms', googleFormsCsv],
] as const) {
  mkdirSync(here(`../${folder}/exports`), { recursive: true });
  writeFileSync(here(`../${folder}/exports/01-pra.csv`), write(actors, submissions(pre, '2019-03-16')));
  writeFileSync(here(`../${folder}/exports/02-pasca.csv`), write(actors, submissions(post, '2019-11-23')));
}
