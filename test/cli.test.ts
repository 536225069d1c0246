/**
 * The front door as a user meets it: `jejaring <command> …` in-process through `main` (what the
 * bin runs), and as a process through `node bin/jejaring.mjs` where the process matters (paths
 * typed from another folder, npm's INIT_CWD, exit codes, signals).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../pipeline/cli/commands.ts';
import { main } from '../pipeline/cli/main.ts';
import { OPTIONS } from '../pipeline/cli/options.ts';
import { fixture, tempDir } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'jejaring.mjs');

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** Run `jejaring …` in-process; returns exit code, stdout and stderr. */
async function jejaring(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}) {
  const out = sink();
  const err = sink();
  const code = await main(args, { stdout: out.stream, stderr: err.stream, env: { SOURCE_DATE_EPOCH: '1700000000', ...env }, cwd });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('help and version', () => {
  it('--version prints the package version on stdout', async () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(await jejaring(['--version'])).toEqual({ code: 0, stdout: `jejaring ${version}\n`, stderr: '' });
  });
  it.each(COMMANDS.map((c) => c.name))('%s --help lists every option it takes, with its default, on stdout', async (name) => {
    const { code, stdout, stderr } = await jejaring([name, '--help']);
    expect([code, stderr]).toEqual([0, '']);
    const command = COMMANDS.find((c) => c.name === name)!;
    for (const option of command.options) expect(stdout).toContain(`--${option}`);
    for (const option of command.options) {
      const def: { type: string; default?: unknown } = OPTIONS[option];
      if (def.type === 'string' && def.default !== undefined) expect(stdout).toContain(`(bawaan: ${String(def.default)})`);
    }
    expect(stdout).toContain('Kode keluar: 0 selesai');
    expect(stdout.split('\n').every((l) => l.length <= 80)).toBe(true);
  });
  it('shows a case folder in the usage line only for commands that take one', async () => {
    for (const command of COMMANDS) {
      const { stdout } = await jejaring([command.name, '--help']);
      expect(stdout.includes('[folder-kasus]'), command.name).toBe(command.takesCase);
      expect(stdout.includes('folder-kasus  '), command.name).toBe(command.takesCase);
    }
    expect((await jejaring(['studio', '--help'])).stdout.split('\n')[0]).toBe('Pemakaian: jejaring studio [opsi]');
    expect((await jejaring(['studio', '--help', '--lang', 'en'])).stdout.split('\n')[0]).toBe('Usage: jejaring studio [options]');
  });
  it('speaks the chosen language, whatever its case', async () => {
    const { stdout } = await jejaring(['report', '--help', '--lang', 'EN']);
    expect(stdout).toContain('Usage: jejaring report [case-folder] [options]');
    expect(stdout).toContain('(default: kelurahan)');
    expect(stdout).not.toContain('bawaan');
  });
});

