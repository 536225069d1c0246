/**
 * The shortest-path kernel (pipeline/metrics/paths.ts) against graphology-metrics, whose values
 * it must keep: betweenness (unweighted and on cooperation distances) and closeness on seeded
 * random directed graphs, harmonic centrality against graphology-shortest-path's BFS; worker
 * threads give the same numbers as one thread; sampled sources stay within the documented bound.
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
  EXACT_WORK,
  errorBound,
  exactPathMeasures,
  fromSums,
  PIVOTS,
  plannedSources,
} from '../pipeline/metrics/path-measures.ts';
import { allSources, compact, pathSums } from '../pipeline/metrics/paths.ts';
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
    const spread = await pathSumsParallel(g, sources, 2, 0);
    expect(spread).toEqual(here);
    expect(here.betweenness.some((v) => v > 0)).toBe(true);
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
  it('are used only above the documented work n × m', () => {
    expect(plannedSources(10_000, EXACT_WORK / 10_000).length).toBe(10_000);
    expect(plannedSources(10_000, EXACT_WORK / 10_000 + 1).length).toBe(PIVOTS);
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
