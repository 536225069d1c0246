/**
 * Audience editions: who the report is for decides what it may show.
 *
 * - `internal`: everything, names included (for the facilitator and the group itself);
 * - `kelurahan` (default, the safest edition that still serves the facilitator's sharing):
 *   every respondent is **pseudonymised** (stable codes A01, A02, … derived from a per-case secret:
 *   the same person has the same code in every round and every run, and the codes cannot be
 *   guessed from the names); respondents listed in `privacy.named` (organisations that agreed
 *   to be named) keep their names; **trust** in a named outside actor is shown only as a mean over
 *   at least `privacy.minRaters` (default 3) raters, smaller cells are suppressed with a note;
 *   individual tie lists, raw values in the data-quality log and trust-gap recommendations (which
 *   quote one person's rating) are left out. Cooperation levels, contact frequency and MoUs are
 *   facts about a working relation, not opinions, and stay.
 * - `dinas`: as `kelurahan`, and the group's members are not listed one by one (no per-member
 *   rows in the actor appendix, member nodes unlabelled on maps).
 *
 * The secret is read from JEJARING_SECRET, or from `.jejaring-secret` in the case folder, which is
 * created on first use (edition.ts `caseSecret`; keep it with the case, never share it; it is not
 * an input file and is ignored by git).
 */
import { createHmac } from 'node:crypto';
import { type Edition, editionOf } from './edition.ts';
import type { Translator } from './i18n.ts';
import { normaliseName } from './ingest/roster.ts';
import type { Metrics } from './model/metrics.ts';
import type { Responses } from './model/responses.ts';
import { sharedMessage } from './quality.ts';

/** Codes A01, A02, … for the given actor ids, ordered by a keyed hash of the id (stable, not guessable). */
export function pseudonyms(ids: string[], secret: string): Map<string, string> {
  const ranked = [...ids]
    .map((id) => ({ id, h: createHmac('sha256', secret).update(id).digest('hex') }))
    .sort((a, b) => a.h.localeCompare(b.h));
  const width = Math.max(2, String(ranked.length).length);
  return new Map(ranked.map((r, i) => [r.id, `A${String(i + 1).padStart(width, '0')}`]));
}

/**
 * Every way an actor's name can appear in text: name, aliases and id, as written and as a form
 * field or header would write them (`enok_hartini`, `Enok Hartini`), longest first.
 */
