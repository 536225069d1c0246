/**
 * The case's family of tests, decided together once every comparison is tested:
 *
 * 1. **Which figures, which direction.** The primary figures are case.yaml's `analysis.primary`,
 *    else the catalogue's (figures.ts `step`: one per step of the development model). A direction
 *    given in case.yaml is used as it is; otherwise plan.yaml implies `up` for a figure whose
 *    `plannedBy` it holds (targets: partners the group decided to reach imply more actors known
 *    and cooperating; a target at the trust step implies more trust), for the comparisons that
 *    start at or after the round the plan was decided on; everything else is two-sided.
 * 2. **Holm** over every tested primary figure of every comparison (evidence/holm.ts): m tests,
 *    family-wise error rate α = 0.05, so a report with several rounds pays for each extra chance
 *    of a false claim. The verdict follows the adjusted p (evidence/verdict.ts).
 * 3. **Intervals** of linear figures by inverting the swap test at the level of the figure's Holm
 *    step (evidence/interval.ts; confidence ≥ 95 %). By construction they agree with the verdict:
 *    the bound is cut at 0 when the test rejects (it can only touch 0 at a tie of the swap
 *    distribution) and extended to 0 when it does not.
 * 4. **What could be detected** at the strictest Holm level α / m, by simulation (evidence/power.ts).
 */
import { FIGURES, figure } from '../figures.ts';
import type {
  ChangeInterval,
  Comparison,
  Direction,
  EvidenceSummary,
  FamilyTest,
  FigureChange,
  FigureId,
  PrimaryFigure,
} from '../model/metrics.ts';
import type { Plan } from '../model/plan.ts';
import type { Settings } from '../model/responses.ts';
import { holm } from './holm.ts';
import { invert } from './interval.ts';
import { detectable, POWER, type PowerInput } from './power.ts';
import { type Assignments, EXACT_UP_TO, type LinearDistribution, MONTE_CARLO } from './swap-test.ts';
import { ALPHA, MIN_PANEL, verdict } from './verdict.ts';

/** A tested figure's null distribution and panel data, kept until the family is decided (never written out). */
export type Distribution = ({ kind: 'linear'; linear: LinearDistribution } | { kind: 'union'; values: Float64Array }) & {
  /** The test's assignments. */
  test: Assignments;
  /** What the power simulation starts from (evidence/power.ts). */
  power: PowerInput;
};

/** A comparison whose tested figures have a raw p but no adjusted p, verdict, interval or power yet. */
export interface PendingComparison {
  comparison: Comparison;
  distributions: Partial<Record<FigureId, Distribution>>;
}

/** The primary figures of the case, with the direction each is tested in from the plan's round on. */
export function primaryFigures(settings: Pick<Settings, 'analysis'>, plan: Plan | null): PrimaryFigure[] {
  return settings.analysis.primary.map(({ figure: id, direction }) => {
    const def = figure(id as FigureId);
    if (direction !== null) return { figure: def.id, direction, source: 'config' };
    const planned =
      plan !== null &&
      ((def.plannedBy === 'targets' && plan.targets.length > 0) ||
        (def.plannedBy === 'trust-steps' && plan.targets.some((t) => t.step === 'kepercayaan')));
    return planned ? { figure: def.id, direction: 'up', source: 'plan' } : { figure: def.id, direction: 'two-sided', source: 'none' };
  });
}

/** The direction of a primary figure's test in a comparison from round `from` (plan directions start at the plan's round). */
export function directionIn(primary: PrimaryFigure, from: string, rounds: string[], plan: Plan | null): Direction {
  if (primary.source !== 'plan' || plan === null) return primary.direction;
  return rounds.indexOf(from) >= rounds.indexOf(plan.decided) ? primary.direction : 'two-sided';
}

/** The interval, cut or extended at 0 so that it says what the verdict says. */
export function agreeing(bounds: { low: number | null; high: number | null }, rejected: FigureChange['verdict']): typeof bounds {
  let { low, high } = bounds;
  if (rejected === 'up') low = Math.max(low ?? 0, 0);
  else if (rejected === 'down') high = Math.min(high ?? 0, 0);
  else {
    if (low !== null) low = Math.min(low, 0);
    if (high !== null) high = Math.max(high, 0);
  }
  return { low, high };
}

export function decideFamily(
  pending: PendingComparison[],
  primary: PrimaryFigure[],
  settings: Pick<Settings, 'minRaters'>,
): { comparisons: Comparison[]; evidence: EvidenceSummary } {
  const order = new Map(FIGURES.map((f, i) => [f.id, i]));
  const tested = pending.flatMap((pc, comparison) =>
    (Object.entries(pc.comparison.figures) as [FigureId, FigureChange][])
      .filter(([, f]) => f.status === 'tested' && f.p !== null)
      .sort((x, y) => order.get(x[0])! - order.get(y[0])!)
      .map(([id, f]) => ({ comparison, id, p: f.p! })),
  );
  const m = tested.length;
  const adjustment = holm(
    tested.map((t) => t.p),
    ALPHA,
  );
  // copies of the figure objects (the rest of each comparison is shared, not changed)
  const comparisons: Comparison[] = pending.map((pc) => ({
    ...pc.comparison,
    figures: Object.fromEntries(Object.entries(pc.comparison.figures).map(([k, f]) => [k, { ...f }])) as Comparison['figures'],
  }));
  const family: FamilyTest[] = [];
  tested.forEach((t, i) => {
    const f = comparisons[t.comparison]!.figures[t.id];
    const dist = pending[t.comparison]!.distributions[t.id]!;
    const direction = f.direction!;
    const level = adjustment.level[i]!;
    f.adjustedP = adjustment.adjusted[i]!;
    f.verdict = verdict(f.status, f.change, f.adjustedP, direction);
    family[adjustment.rank[i]!] = {
      comparison: t.comparison,
      figure: t.id,
      p: t.p,
      adjustedP: f.adjustedP,
      level,
      rejected: adjustment.rejected[i]!,
    };
    if (dist.kind === 'union') {
      f.interval = null;
      f.intervalNote = 'count';
      f.detectable = detectable(dist.power, dist.test, ALPHA / m, direction, dist.test.seed, dist.values);
    } else {
      const bounds = agreeing(invert(dist.linear, level, direction), f.verdict);
      const interval: ChangeInterval = { ...bounds, level: 1 - level };
      f.interval = bounds.low === null && bounds.high === null ? null : interval;
      f.intervalNote = f.interval === null ? 'unbounded' : null;
      const t0 = dist.linear.a[0]!;
      const centred = dist.linear.a.map((a, k) => a - t0 * dist.linear.b[k]!);
      f.detectable = detectable(dist.power, dist.test, ALPHA / m, direction, dist.test.seed, centred);
    }
    f.detectableNote = f.detectable === null ? 'undetectable' : null;
  });
  return {
    comparisons,
    evidence: {
      alpha: ALPHA,
      adjustment: 'holm',
      tests: m,
      minPanel: MIN_PANEL,
      minRaters: settings.minRaters,
      exactUpTo: EXACT_UP_TO,
      monteCarlo: MONTE_CARLO,
      power: POWER,
      primary,
      family,
    },
  };
}
