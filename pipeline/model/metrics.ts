/**
 * The content of metrics.json, as types only: every figure per round and per actor, the
 * comparisons between rounds, the plan's progress and the recommendations. Each measure's
 * definition lives in its own file under `metrics/`; `null` marks a measure that is undefined.
 * The JSON schema (schema/metrics.schema.json) is generated from `Metrics`.
 */

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
  /** Outside actors (not members) named by at least one member: the group's map of its resource systems (step 1, pemetaan). */
  known: number;
  /**
   * Mean trust (1–5, or 1–4 on a 4-point scale) of members in outside actors, over the member → outside-actor ties that rate
   * it (step 3, penguatan kepercayaan); null when none does.
   */
  trust: number | null;
  /**
   * Outside actors whose status for the group is cooperating or formal (metrics/status.ts: some member reports cooperation at
   * the case's cooperating level or above, or an MoU): step 4, penguatan kerjasama.
   */
  cooperation: number;
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

/** Density and reciprocity of one block of ordered pairs (metrics/split.ts). */
export interface BlockFigures {
  /** Ties (u → v, u ≠ v) with both ends in the block, survey and mapping. */
  ties: number;
  /** Ordered pairs in the block: m(m−1) among m members, 2mo between m members and o outside actors, o(o−1) among outside actors. */
  pairs: number;
  /** ties / pairs; null when the block has no pair. */
  density: number | null;
  /** Ties of the block whose reverse tie exists / ties of the block (igraph "default"); null without ties. */
  reciprocityEdgewise: number | null;
  /** Mutual dyads / (mutual + asymmetric dyads) of the block (igraph "ratio"); null without ties. */
  reciprocityDyadic: number | null;
}

/**
 * The whole network's density and reciprocity split by kind of pair (metrics/split.ts): the three
 * blocks partition every ordered pair, so their ties and pairs add up to the network's.
 */
export interface SplitFigures {
  /** Member → member. */
  memberMember: BlockFigures;
  /** Between a member and an outside actor, either direction. */
  memberOutside: BlockFigures;
  /** Between outside actors (mostly ties known from mapping). */
  outsideOutside: BlockFigures;
  /** Outside actors who answered in the round: only they can return a member's tie. */
  outsideRespondents: number;
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
  /** Density and reciprocity split into member–member, member–outside and outside–outside pairs. */
  split: SplitFigures;
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
  /** How the changes were tested: the primary figures, the family of tests and its adjustment (evidence/). */
  evidence: EvidenceSummary;
  /** Progress of the intervention plan (plan.yaml), or null without a plan. */
  plan: PlanProgress | null;
  /** Rule-based recommendations from the latest round, the plan and the last change. */
  recommendations: Recommendation[];
  quality: { summary: QualitySummary; entries: QualityEntry[] };
}

/** A figure of the catalogue (pipeline/figures.ts): every key of the whole-network figures. */
export type FigureId = keyof NetworkFigures;

/** What a test concluded: a change in one direction, or no convincing change. */
export type Verdict = 'up' | 'down' | 'same';

/** The direction a primary figure is tested in: one-sided (`up`, `down`) where the plan or case.yaml states it, else both. */
export type Direction = 'up' | 'down' | 'two-sided';

/**
 * Whether a change was tested: `tested` (a primary figure, tested on the panel), `untested` (described only: before, after,
 * change), `too-few` (a primary figure with a panel or raters below the minimum), `not-available` (undefined in a round).
 */
export type EvidenceStatus = 'tested' | 'untested' | 'too-few' | 'not-available';

/**
 * Why a figure has its status: `descriptive` (not primary), `panel` (panel below the minimum), `raters` (fewer raters than
 * `privacy.minRaters`), `undefined` (the figure is null in one of the rounds); null when tested.
 */
export type StatusReason = 'descriptive' | 'panel' | 'raters' | 'undefined';

