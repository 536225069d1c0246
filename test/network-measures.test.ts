/**
 * Known-answer tests of every hand-written or wrapped measure against reference values from
 * networkx (test/fixtures/reference/reference.json, made by make_reference.py in that folder) on
 * textbook graphs: Krackhardt's kite, Zachary's karate club, Padgett's Florentine families (with
 * the isolate Pucci, so n = 16 as in the published 0.452 for the Medici), and a directed
 * survey-style network. Undirected textbook graphs enter as directed graphs with both directions,
 * the way a survey in which both sides answered would.
 */
import { readFileSync } from 'node:fs';
import { DirectedGraph, UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { countConnectedComponents, stronglyConnectedComponents } from 'graphology-components';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { interop } from '../pipeline/_interop.ts';
import { discordantPairs } from '../pipeline/metrics/agreement.ts';
import { brokerage } from '../pipeline/metrics/brokerage.ts';
import { clustering } from '../pipeline/metrics/clustering.ts';
import { communities, LOUVAIN_SEED } from '../pipeline/metrics/communities.ts';
import { strongComponents, weakComponents } from '../pipeline/metrics/components.ts';
import { directedDensity } from '../pipeline/metrics/density.ts';
import { eiIndex } from '../pipeline/metrics/ei-index.ts';
import { exactPathMeasures } from '../pipeline/metrics/path-measures.ts';
import { prestige } from '../pipeline/metrics/prestige.ts';
import { reciprocity } from '../pipeline/metrics/reciprocity.ts';
import { structuralHoles } from '../pipeline/metrics/structural-holes.ts';
import { neighbourSets, UndirectedView } from '../pipeline/metrics/views.ts';
import type { ActorAttributes, TieAttributes } from '../pipeline/model/responses.ts';

const betweenness = (g: Parameters<typeof exactPathMeasures>[0]) => exactPathMeasures(g).betweenness;
const weightedBetweenness = (g: Parameters<typeof exactPathMeasures>[0]) => exactPathMeasures(g).cooperationBetweenness;
const distances = (g: Parameters<typeof exactPathMeasures>[0]) => exactPathMeasures(g).distances;

type Dict = Record<string, number>;
interface UndirectedRef {
  nodes: string[];
  edges: [string, string][];
  density: number;
  transitivity: number;
  averageClustering: number;
  meanDistance: number | null;
  betweennessRaw: Dict;
  betweennessNormalized: Dict;
  closeness: Dict;
  harmonicNormalized: Dict;
  pagerank: Dict;
  eigenvectorMax1: Dict;
  constraint: Dict;
  effectiveSize: Dict;
  clustering: Dict;
}
const ref = JSON.parse(readFileSync(new URL('./fixtures/reference/reference.json', import.meta.url), 'utf8')) as {
  krackhardtKite: UndirectedRef;
  karateClub: UndirectedRef;
  florentineFamilies: {
    nodes: string[];
    edges: [string, string][];
    density: number;
    betweennessRaw: Dict;
    betweennessNormalized: Dict;
    harmonicNormalized: Dict;
    transitivity: number;
  };
  survey: SurveyRef;
};
interface SurveyRef {
  density: number;
  reciprocityEdgewise: number;
  transitivity: number;
  averageClustering: number;
  meanDistance: number;
  weakComponents: number;
  strongComponents: number;
  betweennessRaw: Dict;
  betweennessNormalized: Dict;
  betweennessCooperationRaw: Dict;
  closeness: Dict;
  harmonicNormalized: Dict;
  pagerank: Dict;
  constraintWithOutTies: Dict;
  effectiveSizeUndirected: Dict;
}
const survey = JSON.parse(readFileSync(new URL('./fixtures/reference/survey-graph.json', import.meta.url), 'utf8')) as {
  nodes: { id: string; category: string }[];
  edges: [string, string, number][];
};

type G = DirectedGraph<ActorAttributes, TieAttributes>;
const tie = (cooperation: number | null = null): TieAttributes => ({
  trust: null,
  cooperation,
  frequency: null,
  resources: [],
  formal: null,
  strong: false,
  origin: 'survey',
});
const actor = (category = 'internal'): ActorAttributes => ({
  name: '',
  type: '',
  category: category as ActorAttributes['category'],
  member: category === 'internal',
  respondent: true,
});

/**
 * A seeded random survey graph: n actors added in a stride order (v0, v{stride}, …), m draws of a
 * tie (self-loops only with `selfLoops`), each answered back with probability `mutual`.
 */
function randomGraph(n: number, m: number, seed: string, { stride = 7, selfLoops = false, mutual = 0 } = {}): G {
  const rng = seedrandom(seed);
  const g: G = new DirectedGraph();
  for (let i = 0; i < n; i++) g.addNode(`v${(i * stride) % n}`, actor());
  const nodes = g.nodes();
  for (let k = 0; k < m; k++) {
    const [s, t] = [nodes[Math.floor(rng() * n)]!, nodes[Math.floor(rng() * n)]!];
    if ((selfLoops || s !== t) && !g.hasDirectedEdge(s, t)) g.addDirectedEdge(s, t, tie());
    if (mutual > 0 && rng() < mutual && s !== t && !g.hasDirectedEdge(t, s)) g.addDirectedEdge(t, s, tie());
  }
  return g;
}

function symmetric(nodes: string[], edges: [string, string][]): G {
  const g: G = new DirectedGraph();
  for (const n of nodes) g.addNode(n, actor());
  for (const [a, b] of edges) {
    g.addDirectedEdge(a, b, tie());
    g.addDirectedEdge(b, a, tie());
  }
  return g;
}

function surveyGraph(): G {
  const g: G = new DirectedGraph();
  for (const n of survey.nodes) g.addNode(n.id, actor(n.category));
  for (const [s, t, level] of survey.edges) g.addDirectedEdge(s, t, tie(level));
  return g;
}

const close = (actual: Dict | Record<string, number | null>, expected: Dict, digits = 9) => {
  for (const [k, v] of Object.entries(expected)) expect(actual[k], k).toBeCloseTo(v, digits);
};

describe.each([
  ['Krackhardt kite', ref.krackhardtKite],
  ['Zachary karate club', ref.karateClub],
])('%s (undirected, entered in both directions)', (_name, r) => {
  const g = symmetric(r.nodes, r.edges);
  it('density', () => expect(directedDensity(g)).toBeCloseTo(r.density, 12));
  it('betweenness: raw counts each unordered pair twice, normalised equals networkx', () => {
    const b = betweenness(g);
    close(Object.fromEntries(Object.entries(b.raw).map(([k, v]) => [k, v / 2])), r.betweennessRaw);
    close(b.normalized, r.betweennessNormalized);
  });
  it('closeness, harmonic and mean distance', () => {
    const d = distances(g);
    close(d.closeness, r.closeness);
    close(d.harmonicNormalized, r.harmonicNormalized);
    expect(d.meanDistance).toBeCloseTo(r.meanDistance!, 12);
  });
  it('transitivity, average and local clustering', () => {
    const c = clustering(g);
    expect(c.transitivity).toBeCloseTo(r.transitivity, 12);
    expect(c.averageClustering).toBeCloseTo(r.averageClustering, 12);
    close(c.local, r.clustering);
  });
  it("Burt's constraint and effective size", () => {
    const h = structuralHoles(g);
    close(h.constraint, r.constraint);
    close(h.effectiveSize, r.effectiveSize);
  });
  it('eigenvector (max = 1) on a strongly connected graph, and PageRank', () => {
    const p = prestige(g);
    expect(p.measure).toBe('eigenvector');
    close(p.eigenvector!, r.eigenvectorMax1, 6);
    close(p.pagerank, r.pagerank, 9);
  });
});

describe("Padgett's Florentine families with the isolate Pucci", () => {
  const r = ref.florentineFamilies;
  const g = symmetric(r.nodes, r.edges);
  it('Medici: raw betweenness 47.5, normalised 0.452 (n = 16)', () => {
    const b = betweenness(g);
    expect(b.raw.Medici! / 2).toBe(47.5);
    expect(b.normalized.Medici).toBeCloseTo(0.45238095238, 9);
    close(b.normalized, r.betweennessNormalized);
  });
  it('isolates count in n: density and harmonic', () => {
    expect(directedDensity(g)).toBeCloseTo(r.density, 12);
    close(distances(g).harmonicNormalized, r.harmonicNormalized);
    expect(distances(g).harmonicNormalized.Pucci).toBe(0);
  });
  it('a graph with an isolate is not strongly connected: no eigenvector, PageRank instead', () => {
    const p = prestige(g);
    expect(p.measure).toBe('pagerank');
    expect(p.eigenvector).toBeNull();
  });
  it('Pucci has undefined constraint and effective size', () => {
    expect(structuralHoles(g).constraint.Pucci).toBeNull();
    expect(structuralHoles(g).effectiveSize.Pucci).toBeNull();
  });
});

describe('a directed survey-style network', () => {
  const r = ref.survey;
  const g = surveyGraph();
  it('density, edgewise reciprocity, components', () => {
    expect(directedDensity(g)).toBeCloseTo(r.density, 12);
    expect(reciprocity(g).edgewise).toBeCloseTo(r.reciprocityEdgewise, 12);
    expect(weakComponents(g)).toBe(r.weakComponents);
    expect(strongComponents(g)).toBe(r.strongComponents);
  });
  it('transitivity and average clustering of the undirected view', () => {
    const c = clustering(g);
    expect(c.transitivity).toBeCloseTo(r.transitivity, 12);
    expect(c.averageClustering).toBeCloseTo(r.averageClustering, 12);
  });
  it('directed betweenness (raw, normalised) and cooperation-weighted betweenness (distance 6 − level)', () => {
    close(betweenness(g).raw, r.betweennessRaw);
    close(betweenness(g).normalized, r.betweennessNormalized);
    close(weightedBetweenness(g).raw, r.betweennessCooperationRaw);
  });
  it('closeness and harmonic over incoming distances; mean distance over reachable pairs', () => {
    const d = distances(g);
    close(d.closeness, r.closeness);
    close(d.harmonicNormalized, r.harmonicNormalized);
    expect(d.meanDistance).toBeCloseTo(r.meanDistance, 12);
  });
  it('not strongly connected: PageRank (networkx at 1e-9), no eigenvector', () => {
    const p = prestige(g);
    expect(p.measure).toBe('pagerank');
    close(p.pagerank, r.pagerank);
  });
  it('constraint equals networkx wherever networkx defines it (actors with out-ties)', () => {
    close(structuralHoles(g).constraint, r.constraintWithOutTies);
  });
  it('constraint of actors with no out-ties (networkx: NaN) by hand', () => {
    // w2 is named only by m3: one neighbour, p = 1, constraint (1 + 0)² = 1.
    // tr is named by m4 and m5, who are tied (m5 → m4): p = 1/2 each; m4: 1/2 + p(tr,m5)·p(m5,m4)
    // where m5's mutual weights: m1 1, m4 1, m6 1, tr 1 → p(m5,m4) = 1/4. So each term is
    // (1/2 + 1/2 · 1/4)² = (5/8)², and c = 2 · 25/64 = 50/64.
    const c = structuralHoles(g).constraint;
    expect(c.w2).toBeCloseTo(1, 12);
    // m4's mutual weights: m1 1, m5 1, m6 1, tr 1 → p(m4, m5) = 1/4
    expect(c.tr).toBeCloseTo(2 * (1 / 2 + (1 / 2) * (1 / 4)) ** 2, 12);
  });
  it('effective size on the undirected view equals networkx', () => {
    close(structuralHoles(g).effectiveSize, r.effectiveSizeUndirected);
  });
});

describe("Burt's measures on typed arrays", () => {
  /** The textbook double sums over neighbour sets, as the measure's header states them. */
  function textbook(graph: G) {
    const a = (i: string, j: string) => (graph.hasDirectedEdge(i, j) ? 1 : 0);
    const nbrs = neighbourSets(graph);
    const total = (i: string) => [...nbrs.get(i)!].reduce((s, j) => s + a(i, j) + a(j, i), 0);
    const p = (i: string, j: string) => (a(i, j) + a(j, i)) / total(i);
    const out: Record<string, [number, number] | null> = {};
    for (const [i, set] of nbrs) {
      const list = [...set];
      if (list.length === 0) {
        out[i] = null;
        continue;
      }
      let c = 0;
      for (const j of list) {
        let indirect = 0;
        for (const q of list) if (q !== j) indirect += p(i, q) * p(q, j);
        c += (p(i, j) + indirect) ** 2;
      }
      let ties = 0;
      for (const x of list) for (const y of list) if (x < y && nbrs.get(x)!.has(y)) ties++;
      out[i] = [c, list.length - (2 * ties) / list.length];
    }
    return out;
  }
  it.each([
    [12, 30, 'sparse'],
    [30, 200, 'dense, many mutual ties'],
    [60, 90, 'with isolates'],
  ])('equal the textbook sums to the bit (n=%i, m≈%i, %s)', (n, m, seed) => {
    const g = randomGraph(n, m, seed, { stride: 7 });
    const h = structuralHoles(g);
    for (const [v, expected] of Object.entries(textbook(g))) {
      expect(h.constraint[v], v).toBe(expected?.[0] ?? null);
      expect(h.effectiveSize[v], v).toBe(expected?.[1] ?? null);
    }
  });
});

describe('Gould–Fernandez brokerage (worked by hand)', () => {
  // a1 → b → c1 with groups: every combination of the five roles, b the only broker.
  const cases: [string, [string, string, string], keyof ReturnType<typeof brokerage>[string]][] = [
    ['coordinator', ['X', 'X', 'X'], 'coordinator'],
    ['itinerant', ['X', 'Y', 'X'], 'itinerant'],
    ['gatekeeper', ['X', 'Y', 'Y'], 'gatekeeper'],
    ['representative', ['X', 'X', 'Y'], 'representative'],
    ['liaison', ['X', 'Y', 'Z'], 'liaison'],
  ];
  it.each(cases)('%s', (_name, [ga, gb, gc], role) => {
    const g = new DirectedGraph();
    g.addNode('a');
    g.addNode('b');
    g.addNode('c');
    g.addDirectedEdge('a', 'b');
    g.addDirectedEdge('b', 'c');
    const groups: Record<string, string> = { a: ga, b: gb, c: gc };
    const roles = brokerage(g, (n) => groups[n]!);
    expect(roles.b![role]).toBe(1);
    expect(roles.b!.total).toBe(1);
    expect(roles.a!.total + roles.c!.total).toBe(0);
  });
  it('no brokerage when a already names c', () => {
    const g = new DirectedGraph();
    for (const n of ['a', 'b', 'c']) g.addNode(n);
    g.addDirectedEdge('a', 'b');
    g.addDirectedEdge('b', 'c');
    g.addDirectedEdge('a', 'c');
    expect(brokerage(g, () => 'X').b!.total).toBe(0);
  });
  it('in the survey network, m1 brokers members to the marketing outlet and Karang Taruna', () => {
    const g = surveyGraph();
    const cat = Object.fromEntries(survey.nodes.map((n) => [n.id, n.category]));
    const m1 = brokerage(g, (n) => cat[n]!).m1!;
    // in: m2, m3, m4, m5, w1, kt; out: m2, m3, w1, kt. Pairs (a→m1→c, a≠c, no a→c):
    // m2→m1→kt (representative; m2→w1, m2→m3 exist), m3→m1→w1, m3→m1→kt (representative),
    // m4→m1→{m2, m3} (coordinator ×2), m4→m1→{w1, kt} (representative ×2), m5 likewise (2 + 2),
    // w1→m1→{m2, m3} (gatekeeper ×2), w1→m1→kt (liaison), kt→m1→{m2, m3} (gatekeeper ×2), kt→m1→w1 (liaison).
    expect(m1).toEqual({ coordinator: 4, itinerant: 0, gatekeeper: 4, representative: 7, liaison: 2, total: 17 });
  });
});

describe('E-I index (worked by hand)', () => {
  it('network, group and actor levels', () => {
    // members a, b; shop s. Ties a→b (internal), a→s, b→s (external): EI = (2 − 1) / 3.
    const g = new DirectedGraph();
    for (const n of ['a', 'b', 's']) g.addNode(n);
    g.addDirectedEdge('a', 'b');
    g.addDirectedEdge('a', 's');
    g.addDirectedEdge('b', 's');
    const ei = eiIndex(g, (n) => (n === 's' ? 'shop' : 'member'));
    expect(ei.network).toBeCloseTo(1 / 3, 12);
    expect(ei.groups).toEqual({ member: 1 / 3, shop: 1 });
    expect(ei.actors).toEqual({ a: 0, b: 0, s: 1 });
  });
});

describe('components', () => {
  it.each([
    [50, 20, 'almost all isolates'],
    [200, 260, 'sparse: many weak, most strong of one actor'],
    [200, 900, 'denser, with self-loops and mutual ties'],
    [500, 1500, 'one giant strong component'],
  ])('count as graphology-components counts them (n=%i, m≈%i, %s)', (n, m, seed) => {
    const g = randomGraph(n, m, seed, { stride: 11, selfLoops: true, mutual: 0.4 });
    const [weak, strong] = [countConnectedComponents(g), stronglyConnectedComponents(g).length];
    expect([weakComponents(g), strongComponents(g)]).toEqual([weak, strong]);
  });
  it('a cycle is one strong component, a path as many as its actors, in a long chain without recursion', () => {
    const chain = (n: number, closed: boolean) => {
      const g: G = new DirectedGraph();
      for (let i = 0; i < n; i++) g.addNode(`v${i}`, actor());
      for (let i = 0; i + 1 < n; i++) g.addDirectedEdge(`v${i}`, `v${i + 1}`, tie());
      if (closed) g.addDirectedEdge(`v${n - 1}`, 'v0', tie());
      return g;
    };
    expect(strongComponents(chain(100_000, true))).toBe(1);
    expect(strongComponents(chain(1000, false))).toBe(1000);
    expect(weakComponents(chain(1000, false))).toBe(1);
  });
});

describe('discordant pairs and communities', () => {
  it('flags pairs two steps apart, both ways answered', () => {
    const g: G = new DirectedGraph();
    for (const n of ['a', 'b', 'c']) g.addNode(n, actor());
    g.addDirectedEdge('a', 'b', { ...tie(4), trust: 5 });
    g.addDirectedEdge('b', 'a', { ...tie(1), trust: 4 });
    g.addDirectedEdge('a', 'c', tie(5));
    expect(discordantPairs(g)).toEqual([{ a: 'a', b: 'b', item: 'cooperation', ab: 4, ba: 1 }]);
  });
  it('Louvain is seeded: the same partition every time, two groups for two joined triangles', () => {
    const g = symmetric(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      [
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
        ['d', 'e'],
        ['e', 'f'],
        ['d', 'f'],
        ['c', 'd'],
      ],
    );
    const first = communities(g);
    expect(communities(g)).toEqual(first);
    expect(first.count).toBe(2);
    expect(first.membership).toMatchObject({ a: 0, b: 0, c: 0, d: 1, e: 1, f: 1 });
    expect(first.modularity).toBeCloseTo(5 / 14, 12); // two triangles joined by one edge, m = 7
  });
  /** The undirected view as a graphology graph, built as the measure once built it. */
  function graphologyView(g: G): UndirectedGraph {
    const view = new UndirectedGraph();
    g.forEachNode((node) => view.addNode(node));
    g.forEachDirectedEdge((_e, _a, s, t) => {
      if (s !== t && !view.hasEdge(s, t)) view.addEdge(s, t);
    });
    return view;
  }
  it.each([
    [40, 60, 'sparse, many small communities'],
    [120, 600, 'mutual ties and self-loops'],
    [400, 1600, 'a kota-like size'],
  ])('Louvain on the array view gives what it gives on a graphology graph, to the bit (n=%i, m≈%i, %s)', (n, m, seed) => {
    const g = randomGraph(n, m, seed, { stride: 13, selfLoops: true, mutual: 0.3 });
    const nodes = g.nodes();
    const reference = graphologyView(g);
    const view = new UndirectedView(g);
    expect([view.order, view.size]).toEqual([reference.order, reference.size]);
    expect(view.nodes()).toEqual(reference.nodes());
    for (const node of nodes) expect(view.undirectedDegreeWithoutSelfLoops(node)).toBe(reference.undirectedDegreeWithoutSelfLoops(node));
    const pairs = (v: { forEachEdge: UndirectedView['forEachEdge'] }) => {
      const out: string[] = [];
      v.forEachEdge((_e, _a, s, t) => out.push(`${s}-${t}`));
      return out;
    };
    expect(pairs(view)).toEqual(pairs(reference));
    const options = { getEdgeWeight: null, rng: seedrandom(LOUVAIN_SEED), resolution: 1 };
    const expected = interop(louvainModule).detailed(reference, options);
    const measured = communities(g);
    expect(measured.modularity).toBe(expected.modularity);
    // the same partition (communities renumbered by first actor id)
    const byCommunity = (membership: Record<string, number>) => {
      const groups = new Map<number, string[]>();
      for (const node of Object.keys(membership).sort()) groups.set(membership[node]!, [...(groups.get(membership[node]!) ?? []), node]);
      return [...groups.values()].map((group) => group.join());
    };
    expect(byCommunity(measured.membership).sort()).toEqual(byCommunity(expected.communities).sort());
    expect(measured.count).toBeGreaterThan(1);
  });
});
