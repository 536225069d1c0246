/**
 * Is a change between two rounds real? The same people answer in every round, so uncertainty is
 * estimated **within respondents**, never by mixing rounds (NetworkComparisonTest's rule: "only
 * the two measurements of the same person can be permuted"):
 *
 * - **bootstrap** (Efron 1979), paired: resample the respondents of either round with
 *   replacement; each drawn respondent brings their ties of both rounds (none for a round they
 *   missed); the figure is recomputed on both rounds and the difference kept. The 95 % interval is
 *   the 2.5th–97.5th percentile of 2,000 differences.
 * - **permutation test**, paired: for each respondent, swap their two rounds' answers with
 *   probability ½; p (two-sided) = share of 2,000 swapped differences at least as large as the
 *   observed one in absolute value, counting the observed one ((k + 1) / (N + 1)).
 * Both seeded (seedrandom "jejaring"), so the same data give the same numbers. The verdict is
 * "up" or "down" only when the interval excludes 0, else "same" (the report: "relatif tetap").
 *
 * Figures that are functions of the ties respondents report (means and shares over ties, ties per
 * possible tie, outside actors known) are tested; structural figures that depend on pairs or paths
 * (reciprocity, centralisation) are left without an interval.
 */
import seedrandom from 'seedrandom';
import { cooperationIndex, trustIndex, trustScale } from '../scales.ts';

export const SEED = 'jejaring';
export const BOOTSTRAP = 2000;
export const PERMUTATIONS = 2000;

export interface SurveyTie {
  from: string;
  to: string;
  toMember: boolean;
  fromMember: boolean;
  trust: number | null;
  cooperation: number | null;
  strong: boolean;
}

/**
 * What the figures need from a multiset of respondents' ties: sums and counts, which add up
 * respondent by respondent, plus the number of distinct outside actors members name.
 */
export interface TieStats {
  ties: number;
  trustSum: number;
  trustN: number;
  coopSum: number;
  coopN: number;
  coop3: number;
  strong: number;
  outsideKnown: number;
}

/** A figure computed from the summed statistics of a multiset of respondents (one may appear twice). */
export type TieFigure = (s: TieStats, context: { actors: number; trustScale: number }) => number | null;

