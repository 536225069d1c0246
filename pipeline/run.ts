/**
 * The spine of the pipeline; it only lists the stages:
 *
 *   case folder ─1─▶ ingest ─2─▶ network ─3─▶ metrics ─4─▶ charts ─5─▶ report.html ─6─▶ report.pdf
 *
 * Each stage is a plain function of the previous stage's result (ingest.ts, network.ts,
 * metrics.ts, charts.ts, report.ts, pdf.ts); the spine runs them up to `until` and is handed its
 * effects: where progress goes, where results go, and a signal that aborts the run (Ctrl-C). The
 * edition is resolved once per case (edition.ts) before any stage runs, and decides what is
 * written. Everything is written into a temp folder that replaces `<out>/<case>/` only when every
 * stage succeeded, so a failed or interrupted run leaves the previous report untouched.
 *
 * A folder whose sub-folders are cases is reported case by case, two at a time, sharing one
 * browser, then a combined view over all groups is written beside them. With `shard` (K of N) only
 * the folder's K-th share of cases is reported and their digests are written to a shard file in
 * place of the combined view; `merge` builds the combined view from all N files (shards.ts).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chartFiles, type Files, ingestFiles, metricsFiles, networkFiles } from './artifacts.ts';
import { useChartThread } from './charts/render-thread.ts';
import { charts } from './charts.ts';
import { checkSummary, rowCounts } from './check.ts';
import { combine, combinedReport, combinedTables, printedPage } from './combined.ts';
import { loadCase } from './config.ts';
import { digest } from './digest.ts';
import { type Audience, caseSecret, editionRules, resolveEdition } from './edition.ts';
import { formatError, JejaringError } from './errors.ts';
import type { Lang, Translator } from './i18n.ts';
import { ingest } from './ingest.ts';
import { releaseMemory } from './memory.ts';
import { metrics } from './metrics.ts';
import type { Chart } from './model/charts.ts';
import type { Digest } from './model/combined.ts';
import type { Responses } from './model/responses.ts';
import { networkStarted } from './network.ts';
import { refuseOverlap, StagedFolder } from './output.ts';
import { PdfPrinter } from './pdf.ts';
import { pseudonymise, suppressSmallCells } from './privacy.ts';
import { report } from './report.ts';
import { readShards, SHARDS_FOLDER, type Shard, shardCases, writeShard } from './shards.ts';
import { actorKeys, readSharedActors, type SharedActor } from './shared-actors.ts';
import { WORKBOOK_FILE, workbook } from './workbook.ts';
import { threadCount } from './workers.ts';

/** The stages, in order; `until` stops after one of them. */
export const STAGES = ['ingest', 'network', 'metrics', 'charts', 'html', 'pdf'] as const;
export type Stage = (typeof STAGES)[number];

/** What the front door resolved from the command line: every path absolute or relative to the process. */
export interface RunOptions {
  /** The case folder, or a folder of case folders (one entry). */
  positional: string[];
  out: string;
  lang: Lang;
  pdf: boolean;
  browser: string | null;
  /** Validate the inputs and show the data-quality summary; build nothing. */
  check: boolean;
  /** Treat data-quality warnings and rejected rows as failure. */
  strict: boolean;
  audience: Audience;
  /** The last stage to run (default: pdf, or html with `pdf: false`). */
  until?: Stage;
  /** Report only this share of a folder's cases and write a shard file instead of the combined view. */
  shard?: Shard;
}

/** What the spine does to the world besides writing its folder: progress, results, interruption. */
export interface Effects {
  /** A stage begins: returns the function that says it ended. */
  step(label: string, n: number, total: number): () => void;
  /** A line of progress (stderr in the command line). */
  note(text: string): void;
  /** A result (stdout in the command line): a summary or a path written. */
  result(text: string): void;
  /** Aborts the run (Ctrl-C): temp folders are removed and the browser stopped at once. */
  signal?: AbortSignal;
  /** A browser the caller keeps across runs (the workbench): printed with instead of starting one, and left open. */
  printer?: PdfPrinter;
}

/** Effects that print nothing (tests, library use). */
export const SILENT: Effects = { step: () => () => {}, note: () => {}, result: () => {} };

export const SAMPLE_CASE = 'data/sample';

/** Where a folder run puts the combined view over all its cases. */
export const COMBINED_FOLDER = '_gabungan';

