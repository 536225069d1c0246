/**
 * The evidence of change: the swap test against enumeration by hand, the interval against the test
 * it inverts, Holm against a worked example, the verdict rules, QAP under a null, the panel, and
 * the three-round case's family of seven tests worked out from its files
 * (test/fixtures/three-rounds/README.md):
 *
 *   r1 › r2  known        0 › 6, all eight members name a new actor: only the observed assignment
 *                          gives 6, p = 1/256; Holm rank 0: 7 · p = 0.0273 ≤ 0.05, naik
 *            cooperation  0 › 4, from Ani, Cici, Dedi, Eka, Hana (Warung Dua named by Cici and
 *                          Dedi): T = 4 needs those five unswapped, 2³ of 256, p = 8/256 = 0.03125;
 *                          Holm rank 1: 6 · p = 0.1875 > 0.05, stop: tidak naik secara meyakinkan
 *            trust        nobody rated an outside actor in round 1: not available
 *   r1 › r3  known        0 › 5 from Ani, Budi, Cici: 2⁵ of 256 keep all three, p = 0.125
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { changeActorsChart, changeFiguresChart } from '../pipeline/charts/change.ts';
import { qapCorrelation } from '../pipeline/compare/qap.ts';
import { surveyTies } from '../pipeline/compare/survey-ties.ts';
import { compareRounds, roundRecommendations } from '../pipeline/compare.ts';
import { loadCase } from '../pipeline/config.ts';
import { primaryFigures } from '../pipeline/evidence/family.ts';
import { holm } from '../pipeline/evidence/holm.ts';
import { invert } from '../pipeline/evidence/interval.ts';
import { panelGraph, panelOf } from '../pipeline/evidence/panel.ts';
import { detectable, LARGE } from '../pipeline/evidence/power.ts';
import { reduce } from '../pipeline/evidence/statistics.ts';
import {
  assignments,
  linearDistribution,
  MONTE_CARLO,
  type PairedSums,
  pairedSets,
  pValue,
  unionDistribution,
} from '../pipeline/evidence/swap-test.ts';
import { changeStatus, verdict } from '../pipeline/evidence/verdict.ts';
import { countCeiling, detectableText } from '../pipeline/evidence/wording.ts';
import { TESTABLE } from '../pipeline/figures.ts';
import { networkFigures } from '../pipeline/metrics.ts';
import type { FigureChange, Metrics } from '../pipeline/model/metrics.ts';
import type { Tie } from '../pipeline/model/responses.ts';
import { buildRoundGraph, roundGraph } from '../pipeline/network.ts';
import { comparisonViews, evidenceNotes, summaryRows } from '../pipeline/report.ts';
import { fixture, runToMetrics, SAMPLE, tempDir, tr } from './helpers.ts';

/** Per-person sums with one rating each (the classic sign-flip of differences). */
const single = (x: number[], y: number[]): PairedSums => ({
  sx: Float64Array.from(x),
  nx: new Float64Array(x.length).fill(1),
  sy: Float64Array.from(y),
  ny: new Float64Array(y.length).fill(1),
});

/** The sign-flip distribution of the mean difference, by enumerating every subset. */
function signFlips(d: number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < 2 ** d.length; k++) out.push(d.reduce((s, v, i) => s + ((k >> i) & 1 ? -v : v), 0) / d.length);
  return out;
}

