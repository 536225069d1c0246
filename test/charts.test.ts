import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeActorRows, changeActorsChart } from '../pipeline/charts/change.ts';
import { changeMap, firstToLast, roundSurveyTies, tieDrawing } from '../pipeline/charts/change-map.ts';
import { shareRows } from '../pipeline/charts/distributions.ts';
import { uniqueLabels } from '../pipeline/charts/dots.ts';
import { labelForms, labelHeight, placeLabels, segmentCrossesBox } from '../pipeline/charts/labels.ts';
import { ringRadius } from '../pipeline/charts/venn.ts';
import { chartDefs } from '../pipeline/charts.ts';
import { tieChanges } from '../pipeline/compare/tie-changes.ts';
import { changeSentence } from '../pipeline/evidence/wording.ts';
import { FIGURES } from '../pipeline/figures.ts';
import type { Metrics } from '../pipeline/model/metrics.ts';
import type { Networks } from '../pipeline/model/responses.ts';
import { suppressSmallCells } from '../pipeline/privacy.ts';
import { runToMetrics, SAMPLE, tr } from './helpers.ts';

describe('placeLabels', () => {
  it.each([1, 2, 3, 4, 5])('labels never overlap each other, another node or the chart edge (seed %d)', (seed) => {
    const rng = seedrandom(String(seed));
    const nodes = Array.from({ length: 40 }, (_, i) => ({
      id: `n${i}`,
      text: `Aktor nomor ${i} ${'x'.repeat(Math.floor(rng() * 8))}`,
      x: 20 + rng() * 600,
      y: 20 + rng() * 520,
      r: 3 + rng() * 10,
      bold: i < 5,
    }));
    const segments = Array.from({ length: 60 }, () => {
      const [a, b] = [nodes[Math.floor(rng() * 40)]!, nodes[Math.floor(rng() * 40)]!];
      return { x: a.x, y: a.y, x2: b.x, y2: b.y };
    });
    const placed = placeLabels(nodes, nodes, { width: 640, height: 560, fontSize: 11, segments });
    expect(placed.length).toBeGreaterThan(10);
    for (const l of placed) {
      expect(l.box.x0).toBeGreaterThanOrEqual(0);
      expect(l.box.x1).toBeLessThanOrEqual(640);
      expect(l.box.y0).toBeGreaterThanOrEqual(0);
      expect(l.box.y1).toBeLessThanOrEqual(560);
      const own = nodes.find((n) => n.id === l.id)!;
      for (const n of nodes) {
        if (n === own) continue;
        const hit = l.box.x0 < n.x + n.r && n.x - n.r < l.box.x1 && l.box.y0 < n.y + n.r && n.y - n.r < l.box.y1;
        expect(hit, `${l.lines.join(' ')} covers ${n.id}`).toBe(false);
      }
    }
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) {
        const hit = a.box.x0 < b.box.x1 && b.box.x0 < a.box.x1 && a.box.y0 < b.box.y1 && b.box.y0 < a.box.y1;
        expect(hit, `${a.lines.join(' ')} / ${b.lines.join(' ')}`).toBe(false);
      }
    }
    // the crossings it reports are the crossings there are
    for (const l of placed) {
      const inner = { x0: l.box.x0 + 1, y0: l.box.y0 + 1, x1: l.box.x1 - 1, y1: l.box.y1 - 1 };
      expect(segments.filter((s) => segmentCrossesBox(s, inner)).length).toBe(l.crossings);
    }
  });

  it('labels the most important actors first', () => {
    const nodes = [
      { id: 'a', text: 'Penting', x: 100, y: 100, r: 5, bold: true },
      { id: 'b', text: 'Kurang penting', x: 100, y: 100, r: 5, bold: false },
    ];
    expect(placeLabels(nodes, [], { width: 400, height: 400, fontSize: 11 })[0]!.id).toBe('a');
  });

  it('moves a label off a tie that runs through its first place (above the node)', () => {
    const node = { id: 'a', text: 'Warung Ronal', x: 200, y: 200, r: 6, bold: false };
    // a tie passing just above the node, where the label would go first
    const tie = { x: 100, y: 188, x2: 300, y2: 188 };
    const [alone] = placeLabels([node], [node], { width: 400, height: 400, fontSize: 11 });
    expect(alone!.box.y1).toBeLessThanOrEqual(194);
    expect(segmentCrossesBox(tie, alone!.box)).toBe(true);
    const [moved] = placeLabels([node], [node], { width: 400, height: 400, fontSize: 11, segments: [tie] });
    expect(moved!.crossings).toBe(0);
    expect(segmentCrossesBox(tie, moved!.box)).toBe(false);
  });

  it('crosses a tie only when every place crosses one, and then backs the label', () => {
    const node = { id: 'a', text: 'Warung', x: 200, y: 200, r: 6, bold: false };
    // a dense fan of ties through the node in every direction
    const ties = Array.from({ length: 72 }, (_, k) => {
      const t = (k * Math.PI) / 36;
      return { x: 200 - 150 * Math.cos(t), y: 200 - 150 * Math.sin(t), x2: 200 + 150 * Math.cos(t), y2: 200 + 150 * Math.sin(t) };
    });
    const [l] = placeLabels([node], [node], { width: 400, height: 400, fontSize: 11, segments: ties });
    expect(l!.crossings).toBeGreaterThan(0);
  });

  it('places a required label further out, with a leader line, when its node is boxed in', () => {
    const target = { id: 't', text: 'Warung Ronal', x: 200, y: 200, r: 6, bold: false, required: true };
    const optional = { ...target, id: 'o', required: false };
    // neighbours on every side within a label's reach
    const crowd = [-1, 0, 1]
      .flatMap((i) => [-1, 0, 1].map((j) => ({ x: 200 + 34 * i, y: 200 + 20 * j, r: 8 })))
      .filter((n) => n.x !== 200 || n.y !== 200);
    const nodes = [{ x: 200, y: 200, r: 6 }, ...crowd];
    expect(placeLabels([optional], nodes, { width: 400, height: 400, fontSize: 11 })).toEqual([]);
    const [l] = placeLabels([target], nodes, { width: 400, height: 400, fontSize: 11 });
    expect(l).toBeDefined();
    expect(l!.leader).not.toBeNull();
  });

  it('breaks a long name into two balanced lines as a second form', () => {
    expect(labelForms('PAUD', 11, false)).toEqual([['PAUD']]);
    expect(labelForms('Dinas Kesehatan Kota Bandung', 11, false)).toEqual([
      ['Dinas Kesehatan Kota Bandung'],
      ['Dinas Kesehatan', 'Kota Bandung'],
    ]);
    expect(labelHeight(2, 11)).toBeGreaterThan(labelHeight(1, 11) + 11);
  });
});

