/**
 * Stage 3, metrics: `Networks` → `Metrics` (written as `metrics.json`).
 *
 * For each round: whole-network figures, per-actor measures, the trust and cooperation
 * distributions and the reach into each resource system; then the change of every headline figure
 * between consecutive rounds and from the first round to the last, on the panel of respondents who
 * answered both (compare.ts), with the primary figures tested and adjusted together
 * (evidence/family.ts). Each measure lives in its own
 * file under `metrics/` with its definition, convention and source. `null` marks a measure that is
 * undefined (the report shows "–"). Numbers are rounded to 1e-9 so the JSON is stable.
 */
import { type CompareContext, compareRounds, planProgress, roundRecommendations } from './compare.ts';
import { decideFamily, type PendingComparison, primaryFigures } from './evidence/family.ts';
import { releaseMemory } from './memory.ts';
import { discordantPairs } from './metrics/agreement.ts';
import { ALL_ASKED, coverage, unavailableFigures, withoutUnavailable } from './metrics/asked.ts';
import { brokerage } from './metrics/brokerage.ts';
import { betweennessCentralization, inDegreeCentralization, outDegreeCentralization } from './metrics/centralization.ts';
import { clustering } from './metrics/clustering.ts';
import { communities } from './metrics/communities.ts';
import { isolates, strongComponents, weakComponents } from './metrics/components.ts';
import { cooperationDistribution, shareAtLeast } from './metrics/cooperation.ts';
import { directedDensity, undirectedDensity } from './metrics/density.ts';
import { eiIndex } from './metrics/ei-index.ts';
import { groupView } from './metrics/group-view.ts';
import { networkPathMeasures, type PathMeasures, pathMeasures } from './metrics/path-measures.ts';
import { type Compact, compact } from './metrics/paths.ts';
import { prestige } from './metrics/prestige.ts';
import { reciprocity } from './metrics/reciprocity.ts';
import { resourceSystems } from './metrics/resource-systems.ts';
import { splitFigures } from './metrics/split.ts';
import { atLeast } from './metrics/status.ts';
import { strength } from './metrics/strength.ts';
import { structuralHoles } from './metrics/structural-holes.ts';
import { mean, trustDistribution } from './metrics/trust.ts';
import type { ActorMetrics, Metrics, NetworkFigures, RoundMetrics } from './model/metrics.ts';
import type { NetworkGraphs, Question, Round, Settings } from './model/responses.ts';
import { type RoundGraph, roundGraph } from './network.ts';
import { cooperationIndex, trustIndex, trustScale } from './scales.ts';

export const METRICS_SCHEMA_VERSION = 5;

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
      // keys, not entries: no pair array a property on a case of thousands of actors
      const out: Record<string, unknown> = {};
      const record = v as Record<string, unknown>;
      for (const k of Object.keys(record)) {
        const x = record[k];
        if (x !== undefined) out[k] = copy(x);
      }
      return out;
    }
    return v;
  };
  return copy(value) as T;
}

/** Survey ties only (not the ties recorded during mapping). */
function surveyValues<T>(
  graph: RoundGraph,
  pick: (attrs: ReturnType<RoundGraph['getEdgeAttributes']>, source: string, target: string) => T | null,
): T[] {
  const out: T[] = [];
  graph.forEachEdge((_e, attrs, source, target) => {
    if (attrs.origin !== 'survey') return;
    const v = pick(attrs, source, target);
    if (v !== null) out.push(v);
  });
  return out;
}

/**
 * The whole-network figures of a round (`network` of metrics.json) and the measures they come from,
 * which the actor table reuses; `paths` are the graph's path measures (with or without the pass on
 * cooperation distances, which no network figure reads).
 */
