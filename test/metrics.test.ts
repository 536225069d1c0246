import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { metricsFiles, networkFiles } from '../pipeline/artifacts.ts';
import { DEFAULTS } from '../pipeline/config.ts';
import { editionRules } from '../pipeline/edition.ts';
import { panelGraph } from '../pipeline/evidence/panel.ts';
import { betweennessCentralization, inDegreeCentralization } from '../pipeline/metrics/centralization.ts';
import { directedDensity, undirectedDensity } from '../pipeline/metrics/density.ts';
import { exactPathMeasures } from '../pipeline/metrics/path-measures.ts';
import { reciprocity } from '../pipeline/metrics/reciprocity.ts';
import { isStrong } from '../pipeline/metrics/tie-strength.ts';
import { networkFigures, roundMetrics } from '../pipeline/metrics.ts';
import { buildRoundGraph, roundGraph } from '../pipeline/network.ts';
import { cooperationIndex, trustIndex, trustScale } from '../pipeline/scales.ts';
import { fixture, runToMetrics, SAMPLE } from './helpers.ts';

const betweenness = (g: Parameters<typeof exactPathMeasures>[0]) => exactPathMeasures(g).betweenness;

function digraph(n: number, edges: [number, number][]) {
  const g = new DirectedGraph();
  for (let i = 0; i < n; i++) g.addNode(String(i));
  for (const [s, t] of edges) g.addDirectedEdge(String(s), String(t));
  return g;
}

describe('density', () => {
  // 4 nodes, ties 0→1, 1→0, 0→2, 1→2; node 3 isolated.
  // directed: 4 / (4·3) = 1/3; undirected pairs {0,1},{0,2},{1,2} = 3 → 2·3 / (4·3) = 1/2
  const g = digraph(4, [
    [0, 1],
    [1, 0],
    [0, 2],
    [1, 2],
  ]);
  it('directed counts isolates in n', () => expect(directedDensity(g)).toBeCloseTo(1 / 3, 12));
  it('undirected counts a mutual pair once', () => expect(undirectedDensity(g)).toBeCloseTo(1 / 2, 12));
  it('is undefined below two actors', () => expect(directedDensity(digraph(1, []))).toBeNull());
});

describe('reciprocity', () => {
  it.each([
    // Krackhardt-style toy: 2 reciprocated of 4 ties; dyads: 1 mutual, 2 asymmetric
    [
      [
        [0, 1],
        [1, 0],
        [0, 2],
        [1, 2],
      ],
      0.5,
      1 / 3,
    ],
    [
      [
        [0, 1],
        [1, 2],
      ],
      0,
      0,
    ],
    [
      [
        [0, 1],
        [1, 0],
      ],
      1,
      1,
    ],
  ] as [[number, number][], number, number][])('%j → edgewise %d, dyadic %d', (edges, edgewise, dyadic) => {
    const r = reciprocity(digraph(3, edges));
    expect(r.edgewise).toBeCloseTo(edgewise, 12);
    expect(r.dyadic).toBeCloseTo(dyadic, 12);
  });
  it('is undefined with no ties', () => expect(reciprocity(digraph(3, []))).toEqual({ edgewise: null, dyadic: null }));
});

describe('Freeman centralisation', () => {
  it('an in-star is 1 (everyone names the centre)', () => {
    expect(inDegreeCentralization([4, 0, 0, 0, 0])).toBeCloseTo(1, 12);
  });
  it('equal in-degrees give 0', () => expect(inDegreeCentralization([1, 1, 1])).toBe(0));
  it('a directed two-way star has betweenness centralisation 1', () => {
    // centre 0 ↔ leaves 1..4: the centre lies on all (n−1)(n−2) = 12 leaf-to-leaf paths
    const g = digraph(
      5,
      [1, 2, 3, 4].flatMap(
        (l) =>
          [
            [0, l],
            [l, 0],
          ] as [number, number][],
      ),
    );
    const b = betweenness(g);
    expect(b.raw['0']).toBe(12);
    expect(b.normalized['0']).toBeCloseTo(1, 12);
    expect(betweennessCentralization(Object.values(b.raw))).toBeCloseTo((12 * 4) / (4 ** 2 * 3), 12);
  });
  it('betweenness on a directed path 0→1→2→3: raw 0, 2, 2, 0', () => {
    const b = betweenness(
      digraph(4, [
        [0, 1],
        [1, 2],
        [2, 3],
      ]),
    );
    expect([b.raw['0'], b.raw['1'], b.raw['2'], b.raw['3']]).toEqual([0, 2, 2, 0]);
  });
  it('ignores an edge attribute named weight (no silent weighting)', () => {
    const g = digraph(3, [
      [0, 1],
      [1, 2],
    ]);
    g.forEachEdge((e) => g.setEdgeAttribute(e, 'weight', 100));
    expect(betweenness(g).raw['1']).toBe(1);
  });
});

