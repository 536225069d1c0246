/**
 * Changes between rounds, plan progress and recommendations on the hand-built three-round case
 * (test/fixtures/three-rounds). Expected answers are worked out from the files:
 *
 * Round 2 → 3, per tie (trust, cooperation):
 *   Ani→Budi (5,2)→(2,4) mixed · Ani→Warung Satu (3,2)→(3,4) strengthened · Ani→Dinas added ·
 *   Budi→Ani (5,3)→(2,3) weakened · Budi→Koperasi (3,1)→(3,1) unchanged · Budi→Pelatih Tiga added ·
 *   Cici→Ani (5,3)→(1,3) weakened · Cici→Warung Dua dropped · Cici→Karang Taruna added ·
 *   Warung Satu→Ani added (Warung Satu answered only in round 3).
 * Mean trust: round 2 (5+3+5+3+5+4)/6 = 4.1667; round 3 (2+3+2+2+3+2+1+2+1)/9 = 2.0; it falls for
 * every respondent, so every bootstrap resample falls: verdict "down".
 */
import { describe, expect, it } from 'vitest';
import { pairedUncertainty, type SurveyTie, TIE_FIGURES } from '../pipeline/compare/paired.ts';
import { qapCorrelation } from '../pipeline/compare/qap.ts';
import { tieChanges } from '../pipeline/compare/tie-changes.ts';
import { fixture, runToMetrics } from './helpers.ts';

describe('three rounds', async () => {
  const { metrics } = await runToMetrics(fixture('three-rounds'));
  const [c12, c23, c13] = metrics.comparisons;

  it('compares consecutive rounds, then the first with the last', () => {
    expect(metrics.comparisons.map((c) => [c.from, c.to, c.kind])).toEqual([
      ['r1', 'r2', 'consecutive'],
      ['r2', 'r3', 'consecutive'],
      ['r1', 'r3', 'baseline-latest'],
    ]);
  });
  it('classifies every tie change between rounds 2 and 3', () => {
    const kinds = Object.fromEntries(c23!.ties.list.map((t) => [`${t.from}>${t.to}`, t.kind]));
    expect(kinds).toEqual({
      'a>b': 'mixed',
      'a>w1': 'strengthened',
      'a>d1': 'added',
      'b>a': 'weakened',
      'b>k1': 'unchanged',
      'b>t1': 'added',
      'c>a': 'weakened',
      'c>w2': 'dropped',
      'c>x1': 'added',
      'w1>a': 'added',
    });
    expect(c23!.ties).toMatchObject({ added: 4, dropped: 1, strengthened: 1, weakened: 2, mixed: 1, unchanged: 1 });
  });
  it('rounds 1 → 2: three ties strengthened, three added', () => {
    expect(c12!.ties).toMatchObject({ added: 3, dropped: 0, strengthened: 3, weakened: 0, mixed: 0, unchanged: 0 });
  });
  it('mean trust falls beyond its uncertainty; the verdict says so', () => {
    const f = c23!.figures.meanTrust;
    expect(f.from).toBeCloseTo(25 / 6, 9);
    expect(f.to).toBeCloseTo(2, 9);
    expect(f.verdict).toBe('down');
    expect(f.ci![1]).toBeLessThan(0);
    expect(c13!.figures.meanTrust.delta).toBeCloseTo(2 - 4, 9);
  });
  it('structural figures carry no interval', () => {
    expect(c23!.figures.reciprocityEdgewise).toMatchObject({ ci: null, p: null, verdict: null });
  });
  it('per outside actor: before and after, null where not named (absent, not zero)', () => {
    const w1 = c23!.actors.find((a) => a.id === 'w1')!;
    expect(w1).toMatchObject({ namingFrom: 1, namingTo: 1, trustFrom: 3, trustTo: 3, cooperationFrom: 2, cooperationTo: 4 });
    const d1 = c12!.actors.find((a) => a.id === 'd1')!;
    expect(d1).toMatchObject({ namingFrom: 0, namingTo: 0, trustFrom: null, trustTo: null, cooperationFrom: null, cooperationTo: null });
  });
  it('plan progress: Warung Satu formal and Dinas contacted are reached, Pelatih Tiga only contacted', () => {
    expect(metrics.plan!.targets.map((t) => [t.actor, t.statuses, t.reached])).toEqual([
      ['Warung Satu', { r1: 'not-known', r2: 'cooperating', r3: 'formal' }, true],
      ['Pelatih Tiga', { r1: 'not-known', r2: 'not-known', r3: 'contacted' }, false],
      ['Dinas', { r1: 'not-known', r2: 'not-known', r3: 'contacted' }, true],
    ]);
    expect([metrics.plan!.reached, metrics.plan!.total]).toEqual([2, 3]);
  });
  it('every recommendation rule fires for its known reason', () => {
    const byRule = (rule: string) => metrics.recommendations.filter((r) => r.rule === rule).map((r) => r.params);
    expect(byRule('target-not-reached')).toEqual([{ actor: 'Pelatih Tiga', goal: 'cooperating', status: 'contacted' }]);
    expect(byRule('contact-mapped')).toEqual([
      { category: 'pemasaran', names: 'Warung Dua', count: 1, mapped: 2 },
      { category: 'permodalan', names: 'Bank, Baznas', count: 2, mapped: 3 },
    ]);
    expect(byRule('fragile-category')).toEqual([
      { category: 'pemasaran', cooperating: 1, names: 'Warung Satu', mapped: 2 },
      { category: 'permodalan', cooperating: 0, names: '–', mapped: 3 },
    ]);
    expect(byRule('single-broker')).toEqual([
      { category: 'pemasaran', member: 'Ani', ties: 1 },
      { category: 'pelatihan', member: 'Budi', ties: 1 },
      { category: 'permodalan', member: 'Budi', ties: 1 },
      { category: 'legalitas', member: 'Ani', ties: 1 },
    ]);
    expect(byRule('trust-gap')).toEqual([{ member: 'Ani', actor: 'Warung Satu', given: 3, received: 1 }]);
    expect(byRule('keep-weak-bridge')).toEqual([{ actor: 'Karang Taruna', names: 'Baznas', count: 1 }]);
    expect(byRule('figure-down')).toEqual(
      [{ figure: 'meanTrust', from: 25 / 6, to: 2 }].map((x) => ({ ...x, from: Math.round(x.from * 1e9) / 1e9 })),
    );
  });
});

