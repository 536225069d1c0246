/**
 * Differencing: from everything a shared folder holds, no suppressed trust cell can be pinned to
 * one value. The attacker (test/disclosure.ts) knows every rated tie and its cooperation level and
 * turns each trust figure of the folder into a constraint on the unknown ratings; a suppressed cell
 * (trust in an actor rated by fewer than `privacy.minRaters`) must keep at least two feasible
 * totals. The other files of the folder (tables, workbook, charts, report) must publish no trust
 * figure beyond those the model already holds.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Excel from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editionRules } from '../pipeline/edition.ts';
import { translator } from '../pipeline/i18n.ts';
import type { Metrics } from '../pipeline/model/metrics.ts';
import type { Responses } from '../pipeline/model/responses.ts';
import { pseudonymise } from '../pipeline/privacy.ts';
import { run } from '../pipeline/run.ts';
import {
  broken,
  type CountConstraint,
  feasible,
  type LevelsConstraint,
  type Model,
  notPinned,
  possibleTotals,
  type SumConstraint,
} from './disclosure.ts';
import { fixture, runOptions, tempDir, withSecret } from './helpers.ts';

const SECRET = 'uji-beda';
const tr = translator('id');

describe('the disclosure search', () => {
  // Two outside actors X (ties 0, 1) and Y (ties 2, 3), both suppressed; the mean over all four
  // ties is published as 3.5 (total 14).
  const base: Model = { size: 4, max: 5, sums: [{ what: 'all', ties: [0, 1, 2, 3], sum: 14 }], levels: [], counts: [] };
  it('leaves a cell open when only the total of two suppressed cells is known', () => {
    expect(possibleTotals(base, [0, 1])).toEqual([4, 5, 6, 7, 8, 9, 10]);
  });
  it('pins a cell when the other one is published (the old failure: per-code sums)', () => {
    const y: SumConstraint = { what: 'Y', ties: [2, 3], sum: 9 };
    expect(possibleTotals({ ...base, sums: [...base.sums, y] }, [0, 1])).toEqual([5]);
  });
  it('pins a cell through the distribution of levels: three 5s and one 1, and Y holds no 1', () => {
    const levels: LevelsConstraint = { what: 'levels', ties: [0, 1, 2, 3], counts: [1, 0, 0, 0, 3] };
    const y: SumConstraint = { what: 'Y', ties: [2, 3], sum: 10 };
    const model = { ...base, sums: [{ what: 'all', ties: [0, 1, 2, 3], sum: 16 }, y], levels: [levels] };
    expect(possibleTotals(model, [0, 1])).toEqual([6]);
    expect(notPinned(model, [0, 1], 6)).toBe(false);
    expect(notPinned(base, [0, 1], 6)).toBe(true);
    expect(feasible({ ...base, levels: [levels] })).toBe(false); // 14 ≠ 1 + 5 + 5 + 5
  });
  it('pins a cell through a count of pairs: no pair differs by 2 or more', () => {
    // X ← tie 0, Y ← tie 1, a pair; the two add up to 6 and do not differ by two steps
    const pair: CountConstraint = {
      what: 'pairs',
      items: [{ ties: [0, 1], category: ([a, b]) => (Math.abs(a! - b!) >= 2 ? 1 : 0) }],
      counts: [1, 0],
    };
    const model: Model = { size: 2, max: 5, sums: [{ what: 'all', ties: [0, 1], sum: 6 }], levels: [], counts: [pair] };
    expect(possibleTotals(model, [0])).toEqual([3]);
    expect(possibleTotals({ ...model, counts: [] }, [0])).toEqual([1, 2, 3, 4, 5]);
  });
});

interface Tie {
  round: number;
  from: string;
  to: string;
  fromMember: boolean;
  toMember: boolean;
  trust: number | null;
  cooperation: number | null;
}

/** Build the internal and the shared edition of a case; the internal one holds the answers the attacker is after. */
async function editions(caseDir: string, audience: 'kelurahan' | 'dinas') {
  const dir = join(tempDir(), 'kasus');
  cpSync(caseDir, dir, { recursive: true });
  return withSecret(SECRET, async () => ({
    dir,
    internal: await run(runOptions(dir), tr),
    shared: await run(runOptions(dir, { audience }), tr),
  }));
}

