/**
 * Stage 3, metrics: `Networks` → `Metrics` (written as `metrics.json`).
 *
 * For each round: whole-network figures, per-actor measures, the trust and cooperation
 * distributions and the reach into each resource system; then the change of every headline figure
 * between consecutive rounds and from the first round to the last. Each measure lives in its own
 * file under `metrics/` with its definition, convention and source. `null` marks a measure that is
 * undefined (the report shows "–"). Numbers are rounded to 1e-9 so the JSON is stable.
 *
 * Runnable alone: `npm run metrics -- <out>/<case>` reads `network.json`, writes `metrics.json`.
 */
import { metricsFiles, readNetworks, stageDir, writeFiles } from './artifacts.ts';
import { isMain, runCli } from './cli.ts';
import { roundGraph, type RoundGraph } from './network.ts';
import { compareRounds, planProgress, roundRecommendations, type Comparison, type PlanProgress } from './compare.ts';
import type { Recommendation } from './recommendations.ts';
import { discordantPairs, type DiscordantPair } from './metrics/agreement.ts';
import { brokerage, type Brokerage } from './metrics/brokerage.ts';
import { betweennessCentralization, inDegreeCentralization, outDegreeCentralization } from './metrics/centralization.ts';
import { clustering } from './metrics/clustering.ts';
import { communities } from './metrics/communities.ts';
import { isolates, strongComponents, weakComponents } from './metrics/components.ts';
import { cooperationDistribution, shareAtLeast } from './metrics/cooperation.ts';
import { cooperationIndex, trustIndex, trustScale } from './scales.ts';
import { directedDensity, undirectedDensity } from './metrics/density.ts';
import { eiIndex } from './metrics/ei-index.ts';
import { groupView, type GroupTie } from './metrics/group-view.ts';
import { pathMeasures, type Sampling } from './metrics/path-measures.ts';
import { compact } from './metrics/paths.ts';
import { releaseMemory } from './memory.ts';
import { prestige } from './metrics/prestige.ts';
import { reciprocity } from './metrics/reciprocity.ts';
import { resourceSystems, type Reach } from './metrics/resource-systems.ts';
import { strength, type Strength } from './metrics/strength.ts';
import { structuralHoles } from './metrics/structural-holes.ts';
import { mean, trustDistribution } from './metrics/trust.ts';
import type { Actor, CaseInfo, Networks, QualityEntry, QualitySummary, ResourceSystem, Round, Settings } from './types.ts';

export const METRICS_SCHEMA_VERSION = 4;

/**
 * Whole-network figures of one round. Directed survey graph (respondent → actor named) with every
 * roster actor, plus ties between outside actors recorded during mapping where the case has them.
 * Every key is numeric (or null when undefined) so that the change between rounds is defined.
 */
