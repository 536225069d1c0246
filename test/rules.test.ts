/**
 * Rules that used to be written in several places and drifted apart: each is now decided once
 * (figures.ts, scales.ts, metrics/status.ts) and every place that shows it follows the case.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { charts } from '../pipeline/charts.ts';
import { report } from '../pipeline/report.ts';
import { runToMetrics, SAMPLE, tempDir, tr } from './helpers.ts';

/** A copy of the sample with `extra` appended to its case.yaml. */
function sampleWith(extra: string): string {
  const dir = join(tempDir(), 'sample');
  cpSync(SAMPLE, dir, { recursive: true });
  writeFileSync(join(dir, 'case.yaml'), `${readFileSync(join(dir, 'case.yaml'), 'utf8')}\n${extra}\n`);
  return dir;
}

describe('a case on a 4-point trust scale', async () => {
  const dir = sampleWith('trustScale: 4');
  // the sample's answers hold 5s: on a 4-point scale those are rejected, the rest read
  const { networks, metrics } = await runToMetrics(dir);
  const chartList = await charts(networks, metrics, tr);
  const html = report(metrics, networks, chartList, tr);

  it('labels mean trust with its own range and prints the index formula that was used', () => {
    expect(html).toContain('Rata-rata kepercayaan (1–4)');
    expect(html).not.toContain('Rata-rata kepercayaan (1–5)');
    expect(html).toContain(
      '100 × (rata-rata − 1) / 3 pada skala 1–4, sehingga 1 (sangat tidak percaya) &#x3D; 0 dan 4 (sangat percaya) &#x3D; 100',
    );
  });
  it('draws four answers on the trust chart, without the missing middle one', () => {
    const spec = chartList.find((c) => c.id === 'trust-distribution')!.spec as { data: { values: { level: string }[] } };
    expect([...new Set(spec.data.values.map((v) => v.level))]).toEqual([
      '1 Sangat tidak percaya',
      '2 Tidak percaya',
      '3 Percaya',
      '4 Sangat percaya',
    ]);
  });
});

describe('the cooperating level of the case', async () => {
  const base = await runToMetrics(SAMPLE);
  const strict = await runToMetrics(sampleWith('cooperatingLevel: 3'));
  const last = (m: typeof base.metrics) => m.rounds.at(-1)!;
  const cooperating = (m: typeof base.metrics) =>
    last(m).groupView.filter((g) => g.status === 'cooperating' || g.status === 'formal').length;

  it('decides every outside actor status, and a stricter level gives fewer cooperating partners', () => {
    expect(cooperating(strict.metrics)).toBeLessThan(cooperating(base.metrics));
  });
  it('the Venn title, the reach table and the plan all count with it', async () => {
    for (const { networks, metrics } of [base, strict]) {
      const n = cooperating(metrics);
      const venn = (await charts(networks, metrics, tr)).find((c) => c.id === `venn-${last(metrics).round.id}`)!;
      expect(venn.title).toContain(`bekerja sama dengan ${n} dari`);
      const reach = Object.values(last(metrics).resourceSystems).reduce((s, r) => s + r.cooperating, 0);
      const inSystems = last(metrics).groupView.filter(
        (g) => g.category !== 'lainnya' && (g.status === 'cooperating' || g.status === 'formal'),
      ).length;
      expect(reach).toBe(inSystems);
      for (const t of metrics.plan!.targets)
        expect(t.statuses[last(metrics).round.id]).toBe(last(metrics).groupView.find((g) => g.id === t.actorId)!.status);
    }
  });
});
