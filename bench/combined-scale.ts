/**
 * `npx tsx bench/combined-scale.ts 100,1000,5000 [--no-pdf] [--pdf-timeout S] [--folder | --folder-pdf]`: the
 * combined view (`<out>/_gabungan/`) of a province's folder at N groups, without running N reports.
 *
 * 1. A real folder is run once: 100 one-group cases (bench/synthetic.ts `writeSyntheticBatch`)
 *    reported with `jejaring report <folder> --shard 1/1 --no-pdf --audience dinas`, whose shard
 *    file holds the 100 digests (kept in out/bench/combined-scale/ and reused while it is there).
 * 2. For each N, in a process of its own (`node --expose-gc`): the digests replicated to N
 *    (`replicateDigests`: distinct cases and groups, 10 kota of 10 kelurahan, outside actors
 *    shared only within a kelurahan), then `combine`, `combinedReport`, the page the PDF is
 *    printed from (report.html itself, or a province's printed page: combined.ts `printedPage`),
 *    `combinedTables` and the PDF print of that page (PdfPrinter, its browser started before)
 *    timed one after the other; the bytes of every file and of the printed page, the PDF's pages;
 *    node's heap after each step, node's peak
 *    resident size, and the peak memory of node and its browser (PSS of the process tree) while
 *    the PDF prints. A print that takes longer than `--pdf-timeout` seconds (default 900) is
 *    stopped and shown as such.
 * 3. The size of one digest: its JSON in a shard file and the heap it holds (1,000 copies held).
 * 4. With `--folder` (`--folder-pdf`: with every PDF): the 100-case folder reported in this
 *    process (dinas edition), the heap after a full collection, node's resident size and its
 *    memory outside the heap as each case ends; the slopes are what the run keeps a case.
 *
 * Prints Markdown tables; writes out/bench/combined-scale/results.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { combine, combinedReport, combinedTables, printedPage } from '../pipeline/combined.ts';
import { translator } from '../pipeline/i18n.ts';
import type { Digest } from '../pipeline/model/combined.ts';
import { PdfPrinter } from '../pipeline/pdf.ts';
import { run, SILENT } from '../pipeline/run.ts';
import { treeMemory } from './province.ts';
import { replicateDigests, writeSyntheticBatch } from './synthetic.ts';

const ROOT = join('out', 'bench', 'combined-scale');
const CASES = join('out', 'bench', 'cases', 'combined-scale-100');
const BASE_OUT = join(ROOT, 'base');
const SHARD = join(BASE_OUT, '_shards', '1-of-1.json');
const SECRET = 'bench-combined-scale';
const MiB = 2 ** 20;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'no-pdf': { type: 'boolean', default: false },
    'pdf-timeout': { type: 'string', default: '900' },
    folder: { type: 'boolean', default: false },
    'folder-pdf': { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (() => void) | undefined;
/** The heap in use after a full collection, in bytes. */
const heapNow = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The 100 digests of the real folder run, in case order (the folder is built and run once, then reused). */
async function baseDigests(): Promise<Digest[]> {
  if (!existsSync(SHARD)) {
    rmSync(CASES, { recursive: true, force: true });
    rmSync(BASE_OUT, { recursive: true, force: true });
    writeSyntheticBatch(CASES, { groups: 100, pool: 400 });
    console.error('combined-scale: reporting the 100-case folder once (its shard file holds the digests) …');
    const args = ['bin/jejaring.mjs', 'report', CASES, '--out', BASE_OUT, '--no-pdf', '--audience', 'dinas', '--shard', '1/1'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, JEJARING_SECRET: SECRET } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-4000);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`jejaring report ${CASES} --shard 1/1 failed (exit ${code}):\n${stderr}`);
  }
  return (JSON.parse(readFileSync(SHARD, 'utf8')) as { digests: Digest[] }).digests;
}

