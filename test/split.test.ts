/**
 * Density and reciprocity by kind of pair (pipeline/metrics/split.ts): a graph worked by hand, the
 * blocks adding up to the whole network on the sample, and the sample's known figures (among
 * members reciprocity 36 % → 47 % while overall it is 37 % → 27 %).
 */
import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { splitFigures } from '../pipeline/metrics/split.ts';
import { runToMetrics, SAMPLE } from './helpers.ts';

describe('splitFigures', () => {
  it('matches a graph worked by hand', () => {
    // members m1 m2 m3, outside o1 (answered) and o2;
    // m1 ⇄ m2, m1 → m3; m1 ⇄ o1, m2 → o2; o1 ⇄ o2 (a tie known from mapping, both directions)
    const g = new DirectedGraph();
    for (const n of ['m1', 'm2', 'm3', 'o1', 'o2']) g.addNode(n);
    for (const [a, b] of [
      ['m1', 'm2'],
      ['m2', 'm1'],
      ['m1', 'm3'],
      ['m1', 'o1'],
      ['o1', 'm1'],
      ['m2', 'o2'],
      ['o1', 'o2'],
      ['o2', 'o1'],
    ])
      g.addDirectedEdge(a!, b!);
    const split = splitFigures(
      g,
      (n) => n.startsWith('m'),
      (n) => n !== 'o2',
    );
    // 3 ties of 3·2 = 6 pairs; 2 of the 3 returned; 1 mutual and 1 one-way dyad
    expect(split.memberMember).toEqual({ ties: 3, pairs: 6, density: 0.5, reciprocityEdgewise: 2 / 3, reciprocityDyadic: 0.5 });
    // 3 ties of 2·3·2 = 12 ordered pairs between a member and an outside actor
    expect(split.memberOutside).toEqual({ ties: 3, pairs: 12, density: 0.25, reciprocityEdgewise: 2 / 3, reciprocityDyadic: 0.5 });
    expect(split.outsideOutside).toEqual({ ties: 2, pairs: 2, density: 1, reciprocityEdgewise: 1, reciprocityDyadic: 1 });
    expect(split.outsideRespondents).toBe(1);
  });

  it('gives null, not zero, for a block without pairs or without ties', () => {
    const g = new DirectedGraph();
    g.addNode('m1');
    g.addNode('o1');
    const split = splitFigures(
      g,
      (n) => n === 'm1',
      () => false,
    );
    expect(split.memberMember).toEqual({ ties: 0, pairs: 0, density: null, reciprocityEdgewise: null, reciprocityDyadic: null });
    expect(split.memberOutside).toEqual({ ties: 0, pairs: 2, density: 0, reciprocityEdgewise: null, reciprocityDyadic: null });
  });

  it('adds up to the whole network on the sample, and gives its known figures', async () => {
    const { metrics } = await runToMetrics(SAMPLE);
    for (const r of metrics.rounds) {
      const blocks = [r.split.memberMember, r.split.memberOutside, r.split.outsideOutside];
      const ties = blocks.reduce((s, b) => s + b.ties, 0);
      const pairs = blocks.reduce((s, b) => s + b.pairs, 0);
      const returned = blocks.reduce((s, b) => s + (b.reciprocityEdgewise ?? 0) * b.ties, 0);
      expect(ties).toBe(r.network.ties + r.network.mappedTies);
      expect(pairs).toBe(r.network.actors * (r.network.actors - 1));
      // metrics.json keeps 9 decimals
      expect(ties / pairs).toBeCloseTo(r.network.density!, 8);
      expect(returned / ties).toBeCloseTo(r.network.reciprocityEdgewise!, 8);
      // every mapping tie is between outside actors; outside actors who answered add survey ties there too
      expect(r.split.outsideOutside.ties).toBeGreaterThanOrEqual(r.network.mappedTies);
    }
    const [pra, pasca] = metrics.rounds;
    const pct = (v: number | null) => Math.round(v! * 100);
    expect([pct(pra!.network.reciprocityEdgewise), pct(pasca!.network.reciprocityEdgewise)]).toEqual([37, 27]);
    expect([pct(pra!.split.memberMember.reciprocityEdgewise), pct(pasca!.split.memberMember.reciprocityEdgewise)]).toEqual([36, 47]);
    // 44 and 47 ties among 10 members (90 ordered pairs)
    expect([pra!.split.memberMember.ties, pasca!.split.memberMember.ties]).toEqual([44, 47]);
    expect(pra!.split.memberMember.pairs).toBe(90);
  });
});
