import type { Settings } from '../model/responses.ts';
/**
 * Strong and weak ties (Granovetter 1973, as put in seed 002 "Jejaring Kerja"): a strong tie joins
 * parties who know each other well and are in frequent contact, have worked together, and
 * exchange resources; a weak tie is knowing of each other, by reputation, with rare contact.
 *
 * Rule: a tie is **strong** when it meets at least `minCriteria` (default 2) of four criteria:
 *   1. contact at least `frequency` (default 3 = sering);
 *   2. cooperation at least `cooperation` (default 2 = kooperasi, a shared goal);
 *   3. at least one resource exchanged;
 *   4. a written agreement (MoU).
 * Otherwise it is weak. An unanswered criterion counts as not met. Thresholds live in `case.yaml`
 * (`strongTie`).
 */

export interface StrengthInput {
  frequency: number | null;
  cooperation: number | null;
  resources: readonly string[];
  formal: boolean | null;
}

export function criteriaMet(tie: StrengthInput, rule: Settings['strongTie']): number {
  let met = 0;
  if (tie.frequency !== null && tie.frequency >= rule.frequency) met++;
  if (tie.cooperation !== null && tie.cooperation >= rule.cooperation) met++;
  if (tie.resources.length > 0) met++;
  if (tie.formal === true) met++;
  return met;
}

export function isStrong(tie: StrengthInput, rule: Settings['strongTie']): boolean {
  return criteriaMet(tie, rule) >= rule.minCriteria;
}