const lastStage = (options: RunOptions): Stage => options.until ?? (options.pdf ? 'pdf' : 'html');
const reaches = (options: RunOptions, stage: Stage) => STAGES.indexOf(lastStage(options)) >= STAGES.indexOf(stage);

function strictCheck(responses: Responses, options: RunOptions): void {
  const serious = responses.quality.filter((q) => q.level !== 'info').length;
  if (options.strict && serious > 0) throw new JejaringError('STRICT_FAILED', { count: serious }, null, 1);
}

/** Run the pipeline on a case folder or a folder of cases; returns the folder written. */
export async function run(options: RunOptions, tr: Translator, effects: Effects = SILENT): Promise<string> {
  const dir = options.positional[0] ?? SAMPLE_CASE;
  const cases = caseFolders(dir);
  if (options.shard && cases.length === 0) throw new JejaringError('CASES_FOLDER_NEEDED', { path: dir, option: '--shard' }, null, 2);
  const prints = !options.check && reaches(options, 'pdf');
  const printer = prints ? (effects.printer ?? new PdfPrinter({ browser: options.browser, date: null })) : null;
  // the browser starts while the data are read, measured and drawn; Ctrl-C stops it at once
  const stop = () => printer?.kill();
  effects.signal?.addEventListener('abort', stop);
  try {
    printer?.warm();
    if (cases.length === 0) return (await runCase(dir, options, tr, printer, effects)).target;
    return await runBatch(dir, cases, options, tr, printer, effects);
  } finally {
    effects.signal?.removeEventListener('abort', stop);
    if (printer !== effects.printer) await printer?.close();
  }
}

/** Sub-folders of `dir` that are cases (hold actors.csv), in name order; none when `dir` is a case itself. */
export function caseFolders(dir: string): string[] {
  if (!existsSync(dir) || existsSync(join(dir, 'actors.csv'))) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'actors.csv')))
    .map((e) => join(dir, e.name))
    .sort();
}

/**
 * Every case of a folder, `threadCount()` at a time: while the browser prints one case's PDF (in
 * its own process), the next case is measured and drawn, so both cores work. Results are kept in
 * case order, so the combined view does not depend on which case finished first.
 */
async function runBatch(dir: string, all: string[], options: RunOptions, tr: Translator, printer: PdfPrinter | null, effects: Effects) {
  const cases = options.shard ? shardCases(all, options.shard) : all;
  // every case's target is checked before any case is built
  const folders = cases.map((c) => join(options.out, basename(c)));
  refuseOverlap([...folders, join(options.out, options.shard ? SHARDS_FOLDER : COMBINED_FOLDER)], all);
  const shared = readSharedActors(dir);
  // while one case's charts are drawn on their own thread, the next case is measured
  if (!options.check && reaches(options, 'charts')) useChartThread();
  const failed = new Set<string>();
  const results: (Digest | null)[] = cases.map(() => null);
  const started = performance.now();
  let next = 0;
  let finished = 0;
  const lane = async () => {
    while (next < cases.length && !effects.signal?.aborted) {
      const i = next++;
      const caseDir = cases[i]!;
      const eta = finished === 0 ? '–' : formatDuration(((performance.now() - started) / finished) * (cases.length - finished));
      effects.note(tr.t('cli.batch.case', { n: i + 1, total: cases.length, name: basename(caseDir), eta }));
      try {
        results[i] = (await runCase(caseDir, options, tr, printer, effects, shared)).digest;
      } catch (error) {
        if (!(error instanceof JejaringError) || effects.signal?.aborted) throw error;
        failed.add(basename(caseDir));
        effects.note(formatError(error, tr));
      }
      finished++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(threadCount(), cases.length) }, lane));
  const built = results.filter((d): d is Digest => d !== null);
  const caseReport = reaches(options, 'pdf') && printer ? 'report.pdf' : 'report.html';
  if (!options.check && reaches(options, 'html')) {
    if (options.shard) {
      // the keys are written under the folder's secret in a shared edition (shards.ts)
      const secret = editionRules(options.audience).shared ? caseSecret(dir) : null;
      const names = all.map((c) => basename(c));
      const file = {
        cases: names,
        audience: options.audience,
        lang: options.lang,
        report: caseReport,
        failed: names.filter((c) => failed.has(c)),
        digests: built,
      };
      effects.result(tr.t('cli.shardWritten', { path: writeShard(options.out, options.shard, file, secret) }));
    } else await writeCombined(built, caseReport, shared !== null, all, options, tr, printer, effects);
  }
  const time = formatDuration(performance.now() - started);
  effects.note(tr.t('cli.batch.done', { ok: cases.length - failed.size, total: cases.length, time }));
  if (failed.size > 0) {
    const names = cases.map((c) => basename(c)).filter((c) => failed.has(c));
    throw new JejaringError('BATCH_FAILED', { count: failed.size, names: names.join(', ') }, { file: dir });
  }
  return options.out;
}