/** A confidence interval of the change, from inverting the test; a null bound is unbounded (one-sided tests, tiny panels). */
export interface ChangeInterval {
  /** Lower bound; null = no lower bound. */
  low: number | null;
  /** Upper bound; null = no upper bound. */
  high: number | null;
  /** Confidence level, 1 − the level of the figure's Holm step (at least 0.95). */
  level: number;
}

/** One headline figure in two rounds: the comparison object every place that speaks of change reads. */
export interface FigureChange {
  /** Value in the earlier round, on the network named by `network`; null where undefined. */
  before: number | null;
  /** Value in the later round, on the same network. */
  after: number | null;
  /** after − before; null where either is undefined. */
  change: number | null;
  /**
   * The network both values are computed on: `panel` (the ties of the respondents who answered both rounds, every roster
   * actor kept), of which the figures built from members' answers use the members only (`members`).
   */
  network: 'panel' | 'members';
  /** Tested, untested (descriptive), too few to test, or not available (evidence/verdict.ts). */
  status: EvidenceStatus;
  /** Why the figure has its status; null when tested. */
  reason: StatusReason | null;
  /** A primary figure (tested when its panel and raters allow). */
  primary: boolean;
  /** Direction of the test of a primary figure; null for the others. */
  direction: Direction | null;
  /** People in the panel the figure is built from (members for `network: members`). */
  panel: number;
  /** For means of ratings: panel people who gave one in both rounds; null for counts. */
  raters: number | null;
  /** How the null distribution was obtained: all 2^n swaps (`exact`) or random swaps (`monte-carlo`); null when not tested. */
  method: 'exact' | 'monte-carlo' | null;
  /** Swap assignments in the null distribution (2^n, or B + 1 with the observed one); null when not tested. */
  assignments: number | null;
  /** Paired permutation p-value (one- or two-sided as `direction`); null when not tested. */
  p: number | null;
  /** Holm-adjusted p over the case's family of tests; the verdict follows it. Null when not tested. */
  adjustedP: number | null;
  /** `up`/`down` only when the adjusted p is at most `evidence.alpha`; `same` otherwise; null when not tested. */
  verdict: Verdict | null;
  /** Interval of the change (figure units) consistent with the verdict; null with `intervalNote` saying why. */
  interval: ChangeInterval | null;
  /** Why there is no interval: `untested`, `count` (a count of distinct actors has no shift model), `unbounded`; else null. */
  intervalNote: 'untested' | 'count' | 'unbounded' | null;
  /**
   * Smallest change this design detects with 80 % power at the strictest Holm level (α / number of tests), in figure units
   * (magnitude); null when not tested or when no change can be detected (`detectableNote`).
   */
  detectable: number | null;
  /** `undetectable`: the panel is too small for any change to reach the level; else null. */
  detectableNote: 'undetectable' | null;
}

/** Who answered which of two rounds. Only the panel (both rounds) enters the comparison; the others are counted apart. */
export interface PanelSummary {
  /** Respondents who answered both rounds. */
  respondents: number;
  /** Members among them. */
  members: number;
  /** Answered only the later round (ids; codes in shared editions), with how many are members and outside actors. */
  joined: { ids: string[]; members: number; outside: number };
  /** Answered only the earlier round. */
  left: { ids: string[]; members: number; outside: number };
}

/** An outside actor as the members saw it in two rounds (all respondents of each round); null = not named in that round. */
export interface ActorChange {
  id: string;
  name: string;
  category: Category;
  /** Members naming it in the earlier round. */
  namingFrom: number;
  /** Members naming it in the later round. */
  namingTo: number;
  /** Members' mean trust in it in the earlier round; null when not rated (suppressed below privacy.minRaters in shared editions). */
  trustFrom: number | null;
  /** The same in the later round. */
  trustTo: number | null;
  /** Best cooperation level any member reports in the earlier round; null when not named. */
  cooperationFrom: number | null;
  /** The same in the later round. */
  cooperationTo: number | null;
}