describe('the swap test', () => {
  it('five people who all rose by one: p = 1/32 one-sided, 2/32 two-sided', () => {
    const dist = linearDistribution(single([3, 3, 4, 2, 3], [4, 4, 5, 3, 4]), 'ratio', 1, assignments(5, 's'));
    expect(dist.a[0]).toBe(1);
    expect(pValue(dist.a, 'up')).toBe(1 / 32);
    expect(pValue(dist.a, 'two-sided')).toBe(2 / 32);
    expect(pValue(dist.a, 'down')).toBe(1);
  });
  it('with one rating each it is the sign-flip test of the differences, assignment by assignment', () => {
    const x = [3, 4, 2, 5, 3, 1, 4];
    const y = [4, 4, 3, 3, 5, 2, 4];
    const dist = linearDistribution(single(x, y), 'ratio', 1, assignments(7, 's'));
    const flips = signFlips(y.map((v, i) => v - x[i]!));
    for (const [k, t] of flips.entries()) expect(dist.a[k]).toBeCloseTo(t, 12);
  });
  it('a count of distinct actors equals counting the two sides by hand, for every assignment', () => {
    const rng = seedrandom('union');
    for (let rep = 0; rep < 20; rep++) {
      const n = 5 + Math.floor(rng() * 4);
      const pick = () => Array.from({ length: Math.floor(rng() * 4) }, () => Math.floor(rng() * 6));
      const first = Array.from({ length: n }, pick);
      const second = Array.from({ length: n }, pick);
      const dist = unionDistribution(pairedSets(first, second), assignments(n, 's'));
      for (let k = 0; k < 2 ** n; k++) {
        const sideA = new Set<number>();
        const sideB = new Set<number>();
        for (let i = 0; i < n; i++) {
          const swapped = (k >> i) & 1;
          for (const o of swapped ? second[i]! : first[i]!) sideA.add(o);
          for (const o of swapped ? first[i]! : second[i]!) sideB.add(o);
        }
        expect(dist[k]).toBe(sideB.size - sideA.size);
      }
    }
  });
  it('above 15 people: the observed assignment and 9,999 seeded random ones, p = (b + 1) / (B + 1)', () => {
    const rng = seedrandom('mc');
    const x = Array.from({ length: 30 }, () => 1 + Math.floor(rng() * 5));
    const y = x.map((v) => Math.min(5, v + (rng() < 0.4 ? 1 : 0)));
    const a = assignments(30, 'seed-1');
    expect(a).toMatchObject({ exact: false, count: MONTE_CARLO + 1 });
    const dist = linearDistribution(single(x, y), 'ratio', 1, a);
    const p = pValue(dist.a, 'up');
    expect(Number.isInteger(Math.round(p * (MONTE_CARLO + 1) * 1e6) / 1e6)).toBe(true);
    expect(p).toBeGreaterThanOrEqual(1 / (MONTE_CARLO + 1));
    expect(linearDistribution(single(x, y), 'ratio', 1, assignments(30, 'seed-1')).a).toEqual(dist.a);
    expect(linearDistribution(single(x, y), 'ratio', 1, assignments(30, 'seed-2')).a).not.toEqual(dist.a);
    // a random assignment swaps each person with probability ½: about half of them on average
    const swappedHalf = dist.b.slice(1).reduce((s, b) => s + b, 0) / MONTE_CARLO;
    expect(Math.abs(swappedHalf)).toBeLessThan(0.02);
  });
});

