/**
 * Seeded synthetic KUBE cases for bench/calibrate.ts: 8–15 members, 10–25 outside actors, with
 * latent person effects (activity, how trusting, how cooperative), latent actor effects (how well
 * known, how trustworthy, how cooperative), a lasting propensity of each member–actor pair, and
 * tie noise in every round. Two outside actors answer every round, three more only the last one
 * (as in the sample). A scenario sets the rounds, members who leave before the last round, fresh
 * latent effects every round, and a round-2 rise of trust for a share of the members.
 */

import seedrandom from 'seedrandom';
import { DEFAULTS } from '../pipeline/config.ts';
import { DEFAULT_PRIMARY } from '../pipeline/figures.ts';
import { ALL_ASKED } from '../pipeline/metrics/asked.ts';
import type { Plan } from '../pipeline/model/plan.ts';
import type { Actor, Networks, Responses, Settings, Tie } from '../pipeline/model/responses.ts';
import { buildRoundGraph } from '../pipeline/network.ts';

export interface Scenario {
  name: string;
  rounds: number;
  /** Members who do not answer the last round. */
  leave: number;
  /** Fresh latent effects every round. */
  independent: boolean;
  /** Round-2 trust rise of every rating, for this share of the members; capped at 5 unless `uncapped`. */
  effect: number;
  share: number;
  uncapped?: boolean;
  /** Extra outside actors on the roster, named by nobody unless `newActors` of them are named in round 2, each by one member. */
  spare?: number;
  newActors?: number;
  plan: boolean;
}

