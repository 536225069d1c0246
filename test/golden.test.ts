/**
 * Golden files for the deterministic intermediates of the sample: metrics.json and every chart's
 * Vega-Lite spec (not pixels). A mismatch fails and writes the new output beside the golden one as
 * `<name>-changed.<ext>` to compare with a diff tool; goldens are never written by the tests, so CI
 * cannot rewrite them. After a deliberate change, look at the diff, then run
 * `npm run golden` (which copies each `-changed` file over its golden) and commit both.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { charts } from '../pipeline/charts.ts';
import { runToMetrics, SAMPLE, tr } from './helpers.ts';

const GOLDEN = join(import.meta.dirname, 'golden', 'sample');
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Compare with the golden file; on a mismatch write `-changed` beside it. */
function golden(name: string, actual: string): { matches: boolean; path: string } {
  const path = join(GOLDEN, name);
  const changed = path.replace(/(\.[^./]+)$/, '-changed$1');
  const expected = existsSync(path) ? readFileSync(path, 'utf8') : null;
  if (expected === actual) {
    rmSync(changed, { force: true });
    return { matches: true, path };
  }
  mkdirSync(dirname(changed), { recursive: true });
  writeFileSync(changed, actual);
  return { matches: false, path: changed };
}

describe('golden files of the sample', async () => {
  const { networks, metrics } = await runToMetrics(SAMPLE);
  const chartList = await charts(networks, metrics, tr);

  it('metrics.json', () => {
    const result = golden('metrics.json', json(metrics));
    expect(result.matches, `differs from the golden file: see ${result.path}`).toBe(true);
  });
  it.each(chartList.map((c) => c.id))('chart %s: its Vega-Lite spec', (id) => {
    const chart = chartList.find((c) => c.id === id)!;
    const result = golden(`charts/${id}.vl.json`, json(chart.spec));
    expect(result.matches, `differs from the golden file: see ${result.path}`).toBe(true);
  });
  it('has no golden chart that the sample no longer draws', () => {
    const dir = join(GOLDEN, 'charts');
    const goldens = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.vl.json') && !f.includes('-changed')) : [];
    expect(goldens.map((f) => f.replace('.vl.json', '')).sort()).toEqual(chartList.map((c) => c.id).sort());
  });
});
