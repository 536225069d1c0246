/**
 * `npm run bench -- --compare`: the same measures on the same graphs in jejaring, in
 * graphology-metrics, and, when a python3 with them is installed (bench/install-references.sh),
 * in igraph and networkx (bench/reference.py). Graphs: the last round of each synthetic case of
 * the run, and a seeded random directed graph of 10,000 actors and 40,000 ties (where nearly
 * every actor reaches every other: the hard case for shortest paths). Edge files go to
 * out/bench/graphs/ so any other tool can be timed on them too.
 *
 * jejaring's pass gives betweenness, closeness and harmonic centrality at once; it is timed on
 * one thread and as the report runs it (worker threads on all cores when the work is large), and
 * set against igraph's betweenness alone and betweenness + closeness. Each time is the median of
 * five runs (three when a run takes over a second) and leaves out building each library's graph
 * (igraph's Graph, networkx's DiGraph, jejaring's compact copy), except graphology-metrics, which
 * builds its index inside.
 *
 * Also (`pathWork`): per graph, the work of the exact path pass as jejaring projects it from its
 * probes and as counted from every source, what one unit costs on this machine (both passes, one
 * thread: the calibration of path-measures.ts `WORK_BUDGET`), whether the report computes the
 * measures exactly, and how many of the exact top 10 by betweenness the report names. And
 * (`reportAgainstIgraph`): the whole report command without PDF against python-igraph computing
 * the report's measures on the same ties (bench/reference.py `case`), as whole processes started
 * in turn, with medians and the median of the pairwise ratios.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DirectedGraph } from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import closenessModule from 'graphology-metrics/centrality/closeness.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import type { AbstractGraph } from 'graphology-types';
import seedrandom from 'seedrandom';
import { interop } from '../pipeline/_interop.ts';
import { translator } from '../pipeline/i18n.ts';
import { ingestCase } from '../pipeline/ingest.ts';
import { chooseSources, MIN_PIVOTS, pathMeasures, projectedWork, topOverlap, WORK_BUDGET } from '../pipeline/metrics/path-measures.ts';
import { allSources, compact, type PathSums, pathSums, reachWork } from '../pipeline/metrics/paths.ts';
import { pathSumsParallel } from '../pipeline/metrics/paths-pool.ts';
import { pagerankScores } from '../pipeline/metrics/prestige.ts';
import { cooperationDistance } from '../pipeline/metrics/weighted-betweenness.ts';
import type { TieAttributes } from '../pipeline/model/responses.ts';
import { networkGraphs, roundGraph } from '../pipeline/network.ts';
import { threadCount } from '../pipeline/workers.ts';

const betweennessCentrality = interop(betweennessModule);
const closenessCentrality = interop(closenessModule);
const pagerankCentrality = interop(pagerankModule);

export interface Timing {
  graph: string;
  library: string;
  version?: string;
  measure: string;
  seconds: number;
  extrapolated: boolean;
}

/** Seeded random directed graph with n actors and m distinct ties (no self-loops). */
export function randomGraph(n: number, m: number, seed = 'jejaring-bench-random'): DirectedGraph {
  const rng = seedrandom(seed);
  const g = new DirectedGraph();
  for (let i = 0; i < n; i++) g.addNode(String(i));
  while (g.size < m) {
    const s = Math.floor(rng() * n);
    const t = Math.floor(rng() * n);
    if (s !== t) g.mergeEdge(String(s), String(t));
  }
  return g;
}

/** The last round of a case as a plain directed graph (what the path measures see). */
export async function caseGraph(dir: string): Promise<AbstractGraph> {
  const { responses } = await ingestCase(dir, translator('id'), { SOURCE_DATE_EPOCH: '1700000000' });
  return roundGraph(networkGraphs(responses).rounds.at(-1)!);
}