describe('the interval inverts the test', () => {
  const rng = seedrandom('interval');
  const cases = Array.from({ length: 60 }, (_, rep) => {
    const n = 5 + Math.floor(rng() * 11);
    const nx = Float64Array.from({ length: n }, () => 1 + Math.floor(rng() * 4));
    const ny = Float64Array.from({ length: n }, () => 1 + Math.floor(rng() * 4));
    const shift = rng() < 0.5 ? 0 : rng() * 1.5;
    const rate = (k: number, up: number) =>
      Array.from({ length: k }, () => Math.min(5, 1 + Math.floor(rng() * 5 + up))).reduce((s, v) => s + v, 0);
    const sums: PairedSums = { sx: nx.map((k) => rate(k, 0)), nx, sy: ny.map((k) => rate(k, shift)), ny };
    return { rep, n, sums, kind: (rep % 3 === 0 ? 'sum' : 'ratio') as 'ratio' | 'sum' };
  });
  /** p of the data shifted by δ (figure units): round 2 loses δ per rating (ratio) or δ/n per person (sum). */
  const pShifted = (c: (typeof cases)[number], delta: number, direction: 'up' | 'down' | 'two-sided') => {
    const per = (i: number) => (c.kind === 'sum' ? delta / c.n : delta * c.sums.ny[i]!);
    const shifted = { ...c.sums, sy: c.sums.sy.map((v, i) => v - per(i)) };
    return pValue(linearDistribution(shifted, c.kind, 1, assignments(c.n, 's')).a, direction);
  };
  it.each(['up', 'down', 'two-sided'] as const)(
    '%s: 0 is inside exactly when the test does not reject; inside shifts are not rejected, just outside ones are',
    (direction) => {
      for (const c of cases) {
        const dist = linearDistribution(c.sums, c.kind, 1, assignments(c.n, 's'));
        const level = [0.05, 0.025, 0.0167][c.rep % 3]!;
        const { low, high } = invert(dist, level, direction);
        const rejects = pValue(dist.a, direction) <= level;
        const inside = (d: number) => (low === null || d >= low) && (high === null || d <= high);
        if (rejects) expect(inside(0) && low !== 0 && high !== 0).toBe(false);
        else expect(inside(0)).toBe(true);
        const lo = low ?? (high ?? 0) - 2;
        const hi = high ?? (low ?? 0) + 2;
        for (const t of [0.1, 0.5, 0.9]) expect(pShifted(c, lo + (hi - lo) * t, direction)).toBeGreaterThan(level);
        const eps = 1e-6 * (1 + Math.abs(lo) + Math.abs(hi));
        if (low !== null) expect(pShifted(c, low - eps, direction)).toBeLessThanOrEqual(level);
        if (high !== null) expect(pShifted(c, high + eps, direction)).toBeLessThanOrEqual(level);
      }
    },
  );
});

describe('Holm', () => {
  it('worked example: p = 0.01, 0.04, 0.03, 0.005 at α = 0.05', () => {
    // sorted 0.005 (×4 = 0.02 ≤ 0.05), 0.01 (×3 = 0.03 ≤ 0.05), 0.03 (×2 = 0.06 > 0.05: stop), 0.04 (max(0.06, 0.04))
    const h = holm([0.01, 0.04, 0.03, 0.005], 0.05);
    expect(h.adjusted.map((p) => Math.round(p * 1e9) / 1e9)).toEqual([0.03, 0.06, 0.06, 0.02]);
    expect(h.rejected).toEqual([true, false, false, true]);
    expect(h.level).toEqual([0.05 / 3, 0.05 / 2, 0.05 / 2, 0.05 / 4]);
    expect(h.rank).toEqual([1, 3, 2, 0]);
  });
});

describe('status and verdict, decided once', () => {
  const base = { primary: true, before: 3, after: 4, panel: 10, raters: 6, minRaters: 3 };
  it.each([
    [{}, 'tested', null],
    [{ primary: false }, 'untested', 'descriptive'],
    [{ before: null }, 'not-available', 'undefined'],
    [{ panel: 4 }, 'too-few', 'panel'],
    [{ raters: 2 }, 'too-few', 'raters'],
    [{ raters: null }, 'tested', null],
  ])('%j → %s', (change, status, reason) => expect(changeStatus({ ...base, ...change })).toEqual({ status, reason }));
  it.each([
    ['tested', 0.5, 0.01, 'two-sided', 'up'],
    ['tested', -0.5, 0.01, 'two-sided', 'down'],
    ['tested', 0, 0.01, 'two-sided', 'same'],
    ['tested', 0.5, 0.06, 'two-sided', 'same'],
    ['tested', -0.5, 0.01, 'up', 'same'],
    ['tested', 0.5, 0.01, 'down', 'same'],
    ['untested', 0.5, 0.01, 'two-sided', null],
    ['too-few', 0.5, null, 'up', null],
  ] as const)('%s, change %d, adjusted p %d, %s → %s', (status, change, p, direction, expected) =>
    expect(verdict(status, change, p, direction)).toBe(expected),
  );
});

