/**
 * The dinas view over a folder of eight groups (test/dinas-folder.ts): the right flags and verdicts
 * per group in groups.csv and in the PDF, honest matching of outside actors, no respondent's name in
 * a shared edition, and the programme-level tests on known answers.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { canConclude, MIN_GROUPS, programmeEvidence } from '../pipeline/evidence/programme.ts';
import { translator } from '../pipeline/i18n.ts';
import type { Digest } from '../pipeline/model/combined.ts';
import type { FigureChange } from '../pipeline/model/metrics.ts';
import { run } from '../pipeline/run.ts';
import { writeDinasFolder } from './dinas-folder.ts';
import { filesUnder, runOptions, sampleHiddenRespondents, tempDir, withSecret } from './helpers.ts';

const table = (file: string) => Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;

/** Names and aliases of the sample's respondents who did not agree to be named (all members, here). */
const respondentNames = () => sampleHiddenRespondents().flatMap(({ name, aliases }) => [name, ...aliases]);

async function build(audience: 'kelurahan' | 'dinas', pdf: boolean, shared?: string, prepare: (root: string) => void = () => {}) {
  const root = tempDir();
  writeDinasFolder(root);
  prepare(root);
  if (shared) writeFileSync(join(root, 'shared-actors.csv'), shared);
  const out = await withSecret('uji-rahasia', () => run(runOptions(root, { pdf, audience }), translator('id')));
  return join(out, '_gabungan');
}

