/**
 * Trust (kepercayaan), the 1–5 rating a respondent gives an actor
 * (1 sangat tidak percaya … 5 sangat percaya).
 * - mean trust of a network: mean over answered ties;
 * - **trust index** 0–100 = 100 · (mean − 1) / (k − 1) on a k-point scale (k = 5 by default, 4
 *   when the case declares a 4-point scale), so the lowest answer → 0 and the highest → 100 (the
 *   scale's own range, not 100 · mean / k, which would put "sangat tidak percaya" at 20);
 * - trust received by an actor: mean over the ties that name it, with n raters.
 * Unanswered ratings are left out; a mean of nothing is null.
 */
export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export function trustIndex(meanTrust: number | null, scale: 4 | 5 = 5): number | null {
  return meanTrust === null ? null : (100 * (meanTrust - 1)) / (scale - 1);
}

/** Counts of ratings 1…k (index 0 holds rating 1). */
export function trustDistribution(ratings: number[], scale: 4 | 5 = 5): number[] {
  const counts = new Array<number>(scale).fill(0);
  for (const r of ratings) counts[r - 1]!++;
  return counts;
}
