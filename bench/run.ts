/**
 * `npm run bench [-- --sizes sample,300,2000,20000,batch100] [--repeat N] [--no-pdf] [--compare]`
 *
 * Times every stage (ingest, network, metrics, charts, HTML, PDF) on the sample and on seeded
 * synthetic cases that look like survey data (bench/synthetic.ts): 1 group with 300 actors, 100
 * groups merged into one network (about 2,000 actors), 1,000 groups (about 17,000 actors and
 * 150,000 ties a round; add `20000` to --sizes, it takes minutes). Each case runs in its own
 * process (bench/case-times.ts): cold run, median of warm runs, peak memory. Also the wall time of
 * `npm run report` on the sample as a user runs it, and the same command on each synthetic case
 * (wall time and peak memory; PDFs for the sample and the batch only). `batch100` is a folder of
 * 100 one-group cases sharing outside actors: every report, every PDF and the combined view.
 * Prints a table, writes out/bench/results.json.
 * `--startup [--against REF]` also times the sample's whole `npm run report` against an earlier
 * version, alternating runs (bench/startup.ts); `--studio [--audience A]` times the workbench's
 * warm rebuild of the sample (bench/studio.ts). Given alone (no `--sizes`), either runs without the
 * stage bench; `--repeat N` sets their runs too (defaults: 3 warm runs a case, 5 start-up pairs, 7
 * warm rebuilds).
 * `--compare` also times the path measures and PageRank against graphology-metrics, igraph and
 * networkx on the same graphs, prints the work of the exact path pass (projected, counted, cost of
 * a unit) with the report's top 10 against the exact one, and times each synthetic case's whole
 * report against python-igraph computing the same measures (bench/compare.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAudience } from '../pipeline/edition.ts';
import {
  caseGraph,
  compareTable,
  compareWithReferences,
  graphsTimed,
  graphTimings,
  type PathWork,
  pathSeconds,
  pathWork,
  pathWorkTable,
  type ReportVsIgraph,
  randomGraph,
  reportAgainstIgraph,
  reportVsIgraphTable,
  type Timing,
} from './compare.ts';
import { type ProvinceRun, provinceRun, provinceTable } from './province.ts';
import type { StartupResult } from './startup.ts';
import type { StudioTiming } from './studio.ts';
import { writeSyntheticBatch, writeSyntheticCase } from './synthetic.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    repeat: { type: 'string' },
    'no-pdf': { type: 'boolean', default: false },
    compare: { type: 'boolean', default: false },
    startup: { type: 'boolean', default: false },
    against: { type: 'string', default: 'c0fc69c' },
    studio: { type: 'boolean', default: false },
    audience: { type: 'string', default: 'kelurahan' },
    province: { type: 'string' },
  },
});
/** Runs of a bench: `--repeat` when given, else that bench's own default. */
const runs = (fallback: number) => (values.repeat === undefined ? fallback : Number(values.repeat));
/** The machine's load (1-minute average) when the run starts and ends: a busy machine slows every figure. */
const loadAtStart = loadavg()[0]!;

const SIZES: Record<string, { groups: number; pool: number } | null> = {
  sample: null,
  '300': { groups: 1, pool: 290 },
  '2000': { groups: 100, pool: 800 },
  '20000': { groups: 1000, pool: 6000 },
  batch100: { groups: 100, pool: 400 },
};
// --startup, --studio or --province alone times only that; the stage bench runs when sizes are given or nothing else is asked
const sizes = (values.sizes ?? (values.startup || values.studio || values.province ? '' : 'sample,300,2000'))
  .split(',')
  .map((s) => s.trim())
  .filter((s) => s !== '');
for (const s of sizes) if (!(s in SIZES)) throw new Error(`--sizes: unknown size "${s}" (${Object.keys(SIZES).join(', ')})`);

interface CaseResult {
  case: string;
  importMs: number;
  peakRssMiB: number;
  stages: { stage: string; coldMs: number; medianMs: number }[];
}

/**
 * The report command as `npm run report` runs it (node and the bundled command, without npm's own start;
 * JEJARING_DEBUG for the peak memory line): wall ms and peak MiB.
 */
