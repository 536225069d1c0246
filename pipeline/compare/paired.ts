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

/** One respondent's ties in one round, reduced to what the figures need. */
interface Person {
  stats: Omit<TieStats, 'outsideKnown'>;
  /** Indices of the outside actors this respondent (a member) names. */
  outside: number[];
}

function reduce(ties: SurveyTie[], outsideIndex: Map<string, number>): Person {
  const stats = { ties: 0, trustSum: 0, trustN: 0, coopSum: 0, coopN: 0, coop3: 0, strong: 0 };
  const outside = new Set<number>();
  for (const t of ties) {
    stats.ties++;
    if (t.trust !== null) {
      stats.trustSum += t.trust;
      stats.trustN++;
    }
    if (t.cooperation !== null) {
      stats.coopSum += t.cooperation;
      stats.coopN++;
      if (t.cooperation >= 3) stats.coop3++;
    }
    if (t.strong) stats.strong++;
    if (t.fromMember && !t.toMember) {
      if (!outsideIndex.has(t.to)) outsideIndex.set(t.to, outsideIndex.size);
      outside.add(outsideIndex.get(t.to)!);
    }
  }
  return { stats, outside: [...outside] };
}

/**
 * Intervals, p-values and verdicts for several figures at once: each resample and each swap is
 * drawn once and every figure is computed on it (the same draws for every figure). Each
 * respondent is reduced to sums first, so a draw costs one addition per respondent.
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
  const A = people.map((r) => reduce(before.get(r) ?? [], outsideIndex));
  const B = people.map((r) => reduce(after.get(r) ?? [], outsideIndex));
  const stamp = new Uint32Array(outsideIndex.size);
  let draw = 0;
  const total = (persons: Person[]): TieStats => {
    draw++;
    const s: TieStats = { ties: 0, trustSum: 0, trustN: 0, coopSum: 0, coopN: 0, coop3: 0, strong: 0, outsideKnown: 0 };
    for (const p of persons) {
      s.ties += p.stats.ties;
      s.trustSum += p.stats.trustSum;
      s.trustN += p.stats.trustN;
      s.coopSum += p.stats.coopSum;
      s.coopN += p.stats.coopN;
      s.coop3 += p.stats.coop3;
      s.strong += p.stats.strong;
      for (const o of p.outside) {
        if (stamp[o] !== draw) {
          stamp[o] = draw;
          s.outsideKnown++;
        }
      }
    }
    return s;
  };
  const diffs = (a: Person[], b: Person[]) => {
    const x = total(a);
    const y = total(b);
    return keys.map((k) => {
      const fx = figures[k]!(x, context);
      const fy = figures[k]!(y, context);
      return fx === null || fy === null ? null : fy - fx;
    });
  };
  const observed = diffs(A, B);

  const rng = seedrandom(options.seed ?? SEED);
  const boots: number[][] = keys.map(() => []);
  const sa: Person[] = new Array(people.length);
  const sb: Person[] = new Array(people.length);
  for (let b = 0; b < (options.bootstrap ?? BOOTSTRAP); b++) {
    for (let i = 0; i < people.length; i++) {
      const j = Math.floor(rng() * people.length);
      sa[i] = A[j]!;
      sb[i] = B[j]!;
    }
    diffs(sa, sb).forEach((d, i) => {
      if (d !== null) boots[i]!.push(d);
    });
  }
  const n = options.permutations ?? PERMUTATIONS;
  const extreme = keys.map(() => 0);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < people.length; i++) {
      const swap = rng() < 0.5;
      sa[i] = swap ? A[i]! : B[i]!;
      sb[i] = swap ? B[i]! : A[i]!;
    }
    diffs(sa, sb).forEach((d, i) => {
      const o = observed[i];
      if (d !== null && o !== null && o !== undefined && Math.abs(d) >= Math.abs(o) - 1e-12) extreme[i]!++;
    });
  }
  const out: Record<string, Uncertainty> = {};
  keys.forEach((key, i) => {
    const o = observed[i];
    if (o === null || o === undefined) return void (out[key] = { ci: null, p: null, verdict: null });
    const p = (extreme[i]! + 1) / (n + 1);
    const sorted = boots[i]!.sort((x, y) => x - y);
    if (sorted.length < 100) return void (out[key] = { ci: null, p, verdict: null });
    const ci: [number, number] = [quantile(sorted, 0.025), quantile(sorted, 0.975)];
    out[key] = { ci, p, verdict: ci[0] > 0 ? 'up' : ci[1] < 0 ? 'down' : 'same' };
  });
  return out;
}

/** The figures with an interval, computed from survey ties exactly as in metrics.ts. */
export const TIE_FIGURES: Record<string, TieFigure> = {
  ties: (s) => s.ties,
  density: (s, c) => (c.actors < 2 ? null : s.ties / (c.actors * (c.actors - 1))),
  meanTrust: (s) => (s.trustN === 0 ? null : s.trustSum / s.trustN),
  trustIndex: (s, c) => (s.trustN === 0 ? null : (100 * (s.trustSum / s.trustN - 1)) / (c.trustScale - 1)),
  meanCooperation: (s) => (s.coopN === 0 ? null : s.coopSum / s.coopN),
  cooperationIndex: (s) => (s.coopN === 0 ? null : (100 * s.coopSum) / s.coopN / 5),
  coordinationShare: (s) => (s.coopN === 0 ? null : s.coop3 / s.coopN),
  strongTieShare: (s) => (s.ties === 0 ? null : s.strong / s.ties),
  outsideActorsKnown: (s) => s.outsideKnown,
};
