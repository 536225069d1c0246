/**
 * The shortest-path kernel (pipeline/metrics/paths.ts) against graphology-metrics, whose values
 * it must keep: betweenness (unweighted and on cooperation distances) and closeness on seeded
 * random directed graphs, harmonic centrality against graphology-shortest-path's BFS; worker
 * threads give the same numbers as one thread; the work is counted and projected; the decision to
 * sample follows the work, not the size; sampled sources stay within the documented bound.
 */
import { DirectedGraph } from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import closenessModule from 'graphology-metrics/centrality/closeness.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { singleSourceLength } from 'graphology-shortest-path/unweighted.js';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { interop } from '../pipeline/_interop.ts';
import {
  chooseSources,
  errorBound,
  exactPathMeasures,
  fromSums,
  MIN_PIVOTS,
  PROBES,
  pathMeasures,
  planPaths,
  projectedWork,
  TOP,
  topIndices,
  WORK_BUDGET,
} from '../pipeline/metrics/path-measures.ts';
import { allSources, compact, pathSums, reachWork } from '../pipeline/metrics/paths.ts';
import { pathSumsParallel } from '../pipeline/metrics/paths-pool.ts';
import { prestige } from '../pipeline/metrics/prestige.ts';
import { cooperationDistance } from '../pipeline/metrics/weighted-betweenness.ts';

const betweennessCentrality = interop(betweennessModule);
const closenessCentrality = interop(closenessModule);
const pagerankCentrality = interop(pagerankModule);

/** Seeded random directed graph: n actors, about m ties, cooperation levels 0–5 (some unanswered), one self-loop. */
function randomGraph(n: number, m: number, seed: string) {
  const rng = seedrandom(seed);
  const g = new DirectedGraph<Record<string, unknown>, { cooperation: number | null }>();
  for (let i = 0; i < n; i++) g.addNode(`a${i}`);
  for (let k = 0; k < m; k++) {
    const s = Math.floor(rng() * n);
    const t = Math.floor(rng() * n);
    if (s !== t) g.mergeEdge(`a${s}`, `a${t}`, { cooperation: rng() < 0.1 ? null : Math.floor(rng() * 6) });
  }
  g.mergeEdge('a0', 'a0', { cooperation: 5 });
  return g;
}

function expectClose(actual: Record<string, number>, expected: Record<string, number>) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) expect(Math.abs(actual[k]! - v), k).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
}

describe.each([
  [30, 60, 'sparse'],
  [80, 400, 'dense'],
  [200, 300, 'many components'],
  [150, 1500, 'one giant component'],
])('random graph n=%i, m≈%i (%s)', (n, m, seed) => {
  const g = randomGraph(n, m, seed);
  const measures = exactPathMeasures(g);
  it('betweenness equals graphology-metrics (unweighted)', () => {
    expectClose(measures.betweenness.raw, betweennessCentrality(g, { getEdgeWeight: null, normalized: false }));
  });
  it('cooperation-weighted betweenness equals graphology-metrics with distance 6 − level', () => {
    expectClose(
      measures.cooperationBetweenness.raw,
      betweennessCentrality(g, { getEdgeWeight: (_e, a) => cooperationDistance(a.cooperation), normalized: false }),
    );
  });
  it('closeness equals graphology-metrics; harmonic, mean distance and diameter equal a plain BFS', () => {
    expectClose(measures.distances.closeness, closenessCentrality(g));
    const harmonic: Record<string, number> = Object.fromEntries(g.nodes().map((v) => [v, 0]));
    let pairs = 0;
    let total = 0;
    let diameter = 0;
    for (const s of g.nodes()) {
      for (const [t, d] of Object.entries(singleSourceLength(g, s))) {
        if (t === s) continue;
        harmonic[t]! += 1 / d;
        pairs++;
        total += d;
        diameter = Math.max(diameter, d);
      }
    }
    expectClose(measures.distances.harmonic, harmonic);
    expect(measures.distances.meanDistance).toBeCloseTo(total / pairs, 12);
    expect(measures.distances.diameter).toBe(diameter);
  });
  it('PageRank equals graphology-metrics (damping 0.85, tolerance 1e-12)', () => {
    const plain = g.copy();
    plain.dropEdge('a0', 'a0');
    const expected = pagerankCentrality(plain, { getEdgeWeight: null, alpha: 0.85, tolerance: 1e-12, maxIterations: 10_000 });
    const actual = prestige(plain).pagerank;
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const [k, v] of Object.entries(expected)) expect(actual[k], k).toBe(v); // the same terms in the same order
  });
});

describe('worker threads', () => {
  it('give exactly the numbers of one thread, blocks added in order', async () => {
    const g = compact(randomGraph(1100, 5000, 'workers'));
    const sources = allSources(g.n);
    const here = pathSums(g, sources);
    const spread = await pathSumsParallel(g, sources, 2, Infinity);
    expect(spread).toEqual(here);
    expect(here.betweenness.some((v) => v > 0)).toBe(true);
  });
});

/** A survey-shaped graph: groups of 10 members naming each other and 3 of a shared pool of outside actors, who name nobody. */
function surveyGraph(groups: number, pool: number, seed: string) {
  const rng = seedrandom(seed);
  const g = new DirectedGraph<Record<string, unknown>, { cooperation: number | null }>();
  for (let o = 0; o < pool; o++) g.addNode(`o${o}`);
  for (let k = 0; k < groups; k++) {
    for (let i = 0; i < 10; i++) g.addNode(`g${k}m${i}`);
    for (let i = 0; i < 10; i++) {
      for (let j = 0; j < 10; j++) if (i !== j && rng() < 0.2) g.mergeEdge(`g${k}m${i}`, `g${k}m${j}`, { cooperation: 3 });
      for (let t = 0; t < 3; t++) g.mergeEdge(`g${k}m${i}`, `o${Math.floor(rng() * pool)}`, { cooperation: Math.floor(rng() * 6) });
    }
  }
  return g;
}

