/**
 * `npm run report -- [case-dir | folder-of-cases] [--out DIR] [--lang id|en] [--no-pdf] [--browser PATH]`
 *
 * The spine of the pipeline; it only lists the stages:
 *
 *   case folder ─1─▶ ingest ─2─▶ network ─3─▶ metrics ─4─▶ charts ─5─▶ report.html ─6─▶ report.pdf
 *
 * Everything is written into a temp folder that replaces `<out>/<case>/` only when every stage
 * succeeded, so a failed run (bad input, a crash in the PDF step, Ctrl-C) leaves the previous
 * report untouched. With no case folder it runs the sample, `data/sample`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { chartFiles, type Files, ingestFiles, metricsFiles, networkFiles } from './artifacts.ts';
import { charts } from './charts.ts';
import { checkSummary } from './check.ts';
import { type CliOptions, isMain, progress, runCli } from './cli.ts';
import { combine, combinedFiles } from './combined.ts';
import { loadCase } from './config.ts';
import { formatError, JejaringError } from './errors.ts';
import type { Translator } from './i18n.ts';
import { normaliseName } from './ingest/roster.ts';
import { ingest } from './ingest.ts';
import { releaseMemory } from './memory.ts';
import { metrics } from './metrics.ts';
import type { Metrics } from './model/metrics.ts';
import type { Responses } from './model/responses.ts';
import { networkStarted } from './network.ts';
import { refuseOverlap, StagedFolder } from './output.ts';
import { PdfPrinter } from './pdf.ts';
import { caseSecret, pseudonymise, suppressSmallCells } from './privacy.ts';
import { report } from './report.ts';
import { threadCount } from './workers.ts';

export const SAMPLE_CASE = 'data/sample';

function strictCheck(responses: Responses, options: CliOptions): void {
  const serious = responses.quality.filter((q) => q.level !== 'info').length;
  if (options.strict && serious > 0) throw new JejaringError('STRICT_FAILED', { count: serious }, null, 1);
}

/**
 * A folder of cases (sub-folders holding actors.csv) is reported case by case, sharing one browser
 * for the PDFs; a case that fails is reported and the others go on. Otherwise the folder is one case.
 */
export async function run(options: CliOptions, tr: Translator): Promise<string> {
  const dir = options.positional[0] ?? SAMPLE_CASE;
  const cases = caseFolders(dir);
  if (cases.length === 0) {
    // the browser starts while the data are read, measured and drawn
    const printer = options.pdf && !options.check ? new PdfPrinter({ browser: options.browser, date: null }).warm() : null;
    try {
      return (await runCase(dir, options, tr, printer)).target;
    } finally {
      await printer?.close();
    }
  }
  return runBatch(dir, cases, options, tr);
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
async function runBatch(dir: string, cases: string[], options: CliOptions, tr: Translator): Promise<string> {
  // every case's target is checked before any case is built
  for (const c of cases) refuseOverlap(join(options.out, basename(c)), cases);
  refuseOverlap(join(options.out, COMBINED_FOLDER), cases);
  const printer = options.pdf && !options.check ? new PdfPrinter({ browser: options.browser, date: null }).warm() : null;
  const failed = new Set<string>();
  const results: (Metrics | null)[] = cases.map(() => null);
  const started = performance.now();
  let next = 0;
  let finished = 0;
  const lane = async () => {
    while (next < cases.length) {
      const i = next++;
      const caseDir = cases[i]!;
      const eta = finished === 0 ? '–' : formatDuration(((performance.now() - started) / finished) * (cases.length - finished));
      process.stderr.write(`${tr.t('cli.batch.case', { n: i + 1, total: cases.length, name: basename(caseDir), eta })}\n`);
      try {
        results[i] = (await runCase(caseDir, options, tr, printer)).metrics;
      } catch (error) {
        if (!(error instanceof JejaringError)) throw error;
        failed.add(basename(caseDir));
        process.stderr.write(`${formatError(error, tr)}\n`);
      }
      finished++;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(threadCount(), cases.length) }, lane));
  } finally {
    await printer?.close();
  }
  const built = results.filter((m): m is Metrics => m !== null);
  if (built.length > 1) {
    // the combined view over all groups, beside the cases' own folders
    const staged = new StagedFolder(join(options.out, COMBINED_FOLDER), cases);
    try {
      for (const [path, data] of await combinedFiles(combine(built), tr)) staged.write(path, data);
      staged.commit();
    } catch (error) {
      staged.abort();
      throw error;
    }
  }
  const time = formatDuration(performance.now() - started);
  process.stderr.write(`${tr.t('cli.batch.done', { ok: cases.length - failed.size, total: cases.length, time })}\n`);
  if (failed.size > 0)
    throw new JejaringError(
      'BATCH_FAILED',
      {
        count: failed.size,
        names: cases
          .map((c) => basename(c))
          .filter((c) => failed.has(c))
          .join(', '),
      },
      { file: dir },
    );
  return options.out;
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Where a folder run puts the combined view over all its cases. */
export const COMBINED_FOLDER = '_gabungan';

