/**
 * What the design can detect: the smallest change of a figure that its swap test declares with
 * 80 % power, for this group's panel and this spread of answers, **by simulation** (seeded):
 *
 * 1. Null data like this panel's: for a linear figure the panel's own answers with the estimated
 *    change taken out (every round-2 answer shifted by −estimate); for a count of actors, each
 *    person's two rounds swapped at random (a draw of the swap null, which keeps how much the
 *    actors named churn between rounds), a fresh draw for each simulated panel: one draw shared
 *    by all of them made the detectable count swing from 8 to 36 on the sample with nothing but
 *    the order of the people changed; fresh draws kept it within 27–30, and ordering the people
 *    by their answers (statistics.ts `canonical`) makes it 29 in every edition.
 * 2. 100 panels of the same size drawn from those people with replacement (the sampling of the
 *    panel, which the swap distribution of one panel does not see).
 * 3. A true change δ added: every round-2 answer δ higher (linear figures), or δ new outside
 *    actors in round 2, each named by one member drawn at random (counts; `down`: δ actors known
 *    in round 1 only).
 * 4. Each simulated panel tested as the report tests it (the swap test: 499 random assignments
 *    plus the observed one, or all 2^n when there are no more) at the strictest level of Holm's procedure, α / m for m tests: what a
 *    single change must reach when nothing else changed. Power = the share rejected.
 * Each simulated panel gives the smallest δ its test declares (linear figures: from the interval of
 * its data, evidence/interval.ts; counts: adding actors one at a time), and the design detects the
 * 80th percentile of those: the share of panels that reject at δ is the power. The same assignments
 * serve every panel. bench/calibrate.ts checks it: a change of the stated size is detected about
 * 80 % of the time.
 * When even the most extreme assignment of the real test cannot reach the level (2^n · α/m < 1
 * for tiny panels), nothing is detectable: null.
 */
import seedrandom from 'seedrandom';
import type { Direction } from '../model/metrics.ts';
import { invertSide } from './interval.ts';
import {
  type Assignments,
  assignments,
  linearDistribution,
  type PairedSums,
  pairedSets,
  swapBits as swapBitsOf,
  unionDistribution,
} from './swap-test.ts';

export const POWER = 0.8;
/** Simulated panels per figure. */
export const PANELS = 100;
/** Random assignments per simulated panel (plus the observed one). */
export const SWAPS = 499;

/** What the simulation starts from: a tested figure's panel data and its test. */
export type PowerInput =
  | { kind: 'linear'; sums: PairedSums; sumKind: 'ratio' | 'sum'; scale: number; observed: number }
  | { kind: 'union'; first: number[][]; second: number[][] };

/**
 * Above this many people the statistic is close to normal and the simulation would cost millions
 * of operations per panel: the detectable change is (z(1 − α') + z(0.8)) × the standard deviation
 * of the test's own swap distribution (centred at the estimate for a linear figure), α' = the level,
 * halved for a two-sided test.
 */
export const LARGE = 200;

/** Inverse of the standard normal distribution function (Acklam's rational approximation, relative error below 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lower = 0.02425;
  if (p < lower) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - lower) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

function normalDetectable(input: PowerInput, null_: Float64Array, level: number, direction: Direction): number | null {
  let sum = 0;
  let sq = 0;
  let count = 0;
  for (const v of null_) {
    if (!Number.isFinite(v)) continue;
    sum += v;
    sq += v * v;
    count++;
  }
  if (count < 2) return null;
  const sd = Math.sqrt(Math.max(0, sq / count - (sum / count) ** 2));
  const z = normalQuantile(1 - (direction === 'two-sided' ? level / 2 : level)) + normalQuantile(POWER);
  const delta = z * sd;
  return input.kind === 'union' ? Math.max(1, Math.ceil(delta - 1e-9)) : delta;
}

/** Most assignments at least as extreme as the observed one (itself included) for a test at `level` to reject. */
const allowedAt = (level: number, total: number) => Math.floor(level * total + 1e-9);