describe('the most a count of outside actors can change on a roster', () => {
  const fc = (before: number, direction: 'up' | 'down' | 'two-sided') => ({ before, direction }) as FigureChange;
  it('is the actors not yet counted for a rise, those counted for a fall, the larger of the two either way; none for a mean', () => {
    expect(countCeiling('known', fc(8, 'up'), 24)).toBe(16);
    expect(countCeiling('cooperation', fc(8, 'down'), 24)).toBe(8);
    expect(countCeiling('known', fc(8, 'two-sided'), 24)).toBe(16);
    expect(countCeiling('known', fc(20, 'two-sided'), 24)).toBe(20);
    expect(countCeiling('trust', fc(3.5, 'up'), 24)).toBeNull();
  });
  it('words the smallest detectable change signed as the test looks, and the ceiling in its place when it is beyond the roster', () => {
    const at = (detectable: number, direction: 'up' | 'down' | 'two-sided') => ({ before: 8, direction, detectable }) as FigureChange;
    expect(['up', 'down', 'two-sided'].map((d) => detectableText(tr, 'known', at(5, d as 'up'), 16))).toEqual(['+5', '-5', '±5']);
    expect(['up', 'down', 'two-sided'].map((d) => detectableText(tr, 'known', at(21, d as 'up'), 16))).toEqual([
      'lebih dari yang mungkin (+16)',
      'lebih dari yang mungkin (-16)',
      'lebih dari yang mungkin (±16)',
    ]);
    expect(detectableText(tr, 'known', at(1500, 'two-sided'), 1234)).toBe('lebih dari yang mungkin (±1.234)');
    expect(detectableText(tr, 'trust', { ...at(0.32, 'up'), before: 3.5 }, null)).toBe('+0,32');
  });
});

describe('what the design can detect', () => {
  // the same spread of changes at every size: +1, 0, −1, +1, 0, +1, …
  const input = (n: number) => {
    const pattern = [1, 0, -1, 1, 0, 1];
    const sums = single(
      Array.from({ length: n }, () => 3),
      Array.from({ length: n }, (_, i) => 3 + pattern[i % pattern.length]!),
    );
    const observed = linearDistribution(sums, 'ratio', 1, assignments(n, 'p')).a[0]!;
    return { kind: 'linear' as const, sums, sumKind: 'ratio' as const, scale: 1, observed };
  };
  it('a smaller panel can only detect larger changes', () => {
    const mde = [6, 10, 15, 40].map((n) => detectable(input(n), assignments(n, 'p'), 0.05 / 3, 'up', 'p')!);
    for (let i = 1; i < mde.length; i++) expect(mde[i]).toBeLessThan(mde[i - 1]!);
  });
  it('is seeded, and a one-sided test detects less than a two-sided one', () => {
    const a = detectable(input(12), assignments(12, 'p'), 0.05 / 3, 'up', 'p');
    expect(detectable(input(12), assignments(12, 'p'), 0.05 / 3, 'up', 'p')).toBe(a);
    expect(detectable(input(12), assignments(12, 'p'), 0.05 / 3, 'two-sided', 'p')!).toBeGreaterThan(a!);
  });
  it('nothing is detectable when even the most extreme assignment cannot reach the level', () => {
    // five people: the smallest two-sided p is 2/32 > 0.05 / 3
    expect(detectable(input(5), assignments(5, 'p'), 0.05 / 3, 'two-sided', 'p')).toBeNull();
    expect(detectable(input(5), assignments(5, 'p'), 0.05, 'up', 'p')).not.toBeNull();
  });
  it('above 200 people the normal approximation takes over, and agrees with the simulation next to it', () => {
    const at = (n: number) => {
      const x = input(n);
      const dist = linearDistribution(x.sums, 'ratio', 1, assignments(n, 'p'));
      const centred = dist.a.map((a, k) => a - x.observed * dist.b[k]!);
      return detectable(x, assignments(n, 'p'), 0.05 / 3, 'two-sided', 'p', centred)!;
    };
    expect(LARGE).toBe(200);
    expect(at(201) / at(200)).toBeGreaterThan(0.8);
    expect(at(201) / at(200)).toBeLessThan(1.25);
  });
  it('a count of outside actors is detected in whole actors', () => {
    const first = Array.from({ length: 10 }, (_, i) => [i % 4, 4 + (i % 3)]);
    const second = Array.from({ length: 10 }, (_, i) => [i % 4, 7 + (i % 2)]);
    const d = detectable({ kind: 'union', first, second }, assignments(10, 'p'), 0.05 / 3, 'up', 'p')!;
    expect(Number.isInteger(d)).toBe(true);
    expect(d).toBeGreaterThanOrEqual(1);
  });
});