function reportCommand(dir: string, out: string, pdf: boolean): { wallMs: number; peakRssMiB: number } {
  const start = performance.now();
  const run = spawnSync(process.execPath, ['bin/jejaring.mjs', 'report', dir, '--out', out, ...(pdf ? [] : ['--no-pdf'])], {
    encoding: 'utf8',
    env: { ...process.env, SOURCE_DATE_EPOCH: '1700000000', JEJARING_DEBUG: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Math.round(performance.now() - start);
  if (run.status !== 0) throw new Error(`npm run report -- ${dir} failed:\n${run.stderr.split('\n').slice(-5).join('\n')}`);
  return { wallMs, peakRssMiB: Number(/peak rss (\d+) MiB/.exec(run.stderr)?.[1] ?? NaN) };
}

const results: (CaseResult & {
  size: string;
  actors: number | null;
  ties: number | null;
  command: { wallMs: number; peakRssMiB: number; pdf: boolean };
})[] = [];
let batch: { cases: number; ties: number; wallMs: number; peakRssMiB: number; pdf: boolean } | null = null;
for (const size of sizes) {
  const spec = SIZES[size]!;
  if (size === 'batch100') {
    const dir = join('out', 'bench', 'cases', 'batch100');
    rmSync(dir, { recursive: true, force: true });
    const shape = writeSyntheticBatch(dir, spec);
    process.stderr.write(`bench batch100 (100 cases${values['no-pdf'] ? '' : ' with PDFs'}) …\n`);
    batch = { ...shape, ...reportCommand(dir, join('out', 'bench', 'batch'), !values['no-pdf']), pdf: !values['no-pdf'] };
    continue;
  }
  let dir = 'data/sample';
  let shape: { actors: number; ties: number } | null = null;
  if (spec) {
    dir = join('out', 'bench', 'cases', `n${size}`);
    rmSync(dir, { recursive: true, force: true });
    shape = writeSyntheticCase(dir, spec);
  }
  const repeat = size === '20000' ? '0' : size === '2000' ? '1' : String(runs(3));
  process.stderr.write(`bench ${size} …\n`);
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', 'bench/case-times.ts', dir, '--repeat', repeat, ...(values['no-pdf'] || spec ? ['--no-pdf'] : [])],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
  );
  const pdf = !spec && !values['no-pdf'];
  const command = { ...reportCommand(dir, join('out', 'bench', 'run'), pdf), pdf };
  results.push({
    size,
    actors: shape?.actors ?? null,
    ties: shape?.ties ?? null,
    command,
    ...(JSON.parse(out.trim().split('\n').at(-1)!) as CaseResult),
  });
}

let compare: Timing[] = [];
let work: PathWork[] = [];
const vsIgraph: ReportVsIgraph[] = [];
if (values.compare) {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const graphs: [string, Awaited<ReturnType<typeof caseGraph>>][] = [];
  const synthetic = sizes.filter((size) => SIZES[size] && size !== 'batch100');
  for (const size of synthetic) graphs.push([`kota-${size}`, await caseGraph(join('out', 'bench', 'cases', `n${size}`))]);
  graphs.push(['random-10000', randomGraph(10_000, 40_000)]);
  compare = await compareWithReferences(graphs, log);
  work = await pathWork(graphs, log);
  for (const size of synthetic) {
    const r = reportAgainstIgraph(join('out', 'bench', 'cases', `n${size}`), size === '20000' ? 3 : 5, log);
    if (r) vsIgraph.push({ ...r, case: `kota-${size}` });
  }
}

// loaded only when asked: the workbench bench starts a server and a browser
let startup: (StartupResult & { table: string }) | null = null;
if (values.startup) {
  process.stderr.write(`bench startup against ${values.against} …\n`);
  const { startupBench, startupTable } = await import('./startup.ts');
  const r = startupBench(process.cwd(), values.against, runs(5));
  startup = { ...r, table: startupTable(r) };
}
let studio: (StudioTiming & { audience: string; targetMs: number; table: string }) | null = null;
if (values.studio) {
  process.stderr.write(`bench studio (${values.audience}) …\n`);
  const { studioBench, studioTable, WARM_TARGET_MS } = await import('./studio.ts');
  const audience = parseAudience(values.audience);
  const r = await studioBench(runs(7), audience);
  studio = { ...r, audience, targetMs: WARM_TARGET_MS, table: studioTable(r, audience) };
}

const province: ProvinceRun[] = [];
if (values.province) {
  const counts = values.province.split(',').map((n) => Number(n.trim()));
  for (const n of counts)
    if (!Number.isInteger(n) || n < 2) throw new Error(`--province: "${values.province}" is not a list of case counts of at least 2`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  for (const n of counts) province.push(await provinceRun(n, !values['no-pdf'], parseAudience(values.audience), log));
}

const sample = results.find((r) => r.size === 'sample');
const big = results.find((r) => r.size === '20000');
const stage = (r: CaseResult, s: string, k: 'coldMs' | 'medianMs' = 'coldMs') => r.stages.find((x) => x.stage === s)?.[k] ?? NaN;
const result = {
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    load: [loadAtStart, loadavg()[0]!].map((l) => Math.round(l * 10) / 10),
  },
  results,
  batch,
  compare,
  pathWork: work,
  reportVsIgraph: vsIgraph,
  startup: startup && { current: startup.current, previous: startup.previous, ratio: startup.ratio },
  studio: studio && { ...studio, table: undefined },
  province,
  targets: targets(),
};
function targets(): Record<string, boolean> {
  const t: Record<string, boolean> = {};
  if (sample) t['sample: charts + HTML (cold) under 2000 ms'] = stage(sample, 'charts') + stage(sample, 'html') < 2000;
  if (sample?.command.pdf) t['sample: npm run report (HTML + PDF) under 3000 ms wall'] = sample.command.wallMs < 3000;
  if (big) t['20000: peak memory of npm run report under 1 GB'] = big.command.peakRssMiB < 1024;
  if (batch?.pdf) t['batch100: every report and PDF under 2 minutes'] = batch.wallMs < 120_000;
  for (const g of graphsTimed(compare)) {
    const { one, pagerank, igraph, networkx } = graphTimings(compare, g);
    const [igraphPaths, networkxPaths] = [pathSeconds(igraph), pathSeconds(networkx)];
    if (one && igraphPaths !== undefined)
      t[`${g}: betweenness + closeness on one thread at least as fast as igraph`] = one.seconds <= igraphPaths;
    if (one && networkxPaths !== undefined)
      t[`${g}: betweenness + closeness on one thread at least 20× faster than networkx`] = one.seconds * 20 <= networkxPaths;
    if (pagerank && igraph.pagerank)
      t[`${g}: PageRank within 2× of igraph`] = pagerank.seconds <= 2 * Math.max(igraph.pagerank.seconds, 0.001);
  }
  for (const w of work.filter((w) => w.graph.startsWith('kota-')))
    t[`${w.graph}: path measures exact, and the report names the exact top 10 by betweenness`] = w.exact && w.reportedTop10 === 10;
  for (const r of vsIgraph.filter((r) => r.case === 'kota-2000'))
    t[`${r.case} (100 groups): whole report without PDF within 2× of igraph on the same measures (wall)`] = r.wallRatio <= 2;
  for (const p of province.filter((p) => p.pdf)) {
    t[`province${p.cases}: peak memory of the whole run (node and browsers) at most 1.5 GB`] = p.peakTreeMiB <= 1536;
    t[`province${p.cases}: 5,000 cases with every PDF in one night (12 h) at the measured time a case`] = p.perCaseS * 5000 <= 12 * 3600;
  }
  if (studio)
    t[`studio: warm rebuild of the sample (HTML + PDF, ${studio.audience}) at most ${studio.targetMs} ms`] =
      studio.medianMs <= studio.targetMs;
  return t;
}

mkdirSync('out/bench', { recursive: true });
writeFileSync(join('out/bench', 'results.json'), `${JSON.stringify(result, null, 2)}\n`);

const pad = (v: string | number, n: number) => String(Number.isNaN(v) ? '–' : v).padStart(n);
const { machine } = result;
console.log(
  `jejaring bench: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.load.join(' → ')}`,
);
const STAGES = ['ingest', 'network', 'metrics', 'charts', 'html', 'pdf'];
if (results.length > 0) stageTable();
function stageTable() {
  const row = (
    first: string,
    actors: string | number,
    ties: string | number,
    stages: (string | number)[],
    command: string | number,
    peak: string | number,
  ) => `${first.padEnd(8)}${pad(actors, 8)}${pad(ties, 9)}${stages.map((s) => pad(s, 9)).join('')}${pad(command, 10)}${pad(peak, 10)}`;
  console.log(row('case', 'actors', 'ties', STAGES, 'command', 'peak MiB'));
  for (const r of results) {
    console.log(
      row(
        r.size,
        r.actors ?? '34',
        r.ties ?? '216',
        STAGES.map((s) => stage(r, s)),
        r.command.wallMs,
        r.command.peakRssMiB,
      ),
    );
  }
  console.log('(stages: cold times in ms, modules loaded before; command: npm run report wall ms and its peak memory,');
  console.log(' with the PDF for the sample only)');
}
if (batch) {
  const what = `npm run report -- <folder>${batch.pdf ? ' with every PDF' : ''}`;
  const wall = (batch.wallMs / 1000).toFixed(1);
  console.log(`batch100: ${batch.cases} cases, ${batch.ties} ties, ${what}: ${wall} s wall, peak ${batch.peakRssMiB} MiB`);
}
for (const [target, ok] of Object.entries(result.targets)) console.log(`${ok ? 'ok  ' : 'MISS'} ${target}`);
if (compare.length > 0) {
  console.log('\nMilliseconds on the same graphs (medians; * = networkx extrapolated from 300 sources or actors):');
  console.log(compareTable(compare));
}
if (work.length > 0) {
  console.log('\nWork of the exact path pass (actors reached + their out-ties, over all sources):');
  console.log(pathWorkTable(work));
}
if (vsIgraph.length > 0) {
  console.log('\nWhole report without PDF against python-igraph computing the same measures (medians of runs in turn):');
  console.log(reportVsIgraphTable(vsIgraph));
}
if (province.length > 0) {
  console.log('\nA province: a folder of one-group cases reported as a dinas would (every report, the combined view):');
  console.log(provinceTable(province));
}
if (startup) console.log(`\n${startup.table}`);
if (studio) console.log(`\n${studio.table}`);
console.log('written: out/bench/results.json');
