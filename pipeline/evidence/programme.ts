/**
 * Programme-level evidence: did the groups of a folder, taken together, change? The unit is the
 * **group**: each group with two rounds or more gives one number per primary figure, its own
 * first → last change on its panel (the change its own report tests). Groups are independent of
 * each other, so under "the programme changed nothing" each group's change is as likely to be
 * +d as −d (the rounds of a group are exchangeable), which is all the tests below assume:
 *
 * - **pooled change**: the mean of the groups' changes, tested by a sign-flip permutation test over
 *   groups (Fisher 1935; Good 2005): every assignment flips the signs of some groups' changes, all
 *   2^k of them for k ≤ EXACT_UP_TO groups, else the observed one plus MONTE_CARLO seeded random
 *   ones, p = (b + 1) / (B + 1). Two-sided: a programme can also make things worse.
 *   Its interval: the shifts δ the same test does not reject for the changes d − δ, found by
 *   bisection, at the level of the test's Holm step (so it agrees with the verdict: cut at 0 when
 *   the test rejects). With k groups the smallest two-sided p is 2 / 2^k: five groups or fewer can
 *   never reach α = 0.05 and the interval is then unbounded;
 * - **intervention − comparison** (case.yaml `analysis.comparison: true` marks a comparison group,
 *   without the intervention): the difference of the two sets' means, tested by permuting the
 *   labels (every split for up to EXACT_SPLITS of them, else random splits);
 * - **Holm** over every programme-level test (three pooled figures, and three differences when
 *   there are comparison groups), α = 0.05, as the groups' own reports do (evidence/holm.ts);
 * - below MIN_GROUPS groups a figure is "too few to test" (a permutation test over 2 groups has
 *   4 assignments: no conclusion is possible).
 * The share of groups that improved is read from the groups' own verdicts (`up`), never from the
 * sign of a change. Calibrated by `npm run calibrate` (folders of groups without and with an effect).
 */
import seedrandom from 'seedrandom';
import type { Digest, ProgrammeEvidence, ProgrammeTest } from '../model/combined.ts';
import type { FigureId } from '../model/metrics.ts';
import { agreeing } from './family.ts';
import { holm } from './holm.ts';
import { EXACT_UP_TO, MONTE_CARLO, tolerance } from './swap-test.ts';
import { ALPHA, verdict } from './verdict.ts';

/**
 * Whether a tested pooled change could have been declared at all: an exact sign-flip test over
 * groups of which only `moved` changed gives p ≥ 2 / 2^moved, so with five or fewer groups that
 * moved it never reaches α, at any step of Holm's procedure, and "did not change convincingly" would
 * blame the programme for the design. Random flips (many groups) can always reach it.
 */
export function canConclude(t: ProgrammeTest): boolean {
  return t.status === 'tested' && (t.kind !== 'pooled' || t.method !== 'exact' || 2 / 2 ** t.moved <= ALPHA);
}

/** Fewest groups for a programme-level test. */
export const MIN_GROUPS = 3;
/** Label splits enumerated exactly up to this many; random splits above. */
export const EXACT_SPLITS = 20000;

/**
 * The sign assignments of the changes `d`, each kept as two numbers: its signed sum Σ ±d_i and the
 * sum of its signs Σ ±1, so that the mean of the shifted changes d − δ under it is
 * (sum − δ · signs) / k, and a p at any shift costs one pass over the assignments, not k of them.
 * Exact: bit i of a flips group i, all 2^k, summed in group order (as the mean of the changes
 * always was). Random: row 0 flips nobody, each other row takes its flips from seeded random
 * 32-bit words (bit i flips group i) and sums them a byte at a time from a table of the changes
 * each byte's flips take away, so a row costs k / 8 look-ups.
 */
interface Flips {
  exact: boolean;
  k: number;
  sums: Float64Array;
  signs: Int32Array;
}

/** Bits set in each byte. */
const BITS = Uint8Array.from({ length: 256 }, (_, v) => v.toString(2).replace(/0/g, '').length);

