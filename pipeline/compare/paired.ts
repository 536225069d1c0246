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

/** A figure computed from the ties of a multiset of respondents (a respondent may appear twice). */
export type TieFigure = (ties: SurveyTie[], context: { actors: number; trustScale: number }) => number | null;

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

/**
 * Intervals, p-values and verdicts for several figures at once: each resample and each swap is
 * drawn once and every figure is computed on it (the same draws for every figure).
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
  const tiesOf = (round: Map<string, SurveyTie[]>, sample: string[]) => sample.flatMap((r) => round.get(r) ?? []);
  const diffs = (a: SurveyTie[], b: SurveyTie[]) =>
    keys.map((k) => {
      const x = figures[k]!(a, context);
      const y = figures[k]!(b, context);
      return x === null || y === null ? null : y - x;
    });
  const observed = diffs(tiesOf(before, people), tiesOf(after, people));

  const rng = seedrandom(options.seed ?? SEED);
  const boots: number[][] = keys.map(() => []);
  for (let b = 0; b < (options.bootstrap ?? BOOTSTRAP); b++) {
    const sample = people.map(() => people[Math.floor(rng() * people.length)]!);
    diffs(tiesOf(before, sample), tiesOf(after, sample)).forEach((d, i) => {
      if (d !== null) boots[i]!.push(d);
    });
  }
  const n = options.permutations ?? PERMUTATIONS;
  const extreme = keys.map(() => 0);
  for (let k = 0; k < n; k++) {
    const a: SurveyTie[] = [];
    const b: SurveyTie[] = [];
    for (const r of people) {
      const [x, y] = rng() < 0.5 ? [before.get(r) ?? [], after.get(r) ?? []] : [after.get(r) ?? [], before.get(r) ?? []];
      a.push(...x);
      b.push(...y);
    }
    diffs(a, b).forEach((d, i) => {
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

const meanOf = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);

/** The figures with an interval, computed from survey ties exactly as in metrics.ts. */
export const TIE_FIGURES: Record<string, TieFigure> = {
  ties: (t) => t.length,
  density: (t, c) => (c.actors < 2 ? null : t.length / (c.actors * (c.actors - 1))),
  meanTrust: (t) => meanOf(t.flatMap((x) => (x.trust === null ? [] : [x.trust]))),
  trustIndex: (t, c) => {
    const m = meanOf(t.flatMap((x) => (x.trust === null ? [] : [x.trust])));
    return m === null ? null : (100 * (m - 1)) / (c.trustScale - 1);
  },
  meanCooperation: (t) => meanOf(t.flatMap((x) => (x.cooperation === null ? [] : [x.cooperation]))),
  cooperationIndex: (t) => {
    const m = meanOf(t.flatMap((x) => (x.cooperation === null ? [] : [x.cooperation])));
    return m === null ? null : (100 * m) / 5;
  },
  coordinationShare: (t) => {
    const levels = t.flatMap((x) => (x.cooperation === null ? [] : [x.cooperation]));
    return levels.length === 0 ? null : levels.filter((l) => l >= 3).length / levels.length;
  },
  strongTieShare: (t) => (t.length === 0 ? null : t.filter((x) => x.strong).length / t.length),
  outsideActorsKnown: (t) => new Set(t.filter((x) => x.fromMember && !x.toMember).map((x) => x.to)).size,
};