describe('paired uncertainty', () => {
  const tie = (from: string, trust: number): SurveyTie => ({
    from,
    to: 'x',
    fromMember: true,
    toMember: false,
    trust,
    cooperation: 1,
    strong: false,
  });
  it('no change gives "same" with an interval around 0 and a large p', () => {
    const before = new Map([
      ['a', [tie('a', 3)]],
      ['b', [tie('b', 4)]],
      ['c', [tie('c', 5)]],
    ]);
    const u = pairedUncertainty(before, new Map(before), { meanTrust: TIE_FIGURES.meanTrust! }, { actors: 4, trustScale: 5 }).meanTrust!;
    expect(u.verdict).toBe('same');
    expect(u.ci).toEqual([0, 0]);
    expect(u.p).toBe(1);
  });
  it('is seeded: the same input gives the same numbers', () => {
    const before = new Map([
      ['a', [tie('a', 2)]],
      ['b', [tie('b', 4)]],
      ['c', [tie('c', 3)]],
    ]);
    const after = new Map([
      ['a', [tie('a', 4)]],
      ['b', [tie('b', 4)]],
      ['c', [tie('c', 5)]],
    ]);
    const run = () => pairedUncertainty(before, after, { meanTrust: TIE_FIGURES.meanTrust! }, { actors: 4, trustScale: 5 });
    expect(run()).toEqual(run());
  });
});

describe('QAP correlation and tie changes', () => {
  it('identical networks correlate 1; disjoint ones negatively', () => {
    const actors = ['a', 'b', 'c', 'd'];
    const ties: [string, string][] = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ];
    expect(qapCorrelation(actors, ties, ties).r).toBeCloseTo(1, 12);
    // 12 off-diagonal cells, 3 ties each, none shared: r = (0/12 − 0.25·0.25) / 0.1875 = −1/3
    expect(
      qapCorrelation(actors, ties, [
        ['d', 'a'],
        ['c', 'b'],
        ['b', 'a'],
      ]).r,
    ).toBeCloseTo(-1 / 3, 12);
  });
  it('a tie with an unanswered rating is compared on the other rating only', () => {
    const t = (trust: number | null, cooperation: number | null): SurveyTie => ({
      from: 'a',
      to: 'b',
      fromMember: true,
      toMember: false,
      trust,
      cooperation,
      strong: false,
    });
    expect(tieChanges([t(null, 2)], [t(4, 3)])[0]!.kind).toBe('strengthened');
    expect(tieChanges([t(3, null)], [t(3, 1)])[0]!.kind).toBe('unchanged');
  });
});