export function detectable(
  input: PowerInput,
  test: Assignments,
  level: number,
  direction: Direction,
  seed: string,
  /** The test's own null distribution (centred for a linear figure): used above LARGE people. */
  null_?: Float64Array,
): number | null {
  const n = test.people;
  if (n === 0 || (test.exact && allowedAt(level, test.count) < 1) || allowedAt(level, Math.min(2 ** n, SWAPS + 1)) < 1) return null;
  if (n > LARGE) return null_ ? normalDetectable(input, null_, level, direction) : null;
  const rng = seedrandom(`${seed}:power`);
  const panels = Array.from({ length: PANELS }, () => Int32Array.from({ length: n }, () => Math.floor(rng() * n)));
  // every assignment when there are no more of them than SWAPS + 1 (tiny panels), else random ones
  const swaps: Assignments =
    2 ** n <= SWAPS + 1
      ? assignments(n, `${seed}:power-swaps`)
      : { people: n, exact: false, count: SWAPS + 1, seed: `${seed}:power-swaps` };
  // for each simulated panel, the smallest true change its test declares; the design detects the 80th percentile
  const thresholds = Float64Array.from(
    input.kind === 'linear'
      ? linearThresholds(input, panels, swaps, level, direction)
      : unionThresholds(input, panels, swaps, level, direction, rng),
  ).sort();
  const at = thresholds[Math.ceil(POWER * PANELS) - 1]!;
  return Number.isFinite(at) ? at : null;
}

/**
 * Linear figures: panel j's test of (data + δ) rejects exactly when its interval for the data leaves
 * out −δ (evidence/interval.ts), so its threshold is −(lower bound) for a rise, the upper bound for
 * a fall.
 */
function linearThresholds(
  input: Extract<PowerInput, { kind: 'linear' }>,
  panels: Int32Array[],
  swaps: Assignments,
  level: number,
  direction: Direction,
): number[] {
  const { sums, sumKind, scale, observed } = input;
  const n = swaps.people;
  // the estimated change taken out of every round-2 answer
  const centred = (i: number) => sums.sy[i]! - (sumKind === 'sum' ? observed / (scale * n) : (observed / scale) * sums.ny[i]!);
  return panels.map((pick) => {
    const dist = linearDistribution(
      {
        sx: Float64Array.from(pick, (i) => sums.sx[i]!),
        nx: Float64Array.from(pick, (i) => sums.nx[i]!),
        sy: Float64Array.from(pick, (i) => centred(i)),
        ny: Float64Array.from(pick, (i) => sums.ny[i]!),
      },
      sumKind,
      scale,
      swaps,
    );
    const bound = invertSide(dist, level, direction, direction === 'down' ? 1 : -1);
    const threshold = bound === null ? null : direction === 'down' ? bound : -bound;
    return threshold === null ? Number.POSITIVE_INFINITY : Math.max(0, threshold);
  });
}

/**
 * Counts of actors: δ new actors, each named by one random member of the panel (in round 2; in
 * round 1 for a fall). Assignment k's statistic then moves by +1 for an actor whose namer k leaves
 * unswapped and −1 otherwise, while the observed one moves by +1 each: an assignment stops being as
 * extreme as the observed one and never becomes so again, so each panel keeps the list of those
 * still extreme and adds actors until no more than the level allows are left.
 */
function unionThresholds(
  input: Extract<PowerInput, { kind: 'union' }>,
  panels: Int32Array[],
  swaps: Assignments,
  level: number,
  direction: Direction,
  rng: () => number,
): number[] {
  const n = swaps.people;
  const bits = swapBitsOf(swaps);
  const allowed = allowedAt(level, swaps.count);
  const maxActors = 4 * n + 50;
  const sign = direction === 'down' ? -1 : 1;
  return panels.map((pick) => {
    // each simulated panel's own draw of the swap null: each person's rounds swapped with probability ½
    const swapped = pick.map(() => (rng() < 0.5 ? 1 : 0));
    const values = unionDistribution(
      pairedSets(
        Array.from(pick, (i, j) => (swapped[j] ? input.second[i]! : input.first[i]!)),
        Array.from(pick, (i, j) => (swapped[j] ? input.first[i]! : input.second[i]!)),
      ),
      swaps,
    );
    // in the direction of the test: a fall is a rise of −T
    const v = values.map((x) => sign * x);
    let t0 = v[0]!;
    const moved = new Int32Array(swaps.count);
    const isExtreme = (k: number) => {
      const t = v[k]! + moved[k]!;
      return direction === 'two-sided' ? Math.abs(t) >= Math.abs(t0) : t >= t0;
    };
    let still = [];
    for (let k = 0; k < swaps.count; k++) if (isExtreme(k)) still.push(k);
    for (let delta = 1; delta <= maxActors; delta++) {
      const namer = bits[Math.floor(rng() * n)]!;
      t0 += 1;
      const next: number[] = [];
      for (const k of still) {
        moved[k]! += namer[k] ? -1 : 1;
        if (isExtreme(k)) next.push(k);
      }
      still = next;
      if (still.length <= allowed) return delta;
    }
    return Number.POSITIVE_INFINITY;
  });
}
