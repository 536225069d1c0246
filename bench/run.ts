/**
 * `npm run bench [-- --repeat N] [--no-pdf]`: times each stage on the sample case.
 *
 * In one process: the first (cold) run, which includes loading the chart and PDF libraries, then
 * the median of N warm runs (default 5); plus the wall time of the whole `npm run report` command
 * as a user runs it (process start included). Prints a table and writes out/bench/results.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '5' }, 'no-pdf': { type: 'boolean', default: false } } });
const repeat = Math.max(1, Number(values.repeat));
const withPdf = !values['no-pdf'];

const t0 = performance.now();
const [{ loadCase }, { ingest }, { network }, { metrics }, { charts }, { report }, { PdfPrinter }, { translator }] = await Promise.all([
  import('../pipeline/config.ts'),
  import('../pipeline/ingest.ts'),
  import('../pipeline/network.ts'),
  import('../pipeline/metrics.ts'),
  import('../pipeline/charts.ts'),
  import('../pipeline/report.ts'),
  import('../pipeline/pdf.ts'),
  import('../pipeline/i18n.ts'),
]);
const importMs = performance.now() - t0;

const tr = translator('id');
const STAGES = ['ingest', 'network', 'metrics', 'charts', 'html', 'pdf'] as const;
type Stage = (typeof STAGES)[number];

async function once(printer: InstanceType<typeof PdfPrinter> | null): Promise<Record<Stage, number>> {
  const times = {} as Record<Stage, number>;
  const time = async <T>(stage: Stage, fn: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await fn();
    times[stage] = performance.now() - start;
    return result;
  };
  const config = loadCase('data/sample', tr, { SOURCE_DATE_EPOCH: '1700000000' });
  const responses = await time('ingest', () => ingest(config, tr));
  const networks = await time('network', () => network(responses));
  const m = await time('metrics', () => metrics(networks));
  const chartList = await time('charts', () => charts(networks, m, tr));
  const html = await time('html', () => report(m, networks, chartList, tr));
  if (printer) await time('pdf', () => printer.print(html));
  else times.pdf = Number.NaN;
  return times;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const printer = withPdf ? new PdfPrinter({ browser: null, date: '2023-11-14' }) : null;
const cold = await once(printer);
const warm: Record<Stage, number>[] = [];
for (let i = 0; i < repeat; i++) warm.push(await once(printer));
await printer?.close();

const wallStart = performance.now();
execFileSync(process.execPath, ['--import', 'tsx', 'pipeline/run.ts', '--out', 'out/bench/run', ...(withPdf ? [] : ['--no-pdf'])], { stdio: 'ignore', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
const wallMs = performance.now() - wallStart;

const rows = STAGES.map((s) => ({ stage: s, coldMs: Math.round(cold[s]), medianMs: Math.round(median(warm.map((w) => w[s]))) }));
const chartsHtmlCold = cold.charts + cold.html;
const result = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` },
  case: 'data/sample',
  repeat,
  importMs: Math.round(importMs),
  stages: rows,
  chartsAndHtmlColdMs: Math.round(chartsHtmlCold),
  pdfColdMs: Math.round(cold.pdf),
  reportCommandWallMs: Math.round(wallMs),
  targets: {
    'charts + HTML, cold, under 2000 ms': chartsHtmlCold < 2000,
    ...(withPdf ? { 'PDF, cold, under 3000 ms more': cold.pdf < 3000, 'whole report command under 3000 ms wall': wallMs < 3000 } : {}),
  },
};
mkdirSync('out/bench', { recursive: true });
writeFileSync(join('out/bench', 'results.json'), `${JSON.stringify(result, null, 2)}\n`);

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`jejaring bench: ${result.machine.cpus} × ${result.machine.cpu}, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}`);
console.log(`module import ${result.importMs} ms; ${repeat} warm runs`);
console.log(`${'stage'.padEnd(10)}${pad('cold ms', 10)}${pad('median ms', 12)}`);
for (const r of rows) console.log(`${r.stage.padEnd(10)}${pad(Number.isNaN(r.coldMs) ? '–' : r.coldMs, 10)}${pad(Number.isNaN(r.medianMs) ? '–' : r.medianMs, 12)}`);
console.log(`charts + HTML (cold): ${result.chartsAndHtmlColdMs} ms; PDF (cold): ${Number.isNaN(result.pdfColdMs) ? '–' : result.pdfColdMs} ms; npm run report wall: ${result.reportCommandWallMs} ms`);
for (const [target, ok] of Object.entries(result.targets)) console.log(`${ok ? 'ok  ' : 'MISS'} ${target}`);
console.log('written: out/bench/results.json');