/** Everything that changed between two rounds. */
export interface Comparison {
  /** Id of the earlier round. */
  from: string;
  /** Id of the later round. */
  to: string;
  /** `consecutive` rounds, or `baseline-latest` (first against last, with three rounds or more). */
  kind: 'consecutive' | 'baseline-latest';
  /** Who answered both rounds, who joined, who left. */
  panel: PanelSummary;
  /** Every figure before and after on the panel, with its test where it is primary. */
  figures: Record<FigureId, FigureChange>;
  /** Reach into each resource system in each round (all respondents). */
  resourceSystems: Record<ResourceSystem, { from: Reach; to: Reach }>;
  /**
   * Counts of the panel's survey ties by kind of change, and the ties themselves; ties of respondents who answered one round
   * only are counted apart (`joined`, `left`), never as added or dropped.
   */
  ties: {
    /** Reported in the later round only. */
    added: number;
    /** Reported in the earlier round only. */
    dropped: number;
    /** Trust or cooperation higher, neither lower. */
    strengthened: number;
    /** Trust or cooperation lower, neither higher. */
    weakened: number;
    /** One higher, the other lower. */
    mixed: number;
    /** Neither changed. */
    unchanged: number;
    /** Ties reported by respondents who answered only the later round. */
    joined: number;
    /** Ties reported by respondents who answered only the earlier round. */
    left: number;
    /** Each tie of the panel with its change (left out of shared editions). */
    list: TieChange[];
  };
  /** Each outside actor as the members saw it in both rounds (all respondents of each round). */
  actors: ActorChange[];
  /** QAP correlation of the panel's tie matrices, permuted within blocks (compare/qap.ts). */
  qap: Qap;
}

/** One test of the case's family, in the order of the Holm procedure. */
export interface FamilyTest {
  /** Index of the comparison in `comparisons`. */
  comparison: number;
  /** The figure tested. */
  figure: FigureId;
  /** Its raw p-value. */
  p: number;
  /** Its Holm-adjusted p-value. */
  adjustedP: number;
  /** The level this test was held to in Holm's step-down procedure (α / (m − rank)), used for its interval. */
  level: number;
  /** Its verdict is a change (adjusted p ≤ α). */
  rejected: boolean;
}

/** A primary figure and where the direction of its test comes from. */
export interface PrimaryFigure {
  /** The figure's id in the catalogue (pipeline/figures.ts). */
  figure: FigureId;
  /**
   * Direction stated in case.yaml, else implied by the plan, else two-sided. A plan's direction applies to the comparisons
   * that start at or after the round the plan was decided on; earlier ones are two-sided (FigureChange.direction).
   */
  direction: Direction;
  /** `config` (analysis.primary), `plan` (plan.yaml targets or trust steps), `none` (two-sided). */
  source: 'config' | 'plan' | 'none';
}

/** How the changes between rounds were tested (the method note reads it). */
export interface EvidenceSummary {
  /** Family-wise error rate the verdicts control: the chance of at least one false "up"/"down" in the report. */
  alpha: number;
  /** Holm's step-down adjustment over every test of the case (all primary figures × all comparisons). */
  adjustment: 'holm';
  /** Tests in the family (primary figures with status `tested`). */
  tests: number;
  /** A panel (members, for the member figures) below this size is too few to test. */
  minPanel: number;
  /** A mean of ratings with fewer raters than this (privacy.minRaters) is too few to test. */
  minRaters: number;
  /** Exact enumeration of all 2^n swaps up to this panel size; random swaps above. */
  exactUpTo: number;
  /** Random swaps (B) above `exactUpTo`, seeded; p = (b + 1) / (B + 1). */
  monteCarlo: number;
  /** Power at which `detectable` is stated. */
  power: number;
  /** The primary figures, in the order case.yaml (or the catalogue's default) lists them. */
  primary: PrimaryFigure[];
  /** Every test of the family, in Holm's order (smallest p first). */
  family: FamilyTest[];
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