export interface Uncertainty {
  /** 95 % bootstrap interval of the difference (to − from); null when it cannot be computed. */
  ci: [number, number] | null;
  /** Two-sided paired permutation p-value; null when it cannot be computed. */
  p: number | null;
  verdict: 'up' | 'down' | 'same' | null;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const STATS = ['ties', 'trustSum', 'trustN', 'coopSum', 'coopN', 'coop3', 'strong'] as const;
const WIDTH = STATS.length;

/**
 * Every respondent's ties in one round, reduced to what the figures need: row r of `stats` holds
 * respondent r's sums (in STATS order); `outside` lists, respondent by respondent, the indices of
 * the outside actors a member names (CSR: `starts[r]` to `starts[r + 1]`).
 */
interface Reduced {
  stats: Float64Array;
  starts: Int32Array;
  outside: Int32Array;
}

function reduce(people: string[], answers: Map<string, SurveyTie[]>, outsideIndex: Map<string, number>): Reduced {
  const stats = new Float64Array(people.length * WIDTH);
  const starts = new Int32Array(people.length + 1);
  const outside: number[] = [];
  people.forEach((person, r) => {
    const row = r * WIDTH;
    const named = new Set<number>();
    for (const t of answers.get(person) ?? []) {
      stats[row]!++;
      if (t.trust !== null) {
        stats[row + 1]! += t.trust;
        stats[row + 2]!++;
      }
      if (t.cooperation !== null) {
        stats[row + 3]! += t.cooperation;
        stats[row + 4]!++;
        if (t.cooperation >= 3) stats[row + 5]!++;
      }
      if (t.strong) stats[row + 6]!++;
      if (t.fromMember && !t.toMember) {
        if (!outsideIndex.has(t.to)) outsideIndex.set(t.to, outsideIndex.size);
        named.add(outsideIndex.get(t.to)!);
      }
    }
    outside.push(...named);
    starts[r + 1] = outside.length;
  });
  return { stats, starts, outside: Int32Array.from(outside) };
}

/**
 * Intervals, p-values and verdicts for several figures at once: each resample and each swap is
 * drawn once and every figure is computed on it (the same draws for every figure). Each
 * respondent is reduced to sums first (typed arrays), so a draw costs a few additions per
 * respondent plus one check per outside actor a member names.
 */
export function pairedUncertainty(
  before: Map<string, SurveyTie[]>,
  after: Map<string, SurveyTie[]>,
  figures: Record<string, TieFigure>,
  context: { actors: number; trustScale: number },
  options: { bootstrap?: number; permutations?: number; seed?: string } = {},
): Record<string, Uncertainty> {
  const keys = Object.keys(figures);
  const none = Object.fromEntries(keys.map((k) => [k, { ci: null, p: null, verdict: null } as Uncertainty]));
  const people = [...new Set([...before.keys(), ...after.keys()])].sort();
  if (people.length < 2) return none;
  const outsideIndex = new Map<string, number>();
  const A = reduce(people, before, outsideIndex);
  const B = reduce(people, after, outsideIndex);
  const stamp = new Uint32Array(outsideIndex.size);
  let draw = 0;
  /** The summed statistics of a multiset: person `pick[i]` of round `side[i]` (0 = A, 1 = B). */
  const total = (pick: Int32Array, side: Uint8Array): TieStats => {
    draw++;
    let ties = 0;
    let trustSum = 0;
    let trustN = 0;
    let coopSum = 0;
    let coopN = 0;
    let coop3 = 0;
    let strong = 0;
    let outsideKnown = 0;
    for (let i = 0; i < pick.length; i++) {
      const { stats, starts, outside } = side[i] === 0 ? A : B;
      const r = pick[i]!;
      const row = r * WIDTH;
      ties += stats[row]!;
      trustSum += stats[row + 1]!;
      trustN += stats[row + 2]!;
      coopSum += stats[row + 3]!;
      coopN += stats[row + 4]!;
      coop3 += stats[row + 5]!;
      strong += stats[row + 6]!;
      for (let o = starts[r]!, end = starts[r + 1]!; o < end; o++) {
        const actor = outside[o]!;
        if (stamp[actor] !== draw) {
          stamp[actor] = draw;
          outsideKnown++;
        }
      }
    }
    return { ties, trustSum, trustN, coopSum, coopN, coop3, strong, outsideKnown };
  };
  const pickA = new Int32Array(people.length);
  const pickB = new Int32Array(people.length);
  const sideA = new Uint8Array(people.length);
  const sideB = new Uint8Array(people.length).fill(1);
  const diffs = () => {
    const x = total(pickA, sideA);
    const y = total(pickB, sideB);
    return keys.map((k) => {
      const fx = figures[k]!(x, context);
      const fy = figures[k]!(y, context);
      return fx === null || fy === null ? null : fy - fx;
    });
  };
  for (let i = 0; i < people.length; i++) pickA[i] = pickB[i] = i;
  const observed = diffs();

  const rng = seedrandom(options.seed ?? SEED);
  const boots: number[][] = keys.map(() => []);
  for (let b = 0; b < (options.bootstrap ?? BOOTSTRAP); b++) {
    for (let i = 0; i < people.length; i++) pickA[i] = pickB[i] = Math.floor(rng() * people.length);
    diffs().forEach((d, i) => {
      if (d !== null) boots[i]!.push(d);
    });
  }
  const n = options.permutations ?? PERMUTATIONS;
  const extreme = keys.map(() => 0);
  for (let i = 0; i < people.length; i++) pickA[i] = pickB[i] = i;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < people.length; i++) {
      const swap = rng() < 0.5;
      sideA[i] = swap ? 0 : 1;
      sideB[i] = swap ? 1 : 0;
    }
    diffs().forEach((d, i) => {
      const o = observed[i];
      if (d !== null && o !== null && o !== undefined && Math.abs(d) >= Math.abs(o) - 1e-12) extreme[i]!++;
    });
  }
  const out: Record<string, Uncertainty> = {};
  keys.forEach((key, i) => {
    const o = observed[i];
    if (o === null || o === undefined) {
      out[key] = { ci: null, p: null, verdict: null };
      return;
    }
    const p = (extreme[i]! + 1) / (n + 1);
    const sorted = boots[i]!.sort((x, y) => x - y);
    if (sorted.length < 100) {
      out[key] = { ci: null, p, verdict: null };
      return;
    }
    const ci: [number, number] = [quantile(sorted, 0.025), quantile(sorted, 0.975)];
    out[key] = { ci, p, verdict: ci[0] > 0 ? 'up' : ci[1] < 0 ? 'down' : 'same' };
  });
  return out;
}

/** The figures with an interval, computed from survey ties exactly as in metrics.ts. */
export const TIE_FIGURES: Partial<Record<string, TieFigure>> = {
  ties: (s) => s.ties,
  density: (s, c) => (c.actors < 2 ? null : s.ties / (c.actors * (c.actors - 1))),
  meanTrust: (s) => (s.trustN === 0 ? null : s.trustSum / s.trustN),
  trustIndex: (s, c) => (s.trustN === 0 ? null : trustIndex(s.trustSum / s.trustN, trustScale(c.trustScale as 4 | 5))),
  meanCooperation: (s) => (s.coopN === 0 ? null : s.coopSum / s.coopN),
  cooperationIndex: (s) => (s.coopN === 0 ? null : cooperationIndex(s.coopSum / s.coopN)),
  coordinationShare: (s) => (s.coopN === 0 ? null : s.coop3 / s.coopN),
  strongTieShare: (s) => (s.ties === 0 ? null : s.strong / s.ties),
  outsideActorsKnown: (s) => s.outsideKnown,
};
