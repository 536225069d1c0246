/**
 * The paired swap test (a sign-flip permutation test for paired data; Fisher 1935, Good 2005,
 * NetworkComparisonTest's rule for paired networks: only the two measurements of one person are
 * exchanged, never people with each other).
 *
 * Under "nothing changed between the rounds", each panel member's two sets of answers are
 * exchangeable: which of them was given in round 1 is as good as a coin toss. An **assignment**
 * swaps the two rounds of some of the people; the figure is recomputed on the two sides (side A
 * holds round 1's answers of the unswapped people and round 2's of the swapped ones, side B the
 * rest) and the statistic T = figure(B) − figure(A) kept. The observed T is the assignment that
 * swaps nobody.
 *
 * - **Exact** for n ≤ 15 people: all 2^n assignments (at most 32,768), so p is exact.
 * - **Monte-Carlo** above: the observed assignment plus B = 9,999 random ones, seeded
 *   (seedrandom), so p = (b + 1) / (B + 1) with b random assignments at least as extreme; this p
 *   is itself a valid p-value (Phipson & Smyth 2010).
 * Assignments are handled 32 at a time: each person carries a 32-bit mask (bit j set = swapped in
 * the block's assignment j), so a figure built from sums costs one pass over the set bits, and a
 * count of distinct actors one OR per (person, actor) pair per block.
 *
 * Two shapes of statistic:
 * - **linear** (means and shares of ratings, counts of ties): the figure is scale × S / N (ratio)
 *   or scale × S (sum) of per-person sums. For the shift hypothesis "every round-2 answer is δ
 *   higher" (in figure units), T(δ) = a − δ·b for each assignment, so one pass gives the null
 *   distribution for every δ at once; evidence/interval.ts inverts it into a confidence interval;
 * - **union** (outside actors known, or at the cooperating level, by anyone in the panel): an actor
 *   some person names in both rounds is on both sides of every assignment and cancels; only the
 *   others are counted.
 */
import seedrandom from 'seedrandom';
import type { Direction } from '../model/metrics.ts';

/** Panels up to this size are tested on every assignment. */
export const EXACT_UP_TO = 15;
/** Random assignments above EXACT_UP_TO. */
export const MONTE_CARLO = 9999;

export interface Assignments {
  people: number;
  exact: boolean;
  /** Assignments in the distribution, the observed one (index 0) included: 2^n, or B + 1. */
  count: number;
  seed: string;
}

export function assignments(people: number, seed: string): Assignments {
  const exact = people <= EXACT_UP_TO;
  return { people, exact, count: exact ? 2 ** people : MONTE_CARLO + 1, seed };
}

/** Bit j of PATTERN[i] is bit i of j: the swaps of person i < 5 in a block of 32 consecutive assignments. */
const PATTERN = [0xaaaaaaaa, 0xcccccccc, 0xf0f0f0f0, 0xff00ff00, 0xffff0000];

/**
 * Calls `visit(masks, offset, valid)` for each block of 32 assignments: bit j of masks[i] says
 * whether person i is swapped in assignment offset + j; the first `valid` bits are used. Exact:
 * assignment k swaps the people of k's set bits (k = 0 swaps nobody). Monte-Carlo: assignment 0
 * swaps nobody, the others draw each person's swap with probability ½.
 */
function forEachBlock(a: Assignments, visit: (masks: Uint32Array, offset: number, valid: number) => void): void {
  const blocks = maskBlocks(a);
  for (let b = 0, offset = 0; offset < a.count; b++, offset += 32) visit(blocks[b]!, offset, Math.min(32, a.count - offset));
}

/** The masks of every block, drawn once per set of assignments (the power simulation tests many panels on the same ones). */
const drawn = new WeakMap<Assignments, Uint32Array[]>();

