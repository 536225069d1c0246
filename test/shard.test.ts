/**
 * `report --shard K/N` and `merge`, as processes the way a batch engine runs them: a folder of
 * four groups built once whole, and once as shards 1/2 and 2/2 running at the same time into
 * another output folder, then merged. The combined view must be the same bytes; a missing shard,
 * shards of another edition and a bad `--shard` value are refused with one line.
 */
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { GROUPS, writeDinasFolder } from './dinas-folder.ts';
import { filesUnder, tempDir } from './helpers.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'jejaring.mjs');
const ENV = { ...process.env, JEJARING_SECRET: 'uji-rahasia', SOURCE_DATE_EPOCH: '1700000000', NO_COLOR: '1' };
const KEPT = ['01-sampel', '02-tanpa-mitra', '06-tetap', '07-cimahi'];

const jejaring = (args: string[]) => promisify(execFile)(process.execPath, [BIN, ...args], { env: ENV });
const jejaringSync = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: ENV, encoding: 'utf8' });

const files = (dir: string) =>
  filesUnder(dir)
    .map((f) => relative(dir, f))
    .sort();

/** Four groups of the dinas folder; one of them codes an outside actor (Warung Ase), and a shared actors file matches across kota. */
function folder(): string {
  const root = tempDir();
  writeDinasFolder(root);
  for (const g of GROUPS) if (!KEPT.includes(g)) rmSync(join(root, g), { recursive: true });
  const yaml = join(root, '01-sampel', 'case.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('Warung Ase, ', ''));
  writeFileSync(join(root, 'shared-actors.csv'), 'id,actor,kelurahan,kota,aliases\nblk,BLK Kota Bandung,,,BLK\n');
  return root;
}

describe('a folder in two shards run at once, then merged', async () => {
  const root = folder();
  const whole = tempDir();
  const parts = tempDir();
  const build = ['--audience', 'dinas', '--no-pdf'];
  await jejaring(['report', root, ...build, '--out', whole]);
  const shards = await Promise.all([1, 2].map((k) => jejaring(['report', root, ...build, '--shard', `${k}/2`, '--out', parts])));
  const merged = await jejaring(['merge', root, ...build, '--out', parts]);

  it('each shard builds its share of the cases, in case order, and no combined view', () => {
    expect(readdirSync(parts).sort()).toEqual(['01-sampel', '02-tanpa-mitra', '06-tetap', '07-cimahi', '_gabungan', '_shards']);
    expect(readdirSync(join(parts, '_shards')).sort()).toEqual(['1-of-2.json', '2-of-2.json']);
    const share = (k: number) =>
      (JSON.parse(readFileSync(join(parts, '_shards', `${k}-of-2.json`), 'utf8')) as { digests: { case: string }[] }).digests;
    expect(share(1).map((d) => d.case)).toEqual(['01-sampel', '06-tetap']);
    expect(share(2).map((d) => d.case)).toEqual(['02-tanpa-mitra', '07-cimahi']);
    expect(shards.map((s) => s.stdout.trim().split('\n').at(-1))).toEqual([
      `Bagian ditulis: ${join(parts, '_shards', '1-of-2.json')}`,
      `Bagian ditulis: ${join(parts, '_shards', '2-of-2.json')}`,
    ]);
    expect(merged.stdout).toBe(`Selesai: ${join(parts, '_gabungan', 'report.html')}\n`);
  });
  it('merges into a combined view identical, file for file, to the single run', () => {
    const names = files(join(whole, '_gabungan'));
    expect(names).toEqual(['groups.csv', 'outside-actor-groups.csv', 'outside-actors.csv', 'report.html', 'resource-systems.csv']);
    expect(files(join(parts, '_gabungan'))).toEqual(names);
    for (const f of names) {
      expect(readFileSync(join(parts, '_gabungan', f)).equals(readFileSync(join(whole, '_gabungan', f))), f).toBe(true);
    }
    // the shared actors file matched BLK across kota, so the view does depend on keys from both shards
    const pairs = readFileSync(join(parts, '_gabungan', 'outside-actor-groups.csv'), 'utf8');
    expect(pairs).toMatch(/^\d+,blk,BLK Kota Bandung,01-sampel,/m);
    expect(pairs).toMatch(/^\d+,blk,BLK Kota Bandung,07-cimahi,/m);
  });
  it('writes no name the edition codes into a shard file: the match keys are written as keyed hashes', () => {
    expect(readFileSync(join(whole, '01-sampel', 'report.html'), 'utf8')).not.toContain('Warung Ase');
    type Share = { digests: { case: string; actors: { key: string }[] }[] };
    const share = (k: number) => JSON.parse(readFileSync(join(parts, '_shards', `${k}-of-2.json`), 'utf8')) as Share;
    const coding = share(1).digests.find((d) => d.case === '01-sampel')!;
    expect(JSON.stringify(coding).toLowerCase()).not.toContain('warung ase');
    const keys = [1, 2].flatMap((k) => share(k).digests.flatMap((d) => d.actors.map((a) => a.key)));
    expect(keys.length).toBeGreaterThan(20);
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
  });
  it('refuses a missing shard, naming it, and builds nothing', () => {
    const out = tempDir();
    mkdirSync(join(out, '_shards'));
    cpSync(join(parts, '_shards', '1-of-2.json'), join(out, '_shards', '1-of-2.json'));
    const r = jejaringSync(['merge', root, ...build, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('bagian yang belum ada: 2-of-2.json (dari 2 bagian');
    expect(r.stderr).toContain('[SHARDS_MISSING]');
    expect(existsSync(join(out, '_gabungan'))).toBe(false);
  });
  it('refuses shards of another edition or of other cases', () => {
    const other = jejaringSync(['merge', root, '--audience', 'kelurahan', '--no-pdf', '--out', parts]);
    expect([other.status, other.stderr.trim().split('\n').length]).toEqual([1, 1]);
    expect(other.stderr).toContain('bagian ini dijalankan dengan --audience dinas, merge diminta kelurahan');
    const moved = tempDir();
    cpSync(root, moved, { recursive: true });
    rmSync(join(moved, '06-tetap'), { recursive: true });
    const fewer = jejaringSync(['merge', moved, ...build, '--out', parts, '--lang', 'en']);
    expect(fewer.status).toBe(1);
    expect(fewer.stderr).toContain('this shard was run on 4 cases, the folder now holds 3 (differing from "06-tetap")');
  });
});

describe('--shard takes K/N with 1 ≤ K ≤ N', () => {
  it.each(['0/2', '3/2', '2', '1/0', 'a/b', '1/2/3'])('%s is a usage error (exit 2)', (value) => {
    const r = jejaringSync(['report', 'data', '--shard', value, '--out', tempDir()]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(`--shard ${value}: harus K/N, dengan 1 ≤ K ≤ N (misalnya --shard 2/4) [USAGE_SHARD]`);
  });
  it('on a single case is refused: a shard is a share of a folder of cases', () => {
    const r = jejaringSync(['report', 'data/sample', '--shard', '1/2', '--no-pdf', '--out', tempDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--shard perlu folder berisi kasus, bukan satu kasus');
  });
});

describe('with PDFs, a merged combined view is the same PDF as a single run', async () => {
  const root = folder();
  const whole = tempDir();
  const parts = tempDir();
  await jejaring(['report', root, '--audience', 'dinas', '--out', whole]);
  await Promise.all([1, 2].map((k) => jejaring(['report', root, '--audience', 'dinas', '--shard', `${k}/2`, '--out', parts])));
  await jejaring(['merge', root, '--audience', 'dinas', '--out', parts]);
  it.each(['report.pdf', 'report.html', 'groups.csv'])('%s', (f) => {
    const made = readFileSync(join(parts, '_gabungan', f));
    expect(made.equals(readFileSync(join(whole, '_gabungan', f)))).toBe(true);
    // each group's row links to its own PDF
    if (f === 'report.html') expect(made.toString()).toContain('href="../01-sampel/report.pdf"');
  });
});