/**
 * The combined view over the built cases of a folder (`<out>/_gabungan/`), beside the cases' own
 * folders; each row links to the group's own report (`caseReport`: its file name in every case's folder). Written by a
 * whole folder's run and by `merge`, from the same digests in the same case order, so both give
 * the same bytes. Nothing is written with fewer than two groups.
 */
async function writeCombined(
  built: Digest[],
  caseReport: string,
  sharedFile: boolean,
  cases: string[],
  options: RunOptions,
  tr: Translator,
  printer: PdfPrinter | null,
  effects: Effects,
): Promise<boolean> {
  if (built.length < 2) return false;
  effects.note(tr.t('cli.batch.combined', { count: built.length }));
  const link = (d: Digest) => `../${d.case}/${caseReport}`;
  const combined = combine(built, options.audience, sharedFile);
  const staged = new StagedFolder(join(options.out, COMBINED_FOLDER), cases);
  try {
    const html = combinedReport(combined, tr, link);
    staged.write('report.html', html);
    for (const [path, data] of combinedTables(combined, tr, link)) staged.write(path, data);
    // a province's PDF is its summary and the groups that need support first (combined.ts), not every group's row
    if (reaches(options, 'pdf') && printer)
      staged.write('report.pdf', await printer.print(printedPage(combined, tr, link, html), combined.date));
    staged.commit();
    return true;
  } finally {
    staged.abort();
  }
}

/**
 * Build a folder's combined view from its shards' files (`<out>/_shards/`, shards.ts), once all N
 * are there and alike: the same view, byte for byte, as one run over the whole folder with the same
 * options. Returns the folder written.
 */
export async function merge(options: RunOptions, tr: Translator, effects: Effects = SILENT): Promise<string> {
  const dir = options.positional[0] ?? SAMPLE_CASE;
  const cases = caseFolders(dir);
  if (cases.length === 0) throw new JejaringError('CASES_FOLDER_NEEDED', { path: dir, option: 'merge' }, null, 2);
  const shards = readShards(options.out, { cases: cases.map((c) => basename(c)), audience: options.audience, lang: options.lang });
  const order = new Map(cases.map((c, i) => [basename(c), i]));
  const built = shards.flatMap((s) => s.digests).sort((a, b) => order.get(a.case)! - order.get(b.case)!);
  const report = shards[0]!.report;
  const printer = reaches(options, 'pdf') ? (effects.printer ?? new PdfPrinter({ browser: options.browser, date: null })) : null;
  const stop = () => printer?.kill();
  effects.signal?.addEventListener('abort', stop);
  let written = false;
  try {
    printer?.warm();
    written = await writeCombined(built, report, readSharedActors(dir) !== null, cases, options, tr, printer, effects);
  } finally {
    effects.signal?.removeEventListener('abort', stop);
    if (printer !== effects.printer) await printer?.close();
  }
  const target = join(options.out, COMBINED_FOLDER);
  if (written) effects.result(tr.t('cli.done', { path: join(target, reaches(options, 'pdf') ? 'report.pdf' : 'report.html') }));
  const failed = shards.flatMap((s) => s.failed).sort((a, b) => order.get(a)! - order.get(b)!);
  if (failed.length > 0) throw new JejaringError('BATCH_FAILED', { count: failed.length, names: failed.join(', ') }, { file: dir });
  return target;
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Build one case's report up to `until`; returns its folder and its digest for the combined view (null before the metrics
 * stage, or for --check). `shared`: the folder's shared actors file, which the digest's outside actors are matched by.
 */
