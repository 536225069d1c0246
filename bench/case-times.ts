/**
 * Times each stage on one case in this process: the first (cold) run, which includes loading the
 * chart and PDF libraries, then the median of N warm runs; prints one JSON line with the times,
 * the module import time and the peak resident memory. Run by bench/run.ts, one process per case
 * so that peaks do not mix: `tsx bench/case-times.ts <case-dir> [--repeat N] [--no-pdf]`.
 */
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { repeat: { type: 'string', default: '5' }, 'no-pdf': { type: 'boolean', default: false } },
});
const caseDir = positionals[0] ?? 'data/sample';
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
  const config = loadCase(caseDir, tr, { SOURCE_DATE_EPOCH: '1700000000' });
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

const rows = STAGES.map((s) => ({ stage: s, coldMs: Math.round(cold[s]), medianMs: Math.round(median(warm.map((w) => w[s]))) }));
console.log(
  JSON.stringify({
    case: caseDir,
    repeat,
    importMs: Math.round(importMs),
    stages: rows,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