describe('indexes and tie strength', () => {
  it.each([
    [1, 0],
    [3, 50],
    [5, 100],
  ])('trust index of mean %d is %d', (m, idx) => expect(trustIndex(m, trustScale(5))).toBe(idx));
  it.each([
    [1, 0],
    [2.5, 50],
    [4, 100],
  ])('on a 4-point scale, trust index of mean %d is %d', (m, idx) => expect(trustIndex(m, trustScale(4))).toBe(idx));
  it.each([
    [0, 0],
    [2.5, 50],
    [5, 100],
  ])('cooperation index of mean %d is %d', (m, idx) => expect(cooperationIndex(m)).toBe(idx));
  it.each([
    [{ frequency: 4, cooperation: 3, resources: ['informasi'], formal: false }, true],
    [{ frequency: 1, cooperation: 2, resources: [], formal: false }, false],
    [{ frequency: null, cooperation: 3, resources: [], formal: true }, true],
    [{ frequency: 3, cooperation: null, resources: [], formal: null }, false],
  ])('%j strong: %s', (tie, strong) => expect(isStrong(tie, DEFAULTS.strongTie)).toBe(strong));
});

describe('metrics of the tiny case (worked by hand)', async () => {
  // Ties kept: Ani→Budi (5, 3, freq 4, informasi), Budi→Ani (4, 2, freq 1), Ani→Citra (4, 3,
  // pemasaran, MoU), Budi→Citra (3, 1, freq unknown). Dinas Koperasi is isolated. n = 4, m = 4.
  const { metrics, networks } = await runToMetrics(fixture('tiny'));
  const net = metrics.rounds[0]!.network;
  it('whole-network figures', () => {
    expect(net).toMatchObject({
      actors: 4,
      ties: 4,
      respondents: 2,
      members: 2,
      memberRespondents: 2,
      responseRate: 1,
      weakComponents: 2,
      isolates: 1,
    });
    expect(net.density).toBeCloseTo(1 / 3, 9);
    expect(net.densityUndirected).toBeCloseTo(1 / 2, 9);
    expect(net.reciprocityEdgewise).toBeCloseTo(0.5, 9);
    expect(net.reciprocityDyadic).toBeCloseTo(1 / 3, 9);
    // in-degrees 1, 1, 2, 0: Σ(2 − d) = 4 over (n−1)² = 9
    expect(net.inDegreeCentralization).toBeCloseTo(4 / 9, 9);
    expect(net.betweennessCentralization).toBe(0);
    expect(net.meanTrust).toBe(4); // (5 + 4 + 4 + 3) / 4
    expect(net.trustIndex).toBe(75);
    expect(net.meanCooperation).toBe(2.25); // (3 + 2 + 3 + 1) / 4
    expect(net.cooperationIndex).toBe(45);
    expect(net.coordinationShare).toBe(0.5);
    expect(net.strongTieShare).toBe(0.5); // Ani→Budi and Ani→Citra
    // the primary figures: Citra is the one outside actor known, rated 4 and 3 by the two members,
    // and cooperating (Ani reports an MoU)
    expect(net.known).toBe(1);
    expect(net.trust).toBe(3.5);
    expect(net.cooperation).toBe(1);
  });
  it('per-actor figures', () => {
    const citra = metrics.rounds[0]!.actors.find((a) => a.name === 'Warung Citra')!;
    expect(citra).toMatchObject({ inDegree: 2, outDegree: 0, trustReceived: 3.5, trustRaters: 2, cooperationReceived: 2 });
    expect(citra.degreeNormalized).toBeCloseTo(2 / 3, 9);
  });
  it('resource systems: Citra known, contacted, cooperating and formal; the dinas only mapped', () => {
    expect(metrics.rounds[0]!.resourceSystems.pemasaran).toEqual({ mapped: 1, known: 1, contacted: 1, cooperating: 1, formal: 1 });
    expect(metrics.rounds[0]!.resourceSystems.legalitas).toEqual({ mapped: 1, known: 0, contacted: 0, cooperating: 0, formal: 0 });
  });
  it('does not change the graph it measures', async () => {
    const { responses } = await runToMetrics(fixture('tiny'));
    const graph = buildRoundGraph(responses.actors, responses.rounds[0]!, responses.settings);
    const before = JSON.stringify(graph.export());
    await roundMetrics(graph, responses.rounds[0]!.round, responses.rounds[0]!.respondents, responses.settings);
    expect(JSON.stringify(graph.export())).toBe(before);
    expect(networks.rounds[0]!.graph.edges?.every((e) => !('weight' in (e.attributes ?? {})))).toBe(true);
  });
});

