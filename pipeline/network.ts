/**
 * Stage 2, network: `Responses` → one directed graphology graph per round, plus node positions
 * computed once over the union of all rounds so that every round's map lines up.
 *
 * Each round's graph holds every roster actor, tied or not (isolates change n, density and
 * normalised scores). An edge respondent → actor carries trust, cooperation, frequency,
 * resources, formal and `strong` (see metrics/tie-strength.ts). No attribute is called `weight`:
 * graphology would silently read it as a distance.
 */

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { DirectedGraph, UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import { interop } from './_interop.ts';
import { isStrong } from './metrics/tie-strength.ts';
import type {
  Actor,
  ActorAttributes,
  KnownTie,
  NetworkGraphs,
  Networks,
  Position,
  Responses,
  RoundResponses,
  Settings,
  TieAttributes,
} from './model/responses.ts';
import { threadCount } from './workers.ts';

const forceAtlas2 = interop(forceAtlas2Module);
// the package's own parts (CommonJS, without typings): its defaults, its matrices and one step
const requireHere = createRequire(import.meta.url);
const forceAtlas2Defaults = requireHere('graphology-layout-forceatlas2/defaults.js') as Record<string, unknown>;
const forceAtlas2Helpers = requireHere('graphology-layout-forceatlas2/helpers.js') as {
  graphToByteArrays(graph: UndirectedGraph, getEdgeWeight: () => number): { nodes: Float32Array; edges: Float32Array };
};
const forceAtlas2Iterate = requireHere('graphology-layout-forceatlas2/iterate.js') as (
  settings: unknown,
  nodes: Float32Array,
  edges: Float32Array,
) => void;

export type RoundGraph = DirectedGraph<ActorAttributes, TieAttributes>;

export function buildRoundGraph(
  actors: Actor[],
  round: Pick<RoundResponses, 'respondents' | 'ties'>,
  settings: Settings,
  knownTies: KnownTie[] = [],
): RoundGraph {
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

/**
 * Above this many actors no force layout is computed: the report draws such networks aggregated by
 * category (charts/category-map.ts reads this limit), so no chart shows the positions, and Gephi
 * lays out the GEXF files itself. The force layout is thus computed exactly for the maps drawn
 * actor by actor (on the 100-group bench case it took 1.4 s for positions nobody saw).
 */
export const LAYOUT_LIMIT = 300;

/** Tied actors from which the force layout runs in a worker thread when the caller can wait (`networkStarted`). */
export const LAYOUT_WORKER_FROM = 200;

/**
 * ForceAtlas2 on the union graph, as graphology-layout-forceatlas2 runs it: its matrices (the
 * positions are float32) and settings, handed to its own `iterate` step, so the positions are the
 * same to the bit whether the steps run here or in a worker thread.
 */
interface ForceLayout {
  settings: Record<string, unknown>;
  nodes: Float32Array;
  edges: Float32Array;
  iterations: number;
}

/** ForceAtlas2 steps. */
const ITERATIONS = 600;

/** Entries per node in graphology-layout-forceatlas2's node matrix (x, y first). */
const NODE_ENTRIES = 10;

/** Where each actor goes: the tied ones through the force layout, the others on an outer ring. */
interface LayoutPlan {
  tied: Actor[];
  loose: Actor[];
  force: ForceLayout | null;
}

function layoutPlan(actors: Actor[], rounds: RoundResponses[], knownTies: KnownTie[]): LayoutPlan {
  const union = new UndirectedGraph();
  const ordered = [...actors].sort((a, b) => a.id.localeCompare(b.id));
  for (const a of ordered) union.addNode(a.id);
  for (const r of rounds) for (const t of r.ties) union.mergeEdge(t.from, t.to);
  for (const k of knownTies) union.mergeEdge(k.a, k.b);
  const tied = ordered.filter((a) => union.degree(a.id) > 0);
  const loose = ordered.filter((a) => union.degree(a.id) === 0);
  if (tied.length === 0) return { tied, loose, force: null };
  tied.forEach((a, i) => {
    const angle = (2 * Math.PI * i) / tied.length;
    union.setNodeAttribute(a.id, 'x', Math.cos(angle) * 100);
    union.setNodeAttribute(a.id, 'y', Math.sin(angle) * 100);
  });
  for (const a of loose) union.dropNode(a.id);
  // exact repulsion (no Barnes–Hut approximation): at most LAYOUT_LIMIT actors
  const settings = {
    ...forceAtlas2Defaults,
    ...forceAtlas2.inferSettings(union),
    strongGravityMode: true,
    gravity: 0.5,
    scalingRatio: 10,
    barnesHutOptimize: false,
  };
  // no edge has a weight: each counts 1, as graphology's default getter gives
  const matrices = forceAtlas2Helpers.graphToByteArrays(union, () => 1);
  return { tied, loose, force: { settings, nodes: matrices.nodes, edges: matrices.edges, iterations: ITERATIONS } };
}

/** The force layout's steps here; returns the node matrix. */
function runForceLayout(f: ForceLayout): Float32Array {
  for (let i = 0; i < f.iterations; i++) forceAtlas2Iterate(f.settings, f.nodes, f.edges);
  return f.nodes;
}

/** The same steps in a worker thread: plain JavaScript (graphology's own step), started in ~30 ms. */
function forceLayoutInWorker(f: ForceLayout): Promise<Float32Array> {
  const code = `const { parentPort, workerData: f } = require('node:worker_threads');
const iterate = require(${JSON.stringify(requireHere.resolve('graphology-layout-forceatlas2/iterate.js'))});
for (let i = 0; i < f.iterations; i++) iterate(f.settings, f.nodes, f.edges);
parentPort.postMessage(f.nodes, [f.nodes.buffer]);`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: f });
    worker.once('message', (nodes: Float32Array) => {
      resolve(nodes);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`layout worker stopped (exit code ${code})`)));
  });
}