describe('usage errors: one line, a suggestion, exit 2', () => {
  it.each([
    [['report', '--outt', 'x'], 'opsi tidak dikenal: --outt; mungkin maksudnya --out? [USAGE_UNKNOWN_OPTION]'],
    [['reprot'], 'perintah tidak dikenal: "reprot"'],
    [['report', '--lang', 'jv'], '--lang jv: nilai tidak dikenal (boleh: id, en) [USAGE_VALUE]'],
    [['report', '--audience', 'dinass'], '; mungkin maksudnya dinas? [USAGE_VALUE]'],
    [['report', '--out'], '--out perlu nilai DIR [USAGE_MISSING_VALUE]'],
    [['report', 'a', 'b'], 'terlalu banyak folder (b)'],
    [['studio', 'data'], 'studio tidak menerima folder kasus (data); pilih folder kerja dengan --workspace DIR [USAGE_NO_CASE]'],
    [['report', 'package.json'], 'package.json adalah berkas, bukan folder kasus'],
    [['report', 'tidak-ada'], `folder kasus tidak ditemukan: ${join(ROOT, 'tidak-ada')} [CASE_MISSING]`],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await jejaring(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(2); // the error and where to find help
    expect(stderr).not.toMatch(/\n\s+at |Error:/);
  });
  it('a mistyped subcommand gets the closest command', async () => {
    expect((await jejaring(['reprot'])).stderr).toContain('mungkin maksudnya report?');
  });
});

describe('paths, results and progress', () => {
  it('check prints its summary on stdout and its progress on stderr', async () => {
    const { code, stdout } = await jejaring(['check', fixture('tiny')]);
    expect(code).toBe(0);
    expect(stdout).toContain('Pemeriksaan data: tiny');
  });
  it('a relative case path typed in a sub-folder, also through npm (INIT_CWD), is read from that sub-folder', async () => {
    const home = tempDir();
    cpSync(fixture('tiny'), join(home, 'kasus', 'kube'), { recursive: true });
    mkdirSync(join(home, 'kasus', 'kerja'));
    const typedIn = join(home, 'kasus', 'kerja');
    // npm runs the script from the project folder and says where it was started in INIT_CWD
    const viaNpm = await jejaring(['report', '../kube', '--no-pdf', '--out', 'hasil'], ROOT, { INIT_CWD: typedIn });
    expect(viaNpm.stderr).not.toMatch(/\[[A-Z_]+\]/);
    expect(viaNpm.code).toBe(0);
    expect(viaNpm.stdout).toBe('Selesai: hasil/kube/report.html\n');
    expect(existsSync(join(typedIn, 'hasil', 'kube', 'report.html'))).toBe(true);
    // and straight from the sub-folder, as a process
    const direct = spawnSync(process.execPath, [BIN, 'check', '../kube'], {
      cwd: typedIn,
      encoding: 'utf8',
      env: { ...process.env, INIT_CWD: '' },
    });
    expect([direct.status, direct.stdout]).toEqual([0, expect.stringContaining('Pemeriksaan data: kube')]);
  });
  it('the stage commands honour --audience: a shared edition up to ingest writes no file of answers', async () => {
    const out = tempDir();
    const { code } = await jejaring(['ingest', fixture('tiny'), '--out', out, '--audience', 'dinas'], ROOT, { JEJARING_SECRET: 'uji' });
    expect(code).toBe(0);
    expect(readdirSync(join(out, 'tiny'))).toEqual(['data-quality.csv']);
    const internal = await jejaring(['ingest', fixture('tiny'), '--out', out, '--audience', 'internal']);
    expect(internal.code).toBe(0);
    expect(readdirSync(join(out, 'tiny')).sort()).toEqual(['data-quality.csv', 'responses.json']);
  });
  it('run --until metrics stops after the metrics stage', async () => {
    const out = tempDir();
    const { code, stderr } = await jejaring(['run', fixture('tiny'), '--until', 'metrics', '--out', out, '--audience', 'internal']);
    expect(code).toBe(0);
    expect(stderr).toContain('[3/3]');
    expect(readdirSync(join(out, 'tiny')).sort()).toEqual([
      'data-quality.csv',
      'metrics.json',
      'network.json',
      'responses.json',
      'rounds',
      'tables',
      'tables.xlsx',
    ]);
  });
});

describe('the installed command', () => {
  it('runs from the bundle and answers --version as a process', () => {
    const out = execFileSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(out).toMatch(/^jejaring \d+\.\d+\.\d+\n$/);
  });
  it('loads the packages left outside its bundle, with and without the code cache, and keeps a cache V8 accepted', () => {
    // a copy of the installed command of its own, so that no other run writes its cache meanwhile
    const home = tempDir();
    for (const part of ['bin', 'scripts', 'dist', 'pipeline', 'templates', 'package.json', 'package-lock.json'])
      cpSync(join(ROOT, part), join(home, part), { recursive: true, preserveTimestamps: true });
    symlinkSync(join(ROOT, 'node_modules'), join(home, 'node_modules'));
    const cache = join(home, 'dist', 'jejaring.cache');
    rmSync(cache, { force: true });
    const saved = () => {
      const s = statSync(cache);
      return `${s.ino}:${s.mtimeMs}`;
    };
    // the first run compiles and saves the cache at exit; the second starts from it and, as V8
    // accepts it, leaves it as it is (a rejected cache would be saved anew)
    const stamps: string[] = [];
    for (const run of ['first', 'second']) {
      const out = tempDir();
      // exceljs, required when the XLSForm is written, is one of the packages left outside
      const r = spawnSync(
        process.execPath,
        [join(home, 'bin', 'jejaring.mjs'), 'questionnaire', fixture('tiny'), '--out', out, '--no-pdf'],
        {
          encoding: 'utf8',
        },
      );
      expect(r.status, `${run} run: ${r.stderr}`).toBe(0);
      expect(readdirSync(join(out, 'tiny-questionnaire'))).toContain('jejaring_tiny.xlsx');
      stamps.push(saved());
    }
    expect(stamps[1]).toBe(stamps[0]);
  });
  it('exits 1 on bad input with one line naming the file', () => {
    const dir = join(tempDir(), 'rusak');
    cpSync(fixture('tiny'), dir, { recursive: true });
    const result = spawnSync(process.execPath, [BIN, 'check', dir], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const missing = spawnSync(process.execPath, [BIN, 'report', join(dir, 'rounds')], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/\[(NO_ROUNDS|COLUMN_MISSING)\]\n/);
  });
});
