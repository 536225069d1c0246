/**
 * Stage 2, network: `Responses` → one directed graphology graph per round, plus node positions
 * computed once over the union of all rounds so that every round's map lines up.
 *
 * Each round's graph holds every roster actor, tied or not (isolates change n, density and
 * normalised scores). An edge respondent → actor carries trust, cooperation, frequency,
 * resources, formal and `strong` (see metrics/tie-strength.ts). No attribute is called `weight`:
 * graphology would silently read it as a distance.
 */

import { DirectedGraph, UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import { interop } from './_interop.ts';
import { isStrong } from './metrics/tie-strength.ts';
import type {
  Actor,
  ActorAttributes,
  KnownTie,
  Networks,
  Position,
  Responses,
  RoundResponses,
  Settings,
  TieAttributes,
} from './model/responses.ts';

const forceAtlas2 = interop(forceAtlas2Module);

export type RoundGraph = DirectedGraph<ActorAttributes, TieAttributes>;

export function buildRoundGraph(actors: Actor[], round: RoundResponses, settings: Settings, knownTies: KnownTie[] = []): RoundGraph {
  const graph: RoundGraph = new DirectedGraph();
  const respondents = new Set(round.respondents);
  for (const a of actors) {
    graph.addNode(a.id, { name: a.name, type: a.type, category: a.category, member: a.member, respondent: respondents.has(a.id) });
  }
  for (const t of round.ties) {
    graph.addDirectedEdgeWithKey(`${t.from}->${t.to}`, t.from, t.to, {
      trust: t.trust,
      cooperation: t.cooperation,
      frequency: t.frequency,
      resources: t.resources,
      formal: t.formal,
      strong: isStrong(t, settings.strongTie),
      origin: 'survey',
    });
  }
  // Ties between outside actors known from mapping, in both directions, unless reported.
  for (const k of knownTies) {
    for (const [s, t] of [
      [k.a, k.b],
      [k.b, k.a],
    ] as const) {
      if (graph.hasDirectedEdge(s, t)) continue;
      const attrs = { trust: null, cooperation: k.cooperation, frequency: null, resources: k.resources, formal: null };
      graph.addDirectedEdgeWithKey(`${s}->${t}`, s, t, { ...attrs, strong: isStrong(attrs, settings.strongTie), origin: 'mapping' });
    }
  }
  return graph;
}

/** Above this many actors no force layout is computed: the report draws such networks aggregated by
 * category (charts/category-map.ts), and Gephi lays out the GEXF files itself. */
export const LAYOUT_LIMIT = 2000;

/**
 * Positions over the union of all rounds: ForceAtlas2 (no randomness: it starts from a circle in
 * roster order), strong gravity so isolates stay near; actors never tied in any round go on an
 * outer ring. Scaled into [0.05, 0.95]². Above LAYOUT_LIMIT actors: a circle in roster order.
 */
export function unionLayout(actors: Actor[], rounds: RoundResponses[], knownTies: KnownTie[] = []): Record<string, Position> {
  if (actors.length > LAYOUT_LIMIT) {
    const ordered = [...actors].sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id));
    return Object.fromEntries(
      ordered.map((a, i) => [
        a.id,
        {
          x: Math.round((0.5 + 0.45 * Math.cos((2 * Math.PI * i) / ordered.length)) * 1e4) / 1e4,
          y: Math.round((0.5 + 0.45 * Math.sin((2 * Math.PI * i) / ordered.length)) * 1e4) / 1e4,
        },
      ]),
    );
  }
  const union = new UndirectedGraph();
  const ordered = [...actors].sort((a, b) => a.id.localeCompare(b.id));
  for (const a of ordered) union.addNode(a.id);
  for (const r of rounds) for (const t of r.ties) union.mergeEdge(t.from, t.to);
  for (const k of knownTies) union.mergeEdge(k.a, k.b);
  const tied = ordered.filter((a) => union.degree(a.id) > 0);
  const loose = ordered.filter((a) => union.degree(a.id) === 0);

  const positions: Record<string, Position> = {};
  if (tied.length > 0) {
    tied.forEach((a, i) => {
      const angle = (2 * Math.PI * i) / tied.length;
      union.setNodeAttribute(a.id, 'x', Math.cos(angle) * 100);
      union.setNodeAttribute(a.id, 'y', Math.sin(angle) * 100);
    });
    for (const a of loose) union.dropNode(a.id);
    // Barnes–Hut above 500 actors (city-wide networks): O(n log n) per iteration instead of O(n²)
    const big = union.order > 500;
    const result = forceAtlas2(union, {
      iterations: big ? 150 : 600,
      settings: { ...forceAtlas2.inferSettings(union), strongGravityMode: true, gravity: 0.5, scalingRatio: 10, barnesHutOptimize: big },
    });
    const xs = tied.map((a) => result[a.id]!.x);
    const ys = tied.map((a) => result[a.id]!.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const span = Math.max(maxX - minX, maxY - minY) || 1;
    const inner = loose.length > 0 ? 0.72 : 0.9;
    for (const a of tied) {
      const p = result[a.id]!;
      positions[a.id] = {
        x: 0.5 + ((p.x - (minX + maxX) / 2) / span) * inner,
        y: 0.5 + ((p.y - (minY + maxY) / 2) / span) * inner,
      };
    }
  }
  loose.forEach((a, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / loose.length;
    positions[a.id] = { x: 0.5 + 0.46 * Math.cos(angle), y: 0.5 + 0.46 * Math.sin(angle) };
  });
  for (const id of Object.keys(positions)) {
    const p = positions[id]!;
    positions[id] = { x: Math.round(p.x * 1e4) / 1e4, y: Math.round(p.y * 1e4) / 1e4 };
  }
  return positions;
}

/** Run the network stage. Does not change `responses`. */
export function network(responses: Responses): Networks {
  return {
    case: responses.case,
    settings: responses.settings,
    plan: responses.plan,
    actors: responses.actors,
    knownTies: responses.knownTies,
    rounds: responses.rounds.map((r) => ({
      round: r.round,
      respondents: r.respondents,
      asked: r.asked,
      graph: buildRoundGraph(responses.actors, r, responses.settings, responses.knownTies).export(),
    })),
    layout: unionLayout(responses.actors, responses.rounds, responses.knownTies),
    quality: responses.quality,
    summary: responses.summary,
  };
}

/** Read a serialised round back into a graph. */
export function roundGraph(serialized: Networks['rounds'][number]): RoundGraph {
  const graph: RoundGraph = new DirectedGraph();
  graph.import(serialized.graph);
  return graph;
}