export interface NetworkFigures {
  /** Actors on the roster (n), isolates included. */
  actors: number;
  /** Ties reported in the survey (respondent → actor), each ordered pair once. */
  ties: number;
  /** Ties between outside actors recorded during mapping (known-ties.csv), counted one per direction. */
  mappedTies: number;
  /** Actors who answered in this round (members and outside actors). */
  respondents: number;
  /** Group members on the roster. */
  members: number;
  /** Members who answered in this round. */
  memberRespondents: number;
  /** Members who answered / members on the roster; null without members. */
  responseRate: number | null;
  /** Directed density m / (n(n−1)) over all ties (survey and mapping); null for n < 2. */
  density: number | null;
  /** Undirected density: pairs tied in either direction / (n(n−1)/2); null for n < 2. */
  densityUndirected: number | null;
  /** Weak components (direction ignored), isolates included as their own components. */
  weakComponents: number;
  /** Strong components (mutual reachability along the ties' direction). */
  strongComponents: number;
  /** Actors with no tie in the round. */
  isolates: number;
  /** Edgewise reciprocity: reciprocated ties / ties (igraph mode "default"); null without ties. */
  reciprocityEdgewise: number | null;
  /** Dyadic reciprocity: mutual dyads / non-null dyads (igraph mode "ratio", sna "dyadic.nonnull"); null without ties. */
  reciprocityDyadic: number | null;
  /** Transitivity on the undirected view: 3 × triangles / connected triples; null with no triple. */
  transitivity: number | null;
  /** Mean local clustering on the undirected view, actors with fewer than two neighbours counted as 0 (networkx convention). */
  averageClustering: number | null;
  /** Mean shortest-path length over ordered reachable pairs, directed, unweighted; null when no pair is reachable. */
  meanDistance: number | null;
  /** Longest finite shortest path, directed, unweighted (0 without ties). */
  diameter: number;
  /** Freeman in-degree centralisation, Σ(max − in-degree) / (n−1)² (igraph `centr_degree(mode = "in", loops = FALSE)`); null for n < 3. */
  inDegreeCentralization: number | null;
  /** Freeman out-degree centralisation, Σ(max − out-degree) / (n−1)²; null for n < 3. */
  outDegreeCentralization: number | null;
  /** Freeman betweenness centralisation, Σ(max − raw betweenness) / ((n−1)²(n−2)), directed, unweighted (igraph `centr_betw`); null for n < 3. */
  betweennessCentralization: number | null;
  /** Mean trust (1–5, or 1–4 on a 4-point scale) over the survey ties that rate it; null when none does. */
  meanTrust: number | null;
  /** Trust index 0–100 = 100 × (mean trust − 1) / (k − 1) on a k-point scale (lowest → 0, highest → 100); null when no tie is rated. */
  trustIndex: number | null;
  /** Mean cooperation level (0–5) over the survey ties that give one; null when none does. */
  meanCooperation: number | null;
  /** Cooperation index 0–100 = 100 × mean level / 5; null when no tie gives a level. */
  cooperationIndex: number | null;
  /** Survey ties at koordinasi (3) or above / survey ties with a level; null when none has a level. */
  coordinationShare: number | null;
  /** Survey ties that are strong by the strong-tie rule / survey ties; null without ties. */
  strongTieShare: number | null;
  /** Outside actors (not members) named by at least one member. */
  outsideActorsKnown: number;
  /** E-I index of the whole network with groups = actor category (members, pemasaran, …); null without ties. */
  eiIndexCategory: number | null;
  /** E-I index of the whole network with groups = actor type; null without ties. */
  eiIndexType: number | null;
  /** Pairs whose two reports differ by two steps or more (cooperation or trust). */
  discordantPairs: number;
  /** Louvain communities on the undirected view (seeded), isolates included. */
  communities: number;
  /** Modularity of that partition; null without ties. */
  modularity: number | null;
}

/** Measures of one actor in one round. */
export interface ActorMetrics {
  id: string;
  name: string;
  type: string;
  category: Actor['category'];
  member: boolean;
  /** Answered in this round. */
  respondent: boolean;
  /** Ties naming this actor. */
  inDegree: number;
  /** Ties this actor reported (0 for actors who did not answer). */
  outDegree: number;
  /** in-degree / (n − 1); null for n < 2. */
  inDegreeNormalized: number | null;
  /** out-degree / (n − 1); null for n < 2. */
  outDegreeNormalized: number | null;
  /** (in + out) / (n − 1), as graphology `degreeCentrality` and networkx; null for n < 2. */
  degreeNormalized: number | null;
  /** Sums of trust and cooperation ratings over incoming and outgoing ties (weighted degree). */
  strength: Strength;
  /** Raw betweenness, directed, unweighted (Brandes). */
  betweenness: number;
  /** Betweenness / ((n−1)(n−2)). */
  betweennessNormalized: number;
  /** Raw betweenness with distance 6 − cooperation level (stronger tie = shorter path). */
  betweennessCooperation: number;
  /** That value / ((n−1)(n−2)). */
  betweennessCooperationNormalized: number;
  /** Harmonic centrality over incoming distances, Σ 1/d(u, v); 0 when nobody reaches the actor. */
  harmonic: number;
  /** Harmonic centrality / (n − 1): the report's closeness measure, defined on disconnected graphs. */
  harmonicNormalized: number;
  /** Closeness over incoming distances, r / Σd over the r actors that reach it, no Wasserman–Faust factor (networkx `wf_improved=False`); 0 when nobody reaches it. */
  closeness: number;
  /** Eigenvector centrality on incoming ties, max = 1, only when the graph is strongly connected; else null. */
  eigenvector: number | null;
  /** PageRank, damping 0.85, unweighted; sums to 1 over actors. */
  pagerank: number;
  /** Burt's constraint from all neighbours (igraph convention); null for isolates. */
  constraint: number | null;
  /** Burt's effective size on the undirected view (Borgatti: n − 2t/n); null for isolates. */
  effectiveSize: number | null;
  /** Effective size / number of neighbours; null for isolates. */
  efficiency: number | null;
  /** Local clustering on the undirected view (0 with fewer than two neighbours). */
  clustering: number;
  /** Gould–Fernandez brokerage role counts, groups = members and each resource category. */
  brokerage: Brokerage;
  /** E-I index of the actor's own ties, groups = category; null without ties. */
  eiIndex: number | null;
  /** Louvain community number (stable: numbered by first actor id). */
  community: number;
  /** Mean trust this actor's raters gave it; null when no rating. */
  trustReceived: number | null;
  /** Number of ratings behind trustReceived. */
  trustRaters: number;
  /** Mean cooperation level reported by those naming this actor; null when none. */
  cooperationReceived: number | null;
  /** Mean trust this actor gave in its own answers; null when it gave none. */
  trustGiven: number | null;
  /** Number of ratings behind trustGiven. */
  trustGivenCount: number;
}