function signFlips(d: number[], seed: string): Flips {
  const k = d.length;
  const exact = k <= EXACT_UP_TO;
  const count = exact ? 2 ** k : MONTE_CARLO + 1;
  const sums = new Float64Array(count);
  const signs = new Int32Array(count);
  if (exact) {
    for (let a = 0; a < count; a++) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += (a >>> i) & 1 ? -d[i]! : d[i]!;
      sums[a] = sum;
      signs[a] = k - 2 * BITS[a & 255]! - 2 * BITS[a >>> 8]!;
    }
    return { exact, k, sums, signs };
  }
  // flipped[8b + v]: the sum of the changes of block b's groups (8b … 8b + 7) whose bits are set in v
  const blocks = Math.ceil(k / 8);
  const flipped = new Float64Array(blocks * 256);
  for (let b = 0; b < blocks; b++) {
    for (let v = 1; v < 256; v++) {
      const i = 8 * b + 31 - Math.clz32(v & -v);
      flipped[b * 256 + v] = flipped[b * 256 + (v & (v - 1))]! + (i < k ? d[i]! : 0);
    }
  }
  const total = d.reduce((s, x) => s + x, 0);
  const words = Math.ceil(k / 32);
  const rng = seedrandom(seed);
  sums[0] = total;
  signs[0] = k;
  for (let a = 1; a < count; a++) {
    let away = 0;
    let flips = 0;
    for (let w = 0; w < words; w++) {
      let word = rng.int32();
      if (w === words - 1 && k % 32 !== 0) word &= 2 ** (k % 32) - 1; // no bit past the last group
      for (let j = 0; j < 4 && 4 * w + j < blocks; j++) {
        const byte = (word >>> (8 * j)) & 255;
        away += flipped[(4 * w + j) * 256 + byte]!;
        flips += BITS[byte]!;
      }
    }
    sums[a] = total - 2 * away;
    signs[a] = k - 2 * flips;
  }
  return { exact, k, sums, signs };
}

/** Two-sided sign-flip p of the mean of the changes shifted by `delta` (d − δ). */
function signFlipP(flips: Flips, delta = 0): number {
  const { k, sums, signs } = flips;
  const observed = Math.abs((sums[0]! - delta * signs[0]!) / k);
  const tol = tolerance(observed);
  let extreme = 0;
  for (let a = 0; a < sums.length; a++) if (Math.abs((sums[a]! - delta * signs[a]!) / k) >= observed - tol) extreme++;
  return extreme / sums.length;
}

/**
 * The bound of {δ : p(d − δ) > level} on one side of the mean, by bisection (p falls as δ moves away
 * from the mean); null when even beyond the range of the changes the test cannot reject.
 */
function bound(d: number[], flips: Flips, level: number, side: -1 | 1): number | null {
  const centre = d.reduce((s, x) => s + x, 0) / d.length;
  const span = Math.max(...d) - Math.min(...d) || Math.abs(centre) || 1;
  const rejects = (delta: number) => signFlipP(flips, delta) <= level;
  let inside = centre;
  let outside = centre + side * 2 * span;
  if (!rejects(outside)) return null;
  for (let step = 0; step < 50; step++) {
    const mid = (inside + outside) / 2;
    if (rejects(mid)) outside = mid;
    else inside = mid;
  }
  return (inside + outside) / 2;
}

/**
 * Two-sided p of mean(a) − mean(b) by permuting the labels: every split for up to EXACT_SPLITS of
 * them, else MONTE_CARLO seeded random ones, each drawing the smaller set's members by a partial
 * Fisher–Yates shuffle (the cost of a split is the smaller set's size, not a sort of all groups).
 */
