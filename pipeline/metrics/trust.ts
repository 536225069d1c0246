/**
 * Trust (kepercayaan), the 1–5 rating a respondent gives an actor
 * (1 sangat tidak percaya … 5 sangat percaya).
 * - mean trust of a network: mean over answered ties;
 * - **trust index** 0–100 = 100 · (mean − 1) / 4, so 1 → 0 and 5 → 100 (the scale's own range,
 *   not 100 · mean / 5, which would put "sangat tidak percaya" at 20);
 * - trust received by an actor: mean over the ties that name it, with n raters.
 * Unanswered ratings are left out; a mean of nothing is null.
 */
export function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

export function trustIndex(meanTrust: number | null): number | null {
  return meanTrust === null ? null : (100 * (meanTrust - 1)) / 4;
}

/** Counts of ratings 1…5 (index 0 holds rating 1). */
export function trustDistribution(ratings: number[]): number[] {
  const counts = [0, 0, 0, 0, 0];
  for (const r of ratings) counts[r - 1]!++;
  return counts;
}
