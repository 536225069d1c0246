/**
 * An attacker's view of a shared edition, for the differencing test (test/differencing.test.ts).
 *
 * The attacker is given more than a shared folder shows: every tie that carries a trust rating
 * (who rated whom, in every round, and the cooperation level of each: the maps publish the ties
 * and their levels). The unknowns are the trust ratings, one integer in 1 … max per tie. Every
 * trust figure the folder publishes becomes a constraint on them:
 *
 * - `sum`: the ratings of a set of ties add up to a known total (a mean times its count: trust in
 *   an actor, members' trust in an outside actor, members' trust in outside actors, the mean over
 *   all ties, the same figures on the panel of a comparison);
 * - `levels`: how many ties of a round are at each level (the distribution of trust levels);
 * - `count`: items (a pair of ties) fall into categories a known number of times (the number of pairs whose two ratings differ by two steps
 *   or more; how many panel ties were strengthened, weakened, mixed or unchanged, which, with the
 *   published cooperation levels, says whether each tie's trust went up, down or stayed).
 *
 * A suppressed cell (the ratings of a set of ties) is pinned when only one total is feasible.
 * `feasible` searches for one assignment meeting every constraint, by depth-first search with
 * bounds: a sum whose rest cannot be reached with the levels left, or a category already over its count or out of
 * items to reach it, ends the branch. The cases are small (tens of ties), so exhaustive search
 * is the proof that a value is impossible.
 */

export interface SumConstraint {
  what: string;
  ties: number[];
  sum: number;
}

export interface CountConstraint {
  what: string;
  /** Each item: its ties and the category their ratings put it in. */
  items: { ties: number[]; category: (values: number[]) => number }[];
  /** How many items fall in each category. */
  counts: number[];
}

/** How many of the ties are at each level 1 … max (the published distribution of one round). */
export interface LevelsConstraint {
  what: string;
  ties: number[];
  counts: number[];
}

export interface Model {
  /** Number of unknown ratings. */
  size: number;
  max: number;
  sums: SumConstraint[];
  levels: LevelsConstraint[];
  counts: CountConstraint[];
}

/** Whether `values` (one rating per tie) meets every constraint; the first one it breaks, else null. */
export function broken(model: Model, values: number[]): string | null {
  for (const s of model.sums) if (s.ties.reduce((t, i) => t + values[i]!, 0) !== s.sum) return s.what;
  for (const l of model.levels) if (l.counts.some((n, k) => l.ties.filter((i) => values[i] === k + 1).length !== n)) return l.what;
  for (const c of model.counts) {
    const found = c.counts.map(() => 0);
    for (const item of c.items) found[item.category(item.ties.map((i) => values[i]!))]!++;
    if (found.some((n, k) => n !== c.counts[k])) return c.what;
  }
  return null;
}

/**
 * Whether some assignment meets every constraint of `model` and the extra `sums`. `hint` (one
 * rating per tie, e.g. the true ones) is tried first at every tie: it makes a nearby assignment
 * quick to find and changes nothing in the answer.
 */