describe('QAP permutes within blocks', () => {
  /** Two independent rounds: 10 members answer, naming each other and 15 outside actors who never answer. */
  function rounds(seed: string) {
    const rng = seedrandom(seed);
    const members = Array.from({ length: 10 }, (_, i) => `m${i}`);
    const outside = Array.from({ length: 15 }, (_, i) => `o${i}`);
    const round = () =>
      members.flatMap((m) =>
        [...members, ...outside].filter((t) => t !== m && rng() < (t.startsWith('m') ? 0.4 : 0.15)).map((t) => [m, t] as [string, string]),
      );
    return { members, actors: [...members, ...outside], before: round(), after: round() };
  }
  const block = (id: string) => (id.startsWith('m') ? 'member' : 'outside');
  it('two independent rounds come out significant about 5 % of the time; permuting every actor together, almost always', () => {
    let within = 0;
    let together = 0;
    const runs = 200;
    for (let k = 0; k < runs; k++) {
      const r = rounds(`qap-${k}`);
      if (qapCorrelation(r.actors, block, r.members, r.before, r.after, 199, `s${k}`).p! < 0.05) within++;
      if (qapCorrelation(r.actors, () => 'all', r.actors, r.before, r.after, 199, `s${k}`).p! < 0.05) together++;
    }
    expect(within / runs).toBeLessThan(0.1);
    expect(together / runs).toBeGreaterThan(0.5);
  });
});

describe('the panel', async () => {
  const { networks, metrics } = await runToMetrics(SAMPLE);
  const [pra, pasca] = networks.rounds;
  it('counts who joined and who left apart', () => {
    const member = (id: string) => networks.actors.find((a) => a.id === id)!.member;
    const p = panelOf(pra!.respondents, pasca!.respondents, member);
    expect(p).toMatchObject({
      respondents: 12,
      members: 10,
      joined: { ids: ['karang-taruna', 'w-ronal', 'w-winarni'] },
      left: { ids: [] },
    });
  });
  it("the panel network keeps every actor and the mapping ties, and only the panel's survey ties", async () => {
    const three = (await runToMetrics(fixture('three-rounds'))).networks;
    // Karang Taruna answers (about Baznas, a tie also recorded during mapping) but is not in the panel
    const round = { round: three.rounds[2]!.round, respondents: ['a', 'x1'], ties: [] as Tie[] };
    const tie = (from: string, to: string, trust: number): Tie => ({
      from,
      to,
      trust,
      cooperation: 4,
      frequency: 3,
      resources: [],
      formal: false,
      source: { file: 'r3.csv', line: 2 },
    });
    round.ties.push(tie('a', 'b', 4), tie('x1', 'z1', 5), tie('x1', 'a', 5));
    const graph = buildRoundGraph(three.actors, round, three.settings, three.knownTies);
    expect(graph.getDirectedEdgeAttributes('x1', 'z1')).toMatchObject({ origin: 'survey', trust: 5 });
    const panel = panelGraph(graph, round.round, ['a'], three.actors, three.knownTies, three.settings);
    expect(panel.order).toBe(graph.order);
    expect(surveyTies(panel).map((t) => `${t.from}>${t.to}`)).toEqual(['a>b']);
    // the mapping tie the non-panel answer had replaced is back, in both directions
    expect(panel.getDirectedEdgeAttributes('x1', 'z1')).toMatchObject({ origin: 'mapping', trust: null, cooperation: 2 });
    expect(panel.getDirectedEdgeAttributes('z1', 'x1')).toMatchObject({ origin: 'mapping' });
    expect(panel.getNodeAttribute('x1', 'respondent')).toBe(false);
  });
  it('every testable figure: the test statistic of the observed assignment is the change on the panel network', async () => {
    const settings = { ...networks.settings, analysis: { primary: TESTABLE.map((figure) => ({ figure, direction: null })) } };
    const graphs = networks.rounds.map(roundGraph);
    const context = {
      settings,
      actors: networks.actors,
      knownTies: networks.knownTies,
      plan: null,
      rounds: networks.rounds.map((r) => r.round.id),
      primary: primaryFigures(settings, null),
      measure: (g: (typeof graphs)[number], _r: (typeof networks.rounds)[number]['round'], who: string[]) =>
        networkFigures(g, who, settings),
    };
    const pending = await compareRounds(metrics.rounds[0]!, metrics.rounds[1]!, graphs[0]!, graphs[1]!, context, 'consecutive');
    for (const id of TESTABLE) {
      const f = pending.comparison.figures[id];
      const d = pending.distributions[id]!;
      expect(f.status, id).toBe('tested');
      expect(d.kind === 'union' ? d.values[0] : d.linear.a[0], id).toBeCloseTo(f.change!, 9);
    }
    // and the tested values are those of the panel network, not of the rounds (three outside actors joined)
    expect(pending.comparison.figures.ties.after).toBe(metrics.rounds[1]!.network.ties - 4);
    const trust = reduce('trust', pending.comparison.panel.joined.ids, [], [], { actors: 34, mappedTies: 0, settings });
    expect(trust.raters).toBe(0);
  });
});

