/**
 * A confidence interval of a change by **inverting the swap test** (Lehmann & Romano 2005, §3.5;
 * the Hodges–Lehmann construction for paired data): the interval holds every shift δ that the
 * test of "every round-2 answer is δ higher" does not reject at the given level. It has the test's
 * own exactness, where a percentile bootstrap under-covers with 8–15 people (its resamples hold
 * few distinct people: checked in bench/calibrate.ts).
 *
 * For a linear figure the null distribution of every δ is known at once (evidence/swap-test.ts:
 * T(δ) = a − δ·b), so p(δ) only changes where one assignment's |T(δ)| crosses |T(0) − δ|. The
 * bound is found by walking those breakpoints outwards from the estimate (where p = 1) until a
 * stretch of δ is rejected: exact, with no grid or bisection. Isolated points where p dips are
 * stepped over (the interval is the hull of the accepted stretches around the estimate).
 *
 * One-sided tests give one bound (`up`: a lower bound, the upper one open; `down` the other way).
 * When no shift is ever rejected (a panel so small that no p reaches the level) the bound is
 * null: unbounded. The family step (evidence/family.ts) then cuts or extends the interval at 0 so
 * that it agrees with the verdict by construction.
 */
import type { Direction } from '../model/metrics.ts';
import { type LinearDistribution, tolerance } from './swap-test.ts';

export interface Bounds {
  low: number | null;
  high: number | null;
}

/** The bound on one side (`side` −1: lower, +1: upper) of the accepted stretch around the estimate. */
function bound(d: LinearDistribution, level: number, direction: Direction, side: -1 | 1): number | null {
  const n = d.a.length;
  const t0 = d.a[0]!;
  // breakpoints: where assignment k's indicator can switch, T_k(δ) = T_0 − δ (and −(T_0 − δ) two-sided)
  const at = new Float64Array(2 * n);
  const owner = new Int32Array(2 * n);
  let count = 0;
  const add = (b: number, k: number) => {
    if (side * (b - t0) > tolerance(t0)) {
      at[count] = side * (b - t0);
      owner[count++] = k;
    }
  };
  for (let k = 1; k < n; k++) {
    const a = d.a[k]!;
    const b = d.b[k]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (Math.abs(b - 1) > 1e-12) add((a - t0) / (b - 1), k);
    if (direction === 'two-sided' && Math.abs(b + 1) > 1e-12) add((a + t0) / (b + 1), k);
  }
  // order them outwards with the engine's numeric sort, then place each owner at its rank
  const sorted = at.slice(0, count).sort();
  const ranked = new Int32Array(count);
  const used = new Int32Array(count);
  for (let e = 0; e < count; e++) {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < at[e]!) lo = mid + 1;
      else hi = mid;
    }
    ranked[lo + used[lo]!++] = owner[e]!;
  }
  const position = (r: number) => t0 + side * sorted[r]!;
  /** Whether assignment k is at least as extreme as the observed one under the shift δ (NaN: yes). */
  const extreme = (k: number, delta: number) => {
    const ak = d.a[k]!;
    const bk = d.b[k]!;
    if (Number.isNaN(ak) || Number.isNaN(bk)) return true;
    const observed = t0 - delta;
    const t = ak - delta * bk;
    const tol = tolerance(observed);
    if (direction === 'up') return t >= observed - tol;
    if (direction === 'down') return t <= observed + tol;
    return Math.abs(t) >= Math.abs(observed) - tol;
  };
  /** A point of the open stretch beyond breakpoint r, before the next one. */
  const beyond = (r: number) => {
    const here = r < 0 ? t0 : position(r);
    return r + 1 < count ? (here + position(r + 1)) / 2 : here + side * (1 + Math.abs(here));
  };
  // every assignment's indicator on the first stretch next to the estimate
  const inside = new Uint8Array(n);
  let extremeCount = 0;
  const first = beyond(-1);
  for (let k = 0; k < n; k++) {
    inside[k] = extreme(k, first) ? 1 : 0;
    extremeCount += inside[k]!;
  }
  const accepted = () => extremeCount / n > level + 1e-12;
  if (!accepted()) return t0;
  for (let r = 0; r < count; ) {
    const here = sorted[r]!;
    let last = r;
    while (last + 1 < count && sorted[last + 1]! - here <= tolerance(here)) last++;
    // only the assignments whose breakpoint this is change their indicator here
    const delta = beyond(last);
    for (let g = r; g <= last; g++) {
      const k = ranked[g]!;
      const now = extreme(k, delta) ? 1 : 0;
      extremeCount += now - inside[k]!;
      inside[k] = now;
    }
    if (!accepted()) return position(r);
    r = last + 1;
  }
  return null;
}

/** The interval of shifts not rejected at `level` (a p-value threshold, e.g. 0.05 / 3). */
export function invert(d: LinearDistribution, level: number, direction: Direction): Bounds {
  return {
    low: direction === 'down' ? null : bound(d, level, direction, -1),
    high: direction === 'up' ? null : bound(d, level, direction, 1),
  };
}

/** One bound only: the lower one (`side` −1) or the upper one (+1); null when unbounded. */
export function invertSide(d: LinearDistribution, level: number, direction: Direction, side: -1 | 1): number | null {
  return bound(d, level, direction, side);
}