/** Everything measured in one round. */
export interface RoundMetrics {
  round: Round;
  /** Whole-network figures. */
  network: NetworkFigures;
  /** Which prestige measure applies: eigenvector only for a strongly connected graph, else PageRank. */
  prestigeMeasure: 'eigenvector' | 'pagerank';
  /** How the path measures (betweenness, harmonic, closeness, distances) were computed: exact, or from sampled sources with an error bound. */
  paths: Sampling;
  /** Per-actor measures, every roster actor, sorted by id. */
  actors: ActorMetrics[];
  /** Survey ties per trust rating 1…k (index 0 = rating 1). */
  trustLevels: number[];
  /** Survey ties per cooperation level 0…5. */
  cooperationLevels: number[];
  /** Reach into each resource system: mapped, known, contacted, cooperating, formal. */
  resourceSystems: Record<ResourceSystem, Reach>;
  /** E-I index per group: by category and by actor type; null for a group without ties. */
  eiIndex: { byCategory: Record<string, number | null>; byType: Record<string, number | null> };
  /** Pairs whose two answers about each other differ by two steps or more. */
  discordantPairs: DiscordantPair[];
  /** The group view: members collapsed into one node; one summary tie per outside actor. */
  groupView: GroupTie[];
  /** Ids of the actors with no tie in the round. */
  isolateIds: string[];
}

/** The content of metrics.json. */
export interface Metrics {
  schemaVersion: number;
  case: CaseInfo;
  settings: Settings;
  rounds: RoundMetrics[];
  /** Consecutive rounds, then first → last when there are more than two rounds; empty with one round. */
  comparisons: Comparison[];
  /** Progress of the intervention plan (plan.yaml), or null without a plan. */
  plan: PlanProgress | null;
  /** Rule-based recommendations from the latest round, the plan and the last change. */
  recommendations: Recommendation[];
  quality: { summary: QualitySummary; entries: QualityEntry[] };
}

const round9 = (v: number) => Math.round(v * 1e9) / 1e9;

/**
 * A copy with every number rounded to 9 decimals (stable JSON across platforms), with JSON's
 * rules: non-finite numbers become null, −0 becomes 0, undefined properties are dropped. Built
 * directly rather than through a JSON string, which on a city-wide case is tens of megabytes.
 */
function stable<T>(value: T): T {
  const copy = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) ? round9(v) || 0 : null;
    if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : copy(x)));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = copy(x);
      return out;
    }
    return v;
  };
  return copy(value) as T;
}

