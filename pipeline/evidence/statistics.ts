/**
 * Each testable figure of the catalogue (figures.ts `test`) as a statistic of the panel's answers,
 * computed exactly as the round's figure (metrics.ts) but person by person, so that the swap test
 * can move a person's two rounds between the sides:
 *
 *   figure              test   per tie of a panel person                       figure of a side
 *   known               union  member → outside actor: the actor                distinct actors
 *   trust               ratio  member → outside actor with a trust rating       Σ trust / Σ ratings
 *   cooperation         union  member → outside actor at the cooperating level  distinct actors
 *                              (case's cooperatingLevel) or with an MoU
 *   ties                sum    every survey tie                                 Σ ties
 *   density             sum    every survey tie                                 (Σ ties + mapped) / n(n−1)
 *   meanTrust           ratio  every tie with a trust rating                    Σ trust / Σ ratings
 *   trustIndex          ratio  as meanTrust, on the 0–100 index (scales.ts)
 *   meanCooperation     ratio  every tie with a cooperation level               Σ level / Σ levels
 *   cooperationIndex    ratio  as meanCooperation, on the 0–100 index
 *   coordinationShare   ratio  every tie with a level                           Σ [level ≥ 3] / Σ levels
 *   strongTieShare      ratio  every survey tie                                 Σ strong / Σ ties
 *
 * The member figures take the members of the panel, the others every panel respondent
 * (figures.ts `population`). Raters of a ratio: panel people with a rated tie in both rounds.
 */
import type { SurveyTie } from '../compare/survey-ties.ts';
import { figure, type TestKind } from '../figures.ts';
import type { FigureId } from '../model/metrics.ts';
import type { Settings } from '../model/responses.ts';
import { cooperationIndex, trustIndex, trustScale } from '../scales.ts';
import { type PairedSets, type PairedSums, pairedSets } from './swap-test.ts';

export interface StatisticContext {
  actors: number;
  mappedTies: number;
  settings: Pick<Settings, 'trustScale' | 'cooperatingLevel'>;
}

type Linear = { kind: 'ratio' | 'sum'; scale: (c: StatisticContext) => number; pick: (t: SurveyTie, c: StatisticContext) => number | null };
type Union = { kind: 'union'; pick: (t: SurveyTie, c: StatisticContext) => boolean };
type Statistic = Linear | Union;

const toOutside = (t: SurveyTie) => t.fromMember && !t.toMember;
const trustSlope = (c: StatisticContext) => {
  const scale = trustScale(c.settings.trustScale);
  return trustIndex(2, scale)! - trustIndex(1, scale)!;
};
const cooperationSlope = () => cooperationIndex(1)! - cooperationIndex(0)!;

/** For a ratio: the tie's contribution to the numerator, or null when it is not counted (denominator 0). */
export const STATISTICS: Partial<Record<FigureId, Statistic>> = {
  known: { kind: 'union', pick: toOutside },
  trust: { kind: 'ratio', scale: () => 1, pick: (t) => (toOutside(t) ? t.trust : null) },
  cooperation: {
    kind: 'union',
    pick: (t, c) => toOutside(t) && (t.formal === true || (t.cooperation ?? 0) >= c.settings.cooperatingLevel),
  },
  ties: { kind: 'sum', scale: () => 1, pick: () => 1 },
  density: { kind: 'sum', scale: (c) => (c.actors < 2 ? Number.NaN : 1 / (c.actors * (c.actors - 1))), pick: () => 1 },
  meanTrust: { kind: 'ratio', scale: () => 1, pick: (t) => t.trust },
  trustIndex: { kind: 'ratio', scale: trustSlope, pick: (t) => t.trust },
  meanCooperation: { kind: 'ratio', scale: () => 1, pick: (t) => t.cooperation },
  cooperationIndex: { kind: 'ratio', scale: cooperationSlope, pick: (t) => t.cooperation },
  coordinationShare: { kind: 'ratio', scale: () => 1, pick: (t) => (t.cooperation === null ? null : t.cooperation >= 3 ? 1 : 0) },
  strongTieShare: { kind: 'ratio', scale: () => 1, pick: (t) => (t.strong ? 1 : 0) },
};