/** Internal id → the id the shared edition shows (its code, or the id itself), by the pipeline's own pseudonymising. */
function codes(responses: Responses, caseDir: string): Map<string, string> {
  const named = ((parse(readFileSync(join(caseDir, 'case.yaml'), 'utf8')) as { privacy?: { named?: string[] } }).privacy?.named ??
    []) as string[];
  const coded = pseudonymise(responses, { ...editionRules('kelurahan'), secret: SECRET }, named, tr);
  return new Map(responses.actors.map((a, i) => [a.id, coded.actors[i]!.id]));
}

const read = <T>(dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;

/** The attacker's model of one shared folder, the true ratings, and the suppressed cells. */
function attack(internal: string, shared: string, caseDir: string) {
  const responses = read<Responses>(internal, 'responses.json');
  const code = codes(responses, caseDir);
  const net = read<{
    rounds: {
      respondents: string[];
      graph: {
        nodes: { key: string; attributes: { member: boolean } }[];
        edges: { source: string; target: string; attributes: { trust: number | null; cooperation: number | null; origin: string } }[];
      };
    }[];
  }>(internal, 'network.json');
  const m = read<Metrics>(shared, 'metrics.json');
  const max = m.settings.trustScale;

  // every survey tie, with the shared edition's ids; the rated ones are the unknowns
  const ties: Tie[] = net.rounds.flatMap((r, round) => {
    const member = new Map(r.graph.nodes.map((n) => [n.key, n.attributes.member]));
    return r.graph.edges
      .filter((e) => e.attributes.origin === 'survey')
      .map((e) => ({
        round,
        from: code.get(e.source)!,
        to: code.get(e.target)!,
        fromMember: member.get(e.source)!,
        toMember: member.get(e.target)!,
        trust: e.attributes.trust,
        cooperation: e.attributes.cooperation,
      }));
  });
  const rated = ties.filter((t) => t.trust !== null);
  const index = new Map(rated.map((t, i) => [t, i]));
  const truth = rated.map((t) => t.trust!);
  const idx = (list: Tie[]) => list.filter((t) => t.trust !== null).map((t) => index.get(t)!);
  const sums: SumConstraint[] = [];
  const counts: CountConstraint[] = [];
  const levels: LevelsConstraint[] = [];
  /** A published mean over `list`: its total is the mean times the count, to the rounding of the file. */
  const mean = (what: string, list: Tie[], value: number | null) => {
    const i = idx(list);
    if (value !== null && i.length > 0) sums.push({ what, ties: i, sum: Math.round(value * i.length) });
  };
  const cells: { what: string; ties: number[]; member: boolean }[] = [];
  const respondents = net.rounds.map((r) => new Set(r.respondents.map((id) => code.get(id)!)));

  m.rounds.forEach((r, round) => {
    const here = ties.filter((t) => t.round === round);
    const label = r.round.id;
    for (const a of r.actors) {
      const into = here.filter((t) => t.to === a.id);
      expect(idx(into).length, `raters of ${a.id} in ${label}`).toBe(a.trustRaters);
      mean(`${label}: trust in ${a.id}`, into, a.trustReceived);
      if (a.strength.trustIn !== null) sums.push({ what: `${label}: trust sum of ${a.id}`, ties: idx(into), sum: a.strength.trustIn });
      if (a.trustReceived === null && into.length > 0)
        cells.push({ what: `${label}: trust in ${a.id}`, ties: idx(into), member: a.member });
      // what each respondent gave is a cell of its own, never published
      expect([a.trustGiven, a.trustGivenCount, a.strength.trustOut]).toEqual([null, null, null]);
    }
    for (const g of r.groupView) {
      const fromMembers = here.filter((t) => t.to === g.id && t.fromMember);
      mean(`${label}: members' trust in ${g.id}`, fromMembers, g.meanTrust);
      const all = idx(here.filter((t) => t.to === g.id));
      if (g.meanTrust === null && idx(fromMembers).length > 0 && idx(fromMembers).length < all.length)
        cells.push({ what: `${label}: members' trust in ${g.id}`, ties: idx(fromMembers), member: false });
    }
    mean(
      `${label}: members' trust in outside actors`,
      here.filter((t) => t.fromMember && !t.toMember),
      r.network.trust,
    );
    mean(`${label}: mean trust`, here, r.network.meanTrust);
    levels.push({ what: `${label}: trust levels`, ties: idx(here), counts: r.trustLevels });
    // discordant pairs: the published count less the pairs whose cooperation levels (published) differ by 2 or more
    const pairs = here
      .filter((t) => t.from < t.to)
      .flatMap((t) => here.filter((u) => u.from === t.to && u.to === t.from).map((u) => [t, u]));
    const far = (x: number | null, y: number | null) => x !== null && y !== null && Math.abs(x - y) >= 2;
    const cooperation = pairs.filter(([t, u]) => far(t!.cooperation, u!.cooperation)).length;
    const trustPairs = pairs.filter(([t, u]) => t!.trust !== null && u!.trust !== null);
    const d = r.network.discordantPairs - cooperation;
    counts.push({
      what: `${label}: discordant pairs`,
      items: trustPairs.map(([t, u]) => ({
        ties: [index.get(t!)!, index.get(u!)!],
        category: ([x, y]: number[]) => (far(x!, y!) ? 1 : 0),
      })),
      counts: [trustPairs.length - d, d],
    });
  });

  for (const c of m.comparisons) {
    const [ra, rb] = [c.from, c.to].map((id) => m.rounds.findIndex((r) => r.round.id === id)) as [number, number];
    const panel = new Set([...respondents[ra]!].filter((id) => respondents[rb]!.has(id)));
    const of = (round: number) => ties.filter((t) => t.round === round && panel.has(t.from));
    const [ta, tb] = [of(ra), of(rb)];
    const label = `${c.from}→${c.to}`;
    for (const [round, list, key] of [
      [ra, ta, 'before'],
      [rb, tb, 'after'],
    ] as const) {
      const f = c.figures.trust?.[key] ?? null;
      mean(
        `${label}: panel members' trust in outside actors, ${key}`,
        list.filter((t) => t.fromMember && !t.toMember),
        f,
      );
      mean(`${label}: panel mean trust, ${key}`, list, c.figures.meanTrust?.[key] ?? null);
      for (const a of c.actors) {
        const v = key === 'before' ? a.trustFrom : a.trustTo;
        mean(
          `${label}: members' trust in ${a.id}, ${key}`,
          ties.filter((t) => t.round === round && t.to === a.id && t.fromMember),
          v,
        );
      }
    }
    // each panel tie of both rounds: strengthened, weakened, mixed or unchanged (0–3), from its trust and cooperation moves
    const kind = (trust: number, cooperation: number) => {
      const up = trust > 0 || cooperation > 0;
      const down = trust < 0 || cooperation < 0;
      return up && down ? 2 : up ? 0 : down ? 1 : 3;
    };
    const sign = (p: number | null, q: number | null) => (p === null || q === null ? 0 : Math.sign(q - p));
    const target = [c.ties.strengthened, c.ties.weakened, c.ties.mixed, c.ties.unchanged];
    const items: CountConstraint['items'] = [];
    for (const t of ta) {
      const u = tb.find((x) => x.from === t.from && x.to === t.to);
      if (!u) continue;
      const coop = sign(t.cooperation, u.cooperation);
      if (t.trust !== null && u.trust !== null)
        items.push({ ties: [index.get(t)!, index.get(u)!], category: ([x, y]: number[]) => kind(Math.sign(y! - x!), coop) });
      else target[kind(0, coop)]!--; // no trust to compare: its kind is known from the cooperation levels
    }
    counts.push({ what: `${label}: tie changes`, items, counts: target });
  }
  return { model: { size: rated.length, max, sums, levels, counts } satisfies Model, truth, cells, metrics: m };
}

describe('the kelurahan edition of a small sparse case', async () => {
  const caseDir = fixture('privacy');
  const { dir, internal, shared } = await editions(caseDir, 'kelurahan');
  const { model, truth, cells, metrics } = attack(internal, shared, caseDir);

  it('is a case where suppression bites', () => {
    expect(cells.length).toBeGreaterThanOrEqual(8);
    expect(cells.filter((c) => c.what.includes(': trust in A'))).not.toHaveLength(0);
    expect(model.size).toBeGreaterThan(25);
  });
  it('models every published trust figure right: the true ratings meet every constraint', () => {
    expect(model.sums.length).toBeGreaterThan(10);
    expect(broken(model, truth)).toBeNull();
  });
  it('is the dinas edition too: its metrics.json holds the same trust figures', async () => {
    const dinas = await withSecret(SECRET, () => run(runOptions(dir, { audience: 'dinas' }), tr));
    const m = read<Metrics>(dinas, 'metrics.json');
    expect({ ...m, settings: { ...m.settings, audience: 'kelurahan' } }).toEqual(metrics);
  });
  it('pins no suppressed cell to one value', () => {
    const pinned = cells
      .filter(
        (c) =>
          !notPinned(
            model,
            c.ties,
            c.ties.reduce((t, i) => t + truth[i]!, 0),
            truth,
          ),
      )
      .map((c) => c.what);
    expect(pinned).toEqual([]);
  });
  it('would catch a leak: with all but one suppressed outside cell of a round published, the last one is pinned', () => {
    const total = (ties: number[]) => ties.reduce((t, i) => t + truth[i]!, 0);
    const outside = cells.filter((c) => !c.member && c.what.includes(': trust in '));
    const rounds = [...new Set(outside.map((c) => c.what.split(':')[0]!))];
    const lasts = rounds.map((r) => outside.filter((c) => c.what.startsWith(`${r}:`))).filter((list) => list.length >= 2);
    expect(lasts.length).toBeGreaterThan(0);
    for (const list of lasts) {
      const last = list.at(-1)!;
      const leaky = { ...model, sums: [...model.sums, ...list.slice(0, -1).map((c) => ({ ...c, sum: total(c.ties) }))] };
      expect(notPinned(leaky, last.ties, total(last.ties), truth), last.what).toBe(false);
      expect(notPinned(model, last.ties, total(last.ties), truth), last.what).toBe(true);
    }
  });
  it('publishes no trust figure elsewhere that metrics.json does not hold', async () => {
    const byId = new Map(metrics.rounds.map((r) => [r.round.id, new Map(r.actors.map((a) => [a.id, a]))]));
    // tables/actors-<round>.csv: the same trust columns as metrics.json, empty where suppressed
    for (const r of metrics.rounds) {
      const [head, ...lines] = readFileSync(join(shared, `tables/actors-${r.round.id}.csv`), 'utf8')
        .trim()
        .split('\n');
      const cols = head!.split(',');
      for (const line of lines) {
        const row = Object.fromEntries(line.split(',').map((v, i) => [cols[i]!, v]));
        const a = byId.get(r.round.id)!.get(row.id!)!;
        const num = (v: number | null) => (v === null ? '' : String(Number(v.toFixed(9))));
        expect(
          [row.trustReceived, row.strengthTrustIn, row.trustGiven, row.strengthTrustOut].map((v) => (v ? String(Number(v)) : '')),
        ).toEqual([num(a.trustReceived), num(a.strength.trustIn), '', '']);
      }
    }
    // the trust-per-actor chart is a detail chart: not in a shared folder
    expect(existsSync(join(shared, 'charts/trust-actors.vl.json'))).toBe(false);
    // the workbook: the actor sheets hold the trust of metrics.json, and there is no sheet of ties
    const book = new Excel.Workbook();
    await book.xlsx.load(readFileSync(join(shared, 'tables.xlsx')) as unknown as ArrayBuffer);
    const tabs = book.worksheets.map((w) => w.name);
    expect(tabs.some((t) => /ikatan/i.test(t))).toBe(false);
    for (const sheet of book.worksheets) {
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const trustCol = header.indexOf(tr.t('charts.workbook.trustReceived'));
      const idCol = header.indexOf('id');
      if (trustCol < 0 || idCol < 0) continue;
      const round = metrics.rounds.find((r) => sheet.name.includes(r.round.id))!;
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        const a = byId.get(round.round.id)!.get(String(row.getCell(idCol).value));
        if (!a) return;
        const cell = row.getCell(trustCol).value;
        expect(cell === null || cell === undefined ? null : Number(cell)).toEqual(a.trustReceived);
      });
    }
    // the report's partner table: trust first › last, a dash on the side of a round where it is suppressed
    const html = readFileSync(join(shared, 'report.html'), 'utf8');
    const [CELL, NUM] = ['<td>[^<]*</td>', '<td class="num">[^<]*</td>'];
    const rows = [
      // actor, resource system, members naming, trust, status
      ...html.matchAll(
        new RegExp(`<tr(?: class="cooperating")?><td>([^<]*)</td>${CELL}${NUM}<td class="num">([^<]*)</td>${CELL}</tr>`, 'g'),
      ),
    ];
    const shown = [metrics.rounds[0]!, metrics.rounds.at(-1)!];
    shown.forEach((r, side) => {
      for (const g of r.groupView.filter((x) => x.meanTrust === null && x.membersNaming > 0)) {
        const row = rows.find((x) => x[1] === g.name);
        expect(row, g.name).toBeDefined();
        expect(row![2]!.split(' › ')[side], `${g.name}, ${r.round.id}`).toBe('–');
      }
    });
  });
});
