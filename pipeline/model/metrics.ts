/**
 * The content of metrics.json, as types only: every figure per round and per actor, the
 * comparisons between rounds, the plan's progress and the recommendations. Each measure's
 * definition lives in its own file under `metrics/`; `null` marks a measure that is undefined.
 * The JSON schema (schema/metrics.schema.json) is generated from `Metrics`.
 */

import type { Uncertainty } from '../compare/paired.ts';
import type { Qap } from '../compare/qap.ts';
import type { TieChange } from '../compare/tie-changes.ts';
import type { Category, ResourceSystem } from '../domain.ts';
import type { DiscordantPair } from '../metrics/agreement.ts';
import type { Brokerage } from '../metrics/brokerage.ts';
import type { GroupTie } from '../metrics/group-view.ts';
import type { Sampling } from '../metrics/path-measures.ts';
import type { Reach } from '../metrics/resource-systems.ts';
import type { Status } from '../metrics/status.ts';
import type { Strength } from '../metrics/strength.ts';
import type { Recommendation } from '../recommendations.ts';
import type { Goal, Step } from './plan.ts';
import type { Actor, CaseInfo, QualityEntry, QualitySummary, Question, Round, Settings } from './responses.ts';

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
  /**
   * Freeman betweenness centralisation, Σ(max − raw betweenness) / ((n−1)²(n−2)), directed, unweighted
   * (igraph `centr_betw`); null for n < 3.
   */
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
  /**
   * Closeness over incoming distances, r / Σd over the r actors that reach it, no Wasserman–Faust
   * factor (networkx `wf_improved=False`); 0 when nobody reaches it.
   */
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
  /** Number of ratings behind trustGiven; null in a shared edition (one respondent's answers). */
  trustGivenCount: number | null;
}

/** Everything measured in one round. */
export interface RoundMetrics {
  round: Round;
  /** The questions the round asked (trust, cooperation, frequency, resources, formal, member ties). */
  asked: Record<Question, boolean>;
  /**
   * Figures the round cannot give because a question they need was not asked (metrics/asked.ts):
   * null in `network`, never 0 and never compared; the report writes "tidak tersedia" and the reason.
   */
  unavailable: Partial<Record<keyof NetworkFigures, Unavailable>>;
  /** Whose ties the trust and cooperation means and indices cover: outside actors, members, all; null when none is rated. */
  coverage: { trust: Coverage; cooperation: Coverage };
  /** Whole-network figures. */
  network: NetworkFigures;
  /** Which prestige measure applies: eigenvector only for a strongly connected graph, else PageRank. */
  prestigeMeasure: 'eigenvector' | 'pagerank';
  /**
   * How the path measures (betweenness, harmonic, closeness, distances) were computed: exact unless the
   * exact pass's projected work is over the budget, else from sampled sources with an error bound and
   * the stability of the top-10 ranking.
   */
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

/** One headline figure in two rounds. */
export interface FigureChange extends Uncertainty {
  from: number | null;
  to: number | null;
  /** to − from; null where either is undefined. */
  delta: number | null;
}

/** An outside actor as the members saw it in two rounds; null = not named in that round. */
export interface ActorChange {
  id: string;
  name: string;
  category: Category;
  namingFrom: number;
  namingTo: number;
  trustFrom: number | null;
  trustTo: number | null;
  cooperationFrom: number | null;
  cooperationTo: number | null;
}

/** Everything that changed between two rounds. */
export interface Comparison {
  from: string;
  to: string;
  /** `consecutive` rounds, or `baseline-latest` (first against last, with three rounds or more). */
  kind: 'consecutive' | 'baseline-latest';
  figures: Record<keyof NetworkFigures, FigureChange>;
  resourceSystems: Record<ResourceSystem, { from: Reach; to: Reach }>;
  /** Counts of survey ties by kind of change, and the ties themselves. */
  ties: { added: number; dropped: number; strengthened: number; weakened: number; mixed: number; unchanged: number; list: TieChange[] };
  /** Respondents of the earlier round who did not answer the later one (their ties count as dropped). */
  respondentsMissing: string[];
  actors: ActorChange[];
  qap: Qap;
}

/** A planned target and its status in every round. */
export interface TargetProgress {
  actorId: string;
  actor: string;
  category: Category;
  goal: Goal;
  step: Step;
  activity: string | null;
  by: string;
  statuses: Record<string, Status>;
  reached: boolean;
}

export interface PlanProgress {
  decided: string;
  targets: TargetProgress[];
  reached: number;
  total: number;
  outcomes: { round: string; text: string }[];
}

/** Why a figure is not available in a round (metrics/asked.ts): a question it needs was not asked. */
export interface Unavailable {
  reason: 'not-asked';
  questions: Question[];
}

/** Whose ties a mean over rated ties covers; null when no tie is rated. */
export type Coverage = 'outside' | 'members' | 'all' | null;
