/** The intervention plan (plan.yaml) resolved against the roster and the rounds, as types only. */

/** The status a target should reach: contacted, cooperating or formal (metrics/status.ts). */
export type Goal = 'contacted' | 'cooperating' | 'formal';
/** The step of the development model a target belongs to: strengthening trust or cooperation. */
export type Step = 'kepercayaan' | 'kerjasama';

/** The plan, resolved against the roster and the rounds. */
export interface Plan {
  decided: string;
  targets: { actorId: string; actor: string; goal: Goal; step: Step; activity: string | null; by: string }[];
  outcomes: { round: string; text: string }[];
}
