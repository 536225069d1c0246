/**
 * The one place a figure's change gets its status and its verdict; every other place (summary,
 * chart titles, narrative, recommendations, metrics.json) reads the comparison object.
 *
 * Status:
 * - `not-available`: the figure is undefined in one of the two rounds (e.g. nobody rated);
 * - `untested`: not a primary figure: described (before, after, change), never concluded;
 * - `too-few`: a primary figure whose panel has fewer than MIN_PANEL people, or, for a mean of
 *   ratings, fewer raters (panel people who rated in both rounds) than `privacy.minRaters`;
 * - `tested`: a primary figure tested on the panel.
 * Verdict (tested figures only): `up` or `down` when the Holm-adjusted p is at most α and the
 * change lies in the tested direction; otherwise `same` ("tidak berubah secara meyakinkan"). A
 * change of zero is never `up` or `down`.
 */
import type { Direction, EvidenceStatus, StatusReason, Verdict } from '../model/metrics.ts';

/** Family-wise error rate of the report's claims. */
export const ALPHA = 0.05;
/** Fewest people in a panel (members, for the member figures) for a test. */
export const MIN_PANEL = 5;

export function changeStatus(input: {
  primary: boolean;
  before: number | null;
  after: number | null;
  panel: number;
  raters: number | null;
  minRaters: number;
}): { status: EvidenceStatus; reason: StatusReason | null } {
  if (input.before === null || input.after === null) return { status: 'not-available', reason: 'undefined' };
  if (!input.primary) return { status: 'untested', reason: 'descriptive' };
  if (input.panel < MIN_PANEL) return { status: 'too-few', reason: 'panel' };
  if (input.raters !== null && input.raters < input.minRaters) return { status: 'too-few', reason: 'raters' };
  return { status: 'tested', reason: null };
}

export function verdict(status: EvidenceStatus, change: number | null, adjustedP: number | null, direction: Direction): Verdict | null {
  if (status !== 'tested' || change === null || adjustedP === null) return null;
  if (adjustedP > ALPHA || change === 0) return 'same';
  if (change > 0) return direction === 'down' ? 'same' : 'up';
  return direction === 'up' ? 'same' : 'down';
}
