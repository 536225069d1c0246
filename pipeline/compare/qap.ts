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

/** Ties as rows: the distinct off-diagonal cells (i, j), by row i (CSR over actor indices). */
function rows(n: number, index: Map<string, number>, ties: [string, string][]): { starts: Int32Array; cols: Int32Array; count: number } {
  const cells = new Set<number>();
  for (const [s, t] of ties) {
    const i = index.get(s);
    const j = index.get(t);
    if (i !== undefined && j !== undefined && i !== j) cells.add(i * n + j);
  }
  const sorted = Float64Array.from(cells).sort();
  const starts = new Int32Array(n + 1);
  const cols = new Int32Array(sorted.length);
  sorted.forEach((cell, k) => {
    starts[Math.floor(cell / n) + 1]!++;
    cols[k] = cell % n;
  });
  for (let i = 0; i < n; i++) starts[i + 1]! += starts[i]!;
  return { starts, cols, count: sorted.length };
}

export function qapCorrelation(
  actors: string[],
  before: [string, string][],
  after: [string, string][],
  permutations = QAP_PERMUTATIONS,
  seed = 'jejaring',
): Qap {
  const n = actors.length;
  const index = new Map(actors.map((a, i) => [a, i]));
  const a = rows(n, index, before);
  const b = rows(n, index, after);
  const cells = n * (n - 1);
  // Shared ties under a relabelling: row i of the first matrix against row perm[i] of the second,
  // whose columns are marked in `mark` (stamped, so nothing is cleared). O(ties) per permutation.
  const mark = new Int32Array(n).fill(-1);
  let stampNo = 0;
  const shared = (perm: Int32Array) => {
    let c = 0;
    for (let i = 0; i < n; i++) {
      const from = a.starts[i]!;
      const to = a.starts[i + 1]!;
      if (from === to) continue;
      const p = perm[i]!;
      const stamp = stampNo++;
      for (let k = b.starts[p]!, end = b.starts[p + 1]!; k < end; k++) mark[b.cols[k]!] = stamp;
      for (let k = from; k < to; k++) if (mark[perm[a.cols[k]!]!] === stamp) c++;
    }
    return c;
  };
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const r = cells > 0 ? correlation(a.count, b.count, shared(perm), cells) : null;
  if (r === null) return { r: null, p: null, permutations: 0 };
  const rng = seedrandom(seed);
  let atLeast = 0;
  for (let k = 0; k < permutations; k++) {
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    const rp = correlation(a.count, b.count, shared(perm), cells)!;
    if (rp >= r - 1e-12) atLeast++;
  }
  return { r, p: (atLeast + 1) / (permutations + 1), permutations };
}
