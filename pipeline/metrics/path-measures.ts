/**
 * Every shortest-path measure of a round from one pass per graph (paths.ts): betweenness on the
 * survey graph and on cooperation distances, harmonic centrality, closeness, mean distance and
 * diameter.
 *
 * **Exact or sampled.** Brandes' algorithm costs O(n·m) in the worst case. Up to
 * `EXACT_WORK` = actors × ties (10⁹, about 20 s on a 2-core machine when every actor reaches
 * every other) all are exact. Above it, they are estimated from `PIVOTS` source actors drawn
 * uniformly without replacement, seeded (Brandes & Pich 2007, "Centrality estimation in large
 * networks"): each sum over sources (betweenness, Σ 1/d, Σ d, actors reaching) is scaled by n/k,
 * which is unbiased; closeness and mean distance are ratios of such sums; the diameter is the
 * longest path seen from the pivots (a lower bound). Error bound (Hoeffding): each term
 * δ_s(v)/(n−2) lies in [0, 1], so with probability 1 − α every single actor's normalised
 * betweenness is within ε = √(ln(2/α) / 2k) · n/(n−1) of the exact value; for k = 2,000 and
 * α = 0.05, ε ≈ 0.030.
 */

import type { AbstractGraph } from 'graphology-types';
import seedrandom from 'seedrandom';
import type { TieAttributes } from '../model/responses.ts';
import { type Betweenness, withNormalized } from './betweenness.ts';
import type { Distances } from './distances.ts';
import { allSources, type Compact, compact, type PathSums, pathSums } from './paths.ts';
import { pathSumsParallel } from './paths-pool.ts';
import { cooperationDistance } from './weighted-betweenness.ts';

export const EXACT_WORK = 1e9;
export const PIVOTS = 2000;
export const SAMPLE_SEED = 'jejaring-pivots';
/** Confidence of the documented error bound. */
export const BOUND_ALPHA = 0.05;

export interface Sampling {
  /** Source actors used (k); equals n when exact. */
  pivots: number;
  exact: boolean;
  /** Hoeffding bound on the error of each normalised betweenness at 95 % (0 when exact). */
  errorBound: number;
}

export interface PathMeasures {
  betweenness: Betweenness;
  cooperationBetweenness: Betweenness;
  distances: Distances;
  sampling: Sampling;
}

/** ε = √(ln(2/α) / 2k) · n/(n−1): the Hoeffding bound for k pivots among n actors. */
export function errorBound(pivots: number, n: number, alpha = BOUND_ALPHA): number {
  return n > 1 ? Math.sqrt(Math.log(2 / alpha) / (2 * pivots)) * (n / (n - 1)) : 0;
}

/** The sources to use: every actor, or `pivots` of them drawn without replacement (seeded), in index order. */
export function chooseSources(n: number, pivots: number, seed = SAMPLE_SEED): Int32Array {
  if (pivots >= n) return allSources(n);
  const rng = seedrandom(seed);
  const pool = allSources(n);
  for (let i = 0; i < pivots; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.subarray(0, pivots).sort();
}

/** Turns sums over `k` of `n` sources into measures keyed by node (scale n/k; 1 when exact). */
export function fromSums(keys: string[], sums: PathSums, k: number): { betweenness: Betweenness; distances: Distances } {
  const n = keys.length;
  const scale = k > 0 ? n / k : 0;
  const raw: Record<string, number> = {};
  const harmonic: Record<string, number> = {};
  const harmonicNormalized: Record<string, number> = {};
  const closeness: Record<string, number> = {};
  keys.forEach((key, i) => {
    raw[key] = sums.betweenness[i]! * scale;
    harmonic[key] = sums.harmonic[i]! * scale;
    harmonicNormalized[key] = n > 1 ? harmonic[key] / (n - 1) : 0;
    // r / Σd: the scale cancels.
    closeness[key] = sums.distance[i]! > 0 ? sums.reached[i]! / sums.distance[i]! : 0;
  });
  return {
    betweenness: withNormalized(raw, n),
    distances: {
      meanDistance: sums.pairs > 0 ? sums.total / sums.pairs : null,
      diameter: sums.diameter,
      harmonic,
      harmonicNormalized,
      closeness,
    },
  };
}

/** The plan for a graph of n actors and m ties: exact below EXACT_WORK, else PIVOTS sources. */
export function plannedSources(n: number, m: number): Int32Array {
  return chooseSources(n, n * m <= EXACT_WORK ? n : PIVOTS);
}

function sampling(k: number, n: number): Sampling {
  return { pivots: k, exact: k >= n, errorBound: k >= n ? 0 : errorBound(k, n) };
}

/** Cooperation distances 6 − level as arc lengths. */
const cooperationGraph = (graph: AbstractGraph): Compact =>
  compact(graph, (attrs: Partial<TieAttributes>) => cooperationDistance(attrs.cooperation ?? null));

/** The measures from the sums over k sources, unweighted and on cooperation distances. */
function measures(keys: string[], plain: PathSums, weighted: PathSums, k: number): PathMeasures {
  const p = fromSums(keys, plain, k);
  return {
    betweenness: p.betweenness,
    cooperationBetweenness: fromSums(keys, weighted, k).betweenness,
    distances: p.distances,
    sampling: sampling(k, keys.length),
  };
}

/** All path measures, spread over worker threads when the graph is large; `plain` is the graph's compact copy, if already made. */
export async function pathMeasures(graph: AbstractGraph, plain = compact(graph)): Promise<PathMeasures> {
  const sources = plannedSources(graph.order, graph.size);
  return measures(
    graph.nodes(),
    await pathSumsParallel(plain, sources),
    await pathSumsParallel(cooperationGraph(graph), sources),
    sources.length,
  );
}

/** The same, exact and in this thread (small graphs, tests). */
export function exactPathMeasures(graph: AbstractGraph): PathMeasures {
  const sources = allSources(graph.order);
  return measures(graph.nodes(), pathSums(compact(graph), sources), pathSums(cooperationGraph(graph), sources), sources.length);
}
