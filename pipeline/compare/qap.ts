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

function correlation(a: Uint8Array, b: Uint8Array, n: number, perm: Int32Array | null): number | null {
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const x = a[i * n + j]!;
      const y = perm ? b[perm[i]! * n + perm[j]!]! : b[i * n + j]!;
      sa += x;
      sb += y;
      saa += x * x;
      sbb += y * y;
      sab += x * y;
      m++;
    }
  }
  const cov = sab / m - (sa / m) * (sb / m);
  const va = saa / m - (sa / m) ** 2;
  const vb = sbb / m - (sb / m) ** 2;
  return va <= 0 || vb <= 0 ? null : cov / Math.sqrt(va * vb);
}

export function qapCorrelation(actors: string[], before: [string, string][], after: [string, string][], permutations = QAP_PERMUTATIONS, seed = 'jejaring'): Qap {
  const n = actors.length;
  const index = new Map(actors.map((a, i) => [a, i]));
  const matrix = (ties: [string, string][]) => {
    const m = new Uint8Array(n * n);
    for (const [s, t] of ties) {
      const i = index.get(s);
      const j = index.get(t);
      if (i !== undefined && j !== undefined && i !== j) m[i * n + j] = 1;
    }
    return m;
  };
  const a = matrix(before);
  const b = matrix(after);
  const r = correlation(a, b, n, null);
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
    const rp = correlation(a, b, n, perm);
    if (rp !== null && rp >= r - 1e-12) atLeast++;
  }
  return { r, p: (atLeast + 1) / (permutations + 1), permutations };
}