function maskBlocks(a: Assignments): Uint32Array[] {
  const cached = drawn.get(a);
  if (cached) return cached;
  const rng = a.exact ? null : seedrandom(a.seed);
  const blocks: Uint32Array[] = [];
  for (let offset = 0; offset < a.count; offset += 32) {
    const masks = new Uint32Array(a.people);
    for (let i = 0; i < a.people; i++) {
      if (rng) masks[i] = rng.int32() >>> 0;
      else masks[i] = i < 5 ? PATTERN[i]! : (offset >>> i) & 1 ? 0xffffffff : 0;
    }
    if (rng && offset === 0) for (let i = 0; i < a.people; i++) masks[i]! &= ~1;
    blocks.push(masks);
  }
  drawn.set(a, blocks);
  return blocks;
}

/** Whether person i is swapped in assignment k: bits[i][k] (1 = swapped), for the same assignments as the tests. */
export function swapBits(a: Assignments): Uint8Array[] {
  const bits = Array.from({ length: a.people }, () => new Uint8Array(a.count));
  forEachBlock(a, (masks, offset, valid) => {
    for (let i = 0; i < a.people; i++) for (let j = 0; j < valid; j++) bits[i]![offset + j] = (masks[i]! >>> j) & 1;
  });
  return bits;
}

/** Per-person sums of a linear figure: numerator S and denominator N in round 1 (x) and round 2 (y). */
export interface PairedSums {
  sx: Float64Array;
  nx: Float64Array;
  sy: Float64Array;
  ny: Float64Array;
}

/** T(δ) = a[k] − δ·b[k] for assignment k; a[0] is the observed change. NaN where a side has no denominator. */
export interface LinearDistribution {
  a: Float64Array;
  b: Float64Array;
}

/**
 * The null distribution of a ratio (scale × ΣS / ΣN) or sum (scale × ΣS) figure. For the shift δ the
 * round-2 half of every person loses δ/scale per unit of its denominator (ratio) or δ/(scale · n)
 * (sum), which makes T linear in δ with slope −b (b = 1 for the observed assignment).
 */
export function linearDistribution(d: PairedSums, kind: 'ratio' | 'sum', scale: number, a: Assignments): LinearDistribution {
  const n = a.people;
  let sx = 0;
  let nx = 0;
  let sy = 0;
  let ny = 0;
  for (let i = 0; i < n; i++) {
    sx += d.sx[i]!;
    nx += d.nx[i]!;
    sy += d.sy[i]!;
    ny += d.ny[i]!;
  }
  const outA = new Float64Array(a.count);
  const outB = new Float64Array(a.count);
  const dS = new Float64Array(32);
  const dN = new Float64Array(32);
  const moved = new Float64Array(32);
  const swapped = new Float64Array(32);
  forEachBlock(a, (masks, offset, valid) => {
    dS.fill(0);
    dN.fill(0);
    moved.fill(0);
    swapped.fill(0);
    for (let i = 0; i < n; i++) {
      let m = masks[i]!;
      if (m === 0) continue;
      const ds = d.sx[i]! - d.sy[i]!;
      const dn = d.nx[i]! - d.ny[i]!;
      const my = d.ny[i]!;
      while (m !== 0) {
        const j = 31 - Math.clz32(m & -m);
        m &= m - 1;
        dS[j]! += ds;
        dN[j]! += dn;
        moved[j]! += my;
        swapped[j]!++;
      }
    }
    for (let j = 0; j < valid; j++) {
      const k = offset + j;
      if (kind === 'sum') {
        outA[k] = scale * (sy - sx + 2 * dS[j]!);
        outB[k] = (n - 2 * swapped[j]!) / n;
      } else {
        const nB = ny + dN[j]!;
        const nA = nx - dN[j]!;
        if (nA <= 0 || nB <= 0) {
          outA[k] = Number.NaN;
          outB[k] = Number.NaN;
          continue;
        }
        outA[k] = scale * ((sy + dS[j]!) / nB - (sx - dS[j]!) / nA);
        outB[k] = (ny - moved[j]!) / nB - moved[j]! / nA;
      }
    }
  });
  return { a: outA, b: outB };
}