async function runCase(
  caseDir: string,
  options: RunOptions,
  tr: Translator,
  printer: PdfPrinter | null,
  effects: Effects,
  shared: SharedActor[] | null = null,
) {
  const config = loadCase(caseDir, tr);
  if (options.check) {
    const responses = await ingest(config, tr);
    effects.result(checkSummary(responses, tr));
    strictCheck(responses, options);
    return { target: join(options.out, config.case.name), digest: null };
  }
  const target = join(options.out, config.case.name);
  const staged = new StagedFolder(target, [caseDir]);
  const edition = resolveEdition(options.audience, config.dir);
  config.settings.audience = edition.audience;
  // Ctrl-C removes the temp folder at once, whatever stage is running
  const abort = () => staged.abort();
  effects.signal?.addEventListener('abort', abort);
  const total = STAGES.indexOf(lastStage(options)) + 1;
  let n = 0;
  /**
   * Run one stage: its progress line, then a turn of the event loop (where a Ctrl-C is handled:
   * the stages compute without waiting on anything) and an abort check before the next.
   */
  const stage = async <T>(name: Stage, body: () => T | Promise<T>): Promise<T> => {
    const done = effects.step(tr.t(`cli.stage.${name}`), ++n, total);
    const value = await body();
    done();
    await new Promise((resolve) => setImmediate(resolve));
    if (effects.signal?.aborted) throw new JejaringError('INTERRUPTED', {}, null, 1);
    return value;
  };
  let ties = 0;
  const codedIds = new Set<string>();
  const codedKeys = new Map<string, { key: string; sharedId: string | null }>();
  // on a large case each big file's text (tens of MB) is let go before the next is made
  const write = (files: Files) => {
    for (const [path, data] of files) if (staged.write(path, data) > 4e6) releaseMemory(ties);
  };
  try {
    const responses = await stage('ingest', async () => {
      const read = await ingest(config, tr);
      const coded = pseudonymise(read, edition, config.named, tr);
      write(ingestFiles(coded, edition));
      // how the combined view matches and names the outside actors: from the names as read, by the ids of this edition
      const keys = actorKeys(read.case, read.actors, shared);
      coded.actors.forEach((a, i) => {
        const original = read.actors[i]!.id;
        if (a.id !== original) codedIds.add(a.id);
        const key = keys.get(original);
        if (key) codedKeys.set(a.id, key);
      });
      return coded;
    });
    ties = responses.rounds.reduce((sum, r) => sum + r.ties.length, 0);
    strictCheck(responses, options);
    effects.note(tr.t('cli.ingestDone', { rounds: responses.rounds.length, ties, ...rowCounts(responses.summary) }));
    let digestOut: Digest | null = null;
    if (reaches(options, 'network')) {
      // the graphs at once; the layout goes on in a worker thread while the measures are computed
      const started = await stage('network', () => networkStarted(responses));
      releaseMemory(ties);
      const laidOut = async () => {
        const built = await started.networks;
        write(networkFiles(built, edition));
        return built;
      };
      if (!reaches(options, 'metrics')) await laidOut();
      else {
        let networks!: Awaited<typeof started.networks>;
        let drawing: Promise<Chart[]> | null = null;
        const m = await stage('metrics', async () => {
          const measured = suppressSmallCells(await metrics(started.graphs));
          networks = await laidOut();
          // in a folder run the charts are drawn on their own thread while the tables and the workbook are written
          if (reaches(options, 'charts')) {
            drawing = charts(networks, measured, tr);
            drawing.catch(() => {}); // a failure below must not end the run with an unhandled rejection
          }
          write(metricsFiles(measured, networks, edition));
          write([[WORKBOOK_FILE, await workbook(measured, networks, tr, { ties: edition.answerFiles })]]);
          releaseMemory(ties);
          return measured;
        });
        digestOut = digest(m, { keys: codedKeys, coded: codedIds, comparison: config.comparison });
        if (reaches(options, 'charts')) {
          const chartList = await stage('charts', async () => {
            const drawn = await drawing!;
            write(chartFiles(drawn));
            return drawn;
          });
          if (reaches(options, 'html')) {
            const html = await stage('html', () => {
              const page = report(m, networks, chartList, tr);
              write([['report.html', page]]);
              return page;
            });
            if (reaches(options, 'pdf') && printer) {
              await stage('pdf', async () => write([['report.pdf', await printer.print(html, config.settings.reportDate)]]));
            }
          }
        }
      }
    }
    staged.commit();
    const serious = responses.quality.filter((q) => q.level !== 'info').length;
    if (serious > 0) {
      effects.note(tr.t('cli.qualityHint', { count: serious, path: join(target, 'data-quality.csv') }));
    }
    const main = reaches(options, 'pdf') && printer ? 'report.pdf' : reaches(options, 'html') ? 'report.html' : '';
    effects.result(tr.t('cli.done', { path: main ? join(target, main) : target }));
    return { target, digest: digestOut };
  } finally {
    effects.signal?.removeEventListener('abort', abort);
    staged.abort();
  }
}
