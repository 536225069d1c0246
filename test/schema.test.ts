import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { fixture, runToMetrics, SAMPLE, tempDir } from './helpers.ts';

const schemaPath = new URL('../schema/metrics.schema.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
  definitions: Record<string, { properties?: Record<string, { description?: string }> }>;
};

describe('schema/metrics.schema.json', () => {
  it('is up to date with the Metrics type (regenerate with npm run schema)', () => {
    const out = join(tempDir(), 'schema.json');
    execFileSync(
      'npx',
      [
        'ts-json-schema-generator',
        '--path',
        'pipeline/metrics.ts',
        '--type',
        'Metrics',
        '--tsconfig',
        'tsconfig.json',
        '--no-type-check',
        '-o',
        out,
      ],
      { stdio: 'pipe' },
    );
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(schema);
  });
  it.each([
    'NetworkFigures',
    'ActorMetrics',
    'Reach',
    'Strength',
    'Brokerage',
    'GroupTie',
    'RoundMetrics',
    'Comparison',
    'FigureChange',
    'ChangeInterval',
    'PanelSummary',
    'ActorChange',
    'EvidenceSummary',
    'FamilyTest',
    'PrimaryFigure',
    'Qap',
  ])('documents every field of %s', (name) => {
    const props = schema.definitions[name]?.properties ?? {};
    const exempt = new Set(['id', 'name', 'type', 'category', 'member', 'round']);
    const undocumented = Object.entries(props)
      .filter(([k, v]) => !exempt.has(k) && !v.description)
      .map(([k]) => k);
    expect(undocumented).toEqual([]);
  });
  it.each([
    ['sample', SAMPLE],
    ['tiny', fixture('tiny')],
  ])('validates the metrics.json of the %s case', async (_name, dir) => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const { metrics } = await runToMetrics(dir);
    const ok = validate(JSON.parse(JSON.stringify(metrics)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
});