function networkCore(
  graph: RoundGraph,
  respondents: string[],
  settings: Settings,
  asked: Record<Question, boolean>,
  paths: Pick<PathMeasures, 'betweenness' | 'distances'>,
  plain: Compact,
) {
  const n = graph.order;
  const ids = graph.nodes().sort();
  const category = (node: string) => graph.getNodeAttribute(node, 'category');
  const type = (node: string) => graph.getNodeAttribute(node, 'type');
  const bc = paths.betweenness;
  const dist = paths.distances;
  const clus = clustering(graph);
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
  const memberRespondents = members.filter((m) => respondentSet.has(m)).length;
  const meanTrust = mean(trust);
  const meanCooperation = mean(levels);
  const recip = reciprocity(graph);
  const iso = isolates(graph);
  const unavailable = unavailableFigures(asked);

  const outsideKnown = ids.filter(
    (id) => !graph.getNodeAttribute(id, 'member') && graph.inNeighbors(id).some((s) => graph.getNodeAttribute(s, 'member')),
  ).length;
  // members' trust in outside actors, over the member → outside-actor ties that rate it
  const trustInOutside = surveyValues(graph, (a, s, t) =>
    graph.getNodeAttribute(s, 'member') && !graph.getNodeAttribute(t, 'member') ? a.trust : null,
  );

  const network: NetworkFigures = {
    known: outsideKnown,
    trust: mean(trustInOutside),
    cooperation: group.filter((g) => atLeast(g.status, 'cooperating')).length,
    actors: n,
    ties: surveyTies,
    mappedTies: graph.directedSize - surveyTies,
    respondents: respondents.length,
    members: members.length,
    memberRespondents,
    responseRate: members.length > 0 ? memberRespondents / members.length : null,
    density: directedDensity(graph),
    densityUndirected: undirectedDensity(graph),
    weakComponents: weakComponents(graph, plain),
    strongComponents: strongComponents(graph, plain),
    isolates: iso.length,
    reciprocityEdgewise: recip.edgewise,
    reciprocityDyadic: recip.dyadic,
    transitivity: clus.transitivity,
    averageClustering: clus.averageClustering,
    meanDistance: dist.meanDistance,
    diameter: dist.diameter,
    inDegreeCentralization: inDegreeCentralization(ids.map((id) => graph.inDegree(id))),
    outDegreeCentralization: outDegreeCentralization(ids.map((id) => graph.outDegree(id))),
    betweennessCentralization: betweennessCentralization(ids.map((id) => bc.raw[id] ?? 0)),
    meanTrust,
    trustIndex: trustIndex(meanTrust, trustScale(settings.trustScale)),
    meanCooperation,
    cooperationIndex: cooperationIndex(meanCooperation),
    coordinationShare: shareAtLeast(levels, 3),
    strongTieShare: strong.length > 0 ? strong.filter(Boolean).length / strong.length : null,
    eiIndexCategory: eiCat.network,
    eiIndexType: eiType.network,
    discordantPairs: pairs.length,
    communities: comm.count,
    modularity: comm.modularity,
  };
  return {
    ids,
    clus,
    eiCat,
    eiType,
    comm,
    pairs,
    group,
    trust,
    levels,
    respondentSet,
    iso,
    unavailable,
    network: withoutUnavailable(network, unavailable),
  };
}

/**
 * A network's own figures alone (`network` of a round's metrics, the same numbers): what a panel
 * network needs (compare.ts), without the actor table, Burt's measures, prestige, brokerage roles
 * or the pass on cooperation distances.
 */
export async function networkFigures(
  graph: RoundGraph,
  respondents: string[],
  settings: Settings,
  asked: Record<Question, boolean> = ALL_ASKED,
): Promise<NetworkFigures> {
  const plain = compact(graph);
  return networkCore(graph, respondents, settings, asked, await networkPathMeasures(graph, plain), plain).network;
}