/**
 * The actors each person names in round 1 and round 2, flattened by actor: for every actor that no
 * person names in both rounds (those cancel), the (person, round) pairs naming it.
 */
export interface PairedSets {
  starts: Int32Array;
  person: Int32Array;
  /** 1 = named in round 1 only, 2 = in round 2 only. */
  round: Uint8Array;
}

/** From each person's named actors (indices) in both rounds. */
export function pairedSets(first: number[][], second: number[][]): PairedSets {
  const byActor = new Map<number, { both: boolean; entries: [number, 1 | 2][] }>();
  const entry = (o: number) => {
    const found = byActor.get(o);
    if (found) return found;
    const made = { both: false, entries: [] as [number, 1 | 2][] };
    byActor.set(o, made);
    return made;
  };
  first.forEach((named, i) => {
    const later = new Set(second[i] ?? []);
    for (const o of new Set(named)) {
      if (later.has(o)) entry(o).both = true;
      else entry(o).entries.push([i, 1]);
    }
  });
  second.forEach((named, i) => {
    const earlier = new Set(first[i] ?? []);
    for (const o of new Set(named)) if (!earlier.has(o)) entry(o).entries.push([i, 2]);
  });
  const kept = [...byActor.entries()].filter(([, e]) => !e.both).sort((x, y) => x[0] - y[0]);
  const total = kept.reduce((s, [, e]) => s + e.entries.length, 0);
  const starts = new Int32Array(kept.length + 1);
  const person = new Int32Array(total);
  const round = new Uint8Array(total);
  let k = 0;
  kept.forEach(([, e], i) => {
    for (const [p, r] of e.entries) {
      person[k] = p;
      round[k++] = r;
    }
    starts[i + 1] = k;
  });
  return { starts, person, round };
}

/** Null distribution of (actors named on side B) − (actors named on side A); [0] is the observed change. */
export function unionDistribution(d: PairedSets, a: Assignments): Float64Array {
  const out = new Float64Array(a.count);
  const t = new Int32Array(32);
  const actors = d.starts.length - 1;
  forEachBlock(a, (masks, offset, valid) => {
    t.fill(0);
    for (let o = 0; o < actors; o++) {
      let inA = 0;
      let inB = 0;
      for (let e = d.starts[o]!, end = d.starts[o + 1]!; e < end; e++) {
        const m = masks[d.person[e]!]!;
        // a round-2 answer is on side B unless its person is swapped; a round-1 answer the other way
        if (d.round[e] === 2) {
          inB |= ~m;
          inA |= m;
        } else {
          inA |= ~m;
          inB |= m;
        }
      }
      for (let up = inB & ~inA; up !== 0; up &= up - 1) t[31 - Math.clz32(up & -up)]!++;
      for (let down = inA & ~inB; down !== 0; down &= down - 1) t[31 - Math.clz32(down & -down)]!--;
    }
    for (let j = 0; j < valid; j++) out[offset + j] = t[j]!;
  });
  return out;
}

/** Tolerance for "at least as extreme": sums taken in another order differ in the last bits. */
export const tolerance = (v: number) => 1e-9 * (1 + Math.abs(v));

/**
 * Share of assignments at least as extreme as the observed one (values[0]), in the test's direction;
 * an assignment whose statistic is undefined (NaN) counts as extreme, which can only raise p.
 */
export function pValue(values: Float64Array, direction: Direction): number {
  const observed = values[0]!;
  const tol = tolerance(observed);
  let extreme = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (Number.isNaN(v)) extreme++;
    else if (
      direction === 'up' ? v >= observed - tol : direction === 'down' ? v <= observed + tol : Math.abs(v) >= Math.abs(observed) - tol
    )
      extreme++;
  }
  return extreme / values.length;
}