export function feasible(
  model: Model,
  extra: SumConstraint[] = [],
  hint: number[] = [],
  budget = 5_000_000,
  /** A total the ties of `differ.ties` must not add up to. */
  differ: SumConstraint | null = null,
): boolean {
  const sums = [...model.sums, ...extra];
  const { size, max } = model;
  const value = new Array<number>(size).fill(0);
  const partial = sums.map(() => 0);
  const left = sums.map((s) => s.ties.length);
  const sumsOf: number[][] = Array.from({ length: size }, () => []);
  sums.forEach((s, k) => {
    for (const i of s.ties) sumsOf[i]!.push(k);
  });
  // the levels left to give out in each distribution, and the distribution of each tie
  const free = model.levels.map((l) => [...l.counts]);
  const levelOf = new Array<number>(size).fill(-1);
  model.levels.forEach((l, k) => {
    for (const i of l.ties) levelOf[i] = k;
  });
  // the distribution a sum draws on, when all its ties are in one
  const sumLevels = sums.map((s) => {
    const k = levelOf[s.ties[0] ?? 0] ?? -1;
    return s.ties.every((i) => levelOf[i] === k) ? k : -1;
  });
  const found = model.counts.map((c) => c.counts.map(() => 0));
  const open = model.counts.map((c) => c.items.length);
  const itemLeft = model.counts.map((c) => c.items.map((it) => it.ties.length));
  const itemsOf: [number, number][][] = Array.from({ length: size }, () => []);
  model.counts.forEach((c, k) => {
    c.items.forEach((it, j) => {
      for (const i of it.ties) itemsOf[i]!.push([k, j]);
    });
  });
  let steps = 0;
  const assigned = new Array<boolean>(size).fill(false);
  /** The next tie to rate: the one closest to closing a constraint (fewest ties left in a sum, or the other half of a pair). */
  const next = (): number => {
    let best = -1;
    let bestKey = Number.POSITIVE_INFINITY;
    for (let i = 0; i < size; i++) {
      if (assigned[i]) continue;
      let key = inDiffer[i] ? 0 : 1e6;
      for (const k of sumsOf[i]!) key = Math.min(key, left[k]!);
      for (const [k, j] of itemsOf[i]!) key = Math.min(key, itemLeft[k]![j]!);
      if (key < bestKey) [best, bestKey] = [i, key];
    }
    return best;
  };

  /** The least and the most that `n` ties can add up to with the levels left in distribution `k` (or any level). */
  const range = (k: number, n: number): [number, number] => {
    if (k < 0) return [n, n * max];
    let [low, high, a, b] = [0, 0, n, n];
    const f = free[k]!;
    for (let v = 1; v <= max && a > 0; v++) {
      const take = Math.min(a, f[v - 1]!);
      low += take * v;
      a -= take;
    }
    for (let v = max; v >= 1 && b > 0; v--) {
      const take = Math.min(b, f[v - 1]!);
      high += take * v;
      b -= take;
    }
    return a > 0 || b > 0 ? [1, 0] : [low, high];
  };
  const sumsHold = (i: number) =>
    sumsOf[i]!.every((k) => {
      const rest = sums[k]!.sum - partial[k]!;
      const [low, high] = range(sumLevels[k]!, left[k]!);
      return rest >= low && rest <= high;
    });
  const countsHold = (i: number) =>
    itemsOf[i]!.every(([k]) => {
      const c = model.counts[k]!;
      let need = 0;
      for (let x = 0; x < c.counts.length; x++) {
        if (found[k]![x]! > c.counts[x]!) return false;
        need += c.counts[x]! - found[k]![x]!;
      }
      return need <= open[k]!;
    });

  const assign = (i: number, v: number, sign: 1 | -1) => {
    if (sign === 1) value[i] = v;
    if (levelOf[i]! >= 0) free[levelOf[i]!]![v - 1]! -= sign;
    for (const k of sumsOf[i]!) {
      partial[k]! += sign * v;
      left[k]! -= sign;
    }
    for (const [k, j] of itemsOf[i]!) {
      const item = model.counts[k]!.items[j]!;
      if (sign === 1) itemLeft[k]![j]!--;
      if (itemLeft[k]![j] === 0) {
        const cat = item.category(item.ties.map((t) => value[t]!));
        found[k]![cat]! += sign;
        open[k]! -= sign;
      }
      if (sign === -1) itemLeft[k]![j]!++;
    }
  };

  // the levels in order of distance from the hint: 3, 2, 4, 1, 5
  const tryOrder = Array.from({ length: max + 1 }, (_, h) =>
    Array.from({ length: max }, (_, k) => k + 1).sort((a, b) => Math.abs(a - h) - Math.abs(b - h) || a - b),
  );
  const inDiffer = new Array<boolean>(size).fill(false);
  for (const i of differ?.ties ?? []) inDiffer[i] = true;
  let differLeft = differ?.ties.length ?? 0;
  let differSum = 0;
  const search = (depth: number): boolean => {
    if (depth === size) return true;
    if (++steps > budget) throw new Error(`disclosure search over ${budget} steps: the case is too large for exhaustive search`);
    const i = next();
    assigned[i] = true;
    for (const v of tryOrder[hint[i] ?? 1]!) {
      if (levelOf[i]! >= 0 && free[levelOf[i]!]![v - 1] === 0) continue;
      assign(i, v, 1);
      if (inDiffer[i]) [differLeft, differSum] = [differLeft - 1, differSum + v];
      const differs = !inDiffer[i] || differLeft > 0 || differSum !== differ!.sum;
      if (differs && sumsHold(i) && countsHold(i) && search(depth + 1)) return true;
      if (inDiffer[i]) [differLeft, differSum] = [differLeft + 1, differSum - v];
      assign(i, v, -1);
    }
    assigned[i] = false;
    return false;
  };
  return sums.every((s) => s.sum >= s.ties.length && s.sum <= s.ties.length * max) && search(0);
}

/** Rank of 0/1 rows over `size` columns (Gaussian elimination; the entries stay small rationals). */
function rank(rows: number[][], size: number): number {
  const m = rows.map((r) => {
    const v = new Array<number>(size).fill(0);
    for (const i of r) v[i] = 1;
    return v;
  });
  let r = 0;
  for (let col = 0; col < size && r < m.length; col++) {
    let pivot = -1;
    for (let k = r; k < m.length; k++)
      if (Math.abs(m[k]![col]!) > 1e-9 && (pivot < 0 || Math.abs(m[k]![col]!) > Math.abs(m[pivot]![col]!))) pivot = k;
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let k = 0; k < m.length; k++) {
      if (k === r) continue;
      const f = m[k]![col]! / m[r]![col]!;
      if (f !== 0) for (let c = col; c < size; c++) m[k]![c]! -= f * m[r]![c]!;
    }
    r++;
  }
  return r;
}

/**
 * Whether the published totals alone fix the cell's total: its ties are a combination of the
 * sums' ties (sums of cells in a row or column minus the published others), the distribution of
 * levels counting as the total of its round.
 */
export function linearlyPinned(model: Model, ties: number[]): boolean {
  const rows = [...model.sums.map((s) => s.ties), ...model.levels.map((l) => l.ties)];
  return rank([...rows, ties], model.size) === rank(rows, model.size);
}

/**
 * Whether the cell can have a total other than `known` under the model; false when `known` is the
 * only one (the cell is pinned).
 */
export function notPinned(model: Model, ties: number[], known: number, hint: number[] = []): boolean {
  if (linearlyPinned(model, ties)) return false;
  return feasible(model, [], hint, undefined, { what: 'cell', ties, sum: known });
}

/** The totals a cell (a set of ties) can have under the model, of those from its count to count × max. */
export function possibleTotals(model: Model, ties: number[]): number[] {
  const out: number[] = [];
  for (let sum = ties.length; sum <= ties.length * model.max; sum++) if (feasible(model, [{ what: 'cell', ties, sum }])) out.push(sum);
  return out;
}
