/**
 * The edition of a report: who it is for decides what it may show. The audience is chosen once,
 * at the front door (`--audience`, default kelurahan), resolved here with the case's privacy
 * settings into the case's `Settings.audience`, and every rule that depends on it is written in
 * this file and read from here by the stages (what files are written, whether member nodes are
 * labelled, whether members are listed one by one):
 *
 * - `internal`: everything, names included (for the facilitator and the group itself);
 * - `kelurahan` (default): respondents pseudonymised with stable codes, small trust cells
 *   suppressed, no file of individual answers or ties (privacy.ts does the pseudonymising and
 *   the suppression);
 * - `dinas`: as kelurahan, and members are not listed one by one nor labelled on maps: a
 *   ranking or a sentence naming actors names the outside actors and counts the members in it
 *   ("Warung Susi, 2 dari 10 anggota"; `listed`, read by the ranking chart and the key-actor text).
 *
 * A shared edition needs the case's secret (`caseSecret`); it is read here, before any
 * work, so that a read-only case folder without `JEJARING_SECRET` stops at once with one line.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JejaringError } from './errors.ts';
import type { Translator } from './i18n.ts';
import type { Settings } from './model/responses.ts';

export const AUDIENCES = ['internal', 'kelurahan', 'dinas'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const DEFAULT_AUDIENCE: Audience = 'kelurahan';

/** What an edition may show, decided from its audience alone. */
export interface EditionRules {
  audience: Audience;
  /** Names replaced by codes, trust cells under `minRaters` suppressed (kelurahan, dinas). */
  shared: boolean;
  /** Files of individual answers: responses.json, network.json, GEXF, tie tables (internal only). */
  answerFiles: boolean;
  /** Member nodes labelled on the maps (not in dinas). */
  labelMembers: boolean;
  /** Members listed one by one in tables and rankings (not in dinas). */
  listMembers: boolean;
  /**
   * The detail charts: each round's network map, the rankings, the trust and ladder distributions,
   * trust per actor, change per actor and the plan chart (internal only). A shared edition shows the
   * change map, the Venn diagrams, reach, the member/outside split and the change figures, and its
   * folder holds no chart it does not show.
   */
  detailCharts: boolean;
}

export function editionRules(audience: Audience): EditionRules {
  const shared = audience !== 'internal';
  return {
    audience,
    shared,
    answerFiles: !shared,
    labelMembers: audience !== 'dinas',
    listMembers: audience !== 'dinas',
    detailCharts: !shared,
  };
}

/** The rules of the edition a stage's input was built for. */
export const editionOf = (settings: Pick<Settings, 'audience'>) => editionRules(settings.audience);

/** One place of a ranked list as an edition shows it: an actor by itself, or the members in the list together. */
export type Listed<A> = { actor: A; members?: never } | { actor?: never; members: A[] };

/**
 * A ranked list of actors as this edition may show it: every actor by itself where members are
 * listed; in dinas the outside actors by themselves and the members of the list as one place, where
 * the first of them ranked (so the list keeps its length in places, not in people).
 */
export function listed<A extends { member: boolean }>(rules: EditionRules, ranked: readonly A[]): Listed<A>[] {
  if (rules.listMembers) return ranked.map((actor) => ({ actor }));
  const members = ranked.filter((a) => a.member);
  return ranked.flatMap((a): Listed<A>[] => (!a.member ? [{ actor: a }] : a === members[0] ? [{ members }] : []));
}

/** The names of a ranked list as the edition may print them: "Warung Susi", "2 dari 10 anggota" (`total`: the group's members). */
export function listedNames(rules: EditionRules, ranked: readonly { name: string; member: boolean }[], total: number, tr: Translator) {
  return listed(rules, ranked).map((place) =>
    place.actor ? place.actor.name : tr.t('report.audience.members', { count: tr.integer(place.members.length), total: tr.integer(total) }),
  );
}

/** The resolved edition of one case: its rules and, for shared editions, the secret its codes come from. */
export interface Edition extends EditionRules {
  secret: string | null;
}

/** `--audience` as typed (any case) → the audience, or a usage error listing the choices. */
export function parseAudience(text: string): Audience {
  const audience = text.trim().toLowerCase();
  if (!(AUDIENCES as readonly string[]).includes(audience)) {
    throw new JejaringError('USAGE_VALUE', { option: '--audience', value: text, allowed: AUDIENCES.join(', ') }, null, 2);
  }
  return audience as Audience;
}

/** Resolve the edition of a case folder: its rules, and the secret when the edition is shared. */
export function resolveEdition(audience: Audience, caseDir: string, env: NodeJS.ProcessEnv = process.env): Edition {
  const rules = editionRules(audience);
  return { ...rules, secret: rules.shared ? caseSecret(caseDir, env) : null };
}

export const SECRET_FILE = '.jejaring-secret';

/**
 * The case's secret: `JEJARING_SECRET`, else `.jejaring-secret` in the case folder, created on
 * first use. A case folder that cannot be written (read-only, shared) and has no secret yet stops
 * the run with one line saying how to give one.
 */
export function caseSecret(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.JEJARING_SECRET) return env.JEJARING_SECRET;
  const path = join(dir, SECRET_FILE);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(24).toString('hex');
  try {
    writeFileSync(path, `${secret}\n`, { flag: 'wx', mode: 0o600 });
  } catch (cause) {
    // another run created it meanwhile: use that one
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(path, 'utf8').trim();
    throw new JejaringError('SECRET_UNWRITABLE', {}, { file: path }, 1, { cause });
  }
  return secret;
}
