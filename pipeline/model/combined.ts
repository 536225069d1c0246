/** The combined view over a folder of cases (`<out>/_gabungan/`), as types only. */

import type { Category, ResourceSystem } from '../domain.ts';
import type { Audience } from '../edition.ts';
import type { Reach } from '../metrics/resource-systems.ts';
import type { Status } from '../metrics/status.ts';
import type { FigureChange, FigureId, Verdict } from './metrics.ts';

/** One survey round of a group, as the combined view shows it. */
export interface DigestRound {
  id: string;
  label: string;
  /** ISO date, or null when case.yaml gives none. */
  date: string | null;
  /** Members on the roster. */
  members: number;
  /** Members who answered the round. */
  memberRespondents: number;
  /** memberRespondents / members; null without members. */
  responseRate: number | null;
}

/**
 * What the combined view reads of a figure's first › last comparison in the group's own metrics (evidence/verdict.ts): its
 * values, its change and the words of its status and verdict. The test's details (p, interval, detectable change) stay in
 * the group's own report.
 */
export type DigestChange = Pick<
  FigureChange,
  'before' | 'after' | 'change' | 'network' | 'status' | 'reason' | 'direction' | 'panel' | 'raters' | 'verdict'
>;

/** A primary figure of a group, first round → last round: from the group's own comparison (its panel, test and verdict). */
export interface DigestFigure {
  figure: FigureId;
  /** The figure in the group's first › last comparison; null with one round. */
  change: DigestChange | null;
  /** The figure in the last round (all respondents), as the group's summary shows it. */
  latest: number | null;
}

/** The group's progress on a step of its plan: targets of that step reached by their round. */
export interface StepTargets {
  reached: number;
  total: number;
}

/** An outside actor of one group, as the combined view matches it with the other groups'. */
export interface DigestActor {
  /**
   * What it is matched by across groups: `id:<id>` from the folder's shared actors file, else `place:<kota>|<kelurahan>|<name>`
   * (a bare name matches only within the same kelurahan and kota), else `case:<case>|<id>`. Held in memory only: it may hold
   * a name the edition codes, so it is never written.
   */
  key: string;
  /** The stable id from the shared actors file; null when the actor is not in it. */
  sharedId: string | null;
  /** Its name as the group's own report of this edition shows it; null when the edition codes it (a respondent not named). */
  name: string | null;
  category: Category;
  /** Its status for the group in the last round (metrics/status.ts). */
  status: Status;
}

/** What one case's build hands on to the combined view: everything the view shows of the group comes from here. */
export interface Digest {
  /** The case's folder name (its report is `../<case>/`). */
  case: string;
  group: string;
  kelurahan: string | null;
  kota: string | null;
  /** case.yaml `analysis.comparison: true`: a comparison group, without the intervention. */
  comparison: boolean;
  trustScale: 4 | 5;
  rounds: DigestRound[];
  /** Members who answered both the first and the last round; null with one round. */
  panel: number | null;
  /** The four steps of the development model. */
  steps: {
    /** Resource systems with an outside actor on the roster (step 1, pemetaan), of the four. */
    systemsMapped: number;
    /** Of those, systems where the members know at least one actor in the last round. */
    systemsKnown: number;
    /** Targets the plan sets (step 2, penetapan); null without a plan. */
    targets: number | null;
    /** Targets at the trust step reached (step 3); null without a plan. */
    trust: StepTargets | null;
    /** Targets at the cooperation step reached (step 4); null without a plan. */
    cooperation: StepTargets | null;
  };
  /** The primary figures (known, trust, cooperation), first → last. */
  figures: DigestFigure[];
  flags: {
    /** One round only: a baseline, nothing to compare yet. */
    baselineOnly: boolean;
    /** Fewer than half the members answered some round. */
    lowResponse: boolean;
    /** Primary figures tested `up` in an earlier comparison whose value on the panel of the last two rounds is lower again. */
    relapse: FigureId[];
  };
  /** Reach into each resource system in the last round. */
  resourceSystems: Record<ResourceSystem, Reach>;
  /** Outside actors the members name in the last round. */
  actors: DigestActor[];
}

/** Why a group is listed among those that need support first. */
export type Need = 'down' | 'relapse' | 'low-response' | 'no-partner' | 'baseline-only';

/** A group's row in the programme table. */
export interface GroupRow extends Digest {
  /** Reasons for support, in the order of `NEEDS`; the rows are sorted by them. */
  needs: Need[];
}

/** An outside actor across groups. */
export interface CombinedActor {
  /** The stable id of the shared actors file; null when matched by name within one kelurahan. */
  id: string | null;
  /** Its name where every group that names it may show it; null when some edition codes it. */
  name: string | null;
  category: Category;
  kelurahan: string | null;
  kota: string | null;
  /** Cases whose members name it in their last round. */
  groupsKnowing: string[];
  /** Cases for which it is cooperating or formal in their last round. */
  groupsCooperating: string[];
}

/** One programme-level test over groups (evidence/programme.ts). */
export interface ProgrammeTest {
  figure: FigureId;
  /** `pooled` (mean of the groups' changes) or `difference` (intervention groups' mean − comparison groups' mean). */
  kind: 'pooled' | 'difference';
  /** Groups whose change enters (intervention groups for `pooled`; both sets for `difference`). */
  groups: number;
  /** For `difference`: comparison groups among them; else 0. */
  comparisonGroups: number;
  /** The estimate in figure units; null with no group. */
  estimate: number | null;
  /** `tested`, or `too-few` (fewer than MIN_GROUPS groups, or fewer than 2 on a side). */
  status: 'tested' | 'too-few';
  /** Exact enumeration or random permutations; null when not tested. */
  method: 'exact' | 'monte-carlo' | null;
  p: number | null;
  adjustedP: number | null;
  verdict: Verdict | null;
  /** Test-inverted interval of the pooled change at the level of its Holm step; null when unbounded or not tested. */
  interval: { low: number | null; high: number | null; level: number } | null;
  /** Groups whose own verdict is `up`, `down`, and groups with a tested verdict (pooled only). */
  improved: number;
  declined: number;
  testedGroups: number;
  /**
   * Groups whose change is not zero (pooled only): a group that did not change flips to itself, so
   * the smallest p an exact sign-flip test can give is 2 / 2^moved (`canConclude`).
   */
  moved: number;
}

export interface ProgrammeEvidence {
  alpha: number;
  minGroups: number;
  tests: number;
  pooled: ProgrammeTest[];
  /** Intervention − comparison, when the folder holds comparison groups; else empty. */
  difference: ProgrammeTest[];
  /** Groups left out of the trust figures: their trust scale differs from the majority's. */
  otherTrustScale: number;
}

export interface Combined {
  audience: Audience;
  /** The latest round date of any group (no clock); null when no round has a date. */
  date: string | null;
  /** Sorted: the groups that need support first. */
  groups: GroupRow[];
  programme: ProgrammeEvidence;
  /** Every outside actor named by some group, most groups first. */
  actors: CombinedActor[];
  /** Whether a shared actors file matched the actors. */
  sharedFile: boolean;
}