describe('three members who skip round 2', async () => {
  const dir = join(tempDir(), 'sample');
  cpSync(SAMPLE, dir, { recursive: true });
  const leavers = ['Ai Nurhayati', 'Entin Sumartini', 'Iis Aisyah'];
  const file = join(dir, 'rounds/02-pasca.csv');
  const rows = readFileSync(file, 'utf8').split('\n');
  writeFileSync(file, rows.filter((r) => !leavers.some((l) => r.startsWith(`${l},`))).join('\n'));
  const { metrics } = await runToMetrics(dir);
  const c = metrics.comparisons[0]!;
  it('are counted apart: their round-1 ties are not "dropped", and the panel is the seven who answered both', () => {
    expect(c.panel.left).toMatchObject({ ids: ['m04', 'm05', 'm06'], members: 3, outside: 0 });
    expect(c.panel.members).toBe(7);
    expect(c.ties.left).toBe(
      metrics.rounds[0]!.actors.filter((a) => ['m04', 'm05', 'm06'].includes(a.id)).reduce((s, a) => s + a.outDegree, 0),
    );
    expect(c.ties.list.some((t) => ['m04', 'm05', 'm06'].includes(t.from))).toBe(false);
    expect(c.figures.known).toMatchObject({ panel: 7, network: 'members', status: 'tested' });
  });
  it('the report says so', () => {
    const view = comparisonViews(metrics, tr)[0]!;
    expect(view.left).toBe(
      `3 responden hanya menjawab Pra-intervensi (refleksi awal) (3 anggota, 0 pihak luar); ${c.ties.left} ikatan mereka ` +
        'tidak dihitung sebagai ikatan hilang.',
    );
  });
});

