/**
 * Every shortest-path measure of a round from one pass per graph (paths.ts): betweenness on the
 * survey graph and on cooperation distances, harmonic centrality, closeness, mean distance and
 * diameter.
 *
 * **Exact unless unaffordable, decided by counting.** Brandes' algorithm costs, from each source,
 * the actors it reaches and their out-ties (paths.ts `reachWork`). Before the pass, that work is
 * counted from `PROBES` source actors drawn with a fixed seed and scaled to all n sources
 * (`projectedWork`; every source when n ≤ PROBES): an unbiased estimate, and a count, so the same
 * graph gets the same decision on any machine, whatever its speed or number of cores. A set of
 * sources that holds a share f of all sources is missed by every probe with probability
 * (1 − f)^PROBES (f = 5 %: 2·10⁻⁶), so a heavy part of the graph cannot hide from the estimate.
 * The measures are **exact** whenever the projected work is within `WORK_BUDGET`.
 *
 * `WORK_BUDGET` = 6·10⁸ units is about a minute of one core of the 2-core machine the bench runs
 * on (`npm run bench -- --compare` prints the cost of a unit on each graph, docs/bench.md): both
 * passes (unweighted and cooperation) cost 37–117 ns a unit there, the higher figures on graphs
 * of 40,000–100,000 actors whose arrays no longer fit in the cache, so 6·10⁸ units take 22–70 s on
 * one core and half that on two. Survey graphs stay far below it: the 17,458-actor city-wide case
 * projects 2·10⁶ units (0.2 s).
 *
 * **Above the budget, sampled** (Brandes & Pich 2007, "Centrality estimation in large networks"):
 * k source actors drawn uniformly without replacement with a fixed seed, as many as the same budget
 * affords, k = n · budget / work (at least `MIN_PIVOTS`); each sum over sources (betweenness,
 * Σ 1/d, Σ d, actors reaching) is scaled by n/k, which is unbiased; closeness and mean distance
 * are ratios of such sums; the diameter is the longest path seen from the pivots (a lower bound).
 * Error bound (Hoeffding): each term δ_s(v)/(n−2) lies in [0, 1], so with probability 1 − α every
 * single actor's normalised betweenness is within ε = √(ln(2/α) / 2k) · n/(n−1) of the exact
 * value; for k = 2,000 and α = 0.05, ε ≈ 0.030. The bound says nothing of the ranking, so the
 * pivots are drawn as two halves of k/2 and the **stability** of the top `TOP` actors is reported:
 * how many of the top 10 by betweenness (and by cooperation betweenness) the two halves share.
 * Each half has half the pivots, so the estimate from both is more stable than that figure says.
 */

import type { AbstractGraph } from 'graphology-types';
import seedrandom from 'seedrandom';
import type { TieAttributes } from '../model/responses.ts';
import { type Betweenness, withNormalized } from './betweenness.ts';
import type { Distances } from './distances.ts';
import { allSources, type Compact, compact, type PathSums, pathSums, reachWork } from './paths.ts';
import { pathSumsParallel } from './paths-pool.ts';
import { cooperationDistance } from './weighted-betweenness.ts';

/** Projected work (reachWork units) above which the path measures are sampled: about a minute of one core. */
export const WORK_BUDGET = 6e8;
/** Probe sources counted to project the work of every source. */
export const PROBES = 256;
export const PROBE_SEED = 'jejaring-probes';
/** Fewest pivots a sampled pass uses, even when that is over the budget. */
export const MIN_PIVOTS = 2000;
export const SAMPLE_SEED = 'jejaring-pivots';
/** Confidence of the documented error bound. */
export const BOUND_ALPHA = 0.05;
/** Length of the ranking whose stability a sampled pass reports. */
export const TOP = 10;

/** How many of the top `top` actors two independent halves of the pivots share, per measure. */
export interface TopStability {
  top: number;
  betweenness: number;
  cooperationBetweenness: number;
}