/** Survey ties only (not the ties recorded during mapping). */
function surveyValues<T>(graph: RoundGraph, pick: (attrs: ReturnType<RoundGraph['getEdgeAttributes']>) => T | null): T[] {
  const out: T[] = [];
  graph.forEachEdge((_e, attrs) => {
    if (attrs.origin !== 'survey') return;
    const v = pick(attrs);
    if (v !== null) out.push(v);
  });
  return out;
}

export async function roundMetrics(graph: RoundGraph, round: Round, respondents: string[], settings: Settings): Promise<RoundMetrics> {
  const n = graph.order;
  const ids = graph.nodes().sort();
  const category = (node: string) => graph.getNodeAttribute(node, 'category');
  const type = (node: string) => graph.getNodeAttribute(node, 'type');
  const plain = compact(graph);
  const paths = await pathMeasures(graph, plain);
  const bc = paths.betweenness;
  const wbc = paths.cooperationBetweenness;
  const dist = paths.distances;
  const clus = clustering(graph);
  const holes = structuralHoles(graph);
  const pres = prestige(graph, plain);
  const roles = brokerage(graph, category);
  const eiCat = eiIndex(graph, category);
  const eiType = eiIndex(graph, type);
  const comm = communities(graph);
  const pairs = discordantPairs(graph);
  const group = groupView(graph, settings.cooperatingLevel);
  const trust = surveyValues(graph, (a) => a.trust);
  const levels = surveyValues(graph, (a) => a.cooperation);
  const strong = surveyValues(graph, (a) => a.strong);
  const surveyTies = surveyValues(graph, () => true).length;
  const members = ids.filter((id) => graph.getNodeAttribute(id, 'member'));
  const respondentSet = new Set(respondents);
  const meanTrust = mean(trust);
  const meanCooperation = mean(levels);
  const recip = reciprocity(graph);
  const iso = isolates(graph);
  const norm = (v: number) => (n > 1 ? v / (n - 1) : null);

  const actors: ActorMetrics[] = ids.map((id) => {
    const attrs = graph.getNodeAttributes(id);
    const received: number[] = [];
    const coop: number[] = [];
    const given: number[] = [];
    graph.forEachInEdge(id, (_e, tie) => {
      if (tie.trust !== null) received.push(tie.trust);
      if (tie.cooperation !== null) coop.push(tie.cooperation);
    });
    graph.forEachOutEdge(id, (_e, tie) => {
      if (tie.trust !== null) given.push(tie.trust);
    });
    const inDegree = graph.inDegree(id);
    const outDegree = graph.outDegree(id);
    return {
      id,
      name: attrs.name,
      type: attrs.type,
      category: attrs.category,
      member: attrs.member,
      respondent: respondentSet.has(id),
      inDegree,
      outDegree,
      inDegreeNormalized: norm(inDegree),
      outDegreeNormalized: norm(outDegree),
      degreeNormalized: norm(inDegree + outDegree),
      strength: strength(graph, id),
      betweenness: bc.raw[id] ?? 0,
      betweennessNormalized: bc.normalized[id] ?? 0,
      betweennessCooperation: wbc.raw[id] ?? 0,
      betweennessCooperationNormalized: wbc.normalized[id] ?? 0,
      harmonic: dist.harmonic[id] ?? 0,
      harmonicNormalized: dist.harmonicNormalized[id] ?? 0,
      closeness: dist.closeness[id] ?? 0,
      eigenvector: pres.eigenvector ? (pres.eigenvector[id] ?? 0) : null,
      pagerank: pres.pagerank[id] ?? 0,
      constraint: holes.constraint[id] ?? null,
      effectiveSize: holes.effectiveSize[id] ?? null,
      efficiency: holes.efficiency[id] ?? null,
      clustering: clus.local[id] ?? 0,
      brokerage: roles[id]!,
      eiIndex: eiCat.actors[id] ?? null,
      community: comm.membership[id] ?? 0,
      trustReceived: mean(received),
      trustRaters: received.length,
      cooperationReceived: mean(coop),
      trustGiven: mean(given),
      trustGivenCount: given.length,
    };
  });

  const outsideKnown = ids.filter(
    (id) => !graph.getNodeAttribute(id, 'member') && graph.inNeighbors(id).some((s) => graph.getNodeAttribute(s, 'member')),
  ).length;

  return {
    round,
    network: {
      actors: n,
      ties: surveyTies,
      mappedTies: graph.directedSize - surveyTies,
      respondents: respondents.length,
      members: members.length,
      memberRespondents: members.filter((m) => respondentSet.has(m)).length,
      responseRate: members.length > 0 ? members.filter((m) => respondentSet.has(m)).length / members.length : null,
      density: directedDensity(graph),
      densityUndirected: undirectedDensity(graph),
      weakComponents: weakComponents(graph),
      strongComponents: strongComponents(graph),
      isolates: iso.length,
      reciprocityEdgewise: recip.edgewise,
      reciprocityDyadic: recip.dyadic,
      transitivity: clus.transitivity,
      averageClustering: clus.averageClustering,
      meanDistance: dist.meanDistance,
      diameter: dist.diameter,
      inDegreeCentralization: inDegreeCentralization(actors.map((a) => a.inDegree)),
      outDegreeCentralization: outDegreeCentralization(actors.map((a) => a.outDegree)),
      betweennessCentralization: betweennessCentralization(actors.map((a) => a.betweenness)),
      meanTrust,
      trustIndex: trustIndex(meanTrust, trustScale(settings.trustScale)),
      meanCooperation,
      cooperationIndex: cooperationIndex(meanCooperation),
      coordinationShare: shareAtLeast(levels, 3),
      strongTieShare: strong.length > 0 ? strong.filter(Boolean).length / strong.length : null,
      outsideActorsKnown: outsideKnown,
      eiIndexCategory: eiCat.network,
      eiIndexType: eiType.network,
      discordantPairs: pairs.length,
      communities: comm.count,
      modularity: comm.modularity,
    },
    prestigeMeasure: pres.measure,
    paths: paths.sampling,
    actors,
    trustLevels: trustDistribution(trust, trustScale(settings.trustScale)),
    cooperationLevels: cooperationDistribution(levels),
    resourceSystems: resourceSystems(group),
    eiIndex: { byCategory: eiCat.groups, byType: eiType.groups },
    discordantPairs: pairs,
    groupView: group,
    isolateIds: iso,
  };
}

