/**
 * `npm run calibrate [-- --reports N] [--seed S]`: how often the report claims a change that is not
 * there, how often it finds one that is, and whether what it says it can detect is true.
 *
 * Seeded synthetic KUBE cases (bench/synthetic-kube.ts: 8–15 members, 10–25 outside actors, latent
 * person and actor effects, lasting member–actor propensities, tie noise; two outside actors answer
 * every round, three more only the last one). Each case goes through the real stages: `Responses` →
 * the network stage's graphs → the metrics stage (panel, swap tests, Holm, verdicts, intervals,
 * detectable changes: pipeline/evidence/), then the report's own words (summary rows, change
 * tables, change chart titles).
 *
 * False claims (no plan, so every test is two-sided): no change (the same latent effects, fresh
 * tie noise); the same with 1 and with 3 members leaving before round 2; four rounds (3 consecutive
 * comparisons and first › last: 12 tests in one family); independent rounds (fresh latent effects
 * every round: the null of QAP; the actors' qualities themselves change, so claims about the
 * figures there are not false). Printed: the share of reports with at least one "naik"/"turun"
 * (family-wise; Wilson 95 % interval), per primary figure, directional words said of figures that
 * were not tested (must be 0), and QAP's share below 0.05.
 * Power: trust +1 (up to 5) in every round-2 rating of half the members, two-sided and with a plan
 * stating "up" (one-sided). Detectable: each case run without a change, then again with the change
 * the first report said it detects with 80 % power (trust: every round-2 rating of every member
 * higher by it; outside actors known: that many new actors, each named by one member): the share
 * of second reports that say "naik" should be about 80 %.
 * Coverage: the unadjusted 95 % interval of trust by test inversion against a percentile bootstrap
 * of the same change, under no change (the bootstrap is the method the report used to use).
 * Programme level (the dinas view, evidence/programme.ts): folders of 8 groups, each a synthetic
 * case through the real stages and its digest (digest.ts), then the sign-flip test over groups with
 * Holm over the three primary figures. No change in any group: the share of folders that claim a
 * pooled naik/turun (must be ≤ 5 %), and how often the pooled interval holds the true change 0.
 * Folders of 6 intervention and 6 comparison groups without change: claims on the pooled change
 * and on the difference between the sets. Power: trust +1 for half the members of every
 * intervention group (8 groups; and 6 + 6 with unchanged comparison groups).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import seedrandom from 'seedrandom';
import { changeActorsChart, changeFiguresChart } from '../pipeline/charts/change.ts';
import { surveyTies } from '../pipeline/compare/survey-ties.ts';
import { digest } from '../pipeline/digest.ts';
import { invert } from '../pipeline/evidence/interval.ts';
import { programmeEvidence } from '../pipeline/evidence/programme.ts';
import { reduce } from '../pipeline/evidence/statistics.ts';
import { assignments, linearDistribution } from '../pipeline/evidence/swap-test.ts';
import { DEFAULT_PRIMARY, FIGURES, type FigureId } from '../pipeline/figures.ts';
import { translator } from '../pipeline/i18n.ts';
import { metrics } from '../pipeline/metrics.ts';
import type { Metrics } from '../pipeline/model/metrics.ts';
import type { Responses } from '../pipeline/model/responses.ts';
import { roundGraph } from '../pipeline/network.ts';
import { comparisonViews, summaryRows } from '../pipeline/report.ts';
import { threadCount } from '../pipeline/workers.ts';
import { networksOf, type Scenario, synthetic } from './synthetic-kube.ts';

const { values } = parseArgs({
  options: { reports: { type: 'string', default: '1000' }, seed: { type: 'string', default: 'calibrate' }, scenario: { type: 'string' } },
});
const REPORTS = Number(values.reports);
const tr = translator('id');

/** A scenario and how many of --reports it runs (the costly ones fewer). */
interface Run extends Scenario {
  kind: 'null' | 'qap-null' | 'power' | 'detectable' | 'programme';
  /** For `programme`: groups per folder, of which `comparison` are comparison groups (no effect). */
  groups?: number;
  comparison?: number;
  /** For `detectable`: the figure whose stated detectable change is checked. */
  figure?: 'trust' | 'known';
  weight: number;
}