function labelP(a: number[], b: number[], seed: string): { p: number; exact: boolean } {
  const all = [...a, ...b];
  const n = all.length;
  const na = a.length;
  const total = all.reduce((s, x) => s + x, 0);
  const diff = (sumA: number) => sumA / na - (total - sumA) / (n - na);
  const observed = Math.abs(diff(a.reduce((s, x) => s + x, 0)));
  const tol = tolerance(observed);
  let splits = 1;
  for (let i = 0; i < na; i++) splits = (splits * (n - i)) / (i + 1);
  let extreme = 0;
  let count = 0;
  if (splits <= EXACT_SPLITS) {
    const pick = (start: number, left: number, sum: number) => {
      if (left === 0) {
        count++;
        if (Math.abs(diff(sum)) >= observed - tol) extreme++;
        return;
      }
      for (let i = start; i <= n - left; i++) pick(i + 1, left - 1, sum + all[i]!);
    };
    pick(0, na, 0);
    return { p: extreme / count, exact: true };
  }
  const rng = seedrandom(seed);
  const drawn = Math.min(na, n - na);
  const order = Int32Array.from(all, (_, i) => i);
  extreme = 1;
  for (let r = 0; r < MONTE_CARLO; r++) {
    let sum = 0;
    for (let j = 0; j < drawn; j++) {
      const pick = j + Math.floor(rng.quick() * (n - j));
      const chosen = order[pick]!;
      order[pick] = order[j]!;
      order[j] = chosen;
      sum += all[chosen]!;
    }
    if (Math.abs(diff(drawn === na ? sum : total - sum)) >= observed - tol) extreme++;
  }
  return { p: extreme / (MONTE_CARLO + 1), exact: false };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** The groups' changes of one figure (groups with two rounds or more and a defined change). */
function changes(digests: Digest[], id: FigureId): { digest: Digest; change: number }[] {
  return digests.flatMap((d) => {
    const c = d.figures.find((x) => x.figure === id)?.change;
    return d.rounds.length > 1 && c && c.change !== null ? [{ digest: d, change: c.change }] : [];
  });
}

/** The most common trust scale of the groups (ties: 5 points); trust changes on another scale are not pooled with it. */
function commonScale(digests: Digest[]): 4 | 5 {
  const four = digests.filter((d) => d.trustScale === 4).length;
  return four > digests.length - four ? 4 : 5;
}

export function programmeEvidence(digests: Digest[], figures: readonly FigureId[], seed = 'programme'): ProgrammeEvidence {
  const scale = commonScale(digests);
  const usable = (id: FigureId) => (id === 'trust' ? digests.filter((d) => d.trustScale === scale) : digests);
  const pending: { test: ProgrammeTest; flips?: Flips; d?: number[] }[] = [];
  for (const id of figures) {
    const rows = changes(usable(id), id).filter((r) => !r.digest.comparison);
    const d = rows.map((r) => r.change);
    const own = rows.filter((r) => (r.digest.figures.find((f) => f.figure === id)!.change?.verdict ?? null) !== null);
    const test: ProgrammeTest = {
      figure: id,
      kind: 'pooled',
      groups: d.length,
      comparisonGroups: 0,
      estimate: mean(d),
      status: d.length >= MIN_GROUPS ? 'tested' : 'too-few',
      method: null,
      p: null,
      adjustedP: null,
      verdict: null,
      interval: null,
      improved: own.filter((r) => r.digest.figures.find((f) => f.figure === id)!.change?.verdict === 'up').length,
      declined: own.filter((r) => r.digest.figures.find((f) => f.figure === id)!.change?.verdict === 'down').length,
      testedGroups: own.length,
      moved: d.filter((x) => x !== 0).length,
    };
    if (test.status === 'tested') {
      const flips = signFlips(d, `${seed}-${id}`);
      test.method = flips.exact ? 'exact' : 'monte-carlo';
      test.p = signFlipP(flips);
      pending.push({ test, flips, d });
    } else pending.push({ test });
  }
  const difference: ProgrammeTest[] = [];
  if (digests.some((x) => x.comparison)) {
    for (const id of figures) {
      const rows = changes(usable(id), id);
      const a = rows.filter((r) => !r.digest.comparison).map((r) => r.change);
      const b = rows.filter((r) => r.digest.comparison).map((r) => r.change);
      const ok = a.length >= 2 && b.length >= 2 && a.length + b.length >= MIN_GROUPS;
      const test: ProgrammeTest = {
        figure: id,
        kind: 'difference',
        groups: a.length + b.length,
        comparisonGroups: b.length,
        estimate: a.length && b.length ? mean(a)! - mean(b)! : null,
        status: ok ? 'tested' : 'too-few',
        method: null,
        p: null,
        adjustedP: null,
        verdict: null,
        interval: null,
        improved: 0,
        declined: 0,
        testedGroups: 0,
        moved: 0,
      };
      if (ok) {
        const r = labelP(a, b, `${seed}-${id}-labels`);
        test.method = r.exact ? 'exact' : 'monte-carlo';
        test.p = r.p;
      }
      difference.push(test);
      pending.push({ test });
    }
  }
  const tested = pending.filter((x) => x.test.status === 'tested');
  const adjustment = holm(
    tested.map((x) => x.test.p!),
    ALPHA,
  );
  tested.forEach((x, i) => {
    const t = x.test;
    t.adjustedP = adjustment.adjusted[i]!;
    t.verdict = verdict('tested', t.estimate, t.adjustedP, 'two-sided');
    if (x.flips && x.d) {
      const level = adjustment.level[i]!;
      const low = bound(x.d, x.flips, level, -1);
      const high = bound(x.d, x.flips, level, 1);
      const agreed = agreeing({ low, high }, t.verdict);
      t.interval = low === null || high === null ? null : { ...agreed, level: 1 - level };
    }
  });
  return {
    alpha: ALPHA,
    minGroups: MIN_GROUPS,
    tests: tested.length,
    pooled: pending.filter((x) => x.test.kind === 'pooled').map((x) => x.test),
    difference,
    otherTrustScale: digests.filter((d) => d.trustScale !== scale && d.rounds.length > 1).length,
  };
}
