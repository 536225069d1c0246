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

/** Whether assignment k is at least as extreme as the observed one under the shift δ. */
function extreme(d: LinearDistribution, k: number, delta: number, direction: Direction): boolean {
  const a = d.a[k]!;
  const b = d.b[k]!;
  if (Number.isNaN(a) || Number.isNaN(b)) return true;
  const observed = d.a[0]! - delta;
  const t = a - delta * b;
  const tol = tolerance(observed);
  if (direction === 'up') return t >= observed - tol;
  if (direction === 'down') return t <= observed + tol;
  return Math.abs(t) >= Math.abs(observed) - tol;
}

/** Where assignment k's indicator can switch: the δ with T_k(δ) = ±(T_0 − δ). */
function breakpoints(d: LinearDistribution, k: number, direction: Direction): number[] {
  const a = d.a[k]!;
  const b = d.b[k]!;
  const t0 = d.a[0]!;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return [];
  const out: number[] = [];
  if (Math.abs(b - 1) > 1e-12) out.push((a - t0) / (b - 1));
  if (direction === 'two-sided' && Math.abs(b + 1) > 1e-12) out.push((a + t0) / (b + 1));
  return out;
}

/** The bound on one side (`side` −1: lower, +1: upper) of the accepted stretch around the estimate. */
function bound(d: LinearDistribution, level: number, direction: Direction, side: -1 | 1): number | null {
  const n = d.a.length;
  const t0 = d.a[0]!;
  const events: { at: number; k: number }[] = [];
  for (let k = 1; k < n; k++) for (const at of breakpoints(d, k, direction)) if (side * (at - t0) > tolerance(t0)) events.push({ at, k });
  events.sort((x, y) => side * (x.at - y.at));
  /** A point of the open stretch beyond `at`, before the next breakpoint. */
  const beyond = (at: number, next: number | undefined) => (next === undefined ? at + side * (1 + Math.abs(at)) : (at + next) / 2);
  // every assignment's indicator on the first stretch next to the estimate
  const inside = new Uint8Array(n);
  let count = 0;
  const first = beyond(t0, events[0]?.at);
  for (let k = 0; k < n; k++) {
    inside[k] = extreme(d, k, first, direction) ? 1 : 0;
    count += inside[k]!;
  }
  const accepted = () => count / n > level + 1e-12;
  if (!accepted()) return t0;
  for (let i = 0; i < events.length; ) {
    const at = events[i]!.at;
    const group: number[] = [];
    while (i < events.length && Math.abs(events[i]!.at - at) <= tolerance(at)) group.push(events[i++]!.k);
    // only the assignments whose breakpoint this is change their indicator here
    const delta = beyond(at, events[i]?.at);
    for (const k of group) {
      const now = extreme(d, k, delta, direction) ? 1 : 0;
      count += now - inside[k]!;
      inside[k] = now;
    }
    if (!accepted()) return at;
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