function writeEdges(path: string, graph: AbstractGraph): void {
  const index = new Map(graph.nodes().map((node, i) => [node, i]));
  const lines = [`# n=${graph.order}`];
  graph.forEachDirectedEdge((_e, _a, s, t) => {
    if (s !== t) lines.push(`${index.get(s)}\t${index.get(t)}`);
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Median seconds of 5 runs, or of 3 when the first takes over a second (bench/reference.py does the same). */
const seconds = async (fn: () => unknown) => {
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    await fn();
    runs.push((performance.now() - start) / 1000);
    if (run === 2 && runs[0]! > 1) break;
  }
  return median(runs);
};

/** A python3 that can import `module`, or null. */
function python(module: string): string | null {
  for (const candidate of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (candidate && spawnSync(candidate, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return null;
}

export async function compareWithReferences(
  graphs: [name: string, graph: AbstractGraph][],
  log: (line: string) => void,
): Promise<Timing[]> {
  const dir = join('out', 'bench', 'graphs');
  mkdirSync(dir, { recursive: true });
  const timings: Timing[] = [];
  const files: string[] = [];
  const threads = threadCount();
  for (const [name, graph] of graphs) {
    const file = join(dir, `${name}.tsv`);
    writeEdges(file, graph);
    files.push(file);
    log(`compare: ${name} (${graph.order} actors, ${graph.size} ties) in jejaring and graphology-metrics …`);
    const c = compact(graph);
    const sources = allSources(c.n);
    timings.push({
      graph: name,
      library: 'jejaring (1 thread)',
      measure: 'betweenness+closeness',
      seconds: await seconds(() => pathSums(c, sources)),
      extrapolated: false,
    });
    timings.push({
      graph: name,
      library: `jejaring (${threads} threads)`,
      measure: 'betweenness+closeness',
      seconds: await seconds(() => pathSumsParallel(c, sources, threads, projectedWork(c))),
      extrapolated: false,
    });
    timings.push({
      graph: name,
      library: 'jejaring',
      measure: 'pagerank',
      seconds: await seconds(() => pagerankScores(c)),
      extrapolated: false,
    });
    timings.push({
      graph: name,
      library: 'graphology-metrics',
      measure: 'betweenness',
      seconds: await seconds(() => betweennessCentrality(graph, { getEdgeWeight: null })),
      extrapolated: false,
    });
    timings.push({
      graph: name,
      library: 'graphology-metrics',
      measure: 'closeness',
      seconds: await seconds(() => closenessCentrality(graph)),
      extrapolated: false,
    });
    timings.push({
      graph: name,
      library: 'graphology-metrics',
      measure: 'pagerank',
      seconds: await seconds(() =>
        pagerankCentrality(graph, { getEdgeWeight: null, alpha: 0.85, tolerance: 1e-12, maxIterations: 10_000 }),
      ),
      extrapolated: false,
    });
  }
  for (const library of ['igraph', 'networkx']) {
    const py = python(library);
    if (!py) {
      log(`compare: no python3 with ${library} (bench/install-references.sh installs it); skipped`);
      continue;
    }
    log(`compare: ${library} (${py}) …`);
    const run = spawnSync(py, ['bench/reference.py', library, ...files], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    });
    if (run.status !== 0) {
      log(`compare: ${library} failed (exit ${run.status}); skipped`);
      continue;
    }
    for (const line of run.stdout.trim().split('\n')) if (line) timings.push(JSON.parse(line) as Timing);
  }
  return timings;
}

/** The graphs timed, in order. */
export const graphsTimed = (timings: Timing[]) => [...new Set(timings.map((t) => t.graph))];

/** One graph's timings by library and measure: jejaring's path pass on one thread (`one`) and as the report runs it (`all`). */
export function graphTimings(timings: Timing[], graph: string) {
  const get = (library: string, measure: string) =>
    timings.find((t) => t.graph === graph && t.library.startsWith(library) && t.measure === measure);
  const library = (name: string) => ({
    betweenness: get(name, 'betweenness'),
    closeness: get(name, 'closeness'),
    pagerank: get(name, 'pagerank'),
  });
  return {
    one: get('jejaring (1', 'betweenness+closeness'),
    all: timings.find((t) => t.graph === graph && /^jejaring \(\d+ threads\)/.test(t.library)),
    pagerank: get('jejaring', 'pagerank'),
    graphology: library('graphology'),
    igraph: library('igraph'),
    networkx: library('networkx'),
  };
}

/** Seconds of betweenness and closeness together, when both were timed. */
export const pathSeconds = (l: { betweenness?: Timing; closeness?: Timing }) =>
  l.betweenness && l.closeness ? l.betweenness.seconds + l.closeness.seconds : undefined;

/**
 * The comparison as a Markdown table: median milliseconds per graph and measure, and how many
 * times jejaring's time fits in igraph's and networkx's, on one thread (per core: igraph and
 * networkx use one) and as the report runs (all cores).
 */
export function compareTable(timings: Timing[]): string {
  const fmt = (t: Timing | undefined) => {
    if (!t) return '–';
    const ms = t.seconds * 1000;
    return `${ms >= 100 ? Math.round(ms).toLocaleString('en') : ms.toPrecision(2)}${t.extrapolated ? '*' : ''}`;
  };
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : '–');
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rows = [
    row([
      'graph',
      'measure',
      'jejaring 1 thread',
      'jejaring all cores',
      'graphology-metrics',
      'igraph',
      'networkx',
      'igraph ÷ jejaring 1 thread',
      'igraph ÷ jejaring all cores',
      'networkx ÷ jejaring 1 thread',
    ]),
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const g of graphsTimed(timings)) {
    const { one, all, pagerank, graphology, igraph, networkx } = graphTimings(timings, g);
    const [s1, sAll] = [one?.seconds, all?.seconds];
    const bc = [graphology.betweenness, igraph.betweenness, networkx.betweenness].map(fmt);
    const b = [igraph.betweenness?.seconds, networkx.betweenness?.seconds];
    rows.push(row([g, 'betweenness', fmt(one), fmt(all), ...bc, ratio(b[0], s1), ratio(b[0], sAll), ratio(b[1], s1)]));
    const cl = [graphology.closeness, igraph.closeness, networkx.closeness].map((t) => `${fmt(t)} (closeness)`);
    const bcl = [pathSeconds(igraph), pathSeconds(networkx)];
    rows.push(row([g, 'betweenness + closeness', '(same pass)', '', ...cl, ratio(bcl[0], s1), ratio(bcl[0], sAll), ratio(bcl[1], s1)]));
    const pr = [graphology.pagerank, igraph.pagerank, networkx.pagerank].map(fmt);
    const p = pagerank?.seconds;
    rows.push(row([g, 'PageRank', fmt(pagerank), '', ...pr, ratio(igraph.pagerank?.seconds, p), '', ratio(networkx.pagerank?.seconds, p)]));
  }
  return rows.join('\n');
}

/** One graph's path work: projected and counted, the cost of a unit, the report's decision and its top 10 against the exact one. */
export interface PathWork {
  graph: string;
  actors: number;
  ties: number;
  projected: number;
  counted: number;
  /** Both passes (unweighted and cooperation distances) over every source, one thread, median seconds. */
  seconds: number;
  nsPerUnit: number;
  exact: boolean;
  pivots: number;
  /** Of the exact top 10 by betweenness: how many the report names, and how many 2,000 pivots (the old rule by size) named. */
  reportedTop10: number;
  twoThousandPivotsTop10: number | null;
}

export async function pathWork(graphs: [name: string, graph: AbstractGraph][], log: (line: string) => void): Promise<PathWork[]> {
  const out: PathWork[] = [];
  for (const [name, graph] of graphs) {
    log(`path work: ${name} …`);
    const plain = compact(graph);
    const weighted = compact(graph, (a: Partial<TieAttributes>) => cooperationDistance(a.cooperation ?? null));
    const sources = allSources(plain.n);
    const counted = reachWork(plain, sources);
    let exact: PathSums | undefined;
    const time = await seconds(() => {
      exact = pathSums(plain, sources);
      pathSums(weighted, sources);
    });
    const reported = await pathMeasures(graph, plain);
    const top = Float64Array.from(graph.nodes(), (v) => reported.betweenness.raw[v]!);
    const old = plain.n > MIN_PIVOTS ? pathSums(plain, chooseSources(plain.n, MIN_PIVOTS)).betweenness : null;
    out.push({
      graph: name,
      actors: graph.order,
      ties: graph.size,
      projected: projectedWork(plain),
      counted,
      seconds: time,
      nsPerUnit: (time * 1e9) / counted,
      exact: reported.sampling.exact,
      pivots: reported.sampling.pivots,
      reportedTop10: topOverlap(exact!.betweenness, top),
      twoThousandPivotsTop10: old && topOverlap(exact!.betweenness, old),
    });
  }
  return out;
}

export function pathWorkTable(rows: PathWork[]): string {
  const e = (v: number) => v.toExponential(2).replace('e+', '·10^');
  const lines = [
    '| graph | actors | ties | projected work | counted work | both passes, 1 thread (s) | ns a unit | report | ' +
      'exact top 10 named by the report | by 2,000 pivots |',
    '|---|--:|--:|--:|--:|--:|--:|---|--:|--:|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.graph} | ${r.actors.toLocaleString('en')} | ${r.ties.toLocaleString('en')} | ${e(r.projected)} | ${e(r.counted)} | ` +
        `${r.seconds.toPrecision(3)} | ${r.nsPerUnit.toFixed(0)} | ${r.exact ? 'exact' : `${r.pivots} pivots`} | ${r.reportedTop10}/10 | ` +
        `${r.twoThousandPivotsTop10 === null ? '–' : `${r.twoThousandPivotsTop10}/10`} |`,
    );
  lines.push(`(budget ${e(WORK_BUDGET)} units: sampled above it)`);
  return lines.join('\n');
}

/** Wall and CPU seconds and peak MiB of one whole process, from GNU time when present (else CPU and peak are NaN). */
function processRun(command: string, args: string[], env: NodeJS.ProcessEnv): { wall: number; cpu: number; peakMiB: number } {
  const timeFile = join('out', 'bench', 'time.txt');
  const gnuTime = existsSync('/usr/bin/time');
  rmSync(timeFile, { force: true });
  const [file, argv] = gnuTime ? ['/usr/bin/time', ['-o', timeFile, '-f', '%U %S %M', command, ...args]] : [command, args];
  const start = performance.now();
  const run = spawnSync(file, argv as string[], { env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const wall = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${run.status}):\n${String(run.stderr).slice(-500)}`);
  if (!gnuTime) return { wall, cpu: Number.NaN, peakMiB: Number.NaN };
  const [user, system, kb] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wall, cpu: user! + system!, peakMiB: kb! / 1024 };
}

export interface ReportVsIgraph {
  case: string;
  runs: number;
  jejaring: { wall: number; cpu: number; peakMiB: number };
  igraph: { wall: number; cpu: number; peakMiB: number };
  /** Medians of the pairwise ratios jejaring ÷ igraph. */
  wallRatio: number;
  cpuRatio: number;
}

/**
 * The whole report without PDF (`npm run report -- <case> --no-pdf`: node and the bundled command) against
 * python-igraph computing the same measures on the same ties (bench/reference.py `case`), each a
 * whole process, started in turn `runs` times after one unrecorded pair; null without igraph.
 */
export function reportAgainstIgraph(dir: string, runs: number, log: (line: string) => void): ReportVsIgraph | null {
  const py = python('igraph');
  if (!py) return null;
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1700000000' };
  const jejaring = () =>
    processRun(process.execPath, ['bin/jejaring.mjs', 'report', dir, '--out', join('out', 'bench', 'vs-igraph'), '--no-pdf'], env);
  const igraph = () => processRun(py, ['bench/reference.py', 'case', dir], env);
  log(`report vs igraph: ${dir} (${runs} runs each, in turn) …`);
  jejaring();
  igraph();
  const pairs = Array.from({ length: runs }, () => [jejaring(), igraph()] as const);
  const summary = (k: 0 | 1) => ({
    wall: median(pairs.map((p) => p[k].wall)),
    cpu: median(pairs.map((p) => p[k].cpu)),
    peakMiB: median(pairs.map((p) => p[k].peakMiB)),
  });
  return {
    case: dir,
    runs,
    jejaring: summary(0),
    igraph: summary(1),
    wallRatio: median(pairs.map(([a, b]) => a.wall / b.wall)),
    cpuRatio: median(pairs.map(([a, b]) => a.cpu / b.cpu)),
  };
}

export function reportVsIgraphTable(rows: ReportVsIgraph[]): string {
  const f = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(2));
  const lines = [
    '| case | runs | jejaring wall s | jejaring CPU s | jejaring peak MiB | igraph wall s | igraph CPU s | wall ratio | CPU ratio |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.case} | ${r.runs} | ${f(r.jejaring.wall)} | ${f(r.jejaring.cpu)} | ${Math.round(r.jejaring.peakMiB)} | ` +
        `${f(r.igraph.wall)} | ${f(r.igraph.cpu)} | ${f(r.wallRatio)}× | ${f(r.cpuRatio)}× |`,
    );
  return lines.join('\n');
}