describe('analysis.primary in case.yaml', () => {
  const withConfig = (extra: string) => {
    const dir = join(tempDir(), 'sample');
    cpSync(SAMPLE, dir, { recursive: true });
    writeFileSync(join(dir, 'case.yaml'), `${readFileSync(join(dir, 'case.yaml'), 'utf8')}\n${extra}\n`);
    return dir;
  };
  it('defaults to one figure per step of the development model, directions from the plan', () => {
    expect(loadCase(SAMPLE, tr).settings.analysis.primary).toEqual([
      { figure: 'known', direction: null },
      { figure: 'trust', direction: null },
      { figure: 'cooperation', direction: null },
    ]);
  });
  it('takes figures and directions, and tests them two-sided where neither case.yaml nor the plan states one', async () => {
    const dir = withConfig('analysis:\n  primary: [trust, { figure: meanCooperation, direction: up }, density]');
    const { metrics } = await runToMetrics(dir);
    expect(metrics.evidence.primary).toEqual([
      { figure: 'trust', direction: 'up', source: 'plan' },
      { figure: 'meanCooperation', direction: 'up', source: 'config' },
      { figure: 'density', direction: 'two-sided', source: 'none' },
    ]);
    expect(metrics.evidence.tests).toBe(3);
    expect(metrics.comparisons[0]!.figures.known).toMatchObject({ primary: false, status: 'untested', verdict: null });
  });
  it.each([
    ['analysis:\n  primary: [reciprocityEdgewise]', 'analysis.primary.0'],
    ['analysis:\n  primary: [trust, trust]', 'analysis.primary'],
    ['analysis:\n  primary: [{ figure: trust, direction: naik }]', 'analysis.primary.0'],
  ])('refuses %j, naming the key', (yaml, key) => {
    expect(() => loadCase(withConfig(yaml), tr)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    try {
      loadCase(withConfig(yaml), tr);
    } catch (e) {
      expect((e as { params: { key: string } }).params.key).toBe(key);
    }
  });
});

describe('the three-round case: one family of seven tests', async () => {
  const { metrics } = await runToMetrics(fixture('three-rounds'));
  const [c12, c23, c13] = metrics.comparisons;
  it('Holm over every comparison: one rise stands, a raw p of 0.031 does not survive', () => {
    expect(metrics.evidence).toMatchObject({ tests: 7, adjustment: 'holm', alpha: 0.05 });
    expect(c12!.figures.known).toMatchObject({ p: 1 / 256, verdict: 'up', direction: 'up', method: 'exact', assignments: 256 });
    expect(c12!.figures.known.adjustedP).toBeCloseTo(7 / 256, 9);
    expect(c12!.figures.cooperation).toMatchObject({ p: 8 / 256, adjustedP: 0.1875, verdict: 'same' });
    expect(c13!.figures.known).toMatchObject({ change: 5, p: 0.125, verdict: 'same' });
    expect(c12!.figures.trust.status).toBe('not-available');
    expect(metrics.evidence.family.map((t) => [t.comparison, t.figure, t.rejected])).toEqual([
      [0, 'known', true],
      [0, 'cooperation', false],
      [2, 'known', false],
      [2, 'cooperation', false],
      [1, 'known', false],
      [1, 'trust', false],
      [1, 'cooperation', false],
    ]);
  });
  it('the interval of a test that does not reject holds 0, at the level of its Holm step', () => {
    const t = c23!.figures.trust;
    expect(t.verdict).toBe('same');
    expect(t.interval!.low!).toBeLessThanOrEqual(0);
    expect(t.interval!.high).toBeNull(); // one-sided: the plan aims at more trust
    const step = metrics.evidence.family.find((f) => f.comparison === 1 && f.figure === 'trust')!;
    expect(t.interval!.level).toBeCloseTo(1 - step.level, 9);
  });
  it('the report shows the adjustment and says what it tested, on whom, how many tests and what could be detected', () => {
    const views = comparisonViews(metrics, tr);
    expect(views[0]!.primary.map((r) => [r.figure, r.p, r.adjusted, r.verdict])).toEqual([
      ['Pihak luar yang dikenal anggota', '0,004', '0,027', 'naik'],
      ['Kepercayaan anggota kepada pihak luar (1–5)', '–', '–', 'tidak tersedia di salah satu putaran'],
      ['Pihak luar yang bekerja sama', '0,031', '0,188', 'tidak naik secara meyakinkan'],
    ]);
    const notes = evidenceNotes(metrics, tr).join('\n');
    expect(notes).toContain('Yang diuji: Pihak luar yang dikenal anggota, Kepercayaan anggota kepada pihak luar (1–5), dan Pihak luar');
    expect(notes).toContain('Pada siapa: Putaran 1 › Putaran 2: panel 8 anggota (8 responden) yang menjawab kedua putaran.');
    expect(notes).toContain(
      'Pada siapa: Putaran 2 › Putaran 3: panel 8 anggota (8 responden) yang menjawab kedua putaran; 1 hanya menjawab Putaran 3.',
    );
    expect(notes).toContain(
      'Jumlah uji: 7 (ukuran primer yang dapat diuji di 3 perbandingan; 3 ukuran primer). Semua disesuaikan bersama dengan metode Holm',
    );
    // a count: new actors each named by one member; with 8 outside actors left on the roster, not enough
    expect(notes).toContain(
      'Putaran 1 › Putaran 2, Pihak luar yang dikenal anggota: dengan 8 anggota, ' +
        'bila setiap pihak luar baru disebut hanya oleh satu anggota, bahkan semua 8 yang mungkin di daftar aktor belum cukup',
    );
    expect(notes).toMatch(
      /Putaran 2 › Putaran 3, Kepercayaan anggota kepada pihak luar \(1–5\): dengan 8 anggota, perubahan sebesar \+\d,\d\d akan terdeteksi/,
    );
    expect(notes).toContain('taraf α/m = 0,0071');
  });
});

describe('every place reads the verdict objects', async () => {
  const { metrics, networks } = await runToMetrics(SAMPLE);
  const graphs = networks.rounds.map(roundGraph);
  /** The sample with the trust verdict changed to `down` (as if the test had found a fall). */
  const flipped: Metrics = structuredClone(metrics);
  const trust = flipped.comparisons[0]!.figures.trust;
  Object.assign(trust, {
    before: 4.2,
    after: 3.5,
    change: -0.7,
    direction: 'two-sided',
    verdict: 'down',
    adjustedP: 0.004,
    interval: null,
  });
  const texts = (m: Metrics) => {
    const summary = summaryRows(m, tr, true).find((r) => r.figure.startsWith('Kepercayaan anggota'))!.reading;
    const narrative = comparisonViews(m, tr)[0]!.findings.join(' ');
    const title = changeActorsChart(m, tr)!.title;
    const recs = roundRecommendations(m.rounds[1]!, graphs[1]!, m.plan, m.comparisons[0]!).filter((r) => r.rule === 'figure-down');
    return { summary, narrative, title, recs };
  };
  it('as computed: trust rose', () => {
    const t = texts(metrics);
    expect(t.summary).toContain('naik');
    expect(t.narrative).toContain('Kepercayaan anggota kepada pihak luar (1–5) naik');
    expect(t.title).toContain('Kepercayaan anggota kepada pihak luar (1–5) 3,48 › 4,21 (naik)');
    expect(t.recs).toEqual([]);
  });
  it('with the verdict turned to a fall, the summary, the narrative, the chart title and the recommendations all say it', () => {
    const t = texts(flipped);
    expect(t.summary).toBe('Kepercayaan anggota kepada pihak luar (1–5) turun: 4,20 › 3,50 pada panel (10 anggota; p disesuaikan 0,004).');
    expect(t.narrative).toContain('Kepercayaan anggota kepada pihak luar (1–5) turun');
    expect(t.title).toContain('Kepercayaan anggota kepada pihak luar (1–5) 4,20 › 3,50 (turun)');
    expect(t.recs).toEqual([{ rule: 'figure-down', owner: 'pendamping', params: { figure: 'trust', from: 4.2, to: 3.5, p: 0.004 } }]);
  });
  it('with the verdict turned to "no convincing change", nobody says naik or turun for it', () => {
    const same: Metrics = structuredClone(metrics);
    Object.assign(same.comparisons[0]!.figures.trust, { verdict: 'same', adjustedP: 0.2 });
    const t = texts(same);
    expect(t.summary).toMatch(/^Kepercayaan anggota kepada pihak luar \(1–5\) tidak naik secara meyakinkan: 3,48 › 4,21 /);
    expect(t.summary).toMatch(/Perubahan sebesar \+0,\d\d akan terdeteksi dengan peluang 80%/);
    expect(t.title).toContain('(tidak naik secara meyakinkan)');
    expect(t.recs).toEqual([]);
  });
  it('a figure that is not tested gets no direction word, even from the chart that shows the largest change', () => {
    const title = changeFiguresChart(metrics, tr)!.title;
    expect(title).toBe('Perubahan terbesar pada panel: Ikatan setingkat koordinasi atau lebih 27% › 62% (deskriptif, tidak diuji)');
    for (const row of summaryRows(metrics, tr, false).slice(3)) expect(row.reading).not.toMatch(/\b(naik|turun)\b/);
  });
});
