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
import { betweenness } from './metrics/betweenness.ts';
import { betweennessCentralization, inDegreeCentralization } from './metrics/centralization.ts';
import { isolates, weakComponents } from './metrics/components.ts';
import { cooperationDistribution, cooperationIndex, shareAtLeast } from './metrics/cooperation.ts';
import { directedDensity, undirectedDensity } from './metrics/density.ts';
import { reciprocity } from './metrics/reciprocity.ts';
import { resourceSystems, type Reach } from './metrics/resource-systems.ts';
import { mean, trustDistribution, trustIndex } from './metrics/trust.ts';
import type { Actor, CaseInfo, Networks, QualityEntry, QualitySummary, ResourceSystem, Round, Settings } from './types.ts';

export const METRICS_SCHEMA_VERSION = 1;

/** Headline figures of a round; every key is also a row of the summary and of the change table. */
export interface NetworkFigures {
  actors: number;
  ties: number;
  respondents: number;
  members: number;
  memberRespondents: number;
  /** Members who answered / members on the roster. */
  responseRate: number | null;
  density: number | null;
  densityUndirected: number | null;
  weakComponents: number;
  isolates: number;
  reciprocityEdgewise: number | null;
  reciprocityDyadic: number | null;
  inDegreeCentralization: number | null;
  betweennessCentralization: number | null;
  meanTrust: number | null;
  trustIndex: number | null;
  meanCooperation: number | null;
  cooperationIndex: number | null;
  /** Ties at koordinasi (3) or above / ties with a level. */
  coordinationShare: number | null;
  strongTieShare: number | null;
  /** Outside actors (not members) named by at least one member. */
  outsideActorsKnown: number;
}

export interface ActorMetrics {
  id: string;
  name: string;
  type: string;
  category: Actor['category'];
  member: boolean;
  respondent: boolean;
  inDegree: number;
  outDegree: number;
  /** (in + out) / (n − 1), as graphology `degreeCentrality` and networkx. */
  degreeNormalized: number | null;
  betweenness: number;
  betweennessNormalized: number;
  trustReceived: number | null;
  trustRaters: number;
  cooperationReceived: number | null;
}

export interface RoundMetrics {
  round: Round;
  network: NetworkFigures;
  actors: ActorMetrics[];
  /** Ties per trust rating 1…5 (index 0 = rating 1). */
  trustLevels: number[];
  /** Ties per cooperation level 0…5. */
  cooperationLevels: number[];
  resourceSystems: Record<ResourceSystem, Reach>;
  isolateIds: string[];
}

export interface Change {
  from: string;
  to: string;
  /** to − from for every headline figure; null where either side is undefined. */
  figures: Record<keyof NetworkFigures, number | null>;
}

export interface Metrics {
  schemaVersion: number;
  case: CaseInfo;
  settings: Settings;
  rounds: RoundMetrics[];
  changes: Change[];
  quality: { summary: QualitySummary; entries: QualityEntry[] };
}

const round9 = (v: number) => Math.round(v * 1e9) / 1e9;

/** Deep-round every number to 9 decimals (stable JSON across platforms). */
function stable<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? round9(v) : v))) as T;
}

function values<T>(graph: RoundGraph, pick: (attrs: ReturnType<RoundGraph['getEdgeAttributes']>) => T | null): T[] {
  const out: T[] = [];
  graph.forEachEdge((_e, attrs) => {
    const v = pick(attrs);
    if (v !== null) out.push(v);
  });
  return out;
}