export interface Sampling {
  /** Source actors used (k); equals n when exact. */
  pivots: number;
  exact: boolean;
  /** Hoeffding bound on the error of each normalised betweenness at 95 % (0 when exact). */
  errorBound: number;
  /** Work of the exact pass over every source (actors reached + their out-ties), projected from the probes. */
  projectedWork: number;
  /** The budget it was held against (WORK_BUDGET). */
  workBudget: number;
  /** Sampled only: the top-10 overlap of the two halves of the pivots; null when exact. */
  stability: TopStability | null;
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

/** `count` of n actors drawn without replacement (seeded), in draw order: a partial Fisher–Yates shuffle. */
function draw(n: number, count: number, seed: string): Int32Array {
  const rng = seedrandom(seed);
  const pool = allSources(n);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.subarray(0, count);
}

/** The sources to use: every actor, or `pivots` of them drawn without replacement (seeded), in index order. */
export function chooseSources(n: number, pivots: number, seed = SAMPLE_SEED): Int32Array {
  return pivots >= n ? allSources(n) : draw(n, pivots, seed).slice().sort();
}

/** The exact pass's work over all n sources: counted from every source when n ≤ `probes`, else from `probes` seeded ones and scaled. */
export function projectedWork(g: Compact, probes = PROBES): number {
  const sources = chooseSources(g.n, probes, PROBE_SEED);
  const counted = reachWork(g, sources);
  return sources.length === g.n ? counted : Math.round((counted * g.n) / sources.length);
}

/** What the pass will do: every source, or two disjoint seeded halves of k pivots. */
export type PathPlan =
  | { exact: true; sources: Int32Array; projectedWork: number }
  | { exact: false; halves: [Int32Array, Int32Array]; projectedWork: number };

/** Exact when the projected work is within `budget`; else as many pivots as the budget affords (≥ MIN_PIVOTS, even). */
export function planPaths(g: Compact, budget = WORK_BUDGET): PathPlan {
  const { n } = g;
  const work = projectedWork(g);
  const k = work > budget ? 2 * Math.floor(Math.max(MIN_PIVOTS, Math.floor((n * budget) / work)) / 2) : n;
  if (k >= n) return { exact: true, sources: allSources(n), projectedWork: work };
  const drawn = draw(n, k, SAMPLE_SEED);
  const half = (from: number) => drawn.slice(from, from + k / 2).sort();
  return { exact: false, halves: [half(0), half(k / 2)], projectedWork: work };
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

/** The sums of two disjoint source sets, added (a then b). */
export function joinSums(a: PathSums, b: PathSums): PathSums {
  const add = (x: Float64Array, y: Float64Array) => x.map((v, i) => v + y[i]!);
  return {
    betweenness: add(a.betweenness, b.betweenness),
    harmonic: add(a.harmonic, b.harmonic),
    distance: add(a.distance, b.distance),
    reached: add(a.reached, b.reached),
    pairs: a.pairs + b.pairs,
    total: a.total + b.total,
    diameter: Math.max(a.diameter, b.diameter),
  };
}

/** Node indices of the `top` largest positive values, ties broken by index. */
export function topIndices(values: Float64Array, top = TOP): number[] {
  const order: number[] = [];
  values.forEach((v, i) => {
    if (v > 0) order.push(i);
  });
  return order.sort((a, b) => values[b]! - values[a]! || a - b).slice(0, top);
}

/** How many of the top `top` two estimates share. */
export function topOverlap(a: Float64Array, b: Float64Array, top = TOP): number {
  const inA = new Set(topIndices(a, top));
  return topIndices(b, top).filter((i) => inA.has(i)).length;
}

/** Cooperation distances 6 − level as arc lengths. */
const cooperationGraph = (graph: AbstractGraph): Compact =>
  compact(graph, (attrs: Partial<TieAttributes>) => cooperationDistance(attrs.cooperation ?? null));

/** The measures from the sums over k sources, unweighted and on cooperation distances. */
function measures(keys: string[], plain: PathSums, weighted: PathSums, k: number, sampling: Sampling): PathMeasures {
  const p = fromSums(keys, plain, k);
  return {
    betweenness: p.betweenness,
    cooperationBetweenness: fromSums(keys, weighted, k).betweenness,
    distances: p.distances,
    sampling,
  };
}

const exactSampling = (n: number, projected: number, budget: number): Sampling => ({
  pivots: n,
  exact: true,
  errorBound: 0,
  projectedWork: projected,
  workBudget: budget,
  stability: null,
});

/** One graph's sums over the plan's sources: all of them, or each half of the pivots and their join. */
async function planSums(g: Compact, plan: PathPlan, n: number) {
  if (plan.exact) {
    const sums = await pathSumsParallel(g, plan.sources, undefined, plan.projectedWork);
    return { sums, halves: null, k: n };
  }
  const [first, second] = plan.halves;
  const work = (plan.projectedWork * first.length) / n;
  const halves = [await pathSumsParallel(g, first, undefined, work), await pathSumsParallel(g, second, undefined, work)] as const;
  return { sums: joinSums(...halves), halves, k: first.length + second.length };
}

/**
 * All path measures, spread over worker threads when the work is large; `plain` is the graph's
 * compact copy, if already made; `budget` only for tests.
 */
export async function pathMeasures(graph: AbstractGraph, plain = compact(graph), budget = WORK_BUDGET): Promise<PathMeasures> {
  const keys = graph.nodes();
  const n = keys.length;
  const plan = planPaths(plain, budget);
  const a = await planSums(plain, plan, n);
  const b = await planSums(cooperationGraph(graph), plan, n);
  const sampling: Sampling =
    a.halves && b.halves
      ? {
          pivots: a.k,
          exact: false,
          errorBound: errorBound(a.k, n),
          projectedWork: plan.projectedWork,
          workBudget: budget,
          stability: {
            top: TOP,
            betweenness: topOverlap(a.halves[0].betweenness, a.halves[1].betweenness),
            cooperationBetweenness: topOverlap(b.halves[0].betweenness, b.halves[1].betweenness),
          },
        }
      : exactSampling(n, plan.projectedWork, budget);
  return measures(keys, a.sums, b.sums, a.k, sampling);
}

/**
 * Betweenness and the distances without the pass on cooperation distances, chosen exact or sampled
 * as `pathMeasures` chooses: what a network's own figures need (a panel network's, compare.ts).
 */
export async function networkPathMeasures(
  graph: AbstractGraph,
  plain = compact(graph),
  budget = WORK_BUDGET,
): Promise<Pick<PathMeasures, 'betweenness' | 'distances'>> {
  const n = graph.order;
  const a = await planSums(plain, planPaths(plain, budget), n);
  return fromSums(graph.nodes(), a.sums, a.k);
}

/** The same, exact and in this thread (small graphs, tests). */
export function exactPathMeasures(graph: AbstractGraph): PathMeasures {
  const plain = compact(graph);
  const sources = allSources(graph.order);
  return measures(
    graph.nodes(),
    pathSums(plain, sources),
    pathSums(cooperationGraph(graph), sources),
    sources.length,
    exactSampling(graph.order, projectedWork(plain), WORK_BUDGET),
  );
}
