/**
 * QAP correlation between two rounds' tie matrices (Krackhardt 1987; UCINET "QAP correlation";
 * R sna `qaptest(gcor)`): Pearson's r over the off-diagonal cells of two matrices on the same
 * actors (1 = tie, 0 = none; survey ties only). Significance by permuting the rows and columns of
 * the second matrix together (the actors' labels), 1,000 times, seeded; p = share of permuted r at
 * least the observed r, counting the observed ((k + 1) / (N + 1)). High r: the later network keeps
 * the shape of the earlier one. Null when either matrix is constant.
 */
import seedrandom from 'seedrandom';

export const QAP_PERMUTATIONS = 1000;

export interface Qap {
  r: number | null;
  p: number | null;
  permutations: number;
}

/**
 * Pearson's r of two binary matrices from counts alone: over N off-diagonal cells with a ones in
 * the first, b in the second and c in both, r = (c/N − ab/N²) / √((a/N)(1 − a/N)(b/N)(1 − b/N)).
 * So a permutation only needs c, the ties of the first network that land on a tie of the second:
 * O(ties) per permutation instead of O(n²), which keeps QAP cheap on city-wide networks.
 */
function correlation(a: number, b: number, c: number, cells: number): number | null {
  const pa = a / cells;
  const pb = b / cells;
  const va = pa * (1 - pa);
  const vb = pb * (1 - pb);
  return va <= 0 || vb <= 0 ? null : (c / cells - pa * pb) / Math.sqrt(va * vb);
}

export function qapCorrelation(actors: string[], before: [string, string][], after: [string, string][], permutations = QAP_PERMUTATIONS, seed = 'jejaring'): Qap {
  const n = actors.length;
  const index = new Map(actors.map((a, i) => [a, i]));
  const pairs = (ties: [string, string][]) => {
    const out = new Set<number>();
    for (const [s, t] of ties) {
      const i = index.get(s);
      const j = index.get(t);
      if (i !== undefined && j !== undefined && i !== j) out.add(i * n + j);
    }
    return out;
  };
  const a = [...pairs(before)];
  const b = pairs(after);
  const cells = n * (n - 1);
  let shared = 0;
  for (const cell of a) if (b.has(cell)) shared++;
  const r = cells > 0 ? correlation(a.length, b.size, shared, cells) : null;
  if (r === null) return { r: null, p: null, permutations: 0 };
  const rng = seedrandom(seed);
  const perm = new Int32Array(n);
  let atLeast = 0;
  for (let k = 0; k < permutations; k++) {
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    let c = 0;
    for (const cell of a) if (b.has(perm[Math.floor(cell / n)]! * n + perm[cell % n]!)) c++;
    const rp = correlation(a.length, b.size, c, cells)!;
    if (rp >= r - 1e-12) atLeast++;
  }
  return { r, p: (atLeast + 1) / (permutations + 1), permutations };
}