export async function roundMetrics(
  graph: RoundGraph,
  round: Round,
  respondents: string[],
  settings: Settings,
  asked: Record<Question, boolean> = ALL_ASKED,
): Promise<RoundMetrics> {
  const n = graph.order;
  const category = (node: string) => graph.getNodeAttribute(node, 'category');
  const plain = compact(graph);
  const paths = await pathMeasures(graph, plain);
  const bc = paths.betweenness;
  const wbc = paths.cooperationBetweenness;
  const dist = paths.distances;
  const { ids, clus, eiCat, eiType, comm, pairs, group, trust, levels, respondentSet, iso, unavailable, network } = networkCore(
    graph,
    respondents,
    settings,
    asked,
    paths,
    plain,
  );
  const holes = structuralHoles(graph);
  const pres = prestige(graph, plain, network.strongComponents);
  const roles = brokerage(graph, category);
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

  // whose ties the trust and cooperation means cover, and what the round cannot give (metrics/asked.ts)
  const rated = (pick: (a: ReturnType<RoundGraph['getEdgeAttributes']>) => unknown) => {
    const targets: { member: boolean }[] = [];
    graph.forEachEdge((_e, attrs, _s, target) => {
      if (attrs.origin === 'survey' && pick(attrs) !== null) targets.push({ member: graph.getNodeAttribute(target, 'member') });
    });
    return coverage(targets);
  };
  return {
    round,
    asked,
    unavailable,
    coverage: { trust: rated((a) => a.trust), cooperation: rated((a) => a.cooperation) },
    network,
    split: splitFigures(
      graph,
      (node) => graph.getNodeAttribute(node, 'member'),
      (node) => respondentSet.has(node),
    ),
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

/** Run the metrics stage (it needs no layout). Does not change `networks`. */
export async function metrics(networks: NetworkGraphs): Promise<Metrics> {
  const graphs = networks.rounds.map(roundGraph);
  const rounds: RoundMetrics[] = [];
  const ties = Math.max(0, ...graphs.map((g) => g.size));
  for (const [i, r] of networks.rounds.entries()) {
    rounds.push(await roundMetrics(graphs[i]!, r.round, r.respondents, networks.settings, r.asked ?? ALL_ASKED));
    releaseMemory(ties);
  }
  const primary = primaryFigures(networks.settings, networks.plan);
  const context: CompareContext = {
    settings: networks.settings,
    actors: networks.actors,
    knownTies: networks.knownTies,
    plan: networks.plan,
    rounds: rounds.map((r) => r.round.id),
    primary,
    // the panel network asks what its round asked; what measuring it left behind is released
    // before the next one (on a city-wide case, two panel networks' garbage is hundreds of MiB)
    measure: async (graph, round, respondents) => {
      const asked = networks.rounds.find((r) => r.round.id === round.id)?.asked ?? ALL_ASKED;
      const measured = await networkFigures(graph, respondents, networks.settings, asked);
      releaseMemory(ties);
      return measured;
    },
  };
  const pending: PendingComparison[] = [];
  for (let i = 1; i < rounds.length; i++) {
    pending.push(await compareRounds(rounds[i - 1]!, rounds[i]!, graphs[i - 1]!, graphs[i]!, context, 'consecutive'));
    releaseMemory(ties);
  }
  const last = rounds.length - 1;
  if (rounds.length > 2)
    pending.push(await compareRounds(rounds[0]!, rounds[last]!, graphs[0]!, graphs[last]!, context, 'baseline-latest'));
  const { comparisons, evidence } = decideFamily(pending, primary, networks.settings);
  const plan = planProgress(networks.plan, rounds);
  const lastConsecutive = comparisons.filter((c) => c.kind === 'consecutive').at(-1) ?? null;
  return stable({
    schemaVersion: METRICS_SCHEMA_VERSION,
    case: networks.case,
    settings: networks.settings,
    rounds,
    comparisons,
    evidence,
    plan,
    recommendations: roundRecommendations(
      rounds[last]!,
      graphs[last]!,
      plan,
      lastConsecutive,
      last > 0 ? { graph: graphs[last - 1]!, minRaters: networks.settings.minRaters } : null,
    ),
    quality: { summary: networks.summary, entries: networks.quality },
  });
}