describe('the dinas view of eight groups (kelurahan edition, with PDF)', async () => {
  const dir = await build('kelurahan', true);
  const groups = table(join(dir, 'groups.csv'));
  const row = (c: string) => groups.find((g) => g.case === c)!;
  const verdicts = (c: string) => [row(c).known_verdict, row(c).trust_verdict, row(c).cooperation_verdict];

  it('writes the report, the PDF and the tables, and no groups map', () => {
    expect(readdirSync(dir).sort()).toEqual([
      'groups.csv',
      'outside-actor-groups.csv',
      'outside-actors.csv',
      'report.html',
      'report.pdf',
      'resource-systems.csv',
    ]);
  });
  it('answers "did the programme change anything" on its first page, in the programme table\'s words', () => {
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const lead = /<p>(Semua kelompok bersama, menurut uji tingkat program[^<]*)<\/p>/.exec(html)![1]!;
    // seven groups with two rounds, but only 5 (known, trust) and 4 (cooperation) changed: 2/2^5 > 0.05
    expect(lead).toContain('Pihak luar yang dikenal anggota — tidak dapat disimpulkan: hanya 5 kelompok berubah');
    expect(lead).toContain('Pihak luar yang bekerja sama — tidak dapat disimpulkan: hanya 4 kelompok berubah');
    expect(html.indexOf(lead)).toBeLessThan(html.indexOf('<table'));
  });
  it('puts the groups that need support first, for the reasons each has', () => {
    expect(groups.map((g) => [g.case, g.needs])).toEqual([
      ['03-percaya-turun', 'down'],
      ['08-mou-lepas', 'relapse'],
      ['02-tanpa-mitra', 'no-partner'],
      ['05-sebagian', 'low-response'],
      ['04-awal', 'baseline-only'],
      ['06-tetap', ''],
      ['01-sampel', ''],
      ['07-cimahi', ''],
    ]);
  });
  it.each([
    ['01-sampel', '2', '10', ['up', 'up', 'up']],
    ['02-tanpa-mitra', '2', '10', ['up', 'up', 'same']],
    ['03-percaya-turun', '2', '10', ['up', 'down', 'up']],
    ['04-awal', '1', '', ['', '', '']],
    ['05-sebagian', '2', '4', ['', '', '']],
    ['06-tetap', '2', '10', ['same', 'same', 'same']],
    ['07-cimahi', '2', '10', ['up', 'up', 'up']],
    ['08-mou-lepas', '3', '10', ['same', 'same', 'same']],
  ])('%s: %s rounds, panel %s, the group’s own verdicts %j', (c, rounds, panel, expected) => {
    expect(row(c).rounds).toBe(rounds);
    expect(row(c).panel).toBe(panel);
    expect(verdicts(c)).toEqual(expected);
  });
  it('carries the changes first › last on the panel and the steps of the plan', () => {
    expect(row('01-sampel')).toMatchObject({
      known_from: '8',
      known_to: '24',
      cooperation_from: '2',
      cooperation_to: '15',
      trust_from: '3.48',
    });
    expect(row('01-sampel')).toMatchObject({ cooperation_targets_reached: '10', cooperation_targets: '11', targets: '15' });
    expect(row('03-percaya-turun')).toMatchObject({ trust_from: '3.48', trust_to: '1', targets: '' });
    expect(row('02-tanpa-mitra')).toMatchObject({ cooperation_from: '0', cooperation_to: '0', cooperation_targets_reached: '0' });
    expect(row('04-awal')).toMatchObject({ known_from: '8', known_to: '', baseline_only: 'true' });
    expect(row('05-sebagian')).toMatchObject({ members: '10', answered_last: '4', low_response: 'true' });
    expect(row('08-mou-lepas')).toMatchObject({ relapse: 'known;trust;cooperation', last_round: 'Tindak lanjut satu tahun' });
    expect(row('07-cimahi')).toMatchObject({ kota: 'Kota Cimahi', report: '../07-cimahi/report.pdf' });
  });
  it('matches outside actors by name only within one kelurahan and kota', () => {
    const actors = table(join(dir, 'outside-actors.csv'));
    const susi = actors.filter((a) => a.name === 'Warung Susi');
    expect(susi.map((a) => [a.kota, a.groups])).toEqual([
      ['Kota Bandung', '7'],
      ['Kota Cimahi', '1'],
    ]);
    // named respondents (privacy.named) keep their names in the shared edition, with the cooperation of each group
    expect(actors.find((a) => a.name === 'Karang Taruna' && a.kota === 'Kota Bandung')).toMatchObject({ groups: '7', cooperating: '3' });
  });
  it('lists each actor with each group that knows it, one row a pair, adding up to the actor counts', () => {
    const actors = table(join(dir, 'outside-actors.csv'));
    const pairs = table(join(dir, 'outside-actor-groups.csv'));
    const cases = new Set(groups.map((g) => g.case));
    expect(pairs.every((p) => cases.has(p.case) && p.group === row(p.case!).group)).toBe(true);
    for (const a of actors) {
      const own = pairs.filter((p) => p.actor === a.actor);
      expect(
        own.every((p) => p.name === a.name && p.id === a.id),
        a.actor,
      ).toBe(true);
      expect([String(own.length), String(own.filter((p) => p.cooperating === 'true').length)], a.actor).toEqual([a.groups, a.cooperating]);
    }
    expect(pairs.length).toBeGreaterThan(actors.length); // some actors are known by several groups
  });
  it('the PDF holds the rows, their verdicts and flags, the edition and the date of the data', () => {
    const text = execFileSync('pdftotext', [join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const group of [
      'KUBE Percaya Turun',
      'KUBE MoU Lepas',
      'KUBE Tanpa Mitra',
      'KUBE Sebagian Menjawab',
      'KUBE Baru Mulai',
      'KUBE Tetap',
    ]) {
      expect(text).toContain(group);
    }
    expect(text).toContain('Edisi kelurahan');
    expect(text).toContain('Data sampai 21 November 2020');
    expect(text).toContain('3,48 › 1,00 turun');
    expect(text).toContain('kemajuan tidak bertahan (pemetaan, kepercayaan, dan kerja sama)');
    expect(text).toContain('baru survei awal');
    expect(text).toContain('ukuran primer turun (kepercayaan)');
    expect(text).toContain('4 anggota di panel, terlalu sedikit untuk diuji');
    expect(text).toContain('belum ada pihak luar yang diajak bekerja sama');
    expect(text).toContain('Dikenal banyak kelompok, belum bekerja sama dengan satu pun');
    expect(text).toContain('Catatan metode');
  });
  it('no respondent name reaches any file of the combined view', () => {
    const names = respondentNames();
    expect(names).toContain('Euis Suryani');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const pdfText = execFileSync('pdftotext', [join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    for (const [file, text] of [
      ...filesUnder(dir)
        .filter((f) => !f.endsWith('.pdf'))
        .map((f) => [f, readFileSync(f, 'utf8')]),
      ['report.pdf', pdfText],
    ]) {
      for (const n of names) expect(text!.includes(n), `${n} in ${file}`).toBe(false);
    }
    expect(html).toContain('href="../03-percaya-turun/report.pdf"');
  });
});

describe('the dinas edition with a shared actors file', async () => {
  // one group did not get Warung Ase's consent to be named: its edition codes it
  // and two groups are comparison groups, without the intervention
  const prepare = (root: string) => {
    const path = join(root, '01-sampel', 'case.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('Warung Ase, ', ''));
    for (const c of ['06-tetap', '07-cimahi'])
      writeFileSync(join(root, c, 'case.yaml'), `${readFileSync(join(root, c, 'case.yaml'), 'utf8')}analysis:\n  comparison: true\n`);
  };
  const shared = 'id,actor,kelurahan,kota,aliases\nblk,BLK Kota Bandung,,,BLK\n=cmd,Puskesmas,Cibabat,Kota Cimahi,\n';
  const dir = await build('dinas', false, shared, prepare);
  const again = await build('dinas', false, shared, prepare);
  const actors = table(join(dir, 'outside-actors.csv'));
  it('shows an actor that one group codes by its resource system only, for every group', () => {
    // the Warung Ase of Cimahi is another actor, named by its own group
    expect(actors.filter((a) => a.name === 'Warung Ase').map((a) => a.kota)).toEqual(['Kota Cimahi']);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).not.toContain('Warung Ase');
    const coded = actors.find((a) => a.name === 'Pemasaran: responden, nama disamarkan' && a.kota === 'Kota Bandung');
    expect(coded).toMatchObject({ category: 'pemasaran', groups: '7' });
  });
  it('matches an actor by its stable id across kota, and keeps the others apart', () => {
    const blk = actors.filter((a) => a.name === 'BLK Kota Bandung');
    expect(blk).toHaveLength(1);
    expect(blk[0]!.id).toBe('blk');
    const knowing = table(join(dir, 'outside-actor-groups.csv')).filter((p) => p.actor === blk[0]!.actor);
    expect(knowing.map((p) => p.case)).toContain('07-cimahi');
    expect(knowing.every((p) => p.id === 'blk' && p.name === 'BLK Kota Bandung')).toBe(true);
    expect(actors.filter((a) => a.name === 'Puskesmas').map((a) => a.kota)).toEqual(['Kota Bandung', 'Kota Cimahi']);
  });
  it('marks the comparison groups and compares the two sets', () => {
    const groups = table(join(dir, 'groups.csv'));
    expect(groups.filter((g) => g.comparison === 'true').map((g) => g.case)).toEqual(['06-tetap', '07-cimahi']);
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(page).toContain('Kelompok intervensi dibanding kelompok pembanding');
    expect(page).toContain('5 intervensi, 2 pembanding');
  });
  it('is the same bytes when built again', () => {
    for (const f of readdirSync(dir)) expect(readFileSync(join(again, f)).equals(readFileSync(join(dir, f))), f).toBe(true);
  });
  it('neutralises a formula in an id from the folder', () => {
    expect(readFileSync(join(dir, 'outside-actors.csv'), 'utf8')).toContain("'=cmd");
  });
  it('names no respondent', () => {
    for (const f of filesUnder(dir))
      for (const n of respondentNames()) expect(readFileSync(f, 'utf8').includes(n), `${n} in ${f}`).toBe(false);
  });
});

/** A digest with only what the programme tests read: the groups' changes and own verdicts. */
function digestOf(name: string, change: number, options: { comparison?: boolean; verdict?: 'up' | 'down' | 'same' } = {}): Digest {
  const fc = (c: number) => ({ change: c, before: 0, after: c, verdict: options.verdict ?? 'same' }) as FigureChange;
  return {
    case: name,
    comparison: options.comparison ?? false,
    trustScale: 5,
    rounds: [{}, {}],
    figures: (['known', 'trust', 'cooperation'] as const).map((figure) => ({ figure, change: fc(change), latest: change })),
  } as unknown as Digest;
}

describe('programme-level evidence (known answers)', () => {
  it('eight groups that all rose: exact sign-flip p = 2/256, Holm over three figures 6/256, up', () => {
    const e = programmeEvidence(
      [1, 2, 3, 4, 5, 6, 7, 8].map((d) => digestOf(`g${d}`, d, { verdict: d > 4 ? 'up' : 'same' })),
      ['known', 'trust', 'cooperation'],
    );
    expect(e.tests).toBe(3);
    for (const t of e.pooled) {
      expect(t).toMatchObject({ groups: 8, estimate: 4.5, method: 'exact', status: 'tested', verdict: 'up', improved: 4, testedGroups: 8 });
      expect(t.p).toBeCloseTo(2 / 256, 12);
      expect(t.adjustedP).toBeCloseTo(6 / 256, 12);
      expect(t.interval!.low).toBeGreaterThan(0);
      expect(t.interval!.high).toBeLessThanOrEqual(8);
    }
  });
  it('five groups that moved can never reach α = 0.05 (p ≥ 2/2^5): no conclusion possible, not "did not change"; six can', () => {
    // seven groups, two of them unchanged, every other one up: the smallest p the test can give, 2/32
    const five = programmeEvidence(
      [0, 0, 1, 2, 3, 4, 5].map((d, i) => digestOf(`g${i}`, d, { verdict: d > 3 ? 'up' : d === 1 ? 'down' : 'same' })),
      ['known'],
    );
    expect(five.pooled[0]).toMatchObject({ moved: 5, verdict: 'same', improved: 2, declined: 1, testedGroups: 7 });
    expect(five.pooled[0]!.p).toBeCloseTo(2 / 32, 12);
    expect(canConclude(five.pooled[0]!)).toBe(false);
    const six = programmeEvidence(
      [0, 1, 2, 3, 4, 5, 6].map((d, i) => digestOf(`g${i}`, d)),
      ['known'],
    );
    expect(six.pooled[0]).toMatchObject({ moved: 6, verdict: 'up' });
    expect(canConclude(six.pooled[0]!)).toBe(true);
    // both signs among six that moved: the test could have concluded, and did not
    const mixed = programmeEvidence(
      [-3, -1, 2, 4, -2, 1].map((d, i) => digestOf(`g${i}`, d)),
      ['known'],
    );
    expect(mixed.pooled[0]).toMatchObject({ moved: 6, verdict: 'same' });
    expect(canConclude(mixed.pooled[0]!)).toBe(true);
  });
  it('changes of both signs: not concluded; fewer than MIN_GROUPS: too few to test', () => {
    const mixed = programmeEvidence(
      [-3, -1, 2, 4, -2].map((d) => digestOf(`g${d}`, d)),
      ['trust'],
    );
    expect(mixed.pooled[0]).toMatchObject({ verdict: 'same', method: 'exact' });
    const few = programmeEvidence([digestOf('a', 5), digestOf('b', 6)], ['trust']);
    expect(MIN_GROUPS).toBe(3);
    expect(few.pooled[0]).toMatchObject({ status: 'too-few', p: null, verdict: null });
  });
  it('comparison groups leave the pooled change and are compared by permuting labels: p = 2/20 for the most extreme split of 3 + 3', () => {
    const e = programmeEvidence(
      [digestOf('a', 5), digestOf('b', 6), digestOf('c', 7), ...[0, 1, 2].map((d) => digestOf(`k${d}`, d, { comparison: true }))],
      ['trust'],
    );
    expect(e.pooled[0]).toMatchObject({ groups: 3, estimate: 6 });
    expect(e.difference[0]).toMatchObject({ groups: 6, comparisonGroups: 3, estimate: 5, method: 'exact' });
    expect(e.difference[0]!.p).toBeCloseTo(0.1, 12);
    expect(e.tests).toBe(2);
  });
});
