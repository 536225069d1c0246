/**
 * Holm's step-down adjustment (Holm 1979): with m tests, sort the p-values ascending and reject
 * the k-th smallest (k = 0, 1, …) while p_(k) ≤ α / (m − k); stop at the first that fails. It keeps
 * the family-wise error rate (the chance of at least one false claim in the report) at α under any
 * dependence between the tests, and rejects everything Bonferroni rejects and sometimes more.
 *
 * The adjusted p-value of the k-th smallest is max over j ≤ k of min(1, (m − j) · p_(j)), so a test
 * is rejected exactly when its adjusted p is at most α. Each test also gets the level its step
 * held it to (α / (m − k) for a rejected test, the level of the step that failed for the others),
 * which the intervals use so that they agree with the verdicts (evidence/family.ts).
 * Ties in p are ordered by their position in the input, so the result is deterministic.
 */
export interface HolmResult {
  adjusted: number[];
  level: number[];
  rejected: boolean[];
  /** Rank of each test in the step-down order (0 = smallest p). */
  rank: number[];
}

export function holm(p: number[], alpha: number): HolmResult {
  const m = p.length;
  const order = p.map((_, i) => i).sort((i, j) => p[i]! - p[j]! || i - j);
  const adjusted = new Array<number>(m).fill(1);
  const level = new Array<number>(m).fill(alpha);
  const rejected = new Array<boolean>(m).fill(false);
  const rank = new Array<number>(m).fill(0);
  let running = 0;
  let failedAt: number | null = null;
  order.forEach((i, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p[i]!));
    adjusted[i] = running;
    rank[i] = k;
    if (failedAt === null && p[i]! > alpha / (m - k)) failedAt = k;
    rejected[i] = failedAt === null;
    level[i] = alpha / (m - (failedAt ?? k));
  });
  return { adjusted, level, rejected, rank };
}