describe('segmentCrossesBox', () => {
  const box = { x0: 0, y0: 0, x1: 10, y1: 10 };
  it.each([
    [{ x: -5, y: 5, x2: 15, y2: 5 }, true],
    [{ x: 5, y: 5, x2: 6, y2: 6 }, true],
    [{ x: -5, y: -5, x2: -1, y2: 20 }, false],
    [{ x: -5, y: 12, x2: 12, y2: -5 }, true],
    [{ x: -5, y: 26, x2: 26, y2: -5 }, false],
    [{ x: 11, y: 0, x2: 11, y2: 10 }, false],
  ])('%o → %s', (s, crosses) => {
    expect(segmentCrossesBox(s, box)).toBe(crosses);
  });
});

it('the Venn rings put closer cooperation nearer the centre, unknown actors outside', () => {
  const radii = [5, 4, 3, 2, 1, 0].map(ringRadius);
  expect(radii).toEqual([...radii].sort((a, b) => a - b));
  expect(ringRadius(null)).toBeGreaterThan(ringRadius(0));
});

describe('charts of the sample', () => {
  let metrics: Metrics;
  let networks: Networks;
  beforeAll(async () => {
    ({ metrics, networks } = await runToMetrics(SAMPLE));
  });

  it('give each chart a text alternative (its finding, then what is drawn) and a table of what it draws', () => {
    const defs = chartDefs(networks, metrics, tr);
    expect(defs.length).toBeGreaterThanOrEqual(15);
    for (const d of defs) {
      expect(d.alt.startsWith(d.title.endsWith('.') ? d.title : `${d.title}.`), d.id).toBe(true);
      expect(d.alt.endsWith(` ${d.description}`), d.id).toBe(true);
      expect(d.table.rows.length, d.id).toBeGreaterThan(0);
      expect(d.table.numeric.length).toBe(d.table.columns.length);
      for (const row of d.table.rows) expect(row.length, d.id).toBe(d.table.columns.length);
    }
    // the change chart adds the sentence of each tested figure, as the summary table words it
    const change = defs.find((d) => d.id === 'change-figures')!;
    const overall = metrics.comparisons.at(-1)!;
    const primary = FIGURES.filter((f) => overall.figures[f.id].primary);
    expect(primary.length).toBe(3);
    for (const f of primary) expect(change.alt).toContain(changeSentence(tr, metrics.settings, f.id, overall.figures[f.id]));
  });

  it('count each changed tie at both its ends in the change map table, as the map draws it', () => {
    const d = chartDefs(networks, metrics, tr).find((c) => c.id === 'change-map')!;
    const column = (name: string) => d.table.columns.indexOf(name);
    const sum = (name: string) => d.table.rows.reduce((s, r) => s + Number(r[column(name)]), 0);
    // the title: "86 baru, 16 hilang, 55 tetap"
    expect(d.title).toContain('86 baru, 16 hilang, 55 tetap');
    expect(sum(tr.t('charts.table.change.added'))).toBe(2 * 86);
    expect(sum(tr.t('charts.table.change.dropped'))).toBe(2 * 16);
    expect(sum(tr.t('charts.table.change.kept'))).toBe(2 * 55);
  });

  it('list no member one by one in the map tables of the dinas edition: they are summed in one row', () => {
    const dinas = { ...metrics, settings: { ...metrics.settings, audience: 'dinas' as const } };
    const members = metrics.rounds[0]!.actors.filter((a) => a.member).map((a) => a.name);
    expect(members.length).toBe(10);
    for (const d of chartDefs(networks, dinas, tr).filter((c) => /^(network-|change-map)/.test(c.id))) {
      const names = d.table.rows.map((r) => r[0]);
      for (const name of members) expect(names, d.id).not.toContain(name);
      expect(names[0]).toBe(tr.t('charts.table.members', { n: 10 }));
    }
  });

  it.each([
    ['internal', (m: Metrics) => m],
    [
      'kelurahan (small trust cells suppressed)',
      (m: Metrics) => suppressSmallCells({ ...m, settings: { ...m.settings, audience: 'kelurahan' } }),
    ],
  ])('the per-actor change chart takes each row label and its values from the same actor (%s)', (_name, edition) => {
    const m = edition(metrics);
    const { order, values } = changeActorRows(m);
    const labels = uniqueLabels(m.rounds.at(-1)!.groupView);
    expect(new Set(order).size).toBe(order.length);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) {
      const actor = m.rounds.find((r) => r.round.label === v.round)!.groupView.find((a) => a.id === v.id)!;
      expect(v.item).toBe(labels.get(v.id));
      expect(order).toContain(v.item);
      expect(v.trust).toBe(actor.meanTrust);
      expect(v.cooperation).toBe(actor.bestCooperation);
    }
    // both panels use the one row order
    const def = changeActorsChart(m, tr)!;
    const panels = (def.spec as unknown as { hconcat: { encoding: { y: { scale: { domain: string[] } } } }[] }).hconcat;
    expect(panels.map((p) => p.encoding.y.scale.domain)).toEqual([order, order]);
  });

  it('the known answer: Warung Ronal has no trust before and 4,7 after, best cooperation 3 after', () => {
    const { values } = changeActorRows(metrics);
    const ronal = values.filter((v) => v.item === 'Warung Ronal');
    expect(ronal.map((v) => [v.round, v.trust === null ? null : Math.round(v.trust * 10) / 10, v.cooperation])).toEqual([
      [metrics.rounds[0]!.round.label, null, null],
      [metrics.rounds[1]!.round.label, 4.7, 3],
    ]);
  });

  it('the trust and ladder charts plot shares of each round, which sum to one', () => {
    const rows = shareRows([0, 6, 20, 30, 15], String, (i) => i, 'pra');
    expect(rows.map((r) => r.count)).toEqual([0, 6, 20, 30, 15]);
    expect(rows.reduce((s, r) => s + r.share!, 0)).toBeCloseTo(1, 12);
    expect(rows[3]!.share).toBeCloseTo(30 / 71, 12);
    expect(shareRows([0, 0], String, (i) => i, 'x').every((r) => r.share === null)).toBe(true);
    const def = chartDefs(networks, metrics, tr).find((d) => d.id === 'trust-distribution')!;
    const values = (def.spec as unknown as { data: { values: { round: string; share: number }[] } }).data.values;
    for (const round of new Set(values.map((v) => v.round)))
      expect(values.filter((v) => v.round === round).reduce((s, v) => s + v.share, 0)).toBeCloseTo(1, 9);
  });

  it('the change map draws each tie by the comparison rule, and its counts are the comparison counts', () => {
    const comparison = firstToLast(metrics)!;
    // the comparison counts the panel's ties; the ties of the three outside actors who answered only
    // the second round are drawn apart
    const panel = new Set([...comparison.panel.joined.ids, ...comparison.panel.left.ids]);
    const changes = tieChanges(roundSurveyTies(networks.rounds[0]!), roundSurveyTies(networks.rounds[1]!)).filter(
      (c) => !panel.has(c.from),
    );
    expect(comparison.panel.joined.ids).toHaveLength(3);
    expect(changes.filter((c) => c.kind === 'added').length).toBe(comparison.ties.added);
    expect(changes.filter((c) => c.kind === 'dropped').length).toBe(comparison.ties.dropped);
    expect(tieDrawing('added', true)).toBe('added');
    expect(tieDrawing('added', false)).toBe('unanswered');
    expect(tieDrawing('dropped', false)).toBe('unanswered');
    expect(tieDrawing('strengthened', true)).toBe('kept');
    const def = changeMap(networks, metrics, tr)!;
    const layer = (name: string) =>
      (def.spec as unknown as { layer: { name?: string; data?: { values: unknown[] } }[] }).layer.find((l) => l.name === name)?.data
        ?.values ?? [];
    expect(layer('ties_added')).toHaveLength(comparison.ties.added);
    expect(layer('ties_dropped')).toHaveLength(comparison.ties.dropped);
    const kept = comparison.ties.strengthened + comparison.ties.weakened + comparison.ties.mixed + comparison.ties.unchanged;
    expect(layer('ties_kept')).toHaveLength(kept);
    // the five mapping pairs of known-ties.csv, once each, apart from the survey ties
    expect(layer('mapping_ties')).toHaveLength(5);
    expect(def.title).toBe(
      `Ikatan dari ${metrics.rounds[0]!.round.label} ke ${metrics.rounds[1]!.round.label}: 86 baru, 16 hilang, 55 tetap`,
    );
  });

  it('the shared editions draw the same change map although their tie list is left out', () => {
    const shared = suppressSmallCells({ ...metrics, settings: { ...metrics.settings, audience: 'kelurahan' } });
    expect(shared.comparisons[0]!.ties.list).toEqual([]);
    expect(changeMap(networks, shared, tr)!.title).toBe(changeMap(networks, metrics, tr)!.title);
  });

  it('the Venn map labels every plan target, Warung Ronal included', () => {
    const targets = metrics.plan!.targets.map((t) => t.actor);
    expect(targets).toContain('Warung Ronal');
    for (const def of chartDefs(networks, metrics, tr).filter((d) => d.id.startsWith('venn-'))) {
      const layers = (def.spec as unknown as { layer: { name?: string; data?: { values: { lines?: string[] }[] } }[] }).layer;
      const labelled = layers.filter((l) => l.name?.startsWith('map_labels')).flatMap((l) => l.data!.values.map((v) => v.lines!.join(' ')));
      expect(
        targets.filter((t) => !labelled.includes(t)),
        def.id,
      ).toEqual([]);
    }
  });

  it('one chart per id, the change map and the split figures among them', () => {
    const ids = chartDefs(networks, metrics, tr).map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['change-map', 'split-figures', 'network-pra', 'network-pasca', 'venn-pra', 'venn-pasca']));
  });
});
