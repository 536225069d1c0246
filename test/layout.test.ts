/**
 * The union layout off the critical path: the force layout run in a worker thread gives the same
 * positions, to the bit, as the same steps in this thread, whatever the number of threads; the
 * network stage started early (`networkStarted`) ends with exactly `network`'s output; above the
 * layout limit no force layout is computed and the report draws the map by category.
 */

import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { MAP_DETAIL_LIMIT } from '../pipeline/charts/category-map.ts';
import { ingestCase } from '../pipeline/ingest.ts';
import { ALL_ASKED } from '../pipeline/metrics/asked.ts';
import type { Actor, RoundResponses, Tie } from '../pipeline/model/responses.ts';
import { LAYOUT_LIMIT, LAYOUT_WORKER_FROM, network, networkStarted, unionLayout, unionLayoutInBackground } from '../pipeline/network.ts';
import { SAMPLE, tr } from './helpers.ts';

/** A roster of `n` actors, all but a few tied, with two rounds of random ties. */
function roster(n: number, seed: string): { actors: Actor[]; rounds: RoundResponses[] } {
  const rng = seedrandom(seed);
  const actors: Actor[] = Array.from({ length: n }, (_, i) => ({
    id: `a${String(i).padStart(3, '0')}`,
    name: `Aktor ${i}`,
    type: 'anggota',
    category: i % 3 ? 'internal' : 'pemasaran',
    aliases: [],
    member: i % 3 !== 0,
  }));
  const tie = (from: string, to: string): Tie => ({
    from,
    to,
    trust: 4,
    cooperation: 2,
    frequency: 2,
    resources: [],
    formal: false,
    source: { file: 'rounds/01.csv', line: 2 },
  });
  const rounds = ['01', '02'].map((id, r): RoundResponses => {
    const ties: Tie[] = [];
    for (let k = 0; k < n * (1 + r); k++) {
      const [s, t] = [Math.floor(rng() * (n - 5)), Math.floor(rng() * (n - 5))];
      if (s !== t) ties.push(tie(actors[s]!.id, actors[t]!.id));
    }
    return { round: { id, label: `Putaran ${id}`, date: null, file: `rounds/${id}.csv` }, respondents: [], ties, asked: ALL_ASKED };
  });
  return { actors, rounds };
}

describe('the union layout', () => {
  const { actors, rounds } = roster(260, 'layout');
  const here = unionLayout(actors, rounds);
  it('is the same in a worker thread as in this one, to the bit', async () => {
    expect(actors.length).toBeGreaterThanOrEqual(LAYOUT_WORKER_FROM);
    expect(JSON.stringify(await unionLayoutInBackground(actors, rounds, [], 2))).toBe(JSON.stringify(here));
    expect(JSON.stringify(await unionLayoutInBackground(actors, rounds, [], 1))).toBe(JSON.stringify(here));
  });
  it('places every actor in the unit square, the never-tied ones on the outer ring', () => {
    expect(Object.keys(here).sort()).toEqual(actors.map((a) => a.id));
    for (const p of Object.values(here)) expect(Math.max(Math.abs(p.x - 0.5), Math.abs(p.y - 0.5))).toBeLessThanOrEqual(0.46);
    expect(Math.hypot(here.a259!.x - 0.5, here.a259!.y - 0.5)).toBeCloseTo(0.46, 3);
  });
  it('is computed exactly for the maps the report draws actor by actor', () => {
    expect(MAP_DETAIL_LIMIT).toBe(LAYOUT_LIMIT);
  });
});

describe('the network stage started early', () => {
  it('ends with exactly the output of network()', async () => {
    const { responses } = await ingestCase(SAMPLE, tr, { SOURCE_DATE_EPOCH: '1700000000' });
    const started = networkStarted(responses);
    const whole = network(responses);
    expect(started.graphs.rounds).toEqual(whole.rounds);
    expect(JSON.stringify(await started.networks)).toBe(JSON.stringify(whole));
  });
});
