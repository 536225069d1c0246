/**
 * The risk rules of recommendations.ts on hand-built rounds, each at its threshold and just
 * below it, and on the sample, where the two risks the evaluation found are known answers.
 */
import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import type { Category } from '../pipeline/domain.ts';
import type { ActorChange } from '../pipeline/model/metrics.ts';
import type { ActorAttributes, TieAttributes } from '../pipeline/model/responses.ts';
import { type RecommendationInput, recommendations, THRESHOLDS } from '../pipeline/recommendations.ts';
import { runToMetrics, SAMPLE } from './helpers.ts';

type Graph = DirectedGraph<ActorAttributes, TieAttributes>;
const tie = (trust: number | null = null): TieAttributes => ({
  trust,
  cooperation: 1,
  frequency: 1,
  resources: [],
  formal: null,
  strong: false,
  origin: 'survey',
});

/** Members m1…m5, outside actors w, x, y, z (pemasaran); `ties` as [from, to, trust]. */
function round(ties: [string, string, number | null][]): Graph {
  const g: Graph = new DirectedGraph();
  for (const id of ['m1', 'm2', 'm3', 'm4', 'm5'])
    g.addNode(id, { name: id.toUpperCase(), type: 'anggota', category: 'internal' as Category, member: true, respondent: true });
  for (const id of ['w', 'x', 'y', 'z'])
    g.addNode(id, { name: `Warung ${id}`, type: 'warung', category: 'pemasaran', member: false, respondent: false });
  for (const [s, t, trust] of ties) g.addDirectedEdge(s, t, tie(trust));
  return g;
}

function input(
  before: Graph,
  after: Graph,
  extra: {
    actors?: ActorChange[];
  } = {},
): RecommendationInput {
  return {
    graph: after,
    groupView: [],
    plan: [],
    lastChange: [],
    previous: {
      graph: before,
      actors: extra.actors ?? [],
    },
    targetIds: ['w'],
    minRaters: 3,
  };
}
const rules = (i: RecommendationInput, rule: string) => recommendations(i).filter((r) => r.rule === rule);

describe('risk rules', () => {
  const base = round([
    ['m1', 'm2', null],
    ['m1', 'w', 4],
    ['m2', 'w', 4],
    ['m3', 'w', 4],
  ]);
  it("one-broker: a member with half the members' ties to outside actors, of four or more, is named; less, or fewer ties, nothing", () => {
    const before = round([
      ['m1', 'w', null],
      ['m2', 'x', null],
    ]);
    const half: [string, string, number | null][] = [
      ['m1', 'w', null],
      ['m1', 'x', null],
      ['m2', 'y', null],
      ['m3', 'z', null],
      ['m1', 'm2', null], // a tie between members is not contact with the outside
    ];
    expect(rules(input(before, round(half)), 'one-broker')).toEqual([
      { rule: 'one-broker', owner: 'kube', params: { member: 'M1', ties: 2, total: 4, tiesBefore: 1, totalBefore: 2 } },
    ]);
    expect(THRESHOLDS.brokerShare).toBe(0.5);
    // two of five is less than half
    expect(rules(input(before, round([...half, ['m4', 'w', null]])), 'one-broker')).toEqual([]);
    // three of three, but fewer than four ties
    expect(THRESHOLDS.brokerTies).toBe(4);
    const three = round([
      ['m1', 'w', null],
      ['m1', 'x', null],
      ['m1', 'y', null],
    ]);
    expect(rules(input(before, three), 'one-broker')).toEqual([]);
    // every member naming more outside actors, evenly, is no risk (a centralisation over every actor would rise)
    const even = round(
      ['m1', 'm2', 'm3', 'm4', 'm5'].flatMap((m) => [[m, 'w', null] as [string, string, null], [m, 'x', null] as [string, string, null]]),
    );
    expect(rules(input(before, even), 'one-broker')).toEqual([]);
  });
  it('member-dropped: named by three members before and by none after; two before is not enough', () => {
    const before = round([
      ['m1', 'm4', null],
      ['m2', 'm4', null],
      ['m3', 'm4', null],
      ['m1', 'm5', null],
      ['m2', 'm5', null],
    ]);
    const after = round([['m4', 'm1', null]]);
    expect(rules(input(before, after), 'member-dropped')).toEqual([
      { rule: 'member-dropped', owner: 'pendamping', params: { member: 'M4', before: THRESHOLDS.droppedNamedBefore } },
    ]);
    // still named by one member: not dropped
    expect(rules(input(before, round([['m1', 'm4', null]])), 'member-dropped')).toEqual([]);
  });
  it('partner-trust: a key partner rated a point lower by enough raters; less, fewer raters or not a key partner: nothing', () => {
    const change = (from: number, to: number): ActorChange => ({
      id: 'w',
      name: 'Warung',
      category: 'pemasaran',
      namingFrom: 3,
      namingTo: 3,
      trustFrom: from,
      trustTo: to,
      cooperationFrom: 1,
      cooperationTo: 1,
    });
    const after = round([
      ['m1', 'w', 3],
      ['m2', 'w', 3],
      ['m3', 'w', 3],
    ]);
    expect(rules(input(base, after, { actors: [change(4, 4 - THRESHOLDS.trustDrop)] }), 'partner-trust')).toEqual([
      { rule: 'partner-trust', owner: 'pendamping', params: { actor: 'Warung', from: 4, to: 3, ratersFrom: 3, ratersTo: 3 } },
    ]);
    expect(rules(input(base, after, { actors: [change(4, 3.1)] }), 'partner-trust')).toEqual([]);
    const twoRaters = round([
      ['m1', 'w', 3],
      ['m2', 'w', 3],
    ]);
    expect(rules(input(base, twoRaters, { actors: [change(4, 3)] }), 'partner-trust')).toEqual([]);
    expect(rules({ ...input(base, after, { actors: [change(4, 3)] }), targetIds: [] }, 'partner-trust')).toEqual([]);
  });
  it('a single round has no risks between rounds', () => {
    expect(recommendations({ ...input(base, base), previous: null }).filter((r) => r.rule === 'member-dropped')).toEqual([]);
  });
});

describe('the sample', async () => {
  const { metrics } = await runToMetrics(SAMPLE);
  it('holds the one risk the evaluation found, a member named by four and then by none; contact spread over members is none', () => {
    const risk = metrics.recommendations.filter((r) => r.rule === 'one-broker' || r.rule === 'member-dropped');
    // Euis Suryani reports the most of the members' ties to outside actors, 23 of 92: a quarter, not half
    expect(risk.map((r) => [r.rule, r.owner, r.params.member, r.params.before])).toEqual([
      ['member-dropped', 'pendamping', 'Ai Nurhayati', 4],
    ]);
    expect(metrics.recommendations.filter((r) => r.rule === 'partner-trust')).toEqual([]);
  });
});
