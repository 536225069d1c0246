/**
 * The answer scales of the questionnaire, decided once here and read by ingest (what a valid
 * answer is), the metrics (indices), the charts (axes and labels) and the report's method note
 * (which prints the range and formula actually used).
 *
 * - **Trust** (*kepercayaan*): a k-point Likert rating, k = 5 (1 sangat tidak percaya … 5 sangat
 *   percaya, the default) or k = 4 (no middle answer: 1 sangat tidak percaya, 2 tidak percaya,
 *   3 percaya, 4 sangat percaya), set by `trustScale` in case.yaml. The **trust index** maps the
 *   scale's own range onto 0–100: 100 · (mean − 1) / (k − 1), so the lowest answer is 0 and the
 *   highest 100 (not 100 · mean / k, which would put the lowest answer at 20 or 25).
 * - **Cooperation** (*kerja sama*): the ladder of seed 001, 0 none … 5 konfederasi; the
 *   **cooperation index** is 100 · mean level / 5 (0 is the bottom of the ladder).
 */

export interface TrustScale {
  /** Number of answer points, k. */
  points: 4 | 5;
  min: 1;
  max: 4 | 5;
  /**
   * The locale keys (`trust.<i>`) of the answers 1 … k, in order: on a 4-point scale the middle
   * answer (ragu-ragu, index 2) does not exist.
   */
  labelKeys: number[];
}

export function trustScale(points: 4 | 5): TrustScale {
  return { points, min: 1, max: points, labelKeys: points === 5 ? [0, 1, 2, 3, 4] : [0, 1, 3, 4] };
}

/** Trust index 0–100 of a mean rating on the scale: 100 · (mean − 1) / (k − 1); null for null. */
export function trustIndex(meanTrust: number | null, scale: TrustScale): number | null {
  return meanTrust === null ? null : (100 * (meanTrust - scale.min)) / (scale.max - scale.min);
}

export const COOPERATION_SCALE = { min: 0, max: 5 } as const;

/** Cooperation index 0–100 of a mean ladder level: 100 · mean / 5; null for null. */
export function cooperationIndex(meanLevel: number | null): number | null {
  return meanLevel === null ? null : (100 * (meanLevel - COOPERATION_SCALE.min)) / (COOPERATION_SCALE.max - COOPERATION_SCALE.min);
}