const still = { leave: 0, independent: false, effect: 0, share: 0, plan: false };
const SCENARIOS: Run[] = [
  { name: 'no change', rounds: 2, ...still, kind: 'null', weight: 1 },
  { name: 'no change, 1 member leaves', rounds: 2, ...still, leave: 1, kind: 'null', weight: 1 },
  { name: 'no change, 3 members leave', rounds: 2, ...still, leave: 3, kind: 'null', weight: 1 },
  { name: 'no change, four rounds', rounds: 4, ...still, kind: 'null', weight: 0.3 },
  { name: 'independent rounds', rounds: 2, ...still, independent: true, kind: 'qap-null', weight: 0.3 },
  { name: 'trust +1 for half', rounds: 2, ...still, effect: 1, share: 0.5, kind: 'power', weight: 0.3 },
  { name: 'trust +1 for half, plan', rounds: 2, ...still, effect: 1, share: 0.5, plan: true, kind: 'power', weight: 0.3 },
  {
    name: 'trust + stated detectable',
    rounds: 2,
    ...still,
    share: 1,
    uncapped: true,
    spare: 60,
    kind: 'detectable',
    figure: 'trust',
    weight: 0.25,
  },
  { name: 'known + stated detectable', rounds: 2, ...still, spare: 60, kind: 'detectable', figure: 'known', weight: 0.25 },
  { name: 'programme: 8 groups, no change', rounds: 2, ...still, kind: 'programme', groups: 8, comparison: 0, weight: 0.3 },
  { name: 'programme: 6 + 6 comparison, no change', rounds: 2, ...still, kind: 'programme', groups: 12, comparison: 6, weight: 0.2 },
  {
    name: 'programme: 8 groups, trust +1 for half',
    rounds: 2,
    ...still,
    effect: 1,
    share: 0.5,
    kind: 'programme',
    groups: 8,
    comparison: 0,
    weight: 0.15,
  },
  {
    name: 'programme: 6 + 6, trust +1 for half',
    rounds: 2,
    ...still,
    effect: 1,
    share: 0.5,
    kind: 'programme',
    groups: 12,
    comparison: 6,
    weight: 0.15,
  },
];

/** Wilson score interval of k successes in n (95 %). */
function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959964;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const pct = (k: number, n: number) => `${((100 * k) / Math.max(1, n)).toFixed(1)}%`;
const withCi = (k: number, n: number) => {
  const [lo, hi] = wilson(k, n);
  return `${pct(k, n)} (${(100 * lo).toFixed(1)}–${(100 * hi).toFixed(1)})`;
};

/** A claim of direction; "tidak naik secara meyakinkan" (no convincing rise) is none. */
const DIRECTION = /(?<!tidak )\b(naik|turun)\b/;

/** Directional words the report gives figures that were not tested: must be none. */
function untestedWords(m: Metrics): number {
  let words = 0;
  const overall = m.comparisons.find((c) => c.kind === 'baseline-latest') ?? m.comparisons[0]!;
  // summaryRows(…, false) has one row per figure of the catalogue, in its order
  summaryRows(m, tr, false).forEach((row, i) => {
    if (overall.figures[FIGURES[i]!.id].status !== 'tested' && DIRECTION.test(row.reading)) words++;
  });
  for (const view of comparisonViews(m, tr)) for (const row of view.descriptive) if (DIRECTION.test(row.verdict)) words++;
  const figuresTitle = changeFiguresChart(m, tr)?.title ?? '';
  if (DIRECTION.test(figuresTitle)) words++;
  // the actors chart speaks of the two primary figures: a direction word there must come from a tested verdict
  const [trustPart, cooperationPart] = (changeActorsChart(m, tr)?.title ?? '').split('; ');
  const claims = (id: FigureId) => overall.figures[id].verdict === 'up' || overall.figures[id].verdict === 'down';
  if (DIRECTION.test(trustPart ?? '') && !claims('trust')) words++;
  if (DIRECTION.test(cooperationPart ?? '') && !claims('cooperation')) words++;
  return words;
}