function spellings(actor: { id: string; name: string; aliases: string[] }): string[] {
  const forms = [actor.name, ...actor.aliases, actor.id].flatMap((n) => [
    n,
    n.replace(/[-_]+/g, ' '),
    n.replace(/[\s-]+/g, '_'),
    n.replace(/[\s_]+/g, '-'),
  ]);
  return [...new Set(forms.map((f) => f.trim()).filter((f) => f.length >= 2))];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Case folding for the candidate test below: a text the redactor's pattern matches folds to contain the spelling's first word. */
const fold = (text: string) => text.toLowerCase().toUpperCase().toLowerCase();

/**
 * A function that replaces, in any text, every spelling of a coded actor's name by its code
 * (case and spacing ignored, whole words only): export headers such as
 * `Seberapa percaya Anda? [Enok Hartini Wulandari]` become `Seberapa percaya Anda? [A03]`.
 * A city case has thousands of spellings, and one pattern of them all takes V8 most of a second
 * to compile; so each distinct text gets a pattern of only the spellings whose first word it
 * contains (every spelling that could match it), and its result is kept.
 */
export function redactor(coded: { id: string; name: string; aliases: string[] }[], code: Map<string, string>): (text: string) => string {
  const pairs = coded.flatMap((a) => spellings(a).map((s) => [s, code.get(a.id)!] as const)).sort((x, y) => y[0].length - x[0].length);
  if (pairs.length === 0) return (text) => text;
  const key = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ');
  const byKey = new Map(pairs.map(([s, c]) => [key(s), c]));
  const candidates = pairs.map(([s]) => ({ spelling: s, first: fold(s.split(/[\s_-]+/)[0]!) }));
  const done = new Map<string, string>();
  return (text) => {
    let result = done.get(text);
    if (result !== undefined) return result;
    const folded = fold(text);
    const here = candidates.filter((c) => folded.includes(c.first));
    if (here.length === 0) result = text;
    else {
      const pattern = new RegExp(
        `(?<![\\p{L}\\p{N}])(?:${here.map((c) => escapeRegExp(c.spelling).replace(/[\s_-]+/g, '[\\s_-]+')).join('|')})(?![\\p{L}\\p{N}])`,
        'giu',
      );
      result = text.replace(pattern, (found) => byKey.get(key(found)) ?? found);
    }
    done.set(text, result);
    return result;
  };
}

/**
 * The responses as a shared edition may carry them. Coded (renamed to A01, A02, …): every group
 * member, whether they answered or not, and every outside actor who answered, except those in
 * `privacy.named`. A coded actor keeps no alias and no one-of-a-kind attribute (a member's type
 * `ketua` or `bendahara` becomes `anggota`). The data-quality log keeps code, file, line and
 * column, with every coded name in them replaced by its code, and drops the values read.
 */
export function pseudonymise(responses: Responses, edition: Edition, named: string[], tr: Translator): Responses {
  if (!edition.shared || edition.secret === null) return responses;
  const secret = edition.secret;
  // respondents who agreed to be named, as written in case.yaml (roster names or ids)
  const keep = new Set(
    named.flatMap((n) => responses.actors.filter((a) => a.id === n || normaliseName(a.name) === normaliseName(n)).map((a) => a.id)),
  );
  const respondents = new Set(responses.rounds.flatMap((r) => r.respondents));
  const coded = responses.actors.filter((a) => (a.member || respondents.has(a.id)) && !keep.has(a.id));
  const code = pseudonyms(
    coded.map((a) => a.id),
    secret,
  );
  const id = (x: string) => code.get(x) ?? x;
  const redact = redactor(coded, code);
  const generic = (a: (typeof coded)[number]) => (a.member ? 'anggota' : a.category);
  return {
    ...responses,
    actors: responses.actors.map((a) => (code.has(a.id) ? { ...a, id: id(a.id), name: id(a.id), aliases: [], type: generic(a) } : a)),
    knownTies: responses.knownTies.map((k) => ({ ...k, a: id(k.a), b: id(k.b) })),
    rounds: responses.rounds.map((r) => ({
      ...r,
      respondents: r.respondents.map(id).sort(),
      ties: r.ties
        .map((t) => ({ ...t, from: id(t.from), to: id(t.to) }))
        .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    })),
    plan: responses.plan
      ? {
          ...responses.plan,
          targets: responses.plan.targets.map((t) => (code.has(t.actorId) ? { ...t, actorId: id(t.actorId), actor: id(t.actorId) } : t)),
        }
      : null,
    // the log keeps code, file, line, column and the counts; the values read (names, answers) are dropped
    quality: responses.quality.map((q) => ({
      ...q,
      file: redact(q.file),
      column: q.column === null ? null : redact(q.column),
      value: null,
      correctedTo: null,
      message: sharedMessage(q, tr),
    })),
  };
}

/**
 * Trust in an actor (outside actor or member) rated by fewer than `minRaters` respondents is
 * suppressed (null), together with everything that would reveal one person's rating: what each
 * respondent gave (mean, count, sum), the per-tie change lists, the discordant-pair lists and
 * trust-gap recommendations. Internal editions are unchanged.
 */
export function suppressSmallCells(metrics: Metrics): Metrics {
  const { minRaters } = metrics.settings;
  if (!editionOf(metrics.settings).shared) return metrics;
  const raters = new Map(metrics.rounds.flatMap((r) => r.actors.map((a) => [`${r.round.id}:${a.id}`, a.trustRaters] as const)));
  const small = (round: string, id: string) => (raters.get(`${round}:${id}`) ?? 0) < minRaters;
  const rounds = metrics.rounds.map((r) => ({
    ...r,
    actors: r.actors.map((a) => {
      const given = { ...a, trustGiven: null, trustGivenCount: null, strength: { ...a.strength, trustOut: null } };
      return small(r.round.id, a.id) ? { ...given, trustReceived: null, strength: { ...given.strength, trustIn: null } } : given;
    }),
    groupView: r.groupView.map((g) => (small(r.round.id, g.id) ? { ...g, meanTrust: null, trustBack: null } : { ...g, trustBack: null })),
    discordantPairs: [],
  }));
  return {
    ...metrics,
    rounds,
    comparisons: metrics.comparisons.map((c) => ({
      ...c,
      ties: { ...c.ties, list: [] },
      actors: c.actors.map((a) => ({
        ...a,
        trustFrom: small(c.from, a.id) ? null : a.trustFrom,
        trustTo: small(c.to, a.id) ? null : a.trustTo,
      })),
    })),
    recommendations: metrics.recommendations.filter((r) => r.rule !== 'trust-gap'),
  };
}