// the catalogue and the statistics name the same figures, with the same kind of test
for (const [id, s] of Object.entries(STATISTICS)) {
  const kind: TestKind | null = figure(id as FigureId).test;
  if (kind !== s!.kind) throw new Error(`figure "${id}": catalogue test ${kind}, statistic ${s!.kind}`);
}

export type Reduced =
  | { kind: 'ratio' | 'sum'; scale: number; sums: PairedSums; raters: number | null }
  | { kind: 'union'; sets: PairedSets; first: number[][]; second: number[][]; raters: null };

/**
 * The people in an order made from their answers, not their ids: by `key`, then as given. The
 * random swaps and the simulated panels of the tests go by position, and an edition that codes the
 * names orders the ids differently, so ordering by id gave the internal and the kelurahan edition
 * of one group different detectable changes (and, above 15 people, different p-values). People
 * with equal keys of a mean have the same answers and are interchangeable; for a count the key is
 * how many actors each named in each round and in both, and how many people named those actors.
 */
function canonical(n: number, key: (i: number) => number[]): number[] {
  const keys = Array.from({ length: n }, (_, i) => key(i));
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const [ka, kb] = [keys[a]!, keys[b]!];
    for (let k = 0; k < ka.length; k++) if (ka[k] !== kb[k]) return ka[k]! - kb[k]!;
    return a - b;
  });
}

/**
 * One figure's statistic for the given people from the two rounds' survey ties, in the order of
 * `canonical`; ties of anyone else are ignored.
 */
export function reduce(id: FigureId, people: string[], before: SurveyTie[], after: SurveyTie[], context: StatisticContext): Reduced {
  const stat = STATISTICS[id];
  if (!stat) throw new Error(`figure "${id}" has no test on the panel`);
  const index = new Map(people.map((p, i) => [p, i]));
  if (stat.kind === 'union') {
    const actors = new Map<string, number>();
    const named = (ties: SurveyTie[]) => {
      const out: number[][] = people.map(() => []);
      for (const t of ties) {
        const i = index.get(t.from);
        if (i === undefined || !stat.pick(t, context)) continue;
        if (!actors.has(t.to)) actors.set(t.to, actors.size);
        out[i]!.push(actors.get(t.to)!);
      }
      return out;
    };
    const named1 = named(before);
    const named2 = named(after);
    const shared = (i: number) => named1[i]!.filter((a) => named2[i]!.includes(a)).length;
    // how many people named an actor in a round: what a person's actors are like, whatever their names
    const namers = (sets: number[][]) => {
      const count = new Map<number, number>();
      for (const set of sets) for (const a of set) count.set(a, (count.get(a) ?? 0) + 1);
      return (set: number[]) => set.reduce((sum, a) => sum + (count.get(a) ?? 0), 0);
    };
    const [by1, by2] = [namers(named1), namers(named2)];
    const order = canonical(people.length, (i) => [
      named1[i]!.length,
      named2[i]!.length,
      shared(i),
      by1(named1[i]!),
      by2(named2[i]!),
      by2(named1[i]!),
      by1(named2[i]!),
    ]);
    const first = order.map((i) => named1[i]!);
    const second = order.map((i) => named2[i]!);
    return { kind: 'union', sets: pairedSets(first, second), first, second, raters: null };
  }
  const sums = (ties: SurveyTie[]) => {
    const s = new Float64Array(people.length);
    const n = new Float64Array(people.length);
    for (const t of ties) {
      const i = index.get(t.from);
      if (i === undefined) continue;
      const v = stat.pick(t, context);
      if (v === null) continue;
      s[i]! += v;
      n[i]!++;
    }
    return [s, n] as const;
  };
  const [x, nxs] = sums(before);
  const [y, nys] = sums(after);
  const order = canonical(people.length, (i) => [x[i]!, nxs[i]!, y[i]!, nys[i]!]);
  const ordered = (a: Float64Array) => Float64Array.from(order, (i) => a[i]!);
  const [sx, nx, sy, ny] = [ordered(x), ordered(nxs), ordered(y), ordered(nys)];
  let raters = 0;
  for (let i = 0; i < people.length; i++) if (nx[i]! > 0 && ny[i]! > 0) raters++;
  return { kind: stat.kind, scale: stat.scale(context), sums: { sx, nx, sy, ny }, raters: stat.kind === 'ratio' ? raters : null };
}
