import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { translator } from '../pipeline/i18n.ts';
import { run } from '../pipeline/run.ts';
import { filesUnder, fixture, runOptions, SAMPLE, tempDir } from './helpers.ts';

const options = (positional: string, out: string) => runOptions(positional, { out });

describe('hostile names and cells', async () => {
  const dir = join(tempDir(), 'jahat');
  cpSync(fixture('tiny'), dir, { recursive: true });
  const names = {
    formula: '=HYPERLINK("http://contoh.invalid","klik")',
    plus: '+62 812 3456',
    at: '@SUM(A1)',
    quotes: 'Warung "Bu" O\'Neil, Jl. Merdeka; No. 5',
    emoji: 'Warung 😀🇮🇩',
    rtl: 'متجر \u202Eكبير',
    long: `Warung ${'x'.repeat(10_000)}`,
  };
  const roster = [
    'actor,type,category',
    'Ani,anggota,internal',
    'Budi,pengurus,internal',
    ...Object.values(names).map((n) => `"${n.replace(/"/g, '""')}",warung,pemasaran`),
  ].join('\n');
  writeFileSync(join(dir, 'actors.csv'), `${roster}\n`);
  const ties = [
    'respondent,actor,trust,cooperation',
    ...Object.values(names).map((n, i) => `${i % 2 ? 'Ani' : 'Budi'},"${n.replace(/"/g, '""')}",4,2`),
    `Ani,"${names.formula.replace(/"/g, '""')}X",4,2`,
  ].join('\n');
  writeFileSync(join(dir, 'rounds', 'r1.csv'), `${ties}\n`);
  const target = await run(options(dir, tempDir()), translator('id'));

  it('builds the report with every name, escaped', () => {
    const html = readFileSync(join(target, 'report.html'), 'utf8');
    expect(html).toContain('Warung &quot;Bu&quot; O&#x27;Neil, Jl. Merdeka; No. 5');
    expect(html).toContain('Warung 😀🇮🇩');
    expect(html).not.toContain('x'.repeat(10_001));
  });
  it('every CSV we write neutralises formula cells (= + - @)', () => {
    const csvs = filesUnder(target).filter((f) => f.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThanOrEqual(3);
    for (const f of csvs) {
      const rows = Papa.parse<string[]>(readFileSync(f, 'utf8'), { skipEmptyLines: true }).data;
      for (const row of rows) for (const cell of row) expect(/^[=+\-@]/.test(cell), `${f}: ${cell.slice(0, 40)}`).toBe(false);
    }
    const actors = readFileSync(join(target, 'tables/actors-r1.csv'), 'utf8');
    expect(actors).toContain(`"'=HYPERLINK(""http://contoh.invalid"",""klik"")"`);
  });
  it('the unknown formula-like name is logged, neutralised, in data-quality.csv', () => {
    const log = readFileSync(join(target, 'data-quality.csv'), 'utf8');
    expect(log).toContain('ACTOR_UNKNOWN');
    expect(log).toContain(`'=HYPERLINK`);
  });
});

/**
 * A CSS string token as a browser reads it (CSS Syntax 3, "consume a string token"): its value, or
 * null when an unescaped line feed, carriage return or form feed ends it as a bad string.
 */
function cssStringToken(css: string, start: number): { value: string; end: number } | null {
  let value = '';
  for (let i = start + 1; i < css.length; ) {
    const c = css[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c === '\n' || c === '\r' || c === '\f') return null;
    if (c === '\\') {
      const hex = /^[0-9a-fA-F]{1,6}[ \t\n]?/.exec(css.slice(i + 1, i + 8));
      if (hex) {
        value += String.fromCodePoint(Number.parseInt(hex[0].trim(), 16));
        i += 1 + hex[0].length;
      } else {
        value += css[i + 1] ?? '';
        i += 2;
      }
      continue;
    }
    value += c;
    i++;
  }
  return null;
}

describe('a group name that would end a CSS string (form feed, line ends, quotes, </style>)', async () => {
  const dir = join(tempDir(), 'kube');
  cpSync(fixture('tiny'), dir, { recursive: true });
  // YAML escapes: the name holds a real form feed, line feed, tab, NUL, BEL, quote and backslash
  writeFileSync(join(dir, 'case.yaml'), 'case:\n  group: "KUBE\\fMelati\\n\\t\\0\\a \\"Bu\\" \\\\ </style><b>x</b>"\n');
  const target = await run({ ...options(dir, tempDir()), pdf: true }, translator('id'));
  const html = readFileSync(join(target, 'report.html'), 'utf8');

  it('the running footer is one valid CSS string holding the whole name, and the style element is not closed early', () => {
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(style).toContain('@bottom-left{content:');
    const start = style.indexOf('@bottom-left{content:') + '@bottom-left{content:'.length;
    const token = cssStringToken(style, start);
    // white-space controls read as spaces, NUL dropped, BEL kept as an escape, everything else as written
    expect(token?.value).toBe('KUBE Melati  \u0007 "Bu" \\ </style><b>x</b> · Laporan jaringan sosial · Edisi internal');
    expect(style[token!.end]).toBe(';');
    expect(html.match(/<\/style>/g)).toHaveLength(html.match(/<style>/g)!.length);
  });
  it('the PDF shows the report body and the name in the footer', () => {
    const text = execFileSync('pdftotext', ['-layout', join(target, 'report.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('Laporan Evaluasi Jaringan Sosial');
    expect(text).toMatch(/Halaman 2 dari \d+/);
    expect(text).toContain('KUBE Melati');
    expect(text).toContain('"Bu" \\ </style><b>x</b>');
  });
});

describe('inputs are never modified; a failed or interrupted run leaves the last report', () => {
  const hashes = (dir: string) =>
    Object.fromEntries(
      filesUnder(dir)
        .filter((f) => !f.endsWith('.jejaring-secret'))
        .map((f) => [f.slice(dir.length), createHash('sha256').update(readFileSync(f)).digest('hex')]),
    );
  it('a full run leaves every input file byte for byte as it was', async () => {
    const dir = join(tempDir(), 'sample');
    cpSync(SAMPLE, dir, { recursive: true });
    const before = hashes(dir);
    await run({ ...options(dir, tempDir()), audience: 'kelurahan' }, translator('id'));
    expect(hashes(dir)).toEqual(before);
  });
  it('a crash in the PDF step leaves the previous report untouched', async () => {
    const out = tempDir();
    const target = await run(options(SAMPLE, out), translator('id'));
    const before = readFileSync(join(target, 'report.html'));
    // a "browser" that exits at once: launching it fails inside the PDF step
    await expect(run({ ...options(SAMPLE, out), pdf: true, browser: '/bin/false' }, translator('id'))).rejects.toMatchObject({
      code: 'PDF_FAILED',
      exitCode: 3,
    });
    expect(readFileSync(join(target, 'report.html')).equals(before)).toBe(true);
    expect(existsSync(join(target, 'report.pdf'))).toBe(false);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
  it('Ctrl-C during a run leaves the previous report untouched and no temp folder', async () => {
    const out = tempDir();
    const target = await run(options(SAMPLE, out), translator('id'));
    const before = readFileSync(join(target, 'report.html'));
    const child = spawn(process.execPath, ['bin/jejaring.mjs', 'report', SAMPLE, '--out', out, '--audience', 'internal'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && stderr.includes('[2/6]')) {
        sent = true;
        child.kill('SIGINT'); // interrupt mid-run, once
      }
    });
    // the process ends by the signal (the shell shows 130), or with 130 where the signal was ignored
    const ended = await new Promise<[number | null, string | null]>((resolve) =>
      child.on('close', (code, signal) => resolve([code, signal])),
    );
    expect(ended[1] === 'SIGINT' || ended[0] === 130, `${ended.join(' ')}: ${stderr}`).toBe(true);
    expect(stderr).not.toContain('[4/6]'); // stopped at the next stage, not at the end
    expect(readFileSync(join(target, 'report.html')).equals(before)).toBe(true);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(existsSync(join(target, 'report.html'))).toBe(true);
  });
});

describe('--out never replaces a case folder', () => {
  const hashes = (dir: string) =>
    Object.fromEntries(filesUnder(dir).map((f) => [f.slice(dir.length), createHash('sha256').update(readFileSync(f)).digest('hex')]));
  it.each([
    ['the folder that holds the case (target = the case itself)', (root: string) => root],
    ['a folder inside the case', (root: string) => join(root, 'kube', 'out')],
    ['the case folder itself (target inside it)', (root: string) => join(root, 'kube')],
  ])('refuses %s, exit 2, and the case is left byte for byte', async (_label, out) => {
    const root = tempDir();
    const dir = join(root, 'kube');
    cpSync(fixture('tiny'), dir, { recursive: true });
    writeFileSync(join(dir, '.jejaring-secret'), 'rahasia\n');
    const before = hashes(dir);
    await expect(run({ ...options(dir, out(root)), audience: 'kelurahan' }, translator('id'))).rejects.toMatchObject({
      code: 'OUT_OVERLAPS_CASE',
      exitCode: 2,
    });
    expect(hashes(dir)).toEqual(before);
    expect(readdirSync(root)).toEqual(['kube']);
  });
  it('refuses a folder of cases reported into itself before building any case', async () => {
    const root = tempDir();
    cpSync(fixture('tiny'), join(root, 'a'), { recursive: true });
    cpSync(fixture('tiny'), join(root, 'b'), { recursive: true });
    const before = hashes(root);
    await expect(run(options(root, root), translator('id'))).rejects.toMatchObject({ code: 'OUT_OVERLAPS_CASE', exitCode: 2 });
    expect(hashes(root)).toEqual(before);
  });
  it('refuses a folder run whose --out lies inside one of its cases, naming that case, before building any', async () => {
    const root = tempDir();
    for (const c of ['a', 'b', 'c']) cpSync(fixture('tiny'), join(root, c), { recursive: true });
    const before = hashes(root);
    await expect(run(options(root, join(root, 'b', 'hasil')), translator('id'))).rejects.toMatchObject({
      code: 'OUT_OVERLAPS_CASE',
      exitCode: 2,
      params: { case: join(root, 'b') },
    });
    expect(hashes(root)).toEqual(before);
  });
});

describe('a folder of cases', () => {
  it('builds every case (one browser for all PDFs), goes on past a broken one and says which failed', async () => {
    const { caseFolders } = await import('../pipeline/run.ts');
    const root = tempDir();
    cpSync(fixture('tiny'), join(root, 'a-kecil'), { recursive: true });
    cpSync(SAMPLE, join(root, 'b-sampel'), { recursive: true });
    cpSync(fixture('tiny'), join(root, 'c-rusak'), { recursive: true });
    writeFileSync(join(root, 'c-rusak', 'rounds', 'r1.csv'), 'respondent,actor\nAni,Budi\n');
    expect(caseFolders(root).map((d) => d.slice(root.length + 1))).toEqual(['a-kecil', 'b-sampel', 'c-rusak']);
    expect(caseFolders(SAMPLE)).toEqual([]);
    const out = tempDir();
    await expect(run({ ...options(root, out), pdf: true }, translator('id'))).rejects.toMatchObject({
      code: 'BATCH_FAILED',
      params: { count: 1, names: 'c-rusak' },
    });
    for (const name of ['a-kecil', 'b-sampel']) {
      expect(existsSync(join(out, name, 'report.html'))).toBe(true);
      expect(
        readFileSync(join(out, name, 'report.pdf'))
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    expect(existsSync(join(out, 'c-rusak'))).toBe(false);
    // the combined view over the two cases built, printed by the same browser; each row links to its group's PDF
    const groups = Papa.parse<Record<string, string>>(readFileSync(join(out, '_gabungan', 'groups.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(groups.map((g) => [g.case, g.report]).sort()).toEqual([
      ['a-kecil', '../a-kecil/report.pdf'],
      ['b-sampel', '../b-sampel/report.pdf'],
    ]);
    expect(
      readFileSync(join(out, '_gabungan', 'report.pdf'))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(existsSync(join(out, '_gabungan', 'groups-map.svg'))).toBe(false);
  });
  it('groups that name the same outside actors share them in the combined view', async () => {
    const root = tempDir();
    cpSync(SAMPLE, join(root, 'satu'), { recursive: true });
    cpSync(join(SAMPLE, '..', 'sample-google-forms'), join(root, 'dua'), { recursive: true });
    const out = tempDir();
    await run(options(root, out), translator('id'));
    const actors = Papa.parse<Record<string, string>>(readFileSync(join(out, '_gabungan', 'outside-actors.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    // the same kelurahan and kota: the same names are the same actors
    const susi = actors.find((a) => a.name === 'Warung Susi');
    expect(susi).toMatchObject({ groups: '2' });
    const pairs = Papa.parse<Record<string, string>>(readFileSync(join(out, '_gabungan', 'outside-actor-groups.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(pairs.filter((p) => p.actor === susi!.actor).map((p) => p.case)).toEqual(['dua', 'satu']);
    expect(actors.every((a) => a.groups === '2')).toBe(true); // the same answers: every actor named by both
    const page = readFileSync(join(out, '_gabungan', 'report.html'), 'utf8');
    expect(page).toContain('Dikenal banyak kelompok, belum bekerja sama dengan satu pun');
    expect(page).not.toContain('<svg');
  });
});