/** Positions in [0.05, 0.95]² from the force layout's node matrix (tied actors) and the outer ring (the others). */
function placed(plan: LayoutPlan, nodes: Float32Array | null): Record<string, Position> {
  const { tied, loose } = plan;
  const positions: Record<string, Position> = {};
  if (nodes) {
    const xs = tied.map((_a, i) => nodes[i * NODE_ENTRIES]!);
    const ys = tied.map((_a, i) => nodes[i * NODE_ENTRIES + 1]!);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const span = Math.max(maxX - minX, maxY - minY) || 1;
    const inner = loose.length > 0 ? 0.72 : 0.9;
    tied.forEach((a, i) => {
      positions[a.id] = {
        x: 0.5 + ((xs[i]! - (minX + maxX) / 2) / span) * inner,
        y: 0.5 + ((ys[i]! - (minY + maxY) / 2) / span) * inner,
      };
    });
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

/** Above LAYOUT_LIMIT actors: a circle by category, then id. */
function circleLayout(actors: Actor[]): Record<string, Position> {
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

/**
 * Positions over the union of all rounds: ForceAtlas2 (no randomness: it starts from a circle in
 * roster order), strong gravity so isolates stay near; actors never tied in any round go on an
 * outer ring. Scaled into [0.05, 0.95]². Above LAYOUT_LIMIT actors: a circle by category.
 */
export function unionLayout(actors: Actor[], rounds: RoundResponses[], knownTies: KnownTie[] = []): Record<string, Position> {
  if (actors.length > LAYOUT_LIMIT) return circleLayout(actors);
  const plan = layoutPlan(actors, rounds, knownTies);
  return placed(plan, plan.force && runForceLayout(plan.force));
}

/**
 * The same positions, to the bit, with the force layout in a worker thread when there are at least
 * LAYOUT_WORKER_FROM tied actors and more than one thread (`threads`: threadCount() unless given),
 * so that the caller goes on meanwhile.
 */
export async function unionLayoutInBackground(
  actors: Actor[],
  rounds: RoundResponses[],
  knownTies: KnownTie[] = [],
  threads = threadCount(),
): Promise<Record<string, Position>> {
  if (actors.length > LAYOUT_LIMIT) return circleLayout(actors);
  const plan = layoutPlan(actors, rounds, knownTies);
  if (!plan.force) return placed(plan, null);
  const inWorker = threads > 1 && plan.tied.length >= LAYOUT_WORKER_FROM;
  return placed(plan, inWorker ? await forceLayoutInWorker(plan.force) : runForceLayout(plan.force));
}

/** The network stage without the layout: everything the measures need. */
export function networkGraphs(responses: Responses): NetworkGraphs {
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
      graph: exported(buildRoundGraph(responses.actors, r, responses.settings, responses.knownTies)),
    })),
    quality: responses.quality,
    summary: responses.summary,
  };
}

/** The stage's output, fields in the order network.json has always had. */
function withLayout(graphs: NetworkGraphs, layout: Record<string, Position>): Networks {
  const { case: info, settings, plan, actors, knownTies, rounds, quality, summary } = graphs;
  return { case: info, settings, plan, actors, knownTies, rounds, layout, quality, summary };
}

/** Run the network stage. Does not change `responses`. */
export function network(responses: Responses): Networks {
  return withLayout(networkGraphs(responses), unionLayout(responses.actors, responses.rounds, responses.knownTies));
}

/**
 * The network stage with the layout off the critical path: the graphs at once, and the whole
 * stage, equal to `network(responses)`, once the layout (in a worker thread) is done. Does not
 * change `responses`.
 */
export function networkStarted(responses: Responses): { graphs: NetworkGraphs; networks: Promise<Networks> } {
  const graphs = networkGraphs(responses);
  const networks = unionLayoutInBackground(responses.actors, responses.rounds, responses.knownTies).then((layout) =>
    withLayout(graphs, layout),
  );
  networks.catch(() => {}); // a case that fails before awaiting it must not end the run with an unhandled rejection
  return { graphs, networks };
}

/**
 * The graph each serialised round was exported from in this process: the stages after the network
 * stage read it as it is instead of importing the round again (on a 100-group case, tens of
 * thousands of edge objects a round). No stage changes a round's graph; every measure reads it.
 */
const builtFrom = new WeakMap<object, RoundGraph>();

function exported(graph: RoundGraph) {
  const serialized = graph.export();
  builtFrom.set(serialized, graph);
  return serialized;
}

/** A serialised round as a graph: the one it was exported from, or read back when it came from elsewhere (a file). */
export function roundGraph(serialized: Networks['rounds'][number]): RoundGraph {
  const built = builtFrom.get(serialized.graph);
  if (built) return built;
  const graph: RoundGraph = new DirectedGraph();
  graph.import(serialized.graph);
  return graph;
}
