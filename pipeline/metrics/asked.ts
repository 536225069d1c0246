/**
 * Unasked is not zero. A round that did not ask a question (Google Forms with no frequency
 * question, a form with no question about fellow members) has no answers to it, and a figure
 * computed from those missing answers would read as a measured 0: a strong-tie share of 0 % with
 * no contact frequency asked, a reciprocity of 0 when members were never asked about each other.
 * Such a figure is **not available**: `null` in metrics.json, with the questions it lacks in
 * `RoundMetrics.unavailable`; the report writes "tidak tersedia" with the reason, and a null
 * figure is never compared between rounds.
 *
 * What each figure needs (the questions of `RoundResponses.asked`, decided by the ingest stage):
 * - mean trust, trust index: trust;
 * - mean cooperation, cooperation index, share at koordinasi or above: cooperation;
 * - strong-tie share: contact frequency, resources and cooperation, three of the four criteria of
 *   the strong-tie rule (metrics/tie-strength.ts); the written agreement is not required, since a
 *   tie is strong without one and many forms do not ask it;
 * - reciprocity (both kinds), transitivity, mean clustering and pairs that disagree: member ties,
 *   because only members answer, so without them no two respondents can name each other.
 *
 * Coverage: the trust and cooperation indices are means over the survey ties that carry a rating;
 * `coverage` says whose ties those are: ties to outside actors only, to members only, or both.
 */
import type { Coverage, NetworkFigures, Unavailable } from '../model/metrics.ts';
import type { Question } from '../model/responses.ts';

export type FigureId = keyof NetworkFigures;

/** The questions each figure needs; figures not listed need none. */
export const FIGURE_NEEDS: Partial<Record<FigureId, readonly Question[]>> = {
  meanTrust: ['trust'],
  trustIndex: ['trust'],
  meanCooperation: ['cooperation'],
  cooperationIndex: ['cooperation'],
  coordinationShare: ['cooperation'],
  strongTieShare: ['frequency', 'resources', 'cooperation'],
  reciprocityEdgewise: ['memberTies'],
  reciprocityDyadic: ['memberTies'],
  transitivity: ['memberTies'],
  averageClustering: ['memberTies'],
  discordantPairs: ['memberTies'],
};

/** Why a figure is not available: the questions the round did not ask. */
/** Every question asked: rounds read before the ingest stage recorded what was asked. */
export const ALL_ASKED: Record<Question, boolean> = {
  trust: true,
  cooperation: true,
  frequency: true,
  resources: true,
  formal: true,
  memberTies: true,
};

/** The figures a round cannot give, with the questions each lacks. */
export function unavailableFigures(asked: Record<Question, boolean>): Partial<Record<FigureId, Unavailable>> {
  const out: Partial<Record<FigureId, Unavailable>> = {};
  for (const [id, needs] of Object.entries(FIGURE_NEEDS) as [FigureId, readonly Question[]][]) {
    const missing = needs.filter((q) => !asked[q]);
    if (missing.length > 0) out[id] = { reason: 'not-asked', questions: missing };
  }
  return out;
}

/** The figures with every unavailable one set to null (a copy). */
export function withoutUnavailable(figures: NetworkFigures, unavailable: Partial<Record<FigureId, Unavailable>>): NetworkFigures {
  const out: Record<string, number | null> = { ...figures };
  for (const id of Object.keys(unavailable)) out[id] = null;
  return out as unknown as NetworkFigures;
}

/** Whose ties carry the ratings: targets of the rated survey ties, members or outside actors or both. */
export function coverage(targets: { member: boolean }[]): Coverage {
  if (targets.length === 0) return null;
  const members = targets.filter((t) => t.member).length;
  return members === 0 ? 'outside' : members === targets.length ? 'members' : 'all';
}
