/**
 * QAP correlation between two rounds' tie matrices (Krackhardt 1987, 1988; UCINET "QAP
 * correlation"; R sna `qaptest(gcor)`): Pearson's r over the cells of two matrices on the same
 * actors (1 = tie, 0 = none; survey ties only), and how often relabelling the actors gives an r at
 * least as high.
 *
 * What it tests: whether the second round's network **keeps the shape** of the first more than
 * chance would (a high r, a small p: the same people name the same actors), not whether anything
 * changed. Like for like, only the panel's rows enter (respondents who answered both rounds; the
 * others have no row in one of the matrices), over every column but the diagonal.
 *
 * The null must respect who can have a row: relabelling a respondent as an outside actor who never
 * answers (an empty row) would make almost any pair of rounds "significant". So labels are
 * permuted **within blocks** (Krackhardt's caution; Dekker, Krackhardt & Snijders 2007): panel
 * members among panel members, panel outside respondents among themselves, the other members among
 * themselves, the other outside actors among themselves; rows and columns together. 1,000
 * permutations, seeded; p = share of permuted r at least the observed one, counting the observed
 * ((k + 1) / (N + 1)). Two independently drawn rounds come out below 0.05 about 5 % of the time
 * (bench/calibrate.ts). Null when either matrix is constant.
 */
import seedrandom from 'seedrandom';

export const QAP_PERMUTATIONS = 1000;

export interface Qap {
  /** Pearson's r of the two panel tie matrices; null when either is constant. */
  r: number | null;
  /** Share of permutations within blocks with an r at least as high, the observed one counted; null with r. */
  p: number | null;
  /** Permutations drawn (0 when r is null). */
  permutations: number;
  /** Panel respondents whose rows were compared. */
  rows: number;
}

/**
 * Pearson's r of two binary matrices from counts alone: over N cells with a ones in the first, b in
 * the second and c in both, r = (c/N − ab/N²) / √((a/N)(1 − a/N)(b/N)(1 − b/N)). So a permutation
 * only needs c, the ties of the first network that land on a tie of the second: O(ties) per
 * permutation instead of O(n²), which keeps QAP cheap on city-wide networks.
 */
function correlation(a: number, b: number, c: number, cells: number): number | null {
  const pa = a / cells;
  const pb = b / cells;
  const va = pa * (1 - pa);
  const vb = pb * (1 - pb);
  return va <= 0 || vb <= 0 ? null : (c / cells - pa * pb) / Math.sqrt(va * vb);
}

/** Ties as rows: the distinct off-diagonal cells (i, j) of the rows in `rowsOf`, by row i (CSR over actor indices). */
function rows(n: number, index: Map<string, number>, ties: [string, string][], rowsOf: Set<number>) {
  const cells = new Set<number>();
  for (const [s, t] of ties) {
    const i = index.get(s);
    const j = index.get(t);
    if (i !== undefined && j !== undefined && i !== j && rowsOf.has(i)) cells.add(i * n + j);
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

/**
 * `actors`: every roster actor; `block(id)`: its block (see above); `panel`: the rows compared.
 * Ties from actors outside the panel are ignored.
 */
export function qapCorrelation(
  actors: string[],
  block: (id: string) => string,
  panel: string[],
  before: [string, string][],
  after: [string, string][],
  permutations = QAP_PERMUTATIONS,
  seed = 'jejaring',
): Qap {
  const n = actors.length;
  const index = new Map(actors.map((a, i) => [a, i]));
  const rowSet = new Set(panel.flatMap((p) => (index.has(p) ? [index.get(p)!] : [])));
  const a = rows(n, index, before, rowSet);
  const b = rows(n, index, after, rowSet);
  const cells = rowSet.size * (n - 1);
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
  if (r === null) return { r: null, p: null, permutations: 0, rows: rowSet.size };
  // the actors grouped by block: slots[starts[g] … starts[g + 1]) hold block g's actor indices
  const groups = new Map<string, number[]>();
  actors.forEach((id, i) => {
    const key = `${rowSet.has(i) ? 'panel' : 'other'}:${block(id)}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  const ordered = [...groups.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([, members]) => members);
  const slots = Int32Array.from(ordered.flat());
  const bounds = [0, ...ordered.map((_, g) => ordered.slice(0, g + 1).reduce((sum, m) => sum + m.length, 0))];
  const shuffled = Int32Array.from(slots);
  const rng = seedrandom(seed);
  let atLeast = 0;
  for (let k = 0; k < permutations; k++) {
    // Fisher–Yates within each block (shuffling the previous order again is as uniform as shuffling a fresh one)
    for (let g = 0; g + 1 < bounds.length; g++) {
      const lo = bounds[g]!;
      for (let i = bounds[g + 1]! - 1; i > lo; i--) {
        const j = lo + Math.floor(rng.quick() * (i - lo + 1));
        const t = shuffled[i]!;
        shuffled[i] = shuffled[j]!;
        shuffled[j] = t;
      }
    }
    for (let i = 0; i < n; i++) perm[slots[i]!] = shuffled[i]!;
    const rp = correlation(a.count, b.count, shared(perm), cells)!;
    if (rp >= r - 1e-12) atLeast++;
  }
  return { r, p: (atLeast + 1) / (permutations + 1), permutations, rows: rowSet.size };
}