export interface ScaleRun {
  groups: number;
  kelurahan: number;
  actors: number;
  /** `printPage`: the page the PDF is printed from, when it is not report.html itself (a province's). */
  ms: { combine: number; report: number; printPage: number; tables: number; pdf: number | null };
  bytes: Record<string, number>;
  pdfPages: number | null;
  pdfTimedOut: boolean;
  /** Why the print failed, when it did. */
  pdfError: string | null;
  heapMiB: { digests: number; combined: number; afterFiles: number };
  peakNodeRssMiB: number;
  peakTreeDuringPdfMiB: number | null;
}

/** Resolves with `p`, or with null when `ms` pass first. */
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms).unref())]);

async function scaleRun(n: number, pdf: boolean, timeoutS: number): Promise<ScaleRun> {
  const tr = translator('id');
  const link = (d: Digest) => `../${d.case}/report.html`;
  const start = heapNow();
  let digests: Digest[] | null = replicateDigests(await baseDigests(), n);
  const withDigests = heapNow();
  const clock = () => performance.now();
  let t = clock();
  const combined = combine(digests, 'dinas', false);
  const combineMs = clock() - t;
  digests = null; // the run lets go of the digests once they are combined
  const withCombined = heapNow();
  t = clock();
  const html = combinedReport(combined, tr, link);
  const reportMs = clock() - t;
  t = clock();
  const page = printedPage(combined, tr, link, html);
  const printPageMs = clock() - t;
  t = clock();
  const tables = combinedTables(combined, tr, link);
  const tablesMs = clock() - t;
  const afterFiles = heapNow();
  const bytes: Record<string, number> = { 'report.html': Buffer.byteLength(html), 'printed page': Buffer.byteLength(page) };
  for (const [file, text] of tables) bytes[file] = Buffer.byteLength(text);
  let pdfMs: number | null = null;
  let pdfPages: number | null = null;
  let timedOut = false;
  let pdfError: string | null = null;
  let peakTree: number | null = null;
  if (pdf) {
    const printer = new PdfPrinter({ browser: null, date: null });
    await printer.print('<!DOCTYPE html><html lang="id"><title>-</title><p>-</p></html>'); // the browser started, as in a run
    let peak = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, treeMemory(process.pid).tree);
    }, 250);
    t = clock();
    const printed = await within(
      printer.print(page, combined.date).catch((error: unknown) => {
        pdfError =
          error instanceof Error ? `${error.message} ${JSON.stringify((error as { params?: unknown }).params ?? '')}` : String(error);
        return undefined;
      }),
      timeoutS * 1000,
    );
    clearInterval(timer);
    peakTree = round(peak);
    if (printed === null) {
      timedOut = true;
      printer.kill();
    } else if (printed === undefined) printer.kill();
    else {
      pdfMs = clock() - t;
      bytes['report.pdf'] = printed.length;
      pdfPages = (
        Buffer.from(printed)
          .toString('latin1')
          .match(/\/Type \/Page\b/g) ?? []
      ).length;
      await printer.close();
    }
  }
  return {
    groups: n,
    kelurahan: new Set(combined.groups.map((g) => `${g.kota}|${g.kelurahan}`)).size,
    actors: combined.actors.length,
    ms: {
      combine: round(combineMs),
      report: round(reportMs),
      printPage: round(printPageMs),
      tables: round(tablesMs),
      pdf: pdfMs === null ? null : round(pdfMs),
    },
    bytes,
    pdfPages,
    pdfTimedOut: timedOut,
    pdfError,
    heapMiB: {
      digests: round((withDigests - start) / MiB, 1),
      combined: round((withCombined - start) / MiB, 1),
      afterFiles: round((afterFiles - start) / MiB, 1),
    },
    peakNodeRssMiB: round(process.resourceUsage().maxRSS / 1024),
    peakTreeDuringPdfMiB: peakTree,
  };
}

export interface DigestSize {
  jsonBytes: { mean: number; max: number };
  heapBytes: number;
  actors: number;
}