const CATEGORIES = ['pemasaran', 'pelatihan', 'permodalan', 'legalitas', 'lainnya'] as const;
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** One synthetic case as the ingest stage would hand it on. */
export function synthetic(s: Scenario, seed: string): Responses {
  const rng = seedrandom(seed);
  const between = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const m = between(8, 15);
  const k = between(10, 25);
  const members = Array.from({ length: m }, (_, i) => `m${i}`);
  const outside = Array.from({ length: k }, (_, i) => `o${i}`);
  const actors: Actor[] = [
    ...members.map((id, i) => ({
      id,
      name: `Anggota ${i + 1}`,
      type: 'anggota',
      category: 'internal' as const,
      aliases: [],
      member: true,
    })),
    ...outside.map((id, i) => ({ id, name: `Pihak ${i + 1}`, type: 'lembaga', category: CATEGORIES[i % 5]!, aliases: [], member: false })),
  ];
  const spares = Array.from({ length: s.spare ?? 0 }, (_, i) => `n${i}`);
  actors.push(
    ...spares.map((id, i) => ({
      id,
      name: `Pihak baru ${i + 1}`,
      type: 'lembaga',
      category: 'lainnya' as const,
      aliases: [],
      member: false,
    })),
  );
  const ids = [...members, ...outside];
  const effects = () => ({
    activity: new Map(ids.map((id) => [id, 0.7 * normal(rng)])),
    popularity: new Map(ids.map((id) => [id, normal(rng)])),
    trusting: new Map(ids.map((id) => [id, 0.6 * normal(rng)])),
    trusted: new Map(ids.map((id) => [id, 0.6 * normal(rng)])),
    cooperative: new Map(ids.map((id) => [id, 0.6 * normal(rng)])),
    pair: new Map<string, number>(),
  });
  let latent = effects();
  const pair = (a: string, b: string) => {
    const key = `${a}>${b}`;
    if (!latent.pair.has(key)) latent.pair.set(key, normal(rng));
    return latent.pair.get(key)!;
  };
  const answering = outside.slice(0, 2);
  const joining = outside.slice(2, 5);
  const shuffled = () => {
    const out = [...members];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const leaving = new Set(shuffled().slice(0, s.leave));
  const risen = new Set(shuffled().slice(0, Math.round(m * s.share)));
  const rounds = Array.from({ length: s.rounds }, (_, r) => {
    if (s.independent && r > 0) latent = effects();
    const last = r === s.rounds - 1;
    const respondents = [...members.filter((id) => !(last && leaving.has(id))), ...answering, ...(last ? joining : [])];
    const ties: Tie[] = [];
    for (const from of respondents) {
      const isMember = from.startsWith('m');
      for (const to of isMember ? ids : members) {
        if (to === from) continue;
        const base = isMember ? (to.startsWith('m') ? -0.4 : -1.6) : -1.2;
        if (rng() >= logistic(base + latent.activity.get(from)! + 0.8 * latent.popularity.get(to)! + 0.8 * pair(from, to))) continue;
        const rise = r === 1 && s.effect && risen.has(from) ? s.effect : 0;
        const trust = clamp(3.6 + latent.trusting.get(from)! + latent.trusted.get(to)! + 0.6 * normal(rng), 1, 5);
        const cooperation = clamp(1.6 + latent.cooperative.get(from)! + latent.cooperative.get(to)! + 0.8 * normal(rng), 0, 5);
        ties.push({
          from,
          to,
          trust: s.uncapped ? trust + rise : Math.min(5, trust + rise),
          cooperation,
          frequency: clamp(2 + 0.5 * (cooperation - 1.6) + normal(rng), 0, 4),
          resources: cooperation >= 2 ? ['informasi'] : [],
          formal: cooperation >= 3 && rng() < 0.2,
          source: { file: `r${r + 1}.csv`, line: ties.length + 2 },
        });
      }
    }
    if (r === 1 && s.newActors) {
      // from a stream of their own, so the rest of the case is the same with or without them
      const extra = seedrandom(`${seed}:new-actors`);
      const named = respondents.filter((id) => id.startsWith('m'));
      for (let j = 0; j < s.newActors; j++) {
        const from = named[Math.floor(extra() * named.length)]!;
        ties.push({
          from,
          to: `n${j}`,
          trust: 4,
          cooperation: 1,
          frequency: 1,
          resources: [],
          formal: false,
          source: { file: 'r2.csv', line: 0 },
        });
      }
    }
    const id = `r${r + 1}`;
    return {
      round: { id, label: `Putaran ${r + 1}`, date: null, file: `${id}.csv` },
      respondents: respondents.sort(),
      ties,
      asked: ALL_ASKED,
    };
  });
  const settings: Settings = {
    audience: 'internal',
    minRaters: DEFAULTS.minRaters,
    trustScale: 5,
    reportDate: null,
    strongTie: { ...DEFAULTS.strongTie },
    cooperatingLevel: DEFAULTS.cooperatingLevel,
    topActors: DEFAULTS.topActors,
    analysis: { primary: DEFAULT_PRIMARY.map((f) => ({ figure: f, direction: null })) },
  };
  const plan: Plan | null = s.plan
    ? {
        decided: 'r1',
        targets: outside.slice(5, 8).map((o, i) => ({
          actorId: o,
          actor: o,
          goal: 'cooperating' as const,
          step: i === 0 ? ('kepercayaan' as const) : ('kerjasama' as const),
          activity: null,
          by: 'r2',
        })),
        outcomes: [],
      }
    : null;
  const name = `calibrate-${seed}`;
  return {
    case: { name, group: name, rw: null, kelurahan: null, kecamatan: null, kota: null },
    settings,
    plan,
    actors,
    knownTies: [],
    rounds,
    quality: [],
    summary: { rowsRead: 0, rowsKept: 0, rowsCorrected: 0, rowsRejected: 0, rowsSuperseded: 0 },
  };
}

/**
 * The network stage without the map layout (verdicts never read positions): the same graphs,
 * built by the stage's own `buildRoundGraph`.
 */
export function networksOf(responses: Responses): Networks {
  return {
    ...responses,
    rounds: responses.rounds.map((r) => ({
      round: r.round,
      respondents: r.respondents,
      asked: r.asked,
      graph: buildRoundGraph(responses.actors, r, responses.settings, responses.knownTies).export(),
    })),
    layout: {},
  };
}