describe('metrics of the sample case', async () => {
  const { metrics, networks } = await runToMetrics(SAMPLE);
  const [pre, post] = metrics.rounds;
  it('lays every roster actor out once, in the unit square, the same for both rounds', () => {
    expect(Object.keys(networks.layout).sort()).toEqual(networks.actors.map((a) => a.id).sort());
    for (const p of Object.values(networks.layout)) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1);
    }
  });
  it("tells the paper's story: more ties, cooperation and formal agreements after the intervention", () => {
    expect(post!.network.ties).toBeGreaterThan(pre!.network.ties);
    expect(post!.network.coordinationShare!).toBeGreaterThan(pre!.network.coordinationShare!);
    expect(pre!.resourceSystems.pemasaran.formal).toBe(0);
    expect(post!.resourceSystems.pemasaran.formal).toBe(4); // Warung Susi, Ronal, Winarni, PUSDIKTEK
    const blk = post!.actors.find((a) => a.id === 'blk')!;
    expect(blk.cooperationReceived).toBe(1); // BLK contacted, training not reached
  });
  it("measures a network's own figures alone as the whole round does, on its rounds and on a panel network", async () => {
    for (const [i, r] of networks.rounds.entries()) {
      const graph = roundGraph(r);
      const round = await roundMetrics(graph, r.round, r.respondents, networks.settings, r.asked);
      expect(round.network.ties).toBe(metrics.rounds[i]!.network.ties);
      expect(await networkFigures(graph, r.respondents, networks.settings, r.asked)).toEqual(round.network);
      // the first half of the respondents as a panel: fewer ties, other figures, the same agreement
      const half = r.respondents.slice(0, Math.ceil(r.respondents.length / 2));
      const panel = panelGraph(graph, r.round, half, networks.actors, networks.knownTies, networks.settings);
      const whole = await roundMetrics(panel, r.round, half, networks.settings, r.asked);
      expect(whole.network.ties).toBeLessThan(round.network.ties);
      expect(await networkFigures(panel, half, networks.settings, r.asked)).toEqual(whole.network);
    }
  });
  it('reads each round as the graph the network stage built, and leaves it as it was exported', () => {
    for (const r of networks.rounds) {
      const graph = roundGraph(r);
      expect(roundGraph(r)).toBe(graph); // the one graph, not a copy a call
      expect(JSON.stringify(graph.export())).toBe(JSON.stringify(r.graph)); // after the metrics stage read it
      // a round read back from its JSON (network.json) is the same graph
      const copy = roundGraph(JSON.parse(JSON.stringify(r)));
      expect(copy).not.toBe(graph);
      expect(JSON.stringify(copy.export())).toBe(JSON.stringify(r.graph));
    }
  });
  it('writing the artifacts does not change the stage outputs', () => {
    const before = [JSON.stringify(networks), JSON.stringify(metrics)];
    const internal = editionRules('internal');
    const written = [...networkFiles(networks, internal), ...metricsFiles(metrics, networks, internal)].map(([path]) => path);
    expect(written).toContain('metrics.json');
    expect([JSON.stringify(networks), JSON.stringify(metrics)]).toEqual(before);
  });
  it('records the change between the rounds on the panel: the ties of the three outside actors who joined are not gains', () => {
    expect(metrics.comparisons).toHaveLength(1);
    const c = metrics.comparisons[0]!;
    expect(c.panel.joined).toEqual({ ids: ['karang-taruna', 'w-ronal', 'w-winarni'], members: 0, outside: 3 });
    expect(c.panel.left.ids).toEqual([]);
    // the joiners reported c.ties.joined ties in the later round: the panel's change leaves them out
    expect(c.ties.joined).toBe(4);
    expect(c.figures.ties.change).toBe(post!.network.ties - c.ties.joined - pre!.network.ties);
    expect(c.figures.ties).toMatchObject({ network: 'panel', panel: 12, status: 'untested', verdict: null });
  });
});

it('above the layout limit actors go on a circle by category, with no force layout', async () => {
  const { unionLayout, LAYOUT_LIMIT } = await import('../pipeline/network.ts');
  const actors = Array.from({ length: LAYOUT_LIMIT + 1 }, (_, i) => ({
    id: `a${i}`,
    name: `A ${i}`,
    type: 'anggota',
    category: (i % 2 ? 'internal' : 'pemasaran') as 'internal' | 'pemasaran',
    aliases: [],
    member: i % 2 === 1,
  }));
  const layout = unionLayout(actors, []);
  expect(Object.keys(layout)).toHaveLength(LAYOUT_LIMIT + 1);
  for (const p of Object.values(layout)) expect(Math.hypot(p.x - 0.5, p.y - 0.5)).toBeCloseTo(0.45, 3);
});