/** One digest's JSON (as in a shard file) and the heap 1,000 of them hold. */
async function digestSize(): Promise<DigestSize> {
  const base = await baseDigests();
  const json = base.map((d) => Buffer.byteLength(JSON.stringify(d)));
  const before = heapNow();
  const held = replicateDigests(base, 1000);
  const after = heapNow();
  return {
    jsonBytes: { mean: round(json.reduce((s, x) => s + x, 0) / json.length), max: Math.max(...json) },
    heapBytes: round((after - before) / held.length),
    actors: round(base.reduce((s, d) => s + d.actors.length, 0) / base.length, 1),
  };
}

export interface FolderRun {
  cases: number;
  /** Heap after a full collection as cases end: [cases done, MiB]. */
  heap: [number, number][];
  pdf: boolean;
  /**
   * Least-squares slopes from the 10th case on, KiB a case: the heap after a full collection, node's resident size, memory
   * outside the heap (buffers).
   */
  heapKiBPerCase: number;
  rssKiBPerCase: number;
  externalKiBPerCase: number;
  /** Node's resident size after the first and the last case, MiB. */
  rssMiB: [number, number];
}

function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const sxy = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const sxx = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return sxy / sxx;
}

/** The 100-case folder reported in this process (with every PDF when `pdf`): what node keeps as cases end. */
async function folderRun(pdf: boolean): Promise<FolderRun> {
  await baseDigests(); // the folder exists
  const out = join(ROOT, 'folder-run');
  rmSync(out, { recursive: true, force: true });
  const heap: [number, number][] = [];
  const rss: [number, number][] = [];
  const external: [number, number][] = [];
  let done = 0;
  process.env.JEJARING_SECRET = SECRET;
  const effects = {
    ...SILENT,
    result: (text: string) => {
      if (!/report\.(html|pdf)/.test(text) || text.includes('_gabungan')) return;
      done++;
      heap.push([done, heapNow() / MiB]);
      const m = process.memoryUsage();
      rss.push([done, m.rss / MiB]);
      external.push([done, m.external / MiB]);
    },
  };
  const options = {
    positional: [CASES],
    out,
    lang: 'id' as const,
    pdf,
    browser: null,
    check: false,
    strict: false,
    audience: 'dinas' as const,
  };
  await run(options, translator('id'), effects);
  const from10 = <T extends [number, number]>(xs: T[]) => xs.filter(([k]) => k >= 10);
  return {
    cases: done,
    heap: heap.map(([k, m]) => [k, round(m, 1)]),
    pdf,
    heapKiBPerCase: round(slope(from10(heap)) * 1024, 1),
    rssKiBPerCase: round(slope(from10(rss)) * 1024, 1),
    externalKiBPerCase: round(slope(from10(external)) * 1024, 1),
    rssMiB: [round(rss[0]![1], 1), round(rss.at(-1)![1], 1)],
  };
}

/** Runs this script again in a process of its own for one measurement; its last line of stdout is the result. */
async function inChild<T>(what: string, extra: string[] = []): Promise<T> {
  const args = ['--expose-gc', '--import', 'tsx', 'bench/combined-scale.ts', '--child', what, ...extra];
  let stdout = '';
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    stdout += s;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`bench/combined-scale.ts --child ${what} failed (exit ${code})`);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
}

