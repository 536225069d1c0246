/**
 * Cooperation (kerja sama) on the ladder of seed 001: 0 none · 1 komunikasi · 2 kooperasi ·
 * 3 koordinasi · 4 kolaborasi · 5 konfederasi.
 * - cooperation index: see scales.ts (100 · mean level / 5);
 * - share at coordination or above: ties at level ≥ 3 / ties with a level answered;
 * - distribution: ties per level.
 */
export function shareAtLeast(levels: number[], threshold: number): number | null {
  if (levels.length === 0) return null;
  return levels.filter((l) => l >= threshold).length / levels.length;
}

/** Counts of ties per level 0…5. */
export function cooperationDistribution(levels: number[]): number[] {
  const counts = [0, 0, 0, 0, 0, 0];
  for (const l of levels) counts[l]!++;
  return counts;
}