export function roundMetrics(graph: RoundGraph, round: Round, respondents: string[], settings: Settings): RoundMetrics {
  const n = graph.order;
  const ids = graph.nodes().sort();
  const bc = betweenness(graph);
  const trust = values(graph, (a) => a.trust);
  const levels = values(graph, (a) => a.cooperation);
  const strong = values(graph, (a) => a.strong);
  const members = ids.filter((id) => graph.getNodeAttribute(id, 'member'));
  const respondentSet = new Set(respondents);
  const meanTrust = mean(trust);
  const meanCooperation = mean(levels);
  const recip = reciprocity(graph);
  const iso = isolates(graph);

  const actors: ActorMetrics[] = ids.map((id) => {
    const attrs = graph.getNodeAttributes(id);
    const received: number[] = [];
    const coop: number[] = [];
    graph.forEachInEdge(id, (_e, tie) => {
      if (tie.trust !== null) received.push(tie.trust);
      if (tie.cooperation !== null) coop.push(tie.cooperation);
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
      degreeNormalized: n > 1 ? (inDegree + outDegree) / (n - 1) : null,
      betweenness: bc.raw[id] ?? 0,
      betweennessNormalized: bc.normalized[id] ?? 0,
      trustReceived: mean(received),
      trustRaters: received.length,
      cooperationReceived: mean(coop),
    };
  });

  const outsideKnown = ids.filter(
    (id) => !graph.getNodeAttribute(id, 'member') && graph.inNeighbors(id).some((s) => graph.getNodeAttribute(s, 'member')),
  ).length;

  return {
    round,
    network: {
      actors: n,
      ties: graph.directedSize,
      respondents: respondents.length,
      members: members.length,
      memberRespondents: members.filter((m) => respondentSet.has(m)).length,
      responseRate: members.length > 0 ? members.filter((m) => respondentSet.has(m)).length / members.length : null,
      density: directedDensity(graph),
      densityUndirected: undirectedDensity(graph),
      weakComponents: weakComponents(graph),
      isolates: iso.length,
      reciprocityEdgewise: recip.edgewise,
      reciprocityDyadic: recip.dyadic,
      inDegreeCentralization: inDegreeCentralization(actors.map((a) => a.inDegree)),
      betweennessCentralization: betweennessCentralization(actors.map((a) => a.betweenness)),
      meanTrust,
      trustIndex: trustIndex(meanTrust),
      meanCooperation,
      cooperationIndex: cooperationIndex(meanCooperation),
      coordinationShare: shareAtLeast(levels, 3),
      strongTieShare: strong.length > 0 ? strong.filter(Boolean).length / strong.length : null,
      outsideActorsKnown: outsideKnown,
    },
    actors,
    trustLevels: trustDistribution(trust),
    cooperationLevels: cooperationDistribution(levels),
    resourceSystems: resourceSystems(graph, settings.cooperatingLevel),
    isolateIds: iso,
  };
}

export function change(from: RoundMetrics, to: RoundMetrics): Change {
  const figures = {} as Change['figures'];
  for (const key of Object.keys(from.network) as (keyof NetworkFigures)[]) {
    const a = from.network[key];
    const b = to.network[key];
    figures[key] = a === null || b === null ? null : b - a;
  }
  return { from: from.round.id, to: to.round.id, figures };
}

/** Run the metrics stage. Does not change `networks`. */
export function metrics(networks: Networks): Metrics {
  const rounds = networks.rounds.map((r) => roundMetrics(roundGraph(r), r.round, r.respondents, networks.settings));
  const changes: Change[] = [];
  for (let i = 1; i < rounds.length; i++) changes.push(change(rounds[i - 1]!, rounds[i]!));
  if (rounds.length > 2) changes.push(change(rounds[0]!, rounds[rounds.length - 1]!));
  return stable({
    schemaVersion: METRICS_SCHEMA_VERSION,
    case: networks.case,
    settings: networks.settings,
    rounds,
    changes,
    quality: { summary: networks.summary, entries: networks.quality },
  });
}

if (isMain(import.meta.url)) {
  runCli(async (options, tr) => {
    const dir = stageDir(options.positional);
    writeFiles(dir, metricsFiles(metrics(readNetworks(dir))), (p) => process.stderr.write(`${tr.t('cli.wrote', { path: p })}\n`));
  });
}
