/**
 * The chart thread of a folder run (charts/render-thread.ts) draws the same bytes as drawing here,
 * in the same order; a chart that fails there fails alone, with the message drawing it here gives;
 * the charts a thread held when it stops are drawn here.
 */
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../pipeline/charts/render.ts';
import { chartThreadId, drawSvg, stopChartThread, useChartThread } from '../pipeline/charts/render-thread.ts';
import { chartDefs } from '../pipeline/charts.ts';
import { translator } from '../pipeline/i18n.ts';
import { runToMetrics, SAMPLE } from './helpers.ts';

describe('the chart thread', async () => {
  const { networks, metrics } = await runToMetrics(SAMPLE);
  const defs = chartDefs(networks, metrics, translator('id')).filter((d) => !d.specOnly);
  const here: string[] = [];
  for (const d of defs) here.push(await renderSvg(d.id, d.spec));

  it('draws the sample’s charts to the same bytes as here, in order', async () => {
    expect(defs.length).toBeGreaterThan(5);
    useChartThread(1);
    expect(chartThreadId()).toBeNull();
    useChartThread(2);
    expect(chartThreadId()).toBeGreaterThan(0);
    const there = await Promise.all(defs.map((d) => drawSvg(d.id, d.spec)));
    expect(there).toEqual(here);
  });

  it('fails a broken chart alone, with the message drawing it here gives, and draws the next', async () => {
    const spec = { data: { values: [] }, mark: 'no-such-mark' } as never;
    const message = await renderSvg('broken', spec).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(message).not.toBeNull();
    useChartThread(2);
    const broken = drawSvg('broken', spec);
    const next = drawSvg(defs[0]!.id, defs[0]!.spec);
    await expect(broken).rejects.toThrow(message!);
    expect(await next).toBe(here[0]);
  });

  it('draws here the charts a thread held when it stops, to the same bytes', async () => {
    useChartThread(2);
    const first = chartThreadId();
    const held = defs.map((d) => drawSvg(d.id, d.spec));
    await stopChartThread();
    expect(chartThreadId()).toBeNull();
    expect(await Promise.all(held)).toEqual(here);
    useChartThread(2);
    expect(chartThreadId()).not.toBe(first);
    expect(await drawSvg(defs[1]!.id, defs[1]!.spec)).toBe(here[1]);
    await stopChartThread();
  });
});
