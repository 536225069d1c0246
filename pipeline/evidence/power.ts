/**
 * What the design can detect: the smallest change of a figure that its swap test would declare
 * with 80 % power, for this group's panel and this spread of answers.
 *
 * The null distribution of the test statistic is the swap distribution already drawn for the test
 * (all 2^n assignments, or the Monte-Carlo ones, seeded): for a linear figure centred at the
 * estimate (the shift hypothesis δ = estimate), for a count of actors as it is (it is symmetric
 * about 0 whatever the data, since swapping everyone negates it). A true change δ moves the
 * observed statistic to T + δ with T drawn from that distribution (a location shift); the test
 * rejects when T + δ lies beyond the distribution's critical value at the level, so the power is
 * the share of the distribution beyond critical − δ. The smallest δ with power ≥ 80 % is read off
 * the sorted distribution (one-sided) or by bisection (two-sided). A count of actors moves in
 * whole actors, so its answer is rounded up to a whole number (at least 1).
 *
 * The level is the strictest one of Holm's procedure, α / m for m tests: what a single change must
 * reach when nothing else changed. bench/calibrate.ts checks the answer against simulated effects.
 * When even the most extreme assignment cannot reach the level (2^n · α/m < 1 for tiny panels),
 * nothing is detectable: null.
 */
import type { Direction } from '../model/metrics.ts';

export const POWER = 0.8;

export function detectable(null_: Float64Array, level: number, direction: Direction, whole: boolean): number | null {
  const values = Array.from(null_, (v) => (Number.isNaN(v) ? 0 : direction === 'down' ? -v : v));
  const n = values.length;
  const allowed = Math.floor(level * n + 1e-9);
  if (allowed < 1) return null;
  const asc = [...values].sort((x, y) => x - y);
  let delta: number;
  if (direction !== 'two-sided') {
    // reject when T + δ exceeds the (allowed + 1)-th largest value
    const critical = asc[n - 1 - allowed]!;
    const q = asc[Math.max(0, Math.floor((1 - POWER) * n))]!;
    delta = critical - q;
  } else {
    const critical = values.map(Math.abs).sort((x, y) => y - x)[allowed]!;
    // first index whose value is > x (strict) or >= x
    const search = (x: number, strict: boolean) => {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (strict ? asc[mid]! > x : asc[mid]! >= x) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    // reject when |T + δ| exceeds the critical value
    const power = (d: number) => (n - search(critical - d, true) + search(-critical - d, false)) / n;
    let lo = 0;
    let hi = critical + (asc[n - 1]! - asc[0]!) + 1;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (power(mid) >= POWER) hi = mid;
      else lo = mid;
    }
    delta = hi;
  }
  delta = Math.max(0, delta);
  return whole ? Math.max(1, Math.ceil(delta - 1e-9)) : delta;
}
