/**
 * The artifacts of the first two stages, as types only (written as responses.json and
 * network.json):
 *
 *   case folder ──ingest──▶ Responses ──network──▶ Networks ──metrics──▶ Metrics (model/metrics.ts)
 *                                                     │                    │
 *                                                     └──────charts◀───────┘
 *                                                              │
 *                                          report (HTML) ◀─────┘ ──pdf──▶ report.pdf
 *
 * Field names are English; every word a reader sees comes from the locale files.
 */
import type { Category, Resource } from '../domain.ts';
import type { Plan } from './plan.ts';

/** A place in an input file, for messages and the data-quality log. `line` is the physical line (1-based). */
export interface SourceRef {
  file: string;
  line: number;
}

export interface Actor {
  /** Stable key: the roster `id`, or a slug of the name when no id is given. */
  id: string;
  name: string;
  type: string;
  category: Category;
  aliases: string[];
  /** A member of the group (category `internal`). */
  member: boolean;
}

export interface CaseInfo {
  /** Folder name of the case; names `out/<name>/`. */
  name: string;
  group: string;
  rw: string | null;
  kelurahan: string | null;
  kecamatan: string | null;
  kota: string | null;
}

export interface Round {
  id: string;
  label: string;
  /** ISO date (YYYY-MM-DD) or null when unknown. */
  date: string | null;
  /** Path of the tie file, relative to the case folder. */
  file: string;
}

/** One reported tie: `from` (the respondent) said something about `to`. */
export interface Tie {
  from: string;
  to: string;
  /** 1 (sangat tidak percaya) … 5 (sangat percaya); null when not answered. */
  trust: number | null;
  /** 0 … 5 on the cooperation ladder; null when not answered. */
  cooperation: number | null;
  /** 0 (tidak pernah) … 4 (sangat sering); null when not answered. */
  frequency: number | null;
  resources: Resource[];
  /** A written agreement (MoU); null when not answered. */
  formal: boolean | null;
  source: SourceRef;
}

/** A tie between two outside actors recorded during mapping (`known-ties.csv`), both directions. */
export interface KnownTie {
  a: string;
  b: string;
  cooperation: number | null;
  resources: Resource[];
  source: SourceRef;
}

/**
 * The questions a round can ask about a tie: its trust, cooperation level, contact frequency,
 * resources exchanged and written agreement, and whether members were asked about each other
 * (`memberTies`: a member could name another member).
 */
export type Question = 'trust' | 'cooperation' | 'frequency' | 'resources' | 'formal' | 'memberTies';

export interface RoundResponses {
  round: Round;
  /** Actor ids of everyone who answered in this round, sorted. */
  respondents: string[];
  ties: Tie[];
  /**
   * Which questions the round asked: read through the form, the form's own questions; otherwise a
   * question with a column and at least one answer (member ties: at least one member naming a member).
   */
  asked: Record<Question, boolean>;
}

export type QualityLevel = 'info' | 'warning' | 'error';

/** One line of the data-quality log: something read, corrected or rejected. */
export interface QualityEntry {
  level: QualityLevel;
  code: string;
  file: string;
  /** Physical line in the file (1-based), or null for whole-file entries. */
  line: number | null;
  column: string | null;
  value: string | null;
  /** The value used instead, when corrected. */
  correctedTo: string | null;
  /** Human-readable explanation in the report language. */
  message: string;
}

/**
 * Rows of the tie files (and known-ties.csv): one row of a long file, one actor of a wide
 * submission, one repeat row. rowsRead = rowsKept + rowsCorrected + rowsRejected + rowsSuperseded.
 */
export interface QualitySummary {
  rowsRead: number;
  /** Used as read. */
  rowsKept: number;
  /** Used with a value left out or corrected (logged). */
  rowsCorrected: number;
  /** Not used: unknown names, self-ties, rows without their submission (logged). */
  rowsRejected: number;
  /** Replaced by a later row or submission of the same respondent (logged): duplicates, not errors. */
  rowsSuperseded: number;
}

/** Case settings every stage after ingest needs, resolved from `case.yaml` and its defaults. */
export interface Settings {
  /** Who the report is for: internal (names), kelurahan or dinas (pseudonymised, small cells suppressed). */
  audience: 'internal' | 'kelurahan' | 'dinas';
  /** Shared editions show trust in an outside actor only over at least this many raters. */
  minRaters: number;
  /** Points of the trust scale: 5 (1–5, default) or 4 (1–4, no middle answer). */
  trustScale: 4 | 5;
  /** Date printed on the report (ISO), or null to leave it out. */
  reportDate: string | null;
  strongTie: { minCriteria: number; frequency: number; cooperation: number };
  cooperatingLevel: number;
  topActors: number;
  /**
   * The figures whose change between rounds is tested (case.yaml `analysis.primary`; figure ids of pipeline/figures.ts),
   * each with the direction stated in case.yaml, or null to take it from the plan (else two-sided).
   */
  analysis: { primary: { figure: string; direction: 'up' | 'down' | 'two-sided' | null }[] };
}

export interface Responses {
  case: CaseInfo;
  settings: Settings;
  /** The intervention plan (plan.yaml), or null. */
  plan: Plan | null;
  actors: Actor[];
  /** Ties between outside actors known from mapping; added to every round's graph. */
  knownTies: KnownTie[];
  rounds: RoundResponses[];
  quality: QualityEntry[];
  summary: QualitySummary;
}

/** Tie attributes as stored on graph edges. Never `weight`: graphology reads it as a distance. */
export interface TieAttributes {
  trust: number | null;
  cooperation: number | null;
  frequency: number | null;
  resources: Resource[];
  formal: boolean | null;
  strong: boolean;
  /** `survey`: reported by a respondent; `mapping`: a tie between outside actors recorded during mapping. */
  origin: 'survey' | 'mapping';
}

export interface ActorAttributes {
  name: string;
  type: string;
  category: Category;
  member: boolean;
  respondent: boolean;
}

export interface Position {
  x: number;
  y: number;
}

/** A round's graph in graphology's serialised form, so that it can be written and read back. */
export interface SerializedRoundNetwork {
  round: Round;
  respondents: string[];
  asked: Record<Question, boolean>;
  graph: import('graphology-types').SerializedGraph<ActorAttributes, TieAttributes>;
}

export interface Networks {
  case: CaseInfo;
  settings: Settings;
  plan: Plan | null;
  actors: Actor[];
  knownTies: KnownTie[];
  rounds: SerializedRoundNetwork[];
  /** Node positions computed once over the union of all rounds, in [0, 1]². */
  layout: Record<string, Position>;
  quality: QualityEntry[];
  summary: QualitySummary;
}

/** The network stage's output without the layout: what the measures need (network.ts `networkStarted`). */
export type NetworkGraphs = Omit<Networks, 'layout'>;
