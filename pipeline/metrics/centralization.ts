/**
 * Freeman centralisation: C = Σ_v (max_w c_w − c_v) / T, where T is the largest value the sum can
 * take in any graph with n nodes (a star). Theoretical maxima as in igraph `centr_degree` /
 * `centr_betw` with loops = FALSE (also R sna `centralization`):
 * - in-degree or out-degree of a directed graph: T = (n−1)²;
 * - betweenness (raw) of a directed graph: T = (n−1)²(n−2).
 * 0 = everyone equally central, 1 = a perfect star. Undefined (null) for n < 3.
 */
export function freeman(values: number[], max: number): number | null {
  if (values.length === 0 || max <= 0) return null;
  const top = Math.max(...values);
  let sum = 0;
  for (const v of values) sum += top - v;
  return sum / max;
}

export function inDegreeCentralization(inDegrees: number[]): number | null {
  const n = inDegrees.length;
  return n < 3 ? null : freeman(inDegrees, (n - 1) ** 2);
}

export function betweennessCentralization(rawBetweenness: number[]): number | null {
  const n = rawBetweenness.length;
  return n < 3 ? null : freeman(rawBetweenness, (n - 1) ** 2 * (n - 2));
}

export function outDegreeCentralization(outDegrees: number[]): number | null {
  const n = outDegrees.length;
  return n < 3 ? null : freeman(outDegrees, (n - 1) ** 2);
}