/** Build one case's report; returns its folder and metrics (null metrics for --check). */
async function runCase(
  caseDir: string,
  options: CliOptions,
  tr: Translator,
  printer: PdfPrinter | null,
): Promise<{ target: string; metrics: Metrics | null }> {
  const config = loadCase(caseDir, tr);
  if (options.check) {
    const responses = await ingest(config, tr);
    process.stderr.write(`${checkSummary(responses, tr)}\n`);
    strictCheck(responses, options);
    return { target: join(options.out, config.case.name), metrics: null };
  }
  const target = join(options.out, config.case.name);
  const staged = new StagedFolder(target, [caseDir]);
  const onSignal = () => {
    staged.abort();
    // after the other cases of a folder run have removed theirs too (listeners of one signal)
    process.nextTick(() => process.exit(130));
  };
  process.on('SIGINT', onSignal); // every press aborts cleanly, not only the first
  process.on('SIGTERM', onSignal);
  const steps = progress(options.pdf ? 6 : 5);
  let ties = 0;
  // on a large case each big file's text (tens of MB) is let go before the next is made
  const write = (files: Files) => {
    for (const [path, data] of files) {
      staged.write(path, data);
      if (data.length > 4e6) releaseMemory(ties);
    }
  };
  try {
    let done = steps.step(tr.t('cli.stage.ingest'));
    const read = await ingest({ ...config, settings: { ...config.settings, audience: options.audience } }, tr);
    const shared = options.audience !== 'internal';
    const named = config.named.flatMap((n) =>
      read.actors.filter((a) => a.id === n || normaliseName(a.name) === normaliseName(n)).map((a) => a.id),
    );
    const responses = shared ? pseudonymise(read, options.audience, caseSecret(config.dir), named, tr) : read;
    ties = responses.rounds.reduce((sum, r) => sum + r.ties.length, 0);
    // shared editions carry no file of individual answers: only aggregates, charts and the report
    write(ingestFiles(responses, { answers: !shared }));
    done();
    strictCheck(responses, options);
    steps.line(tr.t('cli.ingestDone', { rounds: responses.rounds.length, ties, rejected: responses.summary.rowsRejected }));

    done = steps.step(tr.t('cli.stage.network'));
    // the layout goes on in a worker thread while the measures are computed
    const started = networkStarted(responses);
    releaseMemory(ties);
    done();

    done = steps.step(tr.t('cli.stage.metrics'));
    const m = suppressSmallCells(await metrics(started.graphs));
    const networks = await started.networks;
    if (!shared) write(networkFiles(networks));
    releaseMemory(ties);
    write(metricsFiles(m, networks, { ties: !shared }));
    releaseMemory(ties);
    done();

    done = steps.step(tr.t('cli.stage.charts'));
    const chartList = await charts(networks, m, tr);
    write(chartFiles(chartList));
    done();

    done = steps.step(tr.t('cli.stage.report'));
    const html = report(m, networks, chartList, tr);
    write([['report.html', html]]);
    done();

    if (options.pdf && printer) {
      done = steps.step(tr.t('cli.stage.pdf'));
      write([['report.pdf', await printer.print(html, config.settings.reportDate)]]);
      done();
    }
    staged.commit();
    if (responses.quality.length > 0)
      steps.line(tr.t('cli.qualityHint', { count: responses.quality.length, path: join(target, 'data-quality.csv') }));
    process.stderr.write(`${tr.t('cli.done', { path: join(target, options.pdf ? 'report.pdf' : 'report.html') })}\n`);
    return { target, metrics: m };
  } catch (error) {
    staged.abort();
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

if (isMain(import.meta.url)) runCli(async (options, tr) => void (await run(options, tr)));
