/**
 * The intervention plan (optional `plan.yaml` in the case folder): the resource systems the group
 * decided to target in the focus-group discussion (*penetapan jaringan*), the trust and
 * cooperation steps planned for each, and the facilitator's notes on wider outcomes.
 *
 *   decided: pra                      # the round the plan starts from (default: the first)
 *   targets:
 *     - actor: Warung Susi            # a roster name, alias or id
 *       goal: formal                  # contacted | cooperating | formal
 *       step: kerjasama               # kepercayaan (strengthening trust) | kerjasama (cooperation)
 *       activity: MoU penitipan produk
 *       activity_en: Consignment MoU  # optional: the activity in the English edition (--lang en)
 *       by: pasca                     # round by which it should be reached (default: the last)
 *   outcomes:
 *     - round: pasca
 *       text: Permintaan bertambah.
 *       text_en: Demand grew.         # optional: the note in the English edition
 *
 * Progress of a target in a round is the actor's status for the group (metrics/status.ts):
 *   not known → known (named) → contacted (cooperation ≥ 1) → cooperating (≥ cooperatingLevel)
 *   → formal (an MoU reported). A target is **reached** when its status in the `by` round is at
 *   least its goal.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { caseFile, readConfigFile } from './config.ts';
import { JejaringError } from './errors.ts';
import type { Roster } from './ingest/roster.ts';
import type { Goal, Plan, Step } from './model/plan.ts';

export const PLAN_FILE = 'plan.yaml';
export const GOALS = ['contacted', 'cooperating', 'formal'] as const satisfies readonly Goal[];
export const STEPS = ['kepercayaan', 'kerjasama'] as const satisfies readonly Step[];

const text = z.string().trim().min(1);
export const PlanSpec = z
  .object({
    decided: text.optional(),
    targets: z
      .array(
        z
          .object({
            actor: text,
            goal: z.enum(GOALS),
            step: z.enum(STEPS).optional(),
            activity: text.optional(),
            activity_en: text.optional(),
            by: text.optional(),
          })
          .strict(),
      )
      .min(1),
    outcomes: z.array(z.object({ round: text, text, text_en: text.optional() }).strict()).optional(),
  })
  .strict();

/**
 * plan.yaml → the plan, its texts in the report's language: `activity_en` and `text_en` replace
 * `activity` and `text` in an English edition when given (the case's own words otherwise).
 */
export function readPlan(dir: string, display: string, roster: Roster, roundIds: string[], lang: 'id' | 'en' = 'id'): Plan | null {
  const path = caseFile(dir, PLAN_FILE, display);
  if (!path) return null;
  const file = join(display, PLAN_FILE);
  const parsed = PlanSpec.safeParse(readConfigFile(path, file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new JejaringError('CONFIG_INVALID', { key: issue.path.join('.') || '(root)', detail: issue.message }, { file });
  }
  const round = (id: string | undefined, key: string, fallback: string) => {
    if (id === undefined) return fallback;
    if (!roundIds.includes(id))
      throw new JejaringError('CONFIG_INVALID', { key, detail: `unknown round "${id}" (rounds: ${roundIds.join(', ')})` }, { file });
    return id;
  };
  const spec = parsed.data;
  return {
    decided: round(spec.decided, 'decided', roundIds[0]!),
    targets: spec.targets.map((t, i) => {
      const actor = roster.match(t.actor);
      if (!actor)
        throw new JejaringError(
          'CONFIG_INVALID',
          { key: `targets.${i}.actor`, detail: `"${t.actor}" is not on the roster (${roster.suggest(t.actor).join(', ') || '–'})` },
          { file },
        );
      return {
        actorId: actor.id,
        actor: actor.name,
        goal: t.goal,
        step: t.step ?? 'kerjasama',
        activity: (lang === 'en' ? t.activity_en : undefined) ?? t.activity ?? null,
        by: round(t.by, `targets.${i}.by`, roundIds[roundIds.length - 1]!),
      };
    }),
    outcomes: (spec.outcomes ?? []).map((o, i) => ({
      round: round(o.round, `outcomes.${i}.round`, ''),
      text: (lang === 'en' ? o.text_en : undefined) ?? o.text,
    })),
  };
}