/** The unadjusted 95 % interval of the trust change, by inversion and by percentile bootstrap: does it hold 0? */
function coverage(responses: Responses, rng: () => number): { inversion: boolean; bootstrap: boolean } | null {
  const [a, b] = networksOf(responses).rounds.map(roundGraph);
  const panel = responses.rounds[0]!.respondents.filter((r) => r.startsWith('m') && responses.rounds[1]!.respondents.includes(r));
  const context = { actors: a!.order, mappedTies: 0, settings: responses.settings };
  const reduced = reduce('trust', panel, surveyTies(a!), surveyTies(b!), context);
  if (reduced.kind === 'union' || (reduced.raters ?? 0) < responses.settings.minRaters) return null;
  const dist = linearDistribution(reduced.sums, 'ratio', 1, assignments(panel.length, 'coverage'));
  const { low, high } = invert(dist, 0.05, 'two-sided');
  const inversion = (low === null || low <= 0) && (high === null || high >= 0);
  const { sx, nx, sy, ny } = reduced.sums;
  const n = panel.length;
  const boots: number[] = [];
  for (let r = 0; r < 2000; r++) {
    let s1 = 0;
    let n1 = 0;
    let s2 = 0;
    let n2 = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng() * n);
      s1 += sx[j]!;
      n1 += nx[j]!;
      s2 += sy[j]!;
      n2 += ny[j]!;
    }
    if (n1 > 0 && n2 > 0) boots.push(s2 / n2 - s1 / n1);
  }
  boots.sort((x, y) => x - y);
  const q = (p: number) => boots[Math.floor(p * (boots.length - 1))]!;
  return { inversion, bootstrap: q(0.025) <= 0 && q(0.975) >= 0 };
}

const PRIMARY = DEFAULT_PRIMARY;

/** What one scenario's reports said. */
interface Result {
  scenario: string;
  kind: Run['kind'];
  reports: number;
  anyClaim: number;
  perFigure: Record<string, number>;
  comparisons: number;
  tests: number;
  words: number;
  qapSignificant: number;
  qapTotal: number;
  /** power: reports that tested trust, and said it rose; detectable: second reports, and said the figure rose. */
  tested: number;
  up: number;
  changeSum: number;
  detectableSum: number;
  detectableN: number;
  coverageN: number;
  coverageInversion: number;
  coverageBootstrap: number;
  /** Programme scenarios, per folder: any pooled claim, any difference claim, per figure, interval holding 0, trust said up. */
  programme: {
    anyPooled: number;
    anyDifference: number;
    pooled: Record<string, number>;
    difference: Record<string, number>;
    intervals: number;
    holdsZero: number;
    trustUp: number;
    trustDifferenceUp: number;
    tested: number;
  };
  seconds: number;
}