const mib = (bytes: number | undefined) => (bytes === undefined ? '–' : `${(bytes / MiB).toFixed(bytes < MiB ? 2 : 1)} MiB`);
const ms = (x: number | null) => (x === null ? '–' : x < 1000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(1)} s`);

const HEAD = [
  'groups',
  'kelurahan',
  'outside actors',
  'combine',
  'combinedReport',
  'printed page',
  'combinedTables',
  'PDF print',
  'report.html',
  'printed page',
  'report.pdf (pages)',
  'groups.csv',
  'resource-systems.csv',
  'outside-actors.csv',
  'outside-actor-groups.csv',
  'heap: digests, combined',
  'peak node RSS',
  'peak node + browser during PDF',
];

const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

export function scaleTable(runs: ScaleRun[]): string {
  const lines = [row(HEAD), row(HEAD.map(() => '--:'))];
  for (const r of runs) {
    const pdf = r.pdfTimedOut ? 'stopped' : r.pdfError ? 'failed' : ms(r.ms.pdf);
    const pages = r.pdfPages === null ? '' : ` (${r.pdfPages})`;
    lines.push(
      row([
        r.groups.toLocaleString('en'),
        r.kelurahan,
        r.actors.toLocaleString('en'),
        ms(r.ms.combine),
        ms(r.ms.report),
        ms(r.ms.printPage),
        ms(r.ms.tables),
        pdf,
        mib(r.bytes['report.html']),
        mib(r.bytes['printed page']),
        `${mib(r.bytes['report.pdf'])}${pages}`,
        mib(r.bytes['groups.csv']),
        mib(r.bytes['resource-systems.csv']),
        mib(r.bytes['outside-actors.csv']),
        mib(r.bytes['outside-actor-groups.csv']),
        `${r.heapMiB.digests} MiB, ${r.heapMiB.combined} MiB`,
        `${r.peakNodeRssMiB} MiB`,
        r.peakTreeDuringPdfMiB === null ? '–' : `${r.peakTreeDuringPdfMiB} MiB`,
      ]),
    );
  }
  return lines.join('\n');
}

if (values.child) {
  const [what, n] = values.child.split(':');
  const result =
    what === 'scale'
      ? await scaleRun(Number(n), !values['no-pdf'], Number(values['pdf-timeout']))
      : what === 'digest'
        ? await digestSize()
        : await folderRun(what === 'folder-pdf');
  console.log(JSON.stringify(result));
  process.exit(0); // a stopped print leaves its browser's promises behind
} else {
  const counts = (positionals[0] ?? '100,1000,5000').split(',').map((s) => Number(s.trim()));
  for (const n of counts)
    if (!Number.isInteger(n) || n < 2) throw new Error(`"${positionals[0]}" is not a list of group counts of at least 2`);
  const load = loadavg()[0]!;
  await baseDigests();
  const extra = [...(values['no-pdf'] ? ['--no-pdf'] : []), '--pdf-timeout', values['pdf-timeout']!];
  const runs: ScaleRun[] = [];
  for (const n of counts) {
    console.error(`combined-scale: ${n} groups …`);
    runs.push(await inChild<ScaleRun>(`scale:${n}`, extra));
  }
  const digest = await inChild<DigestSize>('digest');
  const folder = values.folder || values['folder-pdf'] ? await inChild<FolderRun>(values['folder-pdf'] ? 'folder-pdf' : 'folder') : null;
  mkdirSync(ROOT, { recursive: true });
  writeFileSync(join(ROOT, 'results.json'), `${JSON.stringify({ load: [load, loadavg()[0]], runs, digest, folder }, null, 2)}\n`);
  console.log(`load (1-minute average) ${load.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end\n`);
  console.log(scaleTable(runs));
  for (const r of runs.filter((r) => r.pdfError)) console.log(`\nThe PDF of ${r.groups} groups failed: ${r.pdfError}`);
  console.log(
    `\nOne digest: ${digest.jsonBytes.mean.toLocaleString('en')} bytes of JSON in a shard file ` +
      `(largest ${digest.jsonBytes.max.toLocaleString('en')}), ${digest.heapBytes.toLocaleString('en')} bytes of heap, ` +
      `${digest.actors} outside actors`,
  );
  if (folder) {
    console.log(
      `Folder run of ${folder.cases} cases in one process (${folder.pdf ? 'every PDF' : 'no PDF'}): ` +
        `the heap after a full collection grows ${folder.heapKiBPerCase} KiB a case, the memory outside it ` +
        `${folder.externalKiBPerCase} KiB, node's resident size ${folder.rssKiBPerCase} KiB ` +
        `(${folder.rssMiB[0]} MiB after the first case, ${folder.rssMiB[1]} MiB after the last); ` +
        `heap ${folder.heap[0]?.[1]} MiB after the first case, ${folder.heap.at(-1)?.[1]} MiB after the last`,
    );
  }
}