/** Run the metrics stage. Does not change `networks`. */
export async function metrics(networks: Networks): Promise<Metrics> {
  const graphs = networks.rounds.map(roundGraph);
  const rounds: RoundMetrics[] = [];
  const ties = Math.max(0, ...graphs.map((g) => g.size));
  for (const [i, r] of networks.rounds.entries()) {
    rounds.push(await roundMetrics(graphs[i]!, r.round, r.respondents, networks.settings));
    releaseMemory(ties);
  }
  const comparisons: Comparison[] = [];
  for (let i = 1; i < rounds.length; i++) {
    comparisons.push(compareRounds(rounds[i - 1]!, rounds[i]!, graphs[i - 1]!, graphs[i]!, networks.settings, 'consecutive'));
    releaseMemory(ties);
  }
  const last = rounds.length - 1;
  if (rounds.length > 2) comparisons.push(compareRounds(rounds[0]!, rounds[last]!, graphs[0]!, graphs[last]!, networks.settings, 'baseline-latest'));
  const plan = planProgress(networks.plan, rounds);
  const lastConsecutive = comparisons.filter((c) => c.kind === 'consecutive').at(-1) ?? null;
  return stable({
    schemaVersion: METRICS_SCHEMA_VERSION,
    case: networks.case,
    settings: networks.settings,
    rounds,
    comparisons,
    plan,
    recommendations: roundRecommendations(rounds[last]!, graphs[last]!, plan, lastConsecutive, networks.settings),
    quality: { summary: networks.summary, entries: networks.quality },
  });
}

if (isMain(import.meta.url)) {
  runCli(async (options, tr) => {
    const dir = stageDir(options.positional);
    const networks = readNetworks(dir);
    writeFiles(dir, metricsFiles(await metrics(networks), networks), (p) => process.stderr.write(`${tr.t('cli.wrote', { path: p })}\n`));
  });
}
