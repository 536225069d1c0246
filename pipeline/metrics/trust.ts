/**
 * Trust (kepercayaan), the 1–k rating a respondent gives an actor on the case's scale
 * (scales.ts: 1 sangat tidak percaya … 5 sangat percaya by default).
 * - mean trust of a network: mean over answered ties;
 * - trust index: see scales.ts, the one place the scale and its index are defined;
 * - trust received by an actor: mean over the ties that name it, with n raters.
 * Unanswered ratings are left out; a mean of nothing is null.
 */
import type { TrustScale } from '../scales.ts';

export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Counts of ratings 1…k (index 0 holds rating 1). */
export function trustDistribution(ratings: number[], scale: TrustScale): number[] {
  const counts = new Array<number>(scale.points).fill(0);
  for (const r of ratings) counts[r - 1]!++;
  return counts;
}
