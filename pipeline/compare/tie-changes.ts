/**
 * How each survey tie changed between two rounds (same respondent → same actor). The comparison
 * hands in the ties of the panel only (respondents who answered both rounds), so that a respondent
 * who joined or left is never read as new or lost ties (compare.ts counts theirs apart):
 * - **added**: reported in the later round only; **dropped**: in the earlier round only;
 * - **strengthened**: reported in both, trust or cooperation level higher and neither lower;
 *   **weakened**: trust or cooperation lower and neither higher; **mixed**: one up, one down;
 *   **unchanged**: neither changed (an unanswered rating is not compared).
 */
import type { SurveyTie } from './survey-ties.ts';

export interface TieChange {
  from: string;
  to: string;
  kind: 'added' | 'dropped' | 'strengthened' | 'weakened' | 'mixed' | 'unchanged';
  trustFrom: number | null;
  trustTo: number | null;
  cooperationFrom: number | null;
  cooperationTo: number | null;
}

export function tieChanges(before: SurveyTie[], after: SurveyTie[]): TieChange[] {
  const key = (t: SurveyTie) => `${t.from}\u0000${t.to}`;
  const a = new Map(before.map((t) => [key(t), t]));
  const b = new Map(after.map((t) => [key(t), t]));
  const out: TieChange[] = [];
  for (const k of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(k);
    const y = b.get(k);
    const base = {
      from: (x ?? y)!.from,
      to: (x ?? y)!.to,
      trustFrom: x?.trust ?? null,
      trustTo: y?.trust ?? null,
      cooperationFrom: x?.cooperation ?? null,
      cooperationTo: y?.cooperation ?? null,
    };
    if (!x) out.push({ ...base, kind: 'added' });
    else if (!y) out.push({ ...base, kind: 'dropped' });
    else {
      const sign = (p: number | null, q: number | null) => (p === null || q === null ? 0 : Math.sign(q - p));
      const moves = [sign(x.trust, y.trust), sign(x.cooperation, y.cooperation)];
      const up = moves.some((m) => m > 0);
      const down = moves.some((m) => m < 0);
      out.push({ ...base, kind: up && down ? 'mixed' : up ? 'strengthened' : down ? 'weakened' : 'unchanged' });
    }
  }
  return out;
}
