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
 * set against igraph's betweenness alone and betweenness + closeness. Each time is the best of
 * up to three runs and leaves out building each library's graph (igraph's Graph, networkx's
 * DiGraph, jejaring's compact copy), except graphology-metrics, which builds its index inside.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
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
import { allSources, compact, pathSums } from '../pipeline/metrics/paths.ts';
import { pathSumsParallel } from '../pipeline/metrics/paths-pool.ts';
import { pagerankScores } from '../pipeline/metrics/prestige.ts';
import { network, roundGraph } from '../pipeline/network.ts';
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
  return roundGraph(network(responses).rounds.at(-1)!);
}

function writeEdges(path: string, graph: AbstractGraph): void {
  const index = new Map(graph.nodes().map((node, i) => [node, i]));
  const lines = [`# n=${graph.order}`];
  graph.forEachDirectedEdge((_e, _a, s, t) => {
    if (s !== t) lines.push(`${index.get(s)}\t${index.get(t)}`);
  });
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Best of up to 3 runs (JIT warm-up), fewer when a run takes over 2 s. */
const seconds = async (fn: () => unknown) => {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, (performance.now() - start) / 1000);
    if (best > 2) break;
  }
  return best;
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
      seconds: await seconds(() => pathSumsParallel(c, sources, threads)),
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

/** One graph's timings by library and measure; `best`: jejaring's path pass on one thread or all cores, whichever was faster. */
export function graphTimings(timings: Timing[], graph: string) {
  const get = (library: string, measure: string) =>
    timings.find((t) => t.graph === graph && t.library.startsWith(library) && t.measure === measure);
  const one = get('jejaring (1', 'betweenness+closeness');
  const all = timings.find((t) => t.graph === graph && /^jejaring \(\d+ threads\)/.test(t.library));
  const library = (name: string) => ({
    betweenness: get(name, 'betweenness'),
    closeness: get(name, 'closeness'),
    pagerank: get(name, 'pagerank'),
  });
  return {
    one,
    all,
    best: Math.min(one?.seconds ?? Infinity, all?.seconds ?? Infinity),
    pagerank: get('jejaring', 'pagerank'),
    graphology: library('graphology'),
    igraph: library('igraph'),
    networkx: library('networkx'),
  };
}

/** Seconds of betweenness and closeness together, when both were timed. */
export const pathSeconds = (l: { betweenness?: Timing; closeness?: Timing }) =>
  l.betweenness && l.closeness ? l.betweenness.seconds + l.closeness.seconds : undefined;

/** The comparison as a Markdown table: milliseconds per graph and measure, and jejaring's speed-up. */
export function compareTable(timings: Timing[]): string {
  const fmt = (t: Timing | undefined) => {
    if (!t) return '–';
    const ms = t.seconds * 1000;
    return `${ms >= 100 ? Math.round(ms).toLocaleString('en') : ms.toPrecision(2)}${t.extrapolated ? '*' : ''}`;
  };
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(1)}×` : '–');
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
      'igraph ÷ jejaring',
      'networkx ÷ jejaring',
    ]),
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const g of graphsTimed(timings)) {
    const { one, all, best, pagerank, graphology, igraph, networkx } = graphTimings(timings, g);
    const bc = [graphology.betweenness, igraph.betweenness, networkx.betweenness].map(fmt);
    rows.push(
      row([
        g,
        'betweenness',
        fmt(one),
        fmt(all),
        ...bc,
        ratio(igraph.betweenness?.seconds, best),
        ratio(networkx.betweenness?.seconds, best),
      ]),
    );
    const cl = [graphology.closeness, igraph.closeness, networkx.closeness].map((t) => `${fmt(t)} (closeness)`);
    rows.push(
      row([g, 'betweenness + closeness', '(same pass)', '', ...cl, ratio(pathSeconds(igraph), best), ratio(pathSeconds(networkx), best)]),
    );
    const pr = [graphology.pagerank, igraph.pagerank, networkx.pagerank].map(fmt);
    rows.push(
      row([
        g,
        'PageRank',
        fmt(pagerank),
        '',
        ...pr,
        ratio(igraph.pagerank?.seconds, pagerank?.seconds),
        ratio(networkx.pagerank?.seconds, pagerank?.seconds),
      ]),
    );
  }
  return rows.join('\n');
}
