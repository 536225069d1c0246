/**
 * A group's digest: the little its build hands on to the combined view of a folder
 * (combined.ts), read from the group's own metrics of this edition, so that the counts and
 * verdicts the dinas sees are the ones in the group's own report:
 * - the rounds (labels, dates, members on the roster and members who answered);
 * - the four steps of the development model: resource systems mapped and known (step 1), the
 *   plan's targets (step 2), and the targets of the trust and cooperation steps reached by their
 *   round (steps 3 and 4, plan.ts);
 * - each primary figure (figures.ts `step`: known, trust, cooperation) first → last round on that
 *   comparison's panel, with the group's own calibrated verdict (evidence/family.ts) and what its
 *   status is worded from (the test's p, interval and detectable change stay in its own report);
 * - flags: baseline only (one round), response below half in some round, and a **relapse**: a
 *   primary figure tested `up` in an earlier comparison of consecutive rounds whose value on the
 *   panel of the last two rounds is lower again (described, not tested: under a plan the later
 *   test is one-sided, so a fall cannot be concluded, only shown);
 * - the outside actors the members name in the last round, with their status (metrics/status.ts)
 *   and the key they are matched by across groups (shared-actors.ts).
 */
import { RESOURCE_SYSTEMS } from './domain.ts';
import { overallComparison } from './evidence/wording.ts';
import { DEFAULT_PRIMARY } from './figures.ts';
import type { Digest, DigestChange, DigestFigure, StepTargets } from './model/combined.ts';
import type { Metrics } from './model/metrics.ts';

/** How the outside actors of the case are matched and named: by id in this edition's metrics. */
export interface DigestInput {
  /** The match key and shared id of each outside actor (shared-actors.ts `actorKeys`); an actor missing here matches nothing. */
  keys: Map<string, { key: string; sharedId: string | null }>;
  /** Actors this edition codes (respondents not named in privacy.named): shown by their resource system only. */
  coded: Set<string>;
  /** case.yaml `analysis.comparison`. */
  comparison: boolean;
}

/** A round's response is low when fewer than half its members answered (a flag of the group, a mark in the dinas view). */
export const lowResponse = (rate: number | null) => rate !== null && rate < 0.5;

export function digest(m: Metrics, input: DigestInput): Digest {
  const last = m.rounds[m.rounds.length - 1]!;
  const overall = overallComparison(m);
  const consecutive = m.comparisons.filter((c) => c.kind === 'consecutive');
  const figures: DigestFigure[] = DEFAULT_PRIMARY.map((id) => {
    const c = overall?.figures[id];
    const change: DigestChange | null = c
      ? {
          before: c.before,
          after: c.after,
          change: c.change,
          network: c.network,
          status: c.status,
          reason: c.reason,
          direction: c.direction,
          panel: c.panel,
          raters: c.raters,
          verdict: c.verdict,
        }
      : null;
    return { figure: id, change, latest: last.network[id] };
  });
  const lastStep = consecutive.at(-1);
  const relapse = DEFAULT_PRIMARY.filter((id) => {
    if (consecutive.length < 2) return false;
    const gained = consecutive.slice(0, -1).some((c) => c.figures[id].verdict === 'up');
    const change = lastStep!.figures[id].change;
    return gained && change !== null && change < 0;
  });
  const step = (s: 'kepercayaan' | 'kerjasama'): StepTargets | null => {
    if (!m.plan) return null;
    const targets = m.plan.targets.filter((t) => t.step === s);
    return { reached: targets.filter((t) => t.reached).length, total: targets.length };
  };
  const systems = RESOURCE_SYSTEMS.map((s) => last.resourceSystems[s]);
  const panel = overall ? overall.figures.known.panel : null;
  // a copy of its own: a folder run keeps every case's digest until the combined view, and this one must hold nothing of its
  // case's build (no object of its metrics, no string cut from or joined onto the text of its files)
  return structuredClone<Digest>({
    case: m.case.name,
    group: m.case.group,
    kelurahan: m.case.kelurahan,
    kota: m.case.kota,
    comparison: input.comparison,
    trustScale: m.settings.trustScale,
    rounds: m.rounds.map((r) => ({
      id: r.round.id,
      label: r.round.label,
      date: r.round.date,
      members: r.network.members,
      memberRespondents: r.network.memberRespondents,
      responseRate: r.network.responseRate,
    })),
    panel,
    steps: {
      systemsMapped: systems.filter((r) => r.mapped > 0).length,
      systemsKnown: systems.filter((r) => r.known > 0).length,
      targets: m.plan ? m.plan.total : null,
      trust: step('kepercayaan'),
      cooperation: step('kerjasama'),
    },
    figures,
    flags: {
      baselineOnly: m.rounds.length === 1,
      lowResponse: m.rounds.some((r) => lowResponse(r.network.responseRate)),
      relapse,
    },
    resourceSystems: last.resourceSystems,
    actors: last.groupView
      .filter((a) => a.membersNaming > 0)
      .map((a) => {
        const k = input.keys.get(a.id) ?? { key: `case:${m.case.name}|${a.id}`, sharedId: null };
        return { key: k.key, sharedId: k.sharedId, name: input.coded.has(a.id) ? null : a.name, category: a.category, status: a.status };
      }),
  });
}