describe('the work of the exact pass', () => {
  it('is counted: actors reached and their out-ties, from each source', () => {
    // a → b → c, a → c, d isolated: from a 3 actors + 3 ties, from b 2 + 1, from c 1 + 0, from d 1 + 0
    const g = new DirectedGraph();
    for (const v of ['a', 'b', 'c', 'd']) g.addNode(v);
    g.addEdge('a', 'b');
    g.addEdge('b', 'c');
    g.addEdge('a', 'c');
    expect(reachWork(compact(g), allSources(4))).toBe(6 + 3 + 1 + 1);
    expect(projectedWork(compact(g))).toBe(11); // n ≤ PROBES: every source counted
  });
  it('is projected from the probes within a few per cent, the same every time', () => {
    const g = compact(randomGraph(3000, 4000, 'work'));
    expect(g.n).toBeGreaterThan(PROBES);
    const counted = reachWork(g, allSources(g.n));
    const projected = projectedWork(g);
    expect(projected).toBe(projectedWork(g));
    expect(Math.abs(projected - counted) / counted).toBeLessThan(0.1);
  });
});

describe('exact unless unaffordable', () => {
  // 40,000 actors and about 30,000 ties: n × m > 10⁹, where sampling by size used to start, yet little work
  const graph = surveyGraph(1000, 30_000, 'city');
  it('is exact on a large survey graph with little work, and names the exact top 10', async () => {
    expect(graph.order * graph.size).toBeGreaterThan(1e9);
    const measures = await pathMeasures(graph);
    expect(measures.sampling).toMatchObject({ exact: true, pivots: graph.order, errorBound: 0, stability: null, workBudget: WORK_BUDGET });
    expect(measures.sampling.projectedWork).toBeLessThan(WORK_BUDGET / 100);
    const exact = exactPathMeasures(graph);
    expect(measures.betweenness).toEqual(exact.betweenness);
    expect(measures.cooperationBetweenness).toEqual(exact.cooperationBetweenness);
    const top = (b: Record<string, number>) => topIndices(Float64Array.from(graph.nodes(), (v) => b[v]!));
    expect(top(measures.betweenness.raw)).toHaveLength(TOP);
    expect(top(measures.betweenness.raw)).toEqual(top(exact.betweenness.raw));
  });
  it('samples above the budget: as many pivots as it affords, in two disjoint halves, the same every time', async () => {
    const g = randomGraph(4400, 5000, 'budget');
    const plain = compact(g);
    const work = projectedWork(plain);
    const budget = work / 2; // the pass would cost twice the budget: half the sources
    const plan = planPaths(plain, budget);
    if (plan.exact) throw new Error('expected a sampled plan');
    const [a, b] = plan.halves;
    expect(a.length + b.length).toBe(2 * Math.floor(Math.floor((g.order * budget) / work) / 2));
    expect(a.length + b.length).toBeGreaterThanOrEqual(MIN_PIVOTS);
    expect([...a].filter((v) => b.includes(v))).toEqual([]);
    const measures = await pathMeasures(g, plain, budget);
    expect(measures.sampling).toMatchObject({ exact: false, pivots: a.length + b.length, projectedWork: work, workBudget: budget });
    expect(measures.sampling.errorBound).toBeCloseTo(errorBound(a.length + b.length, g.order), 12);
    const { stability } = measures.sampling;
    expect(stability?.top).toBe(TOP);
    for (const shared of [stability!.betweenness, stability!.cooperationBetweenness]) {
      expect(shared).toBeGreaterThanOrEqual(0);
      expect(shared).toBeLessThanOrEqual(TOP);
    }
    expect(await pathMeasures(g, plain, budget)).toEqual(measures);
  });
  it('is exact when the pivots it affords would be all actors', () => {
    const plain = compact(randomGraph(500, 3000, 'small'));
    expect(planPaths(plain, 1).exact).toBe(true); // MIN_PIVOTS ≥ n
  });
});

describe('sampled sources (Brandes–Pich)', () => {
  it('are seeded, distinct, sorted and k of n; all n when k ≥ n', () => {
    const a = chooseSources(1000, 50);
    expect([...a]).toEqual([...chooseSources(1000, 50)]);
    expect(new Set(a).size).toBe(50);
    expect([...a]).toEqual([...a].sort((x, y) => x - y));
    expect([...chooseSources(10, 20)]).toEqual([...allSources(10)]);
  });
  it('estimate normalised betweenness within the Hoeffding bound, and closeness closely', () => {
    const graph = randomGraph(1500, 4500, 'sampled');
    const keys = graph.nodes();
    const g = compact(graph);
    const exact = fromSums(keys, pathSums(g, allSources(g.n)), g.n);
    const k = 300;
    const sampled = fromSums(keys, pathSums(g, chooseSources(g.n, k)), k);
    const bound = errorBound(k, g.n);
    const worst = Math.max(...keys.map((v) => Math.abs(sampled.betweenness.normalized[v]! - exact.betweenness.normalized[v]!)));
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(bound);
    expect(Math.abs(sampled.distances.meanDistance! - exact.distances.meanDistance!) / exact.distances.meanDistance!).toBeLessThan(0.02);
  });
});