async function runScenario(s: Run, reports: number): Promise<Result> {
  const r: Result = {
    scenario: s.name,
    kind: s.kind,
    reports,
    anyClaim: 0,
    perFigure: Object.fromEntries(PRIMARY.map((f) => [f, 0])),
    comparisons: 0,
    tests: 0,
    words: 0,
    qapSignificant: 0,
    qapTotal: 0,
    tested: 0,
    up: 0,
    changeSum: 0,
    detectableSum: 0,
    detectableN: 0,
    coverageN: 0,
    coverageInversion: 0,
    coverageBootstrap: 0,
    programme: {
      anyPooled: 0,
      anyDifference: 0,
      pooled: Object.fromEntries(PRIMARY.map((f) => [f, 0])),
      difference: Object.fromEntries(PRIMARY.map((f) => [f, 0])),
      intervals: 0,
      holdsZero: 0,
      trustUp: 0,
      trustDifferenceUp: 0,
      tested: 0,
    },
    seconds: 0,
  };
  const coverageRng = seedrandom(`${values.seed}-${s.name}-bootstrap`);
  const t0 = performance.now();
  for (let rep = 0; s.kind === 'programme' && rep < reports; rep++) {
    // one folder of groups: each through the real stages and its digest, then the tests over groups
    const digests = [];
    for (let g = 0; g < s.groups!; g++) {
      const comparison = g < s.comparison!;
      const group = comparison ? { ...s, effect: 0, share: 0 } : s;
      const m = await metrics(networksOf(synthetic(group, `${values.seed}-${s.name}-${rep}-${g}`)));
      digests.push(digest(m, { keys: new Map(), coded: new Set(), comparison }));
    }
    const e = programmeEvidence(digests, PRIMARY, `${values.seed}-${rep}`);
    const p = r.programme;
    const claims = (list: typeof e.pooled) => list.filter((t) => t.verdict === 'up' || t.verdict === 'down');
    if (claims(e.pooled).length) p.anyPooled++;
    if (claims(e.difference).length) p.anyDifference++;
    for (const t of claims(e.pooled)) p.pooled[t.figure]!++;
    for (const t of claims(e.difference)) p.difference[t.figure]!++;
    for (const t of e.pooled) {
      if (t.status !== 'tested') continue;
      p.intervals++;
      if ((t.interval?.low ?? Number.NEGATIVE_INFINITY) <= 0 && (t.interval?.high ?? Number.POSITIVE_INFINITY) >= 0) p.holdsZero++;
    }
    const trust = e.pooled.find((t) => t.figure === 'trust')!;
    if (trust.status === 'tested') p.tested++;
    if (trust.verdict === 'up') p.trustUp++;
    if (e.difference.find((t) => t.figure === 'trust')?.verdict === 'up') p.trustDifferenceUp++;
    if ((rep + 1) % Math.max(1, Math.floor(reports / 4)) === 0)
      process.stderr.write(`  ${s.name}: ${rep + 1}/${reports} folders (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  for (let rep = 0; s.kind !== 'programme' && rep < reports; rep++) {
    const seed = `${values.seed}-${s.name}-${rep}`;
    const responses = synthetic(s, seed);
    const m = await metrics(networksOf(responses));
    let claimed = false;
    for (const c of m.comparisons) {
      r.comparisons++;
      for (const f of PRIMARY) {
        const v = c.figures[f].verdict;
        if (v === 'up' || v === 'down') {
          claimed = true;
          r.perFigure[f]!++;
        }
      }
      if (c.qap.p !== null) {
        r.qapTotal++;
        if (c.qap.p < 0.05) r.qapSignificant++;
      }
    }
    r.tests += m.evidence.tests;
    if (claimed) r.anyClaim++;
    r.words += untestedWords(m);
    if (s.kind === 'power') {
      const trust = m.comparisons[0]!.figures.trust;
      if (trust.status === 'tested') {
        r.tested++;
        if (trust.verdict === 'up') r.up++;
        r.changeSum += trust.change!;
        if (trust.detectable !== null) {
          r.detectableSum += trust.detectable;
          r.detectableN++;
        }
      }
    }
    if (s.kind === 'detectable') {
      // the same case again, with the change the first report said it detects
      const f = m.comparisons[0]!.figures[s.figure!];
      if (f.status === 'tested' && f.detectable !== null && (s.figure === 'trust' || f.detectable <= (s.spare ?? 0))) {
        const changed = s.figure === 'trust' ? { ...s, effect: f.detectable } : { ...s, newActors: f.detectable };
        const again = (await metrics(networksOf(synthetic(changed, seed)))).comparisons[0]!.figures[s.figure!];
        r.tested++;
        r.detectableSum += f.detectable;
        r.detectableN++;
        r.changeSum += again.change! - (f.change ?? 0);
        if (again.verdict === 'up') r.up++;
      }
    }
    if (s.name === 'no change') {
      const cov = coverage(responses, coverageRng);
      if (cov) {
        r.coverageN++;
        if (cov.inversion) r.coverageInversion++;
        if (cov.bootstrap) r.coverageBootstrap++;
      }
    }
    if ((rep + 1) % Math.max(1, Math.floor(reports / 4)) === 0)
      process.stderr.write(`  ${s.name}: ${rep + 1}/${reports} reports (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  r.seconds = (performance.now() - t0) / 1000;
  return r;
}

function columns(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(header), ...rows.map(fmt)];
}

function table(results: Result[], seconds: number): string {
  const claims = results.filter((r) => r.kind === 'null' || r.kind === 'qap-null');
  const power = results.filter((r) => r.kind === 'power' || r.kind === 'detectable');
  const cov = results.find((r) => r.coverageN > 0);
  const programme = results.filter((r) => r.kind === 'programme');
  return [
    'No change: reports that say naik/turun (family-wise: any primary figure; per figure: share of comparisons)',
    ...columns(
      ['scenario', 'reports', 'tests', 'any naik/turun (95% CI)', ...PRIMARY, 'untested words', 'QAP p<0.05'],
      claims.map((r) => [
        r.kind === 'qap-null' ? `${r.scenario} *` : r.scenario,
        String(r.reports),
        (r.tests / r.reports).toFixed(1),
        withCi(r.anyClaim, r.reports),
        ...PRIMARY.map((f) => pct(r.perFigure[f]!, r.comparisons)),
        String(r.words),
        r.qapTotal ? pct(r.qapSignificant, r.qapTotal) : '–',
      ]),
    ),
    '* the null of QAP: fresh actor effects each round change the figures themselves, so its claims are not false.',
    '',
    'A real change: reports that say naik (95% CI)',
    ...columns(
      ['scenario', 'reports', 'naik (95% CI)', 'mean change', 'stated detectable', 'untested words'],
      power.map((r) => [
        r.scenario,
        String(r.tested),
        withCi(r.up, r.tested),
        (r.changeSum / Math.max(1, r.tested)).toFixed(2),
        r.detectableN ? (r.detectableSum / r.detectableN).toFixed(2) : '–',
        String(r.words),
      ]),
    ),
    'power rows: trust, its mean change on the panel and the smallest change the reports said they detect with 80 % power;',
    'detectable rows: each case again with that stated change added (mean change: what it added on the panel).',
    '',
    cov
      ? `Coverage of the true change 0 by an unadjusted 95 % interval of trust (no change, ${cov.coverageN} reports): ` +
        `test inversion ${withCi(cov.coverageInversion, cov.coverageN)}, ` +
        `percentile bootstrap ${withCi(cov.coverageBootstrap, cov.coverageN)}.`
      : '',
    'Programme level (folders of groups; sign-flip test over groups, Holm over the primary figures): folders that say naik/turun',
    ...columns(
      [
        'scenario',
        'folders',
        'pooled naik/turun (95% CI)',
        ...PRIMARY,
        'difference naik/turun',
        'interval holds 0',
        'trust naik',
        'diff. trust naik',
      ],
      programme.map((r) => {
        const p = r.programme;
        const hasDifference = r.scenario.includes('comparison') || r.scenario.includes('6 + 6');
        return [
          r.scenario,
          String(r.reports),
          withCi(p.anyPooled, r.reports),
          ...PRIMARY.map((f) => pct(p.pooled[f]!, r.reports)),
          hasDifference ? withCi(p.anyDifference, r.reports) : '–',
          p.intervals ? pct(p.holdsZero, p.intervals) : '–',
          withCi(p.trustUp, r.reports),
          hasDifference ? withCi(p.trustDifferenceUp, r.reports) : '–',
        ];
      }),
    ),
    'no-change rows: every claim is false (≤ 5 % wanted), and the interval should hold 0 in ≥ 95 %; trust +1 rows: power.',
    '',
    `--reports ${REPORTS} (weighted per scenario), ${seconds.toFixed(0)} s.`,
  ].join('\n');
}

if (values.scenario !== undefined) {
  // a child: one scenario, its result as one JSON line
  const s = SCENARIOS.find((x) => x.name === values.scenario);
  if (!s) throw new Error(`unknown scenario "${values.scenario}"`);
  process.stdout.write(`${JSON.stringify(await runScenario(s, Math.max(1, Math.round(REPORTS * s.weight))))}\n`);
} else {
  // the scenarios in child processes, as many at a time as there are cores
  const started = performance.now();
  const lanes = Math.max(1, Math.min(threadCount(), SCENARIOS.length));
  process.stderr.write(`calibrate: ${SCENARIOS.length} scenarios, up to ${REPORTS} reports each, ${lanes} at a time\n`);
  const results: Result[] = new Array(SCENARIOS.length);
  // the longest (four rounds) first, so the lanes end together
  const cost = (x: Run) => x.weight * (x.rounds - 1) * (x.kind === 'detectable' ? 2 : 1) * (x.rounds > 2 ? 2 : 1) * (x.groups ?? 1);
  const order = SCENARIOS.map((_, i) => i).sort((a, b) => cost(SCENARIOS[b]!) - cost(SCENARIOS[a]!) || a - b);
  let next = 0;
  const lane = async () => {
    while (next < order.length) {
      const i = order[next++]!;
      const args = [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--scenario',
        SCENARIOS[i]!.name,
        '--reports',
        String(REPORTS),
        '--seed',
        values.seed,
      ];
      const out = await new Promise<string>((done, fail) =>
        execFile(
          process.execPath,
          args,
          { maxBuffer: 1 << 20, env: { ...process.env, JEJARING_THREADS: '1' } },
          (error, stdout, stderr) => {
            process.stderr.write(stderr);
            if (error) fail(error);
            else done(stdout);
          },
        ),
      );
      results[i] = JSON.parse(out.trim().split('\n').at(-1)!) as Result;
      process.stderr.write(`done: ${SCENARIOS[i]!.name} (${results[i]!.seconds.toFixed(0)} s)\n`);
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  process.stdout.write(`${table(results, (performance.now() - started) / 1000)}\n`);
}
