/**
 * `npm run bench [-- --sizes sample,300,2000,20000] [--repeat N] [--no-pdf] [--compare]`
 *
 * Times every stage (ingest, network, metrics, charts, HTML, PDF) on the sample and on seeded
 * synthetic cases that look like survey data (bench/synthetic.ts): 1 group with 300 actors, 100
 * groups merged into one network (about 2,000 actors), 1,000 groups (about 17,000 actors and
 * 150,000 ties a round; add `20000` to --sizes, it takes minutes). Each case runs in its own
 * process (bench/case-times.ts): cold run, median of warm runs, peak memory. Also the wall time of
 * `npm run report` on the sample as a user runs it. Prints a table, writes out/bench/results.json.
 * `--compare` also times the path measures and PageRank against graphology-metrics, igraph and
 * networkx on the same graphs (bench/compare.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { caseGraph, compareTable, compareWithReferences, randomGraph, type Timing } from './compare.ts';
import { writeSyntheticCase } from './synthetic.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: 'sample,300,2000' }, repeat: { type: 'string', default: '3' }, 'no-pdf': { type: 'boolean', default: false }, compare: { type: 'boolean', default: false } } });
const SIZES: Record<string, { groups: number; pool: number } | null> = { sample: null, '300': { groups: 1, pool: 290 }, '2000': { groups: 100, pool: 800 }, '20000': { groups: 1000, pool: 6000 } };
const sizes = values.sizes.split(',').map((s) => s.trim());
for (const s of sizes) if (!(s in SIZES)) throw new Error(`--sizes: unknown size "${s}" (${Object.keys(SIZES).join(', ')})`);

interface CaseResult {
  case: string;
  importMs: number;
  peakRssMiB: number;
  stages: { stage: string; coldMs: number; medianMs: number }[];
}

const results: (CaseResult & { size: string; actors: number | null; ties: number | null })[] = [];
for (const size of sizes) {
  const spec = SIZES[size]!;
  let dir = 'data/sample';
  let shape: { actors: number; ties: number } | null = null;
  if (spec) {
    dir = join('out', 'bench', 'cases', `n${size}`);
    rmSync(dir, { recursive: true, force: true });
    shape = writeSyntheticCase(dir, spec);
  }
  const repeat = size === '20000' ? '0' : size === '2000' ? '1' : values.repeat;
  process.stderr.write(`bench ${size} …\n`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/case-times.ts', dir, '--repeat', repeat, ...(values['no-pdf'] || spec ? ['--no-pdf'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  results.push({ size, actors: shape?.actors ?? null, ties: shape?.ties ?? null, ...(JSON.parse(out.trim().split('\n').at(-1)!) as CaseResult) });
}

let compare: Timing[] = [];
if (values.compare) {
  const graphs: [string, Awaited<ReturnType<typeof caseGraph>>][] = [];
  for (const size of sizes) if (SIZES[size]) graphs.push([`kota-${size}`, await caseGraph(join('out', 'bench', 'cases', `n${size}`))]);
  graphs.push(['random-10000', randomGraph(10_000, 40_000)]);
  compare = await compareWithReferences(graphs, (line) => process.stderr.write(`${line}\n`));
}

const wallStart = performance.now();
execFileSync(process.execPath, ['--import', 'tsx', 'pipeline/run.ts', '--out', 'out/bench/run', ...(values['no-pdf'] ? ['--no-pdf'] : [])], { stdio: 'ignore', env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000' } });
const wallMs = Math.round(performance.now() - wallStart);

const sample = results.find((r) => r.size === 'sample');
const stage = (r: CaseResult, s: string, k: 'coldMs' | 'medianMs' = 'coldMs') => r.stages.find((x) => x.stage === s)?.[k] ?? NaN;
const result = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  results,
  reportCommandWallMs: wallMs,
  compare,
  targets: sample
    ? {
        'sample: charts + HTML (cold) under 2000 ms': stage(sample, 'charts') + stage(sample, 'html') < 2000,
        ...(values['no-pdf'] ? {} : { 'sample: PDF (cold) under 3000 ms more': stage(sample, 'pdf') < 3000, 'sample: whole report command under 3000 ms wall': wallMs < 3000 }),
      }
    : {},
};
mkdirSync('out/bench', { recursive: true });
writeFileSync(join('out/bench', 'results.json'), `${JSON.stringify(result, null, 2)}\n`);

const pad = (v: string | number, n: number) => String(Number.isNaN(v) ? '–' : v).padStart(n);
console.log(`jejaring bench: ${result.machine.cpus} × ${result.machine.cpu}, ${result.machine.memoryGiB} GiB, Node ${result.machine.node}`);
console.log(`${'case'.padEnd(8)}${pad('actors', 8)}${pad('ties', 9)}${['ingest', 'network', 'metrics', 'charts', 'html', 'pdf'].map((s) => pad(s, 9)).join('')}${pad('peak MiB', 10)}`);
for (const r of results) {
  console.log(`${r.size.padEnd(8)}${pad(r.actors ?? '34', 8)}${pad(r.ties ?? '216', 9)}${['ingest', 'network', 'metrics', 'charts', 'html', 'pdf'].map((s) => pad(stage(r, s), 9)).join('')}${pad(r.peakRssMiB, 10)}`);
}
console.log(`(cold times in ms, modules loaded before; npm run report on the sample: ${wallMs} ms wall)`);
for (const [target, ok] of Object.entries(result.targets)) console.log(`${ok ? 'ok  ' : 'MISS'} ${target}`);
if (compare.length > 0) console.log(`\nSeconds on the same graphs (* = networkx extrapolated from ${300} sources or actors):\n${compareTable(compare)}`);
console.log('written: out/bench/results.json');
