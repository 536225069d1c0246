/**
 * A folder of eight groups for the dinas view, each an edited copy of the sample (data/sample):
 * the kinds of group a dinas evaluator meets, each with the flags and verdicts it must get.
 *
 *   01-sampel        the sample as it is: known, trust and cooperation up
 *   02-tanpa-mitra   every member reports at most komunikasi (1) and no MoU: no partner reached
 *   03-percaya-turun round 2 rates every outside actor 1 (and no plan, so the test is two-sided)
 *   04-awal          the baseline round only
 *   05-sebagian      4 of the 10 members answered round 2
 *   06-tetap         round 2 is round 1 again: no change
 *   07-cimahi        the sample in another kota (Cimahi): partners of the same names, other actors
 *   08-mou-lepas     a third round equal to the baseline: the MoUs and partners of round 2 lapsed
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE } from './helpers.ts';

export const GROUPS = [
  '01-sampel',
  '02-tanpa-mitra',
  '03-percaya-turun',
  '04-awal',
  '05-sebagian',
  '06-tetap',
  '07-cimahi',
  '08-mou-lepas',
] as const;

const members = new Set(
  readFileSync(join(SAMPLE, 'actors.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((r) => r[3] === 'internal')
    .map((r) => r[1]!),
);

/** Rewrite each data row of a round file (respondent,actor,trust,cooperation,frequency,resources,formal). */
function editRound(file: string, edit: (row: string[]) => string[] | null): void {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const kept = rows.map((l) => edit(l.split(','))).filter((r): r is string[] => r !== null);
  writeFileSync(file, `${[head, ...kept.map((r) => r.join(','))].join('\n')}\n`);
}

const outsideTie = (row: string[]) => members.has(row[0]!) && !members.has(row[1]!);

function renameGroup(dir: string, group: string, extra: (yaml: string) => string = (y) => y): void {
  const path = join(dir, 'case.yaml');
  writeFileSync(path, extra(readFileSync(path, 'utf8').replace('group: KUBE Dahlia Berkarya', `group: ${group}`)));
}

/** Writes the eight groups into `root` (one folder each). */
export function writeDinasFolder(root: string): void {
  const copy = (name: string) => {
    const dir = join(root, name);
    cpSync(SAMPLE, dir, { recursive: true });
    rmSync(join(dir, 'generate.ts'), { force: true });
    return dir;
  };
  copy('01-sampel');

  const noPartner = copy('02-tanpa-mitra');
  renameGroup(noPartner, 'KUBE Tanpa Mitra');
  for (const f of ['01-pra.csv', '02-pasca.csv']) {
    editRound(join(noPartner, 'rounds', f), (r) => {
      if (!members.has(r[0]!) || members.has(r[1]!)) return r;
      return [r[0]!, r[1]!, r[2]!, r[3] === '' ? '' : String(Math.min(1, Number(r[3]))), r[4]!, r[5]!, 'tidak'];
    });
  }

  const trustFell = copy('03-percaya-turun');
  renameGroup(trustFell, 'KUBE Percaya Turun');
  rmSync(join(trustFell, 'plan.yaml'));
  editRound(join(trustFell, 'rounds', '02-pasca.csv'), (r) => (outsideTie(r) && r[2] !== '' ? [r[0]!, r[1]!, '1', ...r.slice(3)] : r));

  const baseline = copy('04-awal');
  renameGroup(baseline, 'KUBE Baru Mulai', (y) =>
    y.replace(/ {2}- id: pasca\n(?: {4}.*\n)+/, '').replace('rounds/02-pasca.csv', 'rounds/01-pra.csv'),
  );
  rmSync(join(baseline, 'rounds', '02-pasca.csv'));
  const plan = join(baseline, 'plan.yaml');
  writeFileSync(plan, readFileSync(plan, 'utf8').replace(/\noutcomes:\n[\s\S]*$/, '\n'));

  const partial = copy('05-sebagian');
  renameGroup(partial, 'KUBE Sebagian Menjawab');
  const answering = new Set(['Euis Suryani', 'Nining Kurniasih', 'Yati Rohayati', 'Ai Nurhayati']);
  editRound(join(partial, 'rounds', '02-pasca.csv'), (r) => (members.has(r[0]!) && !answering.has(r[0]!) ? null : r));

  const same = copy('06-tetap');
  renameGroup(same, 'KUBE Tetap');
  cpSync(join(same, 'rounds', '01-pra.csv'), join(same, 'rounds', '02-pasca.csv'));

  const cimahi = copy('07-cimahi');
  renameGroup(cimahi, 'KUBE Melati Cimahi', (y) =>
    y
      .replace('kelurahan: Karang Pamulang', 'kelurahan: Cibabat')
      .replace('kecamatan: Mandalajati', 'kecamatan: Cimahi Utara')
      .replace('kota: Kota Bandung', 'kota: Kota Cimahi'),
  );

  const lapsed = copy('08-mou-lepas');
  renameGroup(lapsed, 'KUBE MoU Lepas', (y) =>
    y.replace(
      '    file: rounds/02-pasca.csv\n',
      [
        '    file: rounds/02-pasca.csv',
        '  - id: lanjutan',
        '    label: Tindak lanjut satu tahun',
        '    date: 2020-11-21',
        '    file: rounds/03-lanjutan.csv',
        '',
      ].join('\n'),
    ),
  );
  cpSync(join(lapsed, 'rounds', '01-pra.csv'), join(lapsed, 'rounds', '03-lanjutan.csv'));
}
